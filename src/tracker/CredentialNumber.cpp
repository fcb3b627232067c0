#include "tracker/CredentialNumber.hpp"

#include "core/Error.hpp"

namespace peercert::tracker {

namespace {
bool letter_or_digit(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

char ascii_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }
} // namespace

std::string credential_number_key(std::string_view typed) {
  while (!typed.empty() && space(typed.front())) {
    typed.remove_prefix(1);
  }
  while (!typed.empty() && space(typed.back())) {
    typed.remove_suffix(1);
  }
  std::string out(typed);
  for (auto& c : out) {
    c = ascii_upper(c);
  }
  return out;
}

bool well_formed_credential_number(std::string_view number) {
  if (number.empty() || number.size() > credential_number_max) {
    return false;
  }
  bool after_letter_or_digit = false;
  for (const char c : number) {
    if (letter_or_digit(c)) {
      after_letter_or_digit = true;
    } else if ((c == '-' || c == '_' || c == '.') && after_letter_or_digit) {
      after_letter_or_digit = false;
    } else {
      return false;
    }
  }
  return after_letter_or_digit;
}

std::string new_credential_number(std::string_view typed, std::string_view field) {
  std::string number = credential_number_key(typed);
  if (number.empty()) {
    throw core::InputError::about(std::string(field), "is required.");
  }
  if (number.size() > credential_number_max) {
    throw core::InputError::about(std::string(field), "is longer than " +
                                                          std::to_string(credential_number_max) +
                                                          " characters.");
  }
  if (!well_formed_credential_number(number)) {
    throw core::InputError::about(std::string(field),
                                  "must be letters and digits with one - _ or . between them, "
                                  "such as MO-CPS-000123.");
  }
  return number;
}

std::optional<std::string> other_program_in_number(std::string_view number,
                                                   std::string_view program,
                                                   std::span<const std::string> program_ids) {
  // Compared letter by letter in one case, without copies: an import asks this of every row.
  const auto begins_with = [&](std::string_view id) {
    if (number.size() <= id.size() || number[id.size()] != '-') {
      return false;
    }
    for (std::size_t i = 0; i < id.size(); ++i) {
      if (ascii_upper(number[i]) != ascii_upper(id[i])) {
        return false;
      }
    }
    return true;
  };
  const std::string* found = nullptr;
  for (const auto& id : program_ids) {
    if (begins_with(id) && (found == nullptr || id.size() > found->size())) {
      found = &id;
    }
  }
  if (found == nullptr || credential_number_key(*found) == credential_number_key(program)) {
    return std::nullopt; // none, or the number's own program is the longest id it begins with
  }
  return *found;
}

} // namespace peercert::tracker

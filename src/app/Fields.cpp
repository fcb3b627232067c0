#include "app/Fields.hpp"

#include "core/Error.hpp"
#include "core/Text.hpp"

#include <algorithm>
#include <cctype>

namespace peercert::app {

using core::InputError;

std::string trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) {
    s.remove_prefix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) {
    s.remove_suffix(1);
  }
  return std::string(s);
}

std::string one_line(std::string_view value, std::string_view field, std::size_t max,
                     bool required) {
  std::string s = trimmed(value);
  if (required && s.empty()) {
    throw InputError::about(std::string(field), "is required.");
  }
  if (!core::valid_utf8(s)) {
    throw InputError::about(std::string(field),
                            "is not UTF-8 text: save the file as UTF-8, or give "
                            "--encoding windows-1252 for a file from Excel.");
  }
  if (std::any_of(s.begin(), s.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
    throw InputError::about(std::string(field), "must be one line of text.");
  }
  if (core::character_count(s) > max) {
    throw InputError::about(std::string(field),
                            "is longer than " + std::to_string(max) + " characters.");
  }
  return s;
}

std::string email_address(std::string_view value, std::string_view field) {
  std::string s = trimmed(value);
  if (s.empty()) {
    return s;
  }
  const auto at = s.find('@');
  const bool ok = s.size() <= 254 && at != std::string::npos && at > 0 &&
                  s.find('@', at + 1) == std::string::npos &&
                  s.find('.', at + 2) != std::string::npos && s.back() != '.' &&
                  std::none_of(s.begin(), s.end(), [](char c) {
                    // No control character (it would reach a mail header and the SMTP
                    // envelope), space or list punctuation.
                    const auto u = static_cast<unsigned char>(c);
                    return u < 0x20 || u == 0x7f || c == ' ' || c == ',' || c == ';' || c == '<' ||
                           c == '>' || c == '"';
                  });
  if (!ok) {
    throw InputError::about(std::string(field),
                            "is not an email address such as name@example.org.");
  }
  return s;
}

bool is_email_address(std::string_view value) {
  try {
    return !email_address(value).empty();
  } catch (const InputError&) {
    return false;
  }
}

std::string phone_number(std::string_view value) {
  std::string s = trimmed(value);
  if (s.empty()) {
    return s;
  }
  const auto digits =
      std::count_if(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  const bool ok = s.size() <= 30 && digits >= 7 && std::all_of(s.begin(), s.end(), [](char c) {
                    return (c >= '0' && c <= '9') || c == ' ' || c == '+' || c == '-' || c == '(' ||
                           c == ')' || c == '.';
                  });
  if (!ok) {
    throw InputError::about("phone", "must be a telephone number of digits, spaces and + - ( ) .");
  }
  return s;
}

std::optional<core::Date> optional_date(std::string_view value, std::string_view field) {
  const std::string s = trimmed(value);
  if (s.empty()) {
    return std::nullopt;
  }
  return core::parse_date_field(s, field);
}

void not_after(const std::optional<core::Date>& d, core::Date as_of, std::string_view field) {
  if (d && *d > as_of) {
    throw InputError::about(std::string(field),
                            "is after the as-of date " + core::format_iso(as_of) + ".");
  }
}

std::vector<std::string> search_words(std::string_view text) {
  const std::string line = one_line(text, "search", 200);
  std::vector<std::string> words;
  const std::string folded = core::search_fold(line);
  std::size_t start = 0;
  while (start < folded.size()) {
    const auto end = folded.find(' ', start);
    const auto word = folded.substr(start, end == std::string::npos ? end : end - start);
    if (!word.empty()) {
      words.push_back(word);
    }
    if (end == std::string::npos) {
      break;
    }
    start = end + 1;
  }
  if (words.empty()) {
    throw InputError::about("search", "is empty: give part of a name, an email or a number.");
  }
  return words;
}

} // namespace peercert::app

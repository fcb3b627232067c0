#include "app/Verification.hpp"

#include "app/Fields.hpp"
#include "app/Lifecycle.hpp"
#include "core/Text.hpp"
#include "store/CredentialRepository.hpp"

#include <algorithm>

namespace peercert::app {

namespace {

/// The letters and digits of folded text, each UTF-8 character once.
std::size_t count_letters(std::string_view folded) {
  std::size_t n = 0;
  for (const char c : folded) {
    const auto u = static_cast<unsigned char>(c);
    if ((u & 0xC0U) != 0x80U && c != ' ' && c != '-' && c != '\'' && c != '.') {
      ++n;
    }
  }
  return n;
}

/// The words of folded text, split at spaces and hyphens.
std::vector<std::string_view> words_of(std::string_view folded) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= folded.size(); ++i) {
    if (i == folded.size() || folded[i] == ' ' || folded[i] == '-') {
      if (i > start) {
        out.push_back(folded.substr(start, i - start));
      }
      start = i + 1;
    }
  }
  return out;
}

/// The last name whole or one whole part of it; the first name by the beginning of any of
/// its words (the query's own words, where it has several, must start that many in a row).
bool name_matches(const tracker::Credential& c, std::string_view last, std::string_view first) {
  const std::string held_last = core::search_fold(c.last_name);
  const auto last_parts = words_of(held_last);
  const bool last_ok = held_last == last ||
                       std::find(last_parts.begin(), last_parts.end(), last) != last_parts.end();
  if (!last_ok) {
    return false;
  }
  const std::string held_first = core::search_fold(c.first_name);
  if (held_first.starts_with(first)) {
    return true;
  }
  for (std::size_t i = 0; i < held_first.size(); ++i) {
    if ((held_first[i] == ' ' || held_first[i] == '-') &&
        std::string_view(held_first).substr(i + 1).starts_with(first)) {
      return true;
    }
  }
  return false;
}

} // namespace

Verification::Verification(const store::Database& db, const rules::ProgramCatalog& programs,
                           Scope scope)
    : db_(db), programs_(programs), scope_(std::move(scope)) {}

report::PublicCredential Verification::published(const tracker::Credential& c,
                                                 core::Date as_of) const {
  // The actor is never used: verification writes nothing.
  const Lifecycle lifecycle(db_, programs_, Actor{"verification", [] { return std::string(); }});
  const auto view = lifecycle.status(c.number, as_of);
  report::PublicCredential out{c.first_name,
                               c.last_name,
                               c.number,
                               c.program,
                               view.program != nullptr ? view.program->name : c.program,
                               renewal::public_status(view.status.status),
                               c.issued_on,
                               view.status.current.cycle.expires_on,
                               std::nullopt};
  if (view.program != nullptr && !view.program->specialties.empty()) {
    out.specialties.emplace();
    for (const auto& held : view.status.specialties) {
      out.specialties->emplace_back(held.specialty->id, held.specialty->name);
    }
  }
  return out;
}

std::optional<report::PublicCredential> Verification::by_number(std::string_view number,
                                                                core::Date as_of) const {
  const std::string wanted = one_line(number, "number", 40, true);
  const auto c = store::CredentialRepository(db_).find(wanted);
  if (!c || !scope_.sees(c->program)) {
    return std::nullopt;
  }
  return published(*c, as_of);
}

std::vector<report::PublicCredential> Verification::by_name(std::string_view last_name,
                                                            std::string_view first_name,
                                                            core::Date as_of) const {
  const std::string last = one_line(last_name, "last_name", 200, true);
  const std::string first = one_line(first_name, "first_name", 200, true);
  const std::string folded_first = core::search_fold(first);
  const std::string folded_last = core::search_fold(last);
  if (count_letters(folded_last) < 2) {
    throw core::InputError("last_name must have at least 2 letters.", "last_name");
  }
  if (count_letters(folded_first) < 2) {
    throw core::InputError("first_name must have at least 2 letters.", "first_name");
  }
  std::vector<report::PublicCredential> out;
  for (const auto& c : store::CredentialRepository(db_).with_name_containing(folded_last)) {
    if (scope_.sees(c.program) && name_matches(c, folded_last, folded_first)) {
      out.push_back(published(c, as_of));
      if (out.size() == max_name_matches) {
        break; // a lookup, not a listing: more letters of the first name narrow it
      }
    }
  }
  return out;
}

} // namespace peercert::app

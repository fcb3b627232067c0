#pragma once
// Program ids: upper-case letters, digits and hyphens in every rule file ("MO-CPS"), so one
// typed in any case ("mo-cps" on the command line, a page or a spreadsheet) is read upper-case.

#include <string>
#include <string_view>

namespace peercert::rules {

/// Whether `id` is written as a rule file must write it.
inline bool is_program_id(std::string_view id) {
  if (id.empty()) {
    return false;
  }
  for (const char c : id) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
      return false;
    }
  }
  return true;
}

/// A program id as typed, upper-cased.
inline std::string program_id(std::string_view typed) {
  std::string out(typed);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    }
  }
  return out;
}

} // namespace peercert::rules

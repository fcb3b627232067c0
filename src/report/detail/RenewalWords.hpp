#pragma once

// For the renewal renderers only (status, reminders, mail): the words they share for a holder,
// hours, fees and days.

#include "renewal/Progress.hpp"
#include "report/CheckReport.hpp"
#include "report/Text.hpp"
#include "tracker/Records.hpp"

#include <optional>
#include <string>

namespace peercert::report::detail {

inline std::string holder(const tracker::Credential& c) { return c.first_name + " " + c.last_name; }

inline constexpr const char* not_defined = "not defined by the rule file";

/// What is still needed, or that the program defines no hours.
inline std::string needed_words(const renewal::CycleProgress& p) {
  return p.defined ? renewal::describe_needed(p.needed) : not_defined;
}

/// "14.50/20.00", or "-" where the program defines no hours.
inline std::string hours_fraction(const renewal::CycleProgress& p) {
  return p.defined ? p.hours_completed.to_string() + "/" + p.hours_required.to_string() : "-";
}

inline Json hours_or_null(const renewal::CycleProgress& p, core::Hours h) {
  return p.defined ? exact_number(h) : Json(nullptr);
}

inline std::string fee_text(const std::optional<core::Money>& fee) {
  return fee ? fee->to_string() : "not defined by the rule file";
}

inline std::string days_text(int days) {
  if (days < 0) {
    return std::to_string(-days) + (days == -1 ? " day" : " days") + " ago";
  }
  if (days == 0) {
    return "expires today";
  }
  return "expires in " + std::to_string(days) + (days == 1 ? " day" : " days");
}

} // namespace peercert::report::detail

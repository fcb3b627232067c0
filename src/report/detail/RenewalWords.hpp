#pragma once

// For the renewal renderers only (status, reminders, mail): the words they share for a holder,
// hours, fees and days.

#include "renewal/Fees.hpp"
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

/// What a renewal filed on the status's day owes, in words: "$125.00 (the $50.00 renewal fee
/// and the $75.00 late fee)", "$50.00", or that the rule file defines no fee.
inline std::string fee_due_text(const renewal::CredentialStatus& s) {
  const auto due = renewal::fee_due(s);
  if (!due) {
    return not_defined;
  }
  if (s.late_fee && *s.late_fee > core::Money{}) {
    return due->to_string() + " (" +
           (s.renewal_fee ? "the " + s.renewal_fee->to_string() + " renewal fee and " : "") +
           "the " + s.late_fee->to_string() + " late fee)";
  }
  return due->to_string();
}

/// The amount alone, for tables: "-" where no fee is defined.
inline std::string fee_due_amount(const renewal::CredentialStatus& s) {
  const auto due = renewal::fee_due(s);
  return due ? due->to_string() : "-";
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

#pragma once

#include "core/Date.hpp"
#include "core/Hours.hpp"
#include "core/Money.hpp"
#include "renewal/Progress.hpp"
#include "renewal/Schedule.hpp"
#include "rules/Program.hpp"

#include <optional>
#include <string>
#include <vector>

namespace peercert::renewal {

enum class Status : std::uint8_t { active, due_soon, expired };
std::string_view to_string(Status s);

/// Where a credential stands on `as_of`.
struct CredentialStatus {
  Status status = Status::active;
  CycleProgress current; ///< the cycle to renew next
  int days_until_expiry = 0;
  int reminder_days = 90; ///< the program's, or DESIGN.md's default of 90
  bool reminder_days_default = true;
  std::optional<core::Money> renewal_fee; ///< in force on `as_of`; empty when undefined
  std::optional<core::Date> late_until;   ///< last day a late renewal is accepted
  std::optional<core::Money> late_fee;
};

/// `renewals_filed` cycles have been renewed (0 … renewals_filed−1), so the credential is in
/// cycle `renewals_filed`. Pure: the date is a parameter.
CredentialStatus status(const rules::Program& program, const Schedule& schedule, int renewals_filed,
                        const std::vector<CeEntry>& entries, core::Date as_of);

/// When the renewal of a cycle may be filed: from `opens` (the reminder window before
/// expiry) to `closes` (expiry, or the end of the late window the program defines). Inside
/// the grace period after expiry (to `grace_until`) no late fee is due.
struct Window {
  core::Date opens;
  core::Date closes;
  bool late_allowed = false;
  std::optional<core::Date> grace_until;
};
Window renewal_window(const rules::Program& program, const Cycle& c);

} // namespace peercert::renewal

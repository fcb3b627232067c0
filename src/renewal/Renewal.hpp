#pragma once

#include "core/Date.hpp"
#include "core/Hours.hpp"
#include "core/Money.hpp"
#include "rules/Program.hpp"

#include <optional>
#include <string>
#include <vector>

namespace peercert::renewal {

/// One continuing-education entry as the renewal rules see it.
struct CeEntry {
  core::Date completed_on;
  core::Hours hours;
  rules::CeCategory category = rules::CeCategory::general;
  rules::CeDelivery delivery = rules::CeDelivery::self_study;
};

/// Renewal cycle k of a credential issued on D: from D + k·N years to the day before
/// D + (k+1)·N years, N the program's cycle length in force on D (DESIGN.md).
struct Cycle {
  int index = 0;
  core::Date start;
  core::Date expires_on;
};

/// The credential's renewal terms, fixed at issue: cycle length from the rule file in force
/// on the issue date. Throws core::InputError when the program defines no renewal cycle.
int cycle_years(const rules::Program& program, core::Date issued_on);
Cycle cycle(int years, core::Date issued_on, int index);

/// The cycle an entry completed on `on` counts for, or nothing before the issue date.
std::optional<int> cycle_of(int years, core::Date issued_on, core::Date on);

/// One CE requirement's hours in a cycle.
struct RequirementProgress {
  const rules::CeRequirement* requirement = nullptr;
  core::Hours required;
  core::Hours completed;
};

/// Hours still needed of one kind, as in "4.00 h of live ethics".
struct NeededPart {
  std::string kind; ///< "live ethics", "ethics", "live", "" for any kind
  core::Hours hours;
};

/// How a cycle stands against the requirements in force on its first day.
struct CycleProgress {
  Cycle cycle;
  std::vector<RequirementProgress> requirements;
  core::Hours hours_required;     ///< the largest requirement: the total to reach
  core::Hours hours_completed;    ///< every entry of the cycle
  core::Hours hours_needed;       ///< the fewest more hours meeting every requirement at once
  std::vector<NeededPart> needed; ///< what kind those hours must be
  bool requirements_met() const { return hours_needed == core::Hours{}; }
};

/// Judges a cycle with the entries completed from its start to `up_to` (at most its expiry).
CycleProgress progress(const rules::Program& program, const Cycle& c,
                       const std::vector<CeEntry>& entries, core::Date up_to);

/// The fewest more hours that meet every requirement at once, and their kinds. Requirements
/// filter entries by category and delivery; an hour of a kind counts toward every
/// requirement whose filter it matches (live ethics toward the total, ethics and live).
std::vector<NeededPart> fewest_hours(const std::vector<RequirementProgress>& requirements);

/// "4.00 h, all live ethics"; "10.00 h, of which 4.00 live ethics"; "none".
std::string describe_needed(const std::vector<NeededPart>& needed);

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
CredentialStatus status(const rules::Program& program, core::Date issued_on, int renewals_filed,
                        const std::vector<CeEntry>& entries, core::Date as_of);

/// When the renewal of a cycle may be filed: from `opens` (the reminder window before
/// expiry) to `closes` (expiry, or the end of the late window the program defines).
struct Window {
  core::Date opens;
  core::Date closes;
  bool late_allowed = false;
};
Window renewal_window(const rules::Program& program, const Cycle& c);

} // namespace peercert::renewal

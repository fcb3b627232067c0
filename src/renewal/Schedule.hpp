#pragma once

#include "core/Date.hpp"
#include "rules/Program.hpp"

#include <optional>

namespace peercert::renewal {

/// One certificate period of a credential: from `start` to `expires_on`, its last valid day.
/// CE entries count for it from `counts_from` (usually `start`; Georgia's first cycle counts
/// from the January after certification) to `expires_on`, both included.
struct Cycle {
  int index = 0;
  core::Date start;
  core::Date expires_on;
  core::Date counts_from;
};

/// The dates a credential's cycles are computed from.
struct CredentialDates {
  core::Date issued_on;
  /// The last valid day of the certificate the holder has now, when imported from a board's
  /// records; the cycle ending on it is cycle 0 and later cycles follow it.
  std::optional<core::Date> expires_on;
  /// Birthday cycles (Washington) end on the holder's birthday.
  std::optional<core::Date> date_of_birth;
};

/// Every cycle of one credential under its program's cycle kind (DESIGN.md, "Cycles"). Each
/// cycle's dates come from one anchor — the issue date or the day after an imported expiry —
/// so they never drift: a 29 February anchor keeps its day in leap years. Pure: no clock.
class Schedule {
public:
  /// Throws core::InputError naming `expires_on` or `date_of_birth` when the program's cycles
  /// cannot run from these dates (a Nebraska expiry that is not 1 September of an odd year, a
  /// birthday cycle without a date of birth), or when the program defines no renewal cycle.
  Schedule(const rules::Program& program, const CredentialDates& dates);

  Cycle cycle(int index) const;
  /// The cycle whose CE window holds `on`, or nothing before the first.
  std::optional<int> cycle_of(core::Date on) const;
  /// The cycle in which `on` falls, counting CE or not; nothing before the first.
  std::optional<int> cycle_containing(core::Date on) const;

  /// Years between consecutive expiries: the program's cycle length in force on the issue date.
  int years() const { return years_; }
  const CredentialDates& dates() const { return dates_; }
  /// The first certificate, shorter than a full cycle (Washington's first, ending on a
  /// birthday); an imported certificate is a first one only when it starts on the issue date.
  bool short_first(int index) const;
  /// The first day of the first full cycle: spanning requirements never count before it.
  core::Date first_full_start() const;

private:
  core::Date end_of(int index) const;
  core::Date start_of(int index) const;
  /// The last valid day in "cycle-year" `year`, for fixed-date and birthday cycles.
  core::Date expiry_in(int year) const;

  rules::CycleRule rule_;
  CredentialDates dates_;
  int years_ = 0;
  int first_year_ = 0;            ///< fixed_date, birthday, calendar_year: the year cycle 0 ends
  core::Date anniversary_anchor_; ///< anniversary: cycle k ≥ 1 (or k ≥ 0) counts from here
};

/// The cycle length of a program in force on `issued_on`. Throws core::InputError when the
/// program defines no renewal cycle.
int cycle_years(const rules::Program& program, core::Date issued_on);

} // namespace peercert::renewal

#include "renewal/Schedule.hpp"

#include "core/Error.hpp"

#include <algorithm>

namespace peercert::renewal {

namespace {

using core::Date;
using core::InputError;

int year_of(Date d) { return static_cast<int>(d.year()); }

Date month_start(Date d) { return Date{d.year() / d.month() / 1}; }
Date new_year(int year) { return Date{date::year{year} / date::January / 1}; }
Date new_years_eve(int year) { return Date{date::year{year} / date::December / 31}; }

bool year_allowed(const rules::CycleRule& rule, int year) {
  switch (rule.years) {
  case rules::YearParity::every:
    return true;
  case rules::YearParity::odd:
    return year % 2 != 0;
  case rules::YearParity::even:
    return year % 2 == 0;
  }
  return true;
}

} // namespace

int cycle_years(const rules::Program& program, core::Date issued_on) {
  const auto* years = program.renewal.every_years.in_force(issued_on);
  if (years == nullptr) {
    throw InputError("The rule file of " + program.id +
                     " does not define a renewal cycle in force on " + core::format_iso(issued_on) +
                     ".");
  }
  return years->value;
}

Schedule::Schedule(const rules::Program& program, const CredentialDates& dates)
    : rule_(program.renewal.cycle), dates_(dates), years_(cycle_years(program, dates.issued_on)),
      anniversary_anchor_(rule_.month_start ? month_start(dates.issued_on) : dates.issued_on) {
  const Date issued = dates.issued_on;
  const auto& imported = dates.expires_on;
  if (imported && *imported < issued) {
    throw InputError("expires_on is before issued_on.");
  }
  switch (rule_.kind) {
  case rules::CycleKind::anniversary:
    if (imported) {
      anniversary_anchor_ = core::add_days(*imported, 1);
      if (rule_.month_start && anniversary_anchor_.day() != date::day{1}) {
        throw InputError("expires_on must be the last day of a month: certificates of " +
                         program.id + " run from the first day of the month they were issued in.");
      }
    }
    return;
  case rules::CycleKind::fixed_date:
    if (imported) {
      const bool on_day = static_cast<unsigned>(imported->month()) == rule_.month &&
                          static_cast<unsigned>(imported->day()) == rule_.day;
      if (!on_day || !year_allowed(rule_, year_of(*imported))) {
        const std::string years = rule_.years == rules::YearParity::odd ? " of an odd-numbered year"
                                  : rule_.years == rules::YearParity::even
                                      ? " of an even-numbered year"
                                      : "";
        throw InputError("expires_on must be " + core::format_day_month(rule_.month, rule_.day) +
                         years + ", the day certificates of " + program.id + " end.");
      }
      first_year_ = year_of(*imported);
    } else {
      first_year_ = year_of(issued);
      while (!year_allowed(rule_, first_year_) || expiry_in(first_year_) <= issued) {
        ++first_year_;
      }
    }
    return;
  case rules::CycleKind::birthday:
    if (!dates.date_of_birth) {
      throw InputError("date_of_birth is needed: certificates of " + program.id +
                       " end on the holder's birthday.");
    }
    if (imported) {
      if (expiry_in(year_of(*imported)) != *imported) {
        throw InputError("expires_on must be the holder's birthday, the day certificates of " +
                         program.id + " end.");
      }
      first_year_ = year_of(*imported);
    } else {
      // The first certificate ends on the first birthday at least one year after issue.
      const Date year_on = core::add_years(issued, 1);
      first_year_ = year_of(year_on);
      while (expiry_in(first_year_) < year_on) {
        ++first_year_;
      }
    }
    return;
  case rules::CycleKind::calendar_year:
    if (imported) {
      if (*imported != new_years_eve(year_of(*imported))) {
        throw InputError("expires_on must be a 31 December, the day certificates of " + program.id +
                         " end.");
      }
      if (year_of(*imported) < year_of(issued) + 1) {
        throw InputError("expires_on must be 31 December of the year after issued_on or later: "
                         "a first certificate of " +
                         program.id + " runs to the end of the following year.");
      }
      first_year_ = year_of(*imported);
    } else {
      first_year_ = year_of(issued) + 1;
    }
    return;
  }
}

Date Schedule::expiry_in(int year) const {
  switch (rule_.kind) {
  case rules::CycleKind::fixed_date:
    return Date{date::year{year} / date::month{rule_.month} / date::day{rule_.day}};
  case rules::CycleKind::birthday:
    return core::add_years(*dates_.date_of_birth, year - year_of(*dates_.date_of_birth));
  case rules::CycleKind::calendar_year:
  case rules::CycleKind::anniversary:
    break;
  }
  return new_years_eve(year);
}

Date Schedule::end_of(int index) const {
  if (rule_.kind == rules::CycleKind::anniversary) {
    const int k = dates_.expires_on ? index : index + 1;
    return core::add_days(core::add_years(anniversary_anchor_, years_ * k), -1);
  }
  return expiry_in(first_year_ + years_ * index);
}

Date Schedule::start_of(int index) const {
  if (index > 0) {
    return core::add_days(end_of(index - 1), 1);
  }
  // Month-start cycles (MI-CPSS) run from the first day of the issue month.
  const Date first_day = rule_.month_start ? month_start(dates_.issued_on) : dates_.issued_on;
  if (!dates_.expires_on) {
    return first_day;
  }
  // An imported certificate: the cycle that ends on its expiry, never before the issue date.
  if (rule_.kind == rules::CycleKind::calendar_year &&
      first_year_ == year_of(dates_.issued_on) + 1) {
    return dates_.issued_on; // the first cycle itself, which runs from the issue date
  }
  const Date before = rule_.kind == rules::CycleKind::anniversary
                          ? core::add_years(anniversary_anchor_, -years_)
                          : core::add_days(expiry_in(first_year_ - years_), 1);
  return std::max(before, first_day);
}

Cycle Schedule::cycle(int index) const {
  Cycle c{index, start_of(index), end_of(index), {}};
  c.counts_from = c.start;
  if (index == 0 && rule_.kind == rules::CycleKind::calendar_year) {
    // CE starts accruing in the January after certification.
    c.counts_from = std::max(c.start, new_year(year_of(dates_.issued_on) + 1));
  }
  return c;
}

std::optional<int> Schedule::cycle_containing(Date on) const {
  if (on < start_of(0)) {
    return std::nullopt;
  }
  int k = std::max(0, (year_of(on) - year_of(end_of(0))) / years_);
  while (k > 0 && start_of(k) > on) {
    --k;
  }
  while (end_of(k) < on) {
    ++k;
  }
  return k;
}

std::optional<int> Schedule::cycle_of(Date on) const {
  const auto k = cycle_containing(on);
  if (!k || on < cycle(*k).counts_from) {
    return std::nullopt;
  }
  return k;
}

bool Schedule::short_first(int index) const {
  if (index != 0) {
    return false;
  }
  const Cycle c = cycle(0);
  return c.start == dates_.issued_on &&
         c.expires_on < core::add_days(core::add_years(c.start, years_), -1);
}

Date Schedule::first_full_start() const { return start_of(short_first(0) ? 1 : 0); }

} // namespace peercert::renewal

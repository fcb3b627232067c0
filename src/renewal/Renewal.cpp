// A credential's whole life, decided in one place: where it stands, each filing, status
// change, endorsement and reinstatement all judge the same periods, windows and fees, and
// keeping them together keeps those judgements from drifting apart (DESIGN.md, "Credential
// lifecycle").

#include "renewal/Renewal.hpp"
#include "renewal/Fees.hpp"

#include "core/Error.hpp"

#include <algorithm>
#include <array>

namespace peercert::renewal {

namespace {

using core::Date;
using core::InputError;

constexpr int default_reminder_days = 90;

constexpr std::array<std::string_view, 6> began_names{"issue",   "initial", "extension",
                                                      "renewal", "import",  "reinstatement"};
constexpr std::array<std::string_view, 4> state_names{"active", "inactive", "suspended", "revoked"};
constexpr std::array<std::string_view, 7> status_names{
    "initial", "active", "due_soon", "expired", "inactive", "suspended", "revoked"};

template <class Enum, std::size_t N>
std::optional<Enum> from_name(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names.at(i) == name) {
      return static_cast<Enum>(i);
    }
  }
  return std::nullopt;
}

/// The status staff set that is in force on `on`: the last change made on or before it.
std::optional<StatusEvent> state_on(const History& h, Date on) {
  std::optional<StatusEvent> out;
  for (const auto& e : h.events) {
    if (e.on <= on && (!out || e.on >= out->on)) {
      out = e;
    }
  }
  return out;
}

bool revoked(const History& h) {
  return std::any_of(h.events.begin(), h.events.end(),
                     [](const StatusEvent& e) { return e.state == State::revoked; });
}

/// The days an initial certificate and its extensions cover, counted together: from the first
/// of the run that ends with the current period to the current period's last day.
Cycle initial_span(const History& h) {
  std::size_t first = h.periods.size() - 1;
  while (first > 0 && h.periods[first - 1].initial()) {
    --first;
  }
  const auto& current = h.periods.back();
  const Date start = h.periods[first].cycle.start;
  return Cycle{current.number, start, current.cycle.expires_on, start};
}

/// The length in whole years of a period that runs from its start, or 1 when it is not a
/// whole number of years long.
int years_long(const Cycle& c) {
  for (int n = 1; n <= 3; ++n) {
    if (core::add_days(core::add_years(c.start, n), -1) == c.expires_on) {
      return n;
    }
  }
  return 1;
}

/// The current period's requirements, judged up to `up_to`; where the holder chooses the
/// length (NY-CPS), those of renewing for `years` years.
CycleProgress judge_requirements(const rules::Program& program, const History& h,
                                 const std::vector<CeEntry>& entries, Date up_to, int years = 1) {
  const auto& current = h.periods.back();
  if (current.initial()) {
    return initial_progress(program, initial_span(h), entries, up_to);
  }
  if (program.renewal.holder_chooses_length()) {
    return chosen_length_progress(program, current.cycle, years, entries, up_to);
  }
  // The schedule's index, so that waivers of a short first cycle see which cycle this is.
  Cycle c = current.cycle;
  c.index = current.index.value_or(0);
  auto out = progress(program, full_schedule(program, h), c, entries, up_to);
  out.cycle.index = current.number;
  return out;
}

std::string list_words(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
  }
  return out;
}

/// A refusal for a credential whose set status stands in the way.
[[noreturn]] void refuse_for_state(const StatusEvent& set, const std::string& number,
                                   std::string_view doing) {
  throw InputError(number + " is " + std::string(to_string(set.state)) + " since " +
                       core::format_iso(set.on) + ": it cannot be " + std::string(doing) +
                       (set.state == State::inactive ? "; reinstate it first." : "."),
                   "status");
}

/// Whether `years` is one of the lengths in force on `on`.
bool contains(const rules::Dated<std::vector<int>>& lengths, int years, Date on) {
  const auto* in_force = lengths.in_force(on);
  return in_force != nullptr &&
         std::find(in_force->value.begin(), in_force->value.end(), years) != in_force->value.end();
}

/// "1, 2 or 3".
std::string lengths_words(const rules::Program& program, Date on) {
  const auto* in_force = program.renewal.lengths.in_force(on);
  std::string out;
  const std::size_t n = in_force != nullptr ? in_force->value.size() : 0;
  for (std::size_t i = 0; i < n; ++i) {
    out += (i == 0 ? "" : i + 1 == n ? " or " : ", ") + std::to_string(in_force->value[i]);
  }
  return out.empty() ? "none in force" : out;
}

/// The specialties held on `on`, judged against the current period.
std::vector<SpecialtyStanding> specialties_on(const rules::Program& program, const History& h,
                                              const std::vector<CeEntry>& entries, Date on) {
  std::vector<SpecialtyStanding> out;
  const auto& current = h.periods.back();
  for (const auto& e : h.endorsed) {
    const auto* specialty = program.specialty(e.specialty);
    if (specialty == nullptr || !e.held_on(on)) {
      continue;
    }
    SpecialtyStanding s{specialty, e.since, false, {}};
    s.current.cycle = current.cycle;
    // From the first full cycle that starts on or after the day it was endorsed.
    s.applies =
        !current.initial() && current.cycle.start >= e.since && !specialty->requirements.empty();
    if (s.applies) {
      s.current = specialty_progress(program, *specialty, current.cycle, entries, on);
    }
    out.push_back(std::move(s));
  }
  return out;
}

/// Refuses a renewal length the program does not let its holders choose.
void judge_length(const rules::Program& program, const FilingRequest& request, Date on) {
  if (!program.renewal.holder_chooses_length()) {
    if (request.years) {
      throw InputError::about("years", "is only for programs whose holders choose how long they "
                                       "renew for; " +
                                           program.id + " sets the length of its certificates.");
    }
    return;
  }
  if (!request.years) {
    throw InputError::about("years", "is needed: holders of " + program.id +
                                         " choose to renew for " + lengths_words(program, on) +
                                         " years.");
  }
  if (!contains(program.renewal.lengths, *request.years, on)) {
    throw InputError::about("years",
                            "must be " + lengths_words(program, on) + " for " + program.id + ".");
  }
}

/// Refuses the upgrade of an initial certificate to the full one where the program cannot
/// issue the full one, or where a provisional certificate's upgrade deadline has passed.
void judge_upgrade(const rules::Program& program, const Cycle& initial, Date on,
                   const std::string& number) {
  if (!program.renewal.holder_chooses_length() &&
      program.renewal.every_years.in_force(core::add_days(initial.expires_on, 1)) == nullptr) {
    throw InputError("The rule file of " + program.id +
                     " does not define the full certificate's length: the upgrade of " + number +
                     " cannot be filed.");
  }
  const auto* days = program.initial.upgrade_days_before.in_force(initial.start);
  if (days == nullptr) {
    return;
  }
  const Date last = core::add_days(initial.expires_on, -days->value);
  if (on > last) {
    std::string message = "The upgrade of " + number +
                          " to the full certificate had to be filed by " + core::format_iso(last) +
                          ", " + std::to_string(days->value) +
                          " days before its initial certificate ends on " +
                          core::format_iso(initial.expires_on) + "; that one cannot be renewed.";
    if (!days->quote.empty()) {
      message += " The rules say: \"" + days->quote + "\"";
    }
    throw InputError(message, "on");
  }
}

int count_of(const History& h, Began began) {
  return static_cast<int>(std::count_if(h.periods.begin(), h.periods.end(),
                                        [&](const Period& p) { return p.began == began; }));
}

} // namespace

std::string_view to_string(Began b) { return began_names.at(static_cast<std::size_t>(b)); }
std::optional<Began> began_from_name(std::string_view name) {
  return from_name<Began>(began_names, name);
}
std::string_view to_string(State s) { return state_names.at(static_cast<std::size_t>(s)); }
std::optional<State> state_from_name(std::string_view name) {
  return from_name<State>(state_names, name);
}
std::vector<Status> all_statuses() {
  std::vector<Status> out;
  for (std::size_t i = 0; i < status_names.size(); ++i) {
    out.push_back(static_cast<Status>(i));
  }
  return out;
}

std::string_view to_string(Status s) { return status_names.at(static_cast<std::size_t>(s)); }
std::optional<Status> status_from_name(std::string_view name) {
  return from_name<Status>(status_names, name);
}

Window renewal_window(const rules::Program& program, const Cycle& c) {
  Window w;
  const auto* reminder = program.renewal.reminder_days.in_force(c.expires_on);
  w.opens = core::add_days(c.expires_on, -(reminder ? reminder->value : default_reminder_days));
  w.closes = c.expires_on;
  const auto& r = program.renewal;
  if (const auto* grace = r.grace_days.in_force(c.expires_on)) {
    w.grace_until = core::add_days(c.expires_on, grace->value);
    w.closes = *w.grace_until;
    w.late_allowed = true;
  }
  if (const auto* late = r.late_days.in_force(c.expires_on)) {
    w.closes = std::max(w.closes, core::add_days(c.expires_on, late->value));
    w.late_allowed = true;
  } else if (const auto* months = r.late_months.in_force(c.expires_on)) {
    w.closes = std::max(w.closes, core::add_months(c.expires_on, months->value));
    w.late_allowed = true;
  }
  return w;
}

std::optional<core::Money> late_fee_owed(const rules::Program& program, const Cycle& c,
                                         const Window& w, Date on) {
  const auto& r = program.renewal;
  const auto fee_on = [&] {
    const auto* fee = r.late_fee.in_force(on);
    return fee != nullptr ? fee->value : core::Money{};
  };
  const bool before_expiry_fee = r.late_fee_within_days.defined();
  if (on <= c.expires_on) {
    if (const auto* within = r.late_fee_within_days.in_force(on);
        within != nullptr && core::days_between(on, c.expires_on) < within->value) {
      return fee_on();
    }
    return w.late_allowed || before_expiry_fee ? std::optional<core::Money>(core::Money{})
                                               : std::nullopt;
  }
  if (w.grace_until && on <= *w.grace_until) {
    return core::Money{};
  }
  if (w.late_allowed && on <= w.closes) {
    return fee_on();
  }
  // After expiry with no late window left: owed still where the program charges it before.
  return before_expiry_fee ? std::optional<core::Money>(fee_on()) : std::nullopt;
}

int reminder_window(const rules::Program& program, Date on) {
  const auto* days = program.renewal.reminder_days.in_force(on);
  return days != nullptr ? days->value : default_reminder_days;
}

bool in_reminder_window(const rules::Program& program, const Period& period, Date as_of,
                        int within) {
  const int days = core::days_between(as_of, period.cycle.expires_on);
  return days <= within &&
         (days >= -within || as_of <= renewal_window(program, period.cycle).closes);
}

std::pair<Date, Date> reminder_expiry_range(const rules::Program& program, Date as_of, int within) {
  // A late window closes at most this many days after expiry, whichever value is in force.
  int longest_late = 0;
  const auto widen = [&longest_late](const rules::Dated<int>& value, int days_each) {
    for (const auto& e : value.entries) {
      longest_late = std::max(longest_late, e.value * days_each);
    }
  };
  widen(program.renewal.grace_days, 1);
  widen(program.renewal.late_days, 1);
  widen(program.renewal.late_months, 31);
  return {core::add_days(as_of, -std::max(within, longest_late)), core::add_days(as_of, within)};
}

bool reminder_covers(Status s, bool in_window, const std::vector<Status>& asked) {
  const bool set_or_gone = s == Status::inactive || s == Status::suspended || s == Status::revoked;
  if (asked.empty()) {
    return in_window && !set_or_gone;
  }
  if (std::find(asked.begin(), asked.end(), s) == asked.end()) {
    return false;
  }
  return set_or_gone || s == Status::expired || in_window;
}

Period first_period(const rules::Program& program, const CredentialDates& dates, Began began,
                    bool initial, std::optional<int> chosen_years) {
  if (chosen_years && (!program.renewal.holder_chooses_length() || initial)) {
    throw InputError("cycle_years is only for the full certificate of a program whose holders "
                     "choose how long they renew for; leave it empty.",
                     "cycle_years");
  }
  if (initial || (began == Began::issue && program.initial.defined())) {
    const auto* months = program.initial.months.in_force(dates.issued_on);
    if (months == nullptr) {
      throw InputError("status initial: the rule file of " + program.id +
                           " defines no initial certificate in force on " +
                           core::format_iso(dates.issued_on) + ".",
                       "status");
    }
    const Date end = dates.expires_on
                         ? *dates.expires_on
                         : core::add_days(core::add_months(dates.issued_on, months->value), -1);
    if (end < dates.issued_on) {
      throw InputError("expires_on is before issued_on.", "expires_on");
    }
    return Period{0, std::nullopt, Cycle{0, dates.issued_on, end, dates.issued_on}, Began::initial};
  }
  if (program.renewal.holder_chooses_length() && began == Began::import) {
    if (!dates.expires_on || !chosen_years) {
      throw InputError(std::string(!dates.expires_on ? "expires_on" : "cycle_years") +
                           " is needed: holders of " + program.id +
                           " choose how long each certificate runs, so the one they hold now "
                           "is given by its last day and its length in years.",
                       !dates.expires_on ? "expires_on" : "cycle_years");
    }
    if (!contains(program.renewal.lengths, *chosen_years, *dates.expires_on)) {
      throw InputError("cycle_years must be one of the lengths " + program.id +
                           " allows: " + lengths_words(program, *dates.expires_on) + ".",
                       "cycle_years");
    }
    const Date start = core::add_years(core::add_days(*dates.expires_on, 1), -*chosen_years);
    return Period{0, 0, Cycle{0, start, *dates.expires_on, start}, began};
  }
  if (program.renewal.holder_chooses_length() &&
      program.renewal.every_years.in_force(dates.issued_on) == nullptr) {
    throw InputError("The rule file of " + program.id +
                     " does not define the first certificate's length: holders choose the "
                     "length only when they renew.");
  }
  const Schedule schedule(program, dates);
  return Period{0, 0, schedule.cycle(0), began};
}

Schedule full_schedule(const rules::Program& program, const History& history) {
  const auto last_initial = std::find_if(history.periods.rbegin(), history.periods.rend(),
                                         [](const Period& p) { return p.initial(); });
  if (last_initial == history.periods.rend()) {
    return Schedule(program, history.dates);
  }
  // The full certificate starts the day after the initial one ends: that is its anchor.
  return Schedule(program, CredentialDates{core::add_days(last_initial->cycle.expires_on, 1),
                                           std::nullopt, history.dates.date_of_birth});
}

History renewed_history(const rules::Program& program, const CredentialDates& dates, int renewed) {
  const Schedule schedule(program, dates);
  History h{dates, {}, {}};
  for (int k = 0; k <= renewed; ++k) {
    h.periods.push_back(Period{k, k, schedule.cycle(k),
                               k > 0              ? Began::renewal
                               : dates.expires_on ? Began::import
                                                  : Began::issue});
  }
  return h;
}

CredentialStatus standing(const rules::Program& program, const History& history,
                          const std::vector<CeEntry>& entries, Date as_of) {
  const Period& current = history.periods.back();
  CredentialStatus out;
  out.period = current;
  out.current = judge_requirements(program, history, entries, as_of);
  out.days_until_expiry = core::days_between(as_of, current.cycle.expires_on);
  if (const auto* r = program.renewal.reminder_days.in_force(as_of)) {
    out.reminder_days = r->value;
    out.reminder_days_default = false;
  }
  if (const auto* fee = program.renewal.fee.in_force(as_of)) {
    out.renewal_fee = fee->value;
  }
  const auto window = renewal_window(program, current.cycle);
  if (window.late_allowed) {
    out.late_until = window.closes;
  }
  out.late_fee = late_fee_owed(program, current.cycle, window, as_of);
  if (current.initial()) {
    if (const auto* allowed = program.initial.extensions.in_force(current.cycle.start)) {
      out.extensions_left = std::max(0, allowed->value - count_of(history, Began::extension));
    }
  } else if (const auto* lengths = program.renewal.lengths.in_force(as_of)) {
    // Lengths are listed shortest first and a longer one needs more hours: the first met
    // from the longest is the answer (one year is `current`, judged already).
    out.renewable_years = 0;
    for (auto years = lengths->value.rbegin(); years != lengths->value.rend(); ++years) {
      const bool met =
          *years == 1
              ? out.current.requirements_met()
              : judge_requirements(program, history, entries, as_of, *years).requirements_met();
      if (met) {
        out.renewable_years = *years;
        break;
      }
    }
  }
  out.specialties = specialties_on(program, history, entries, as_of);

  if (const auto set = state_on(history, as_of); set && set->state != State::active) {
    out.set = set;
    out.status = set->state == State::revoked     ? Status::revoked
                 : set->state == State::suspended ? Status::suspended
                                                  : Status::inactive;
    if (set->state == State::inactive) {
      out.inactive_since = set->on;
    }
    return out;
  }
  if (program.renewal.inactive_after_late && window.late_allowed && as_of > window.closes) {
    out.status = Status::inactive;
    out.inactive_since = core::add_days(window.closes, 1);
    return out;
  }
  if (out.days_until_expiry < 0) {
    out.status = Status::expired;
  } else if (current.initial()) {
    out.status = Status::initial;
  } else if (out.days_until_expiry <= out.reminder_days) {
    out.status = Status::due_soon;
  } else {
    out.status = Status::active;
  }
  return out;
}

CycleProgress period_progress(const rules::Program& program, const History& history, std::size_t k,
                              const std::vector<CeEntry>& entries, Date up_to) {
  History upto{
      history.dates,
      {history.periods.begin(), history.periods.begin() + static_cast<std::ptrdiff_t>(k + 1)},
      history.events};
  // A chosen length's requirements are those of the length the holder renewed for.
  const int years = k + 1 < history.periods.size() && history.periods[k + 1].began == Began::renewal
                        ? years_long(history.periods[k + 1].cycle)
                        : 1;
  return judge_requirements(program, upto, entries,
                            std::min(up_to, history.periods.at(k).cycle.expires_on), years);
}

std::optional<Cycle> counting_period(const rules::Program& program, const History& history,
                                     Date on) {
  for (const auto& p : history.periods) {
    if (p.cycle.counts_from <= on && on <= p.cycle.expires_on) {
      return p.cycle;
    }
  }
  const Period& last = history.periods.back();
  // After a chosen length, the next period's length is the holder's choice at renewal.
  if (on <= last.cycle.expires_on || last.initial() || program.renewal.holder_chooses_length()) {
    return std::nullopt;
  }
  const Schedule schedule = full_schedule(program, history);
  const auto k = schedule.cycle_of(on);
  if (!k || *k <= last.index.value_or(0)) {
    return std::nullopt;
  }
  Cycle c = schedule.cycle(*k);
  c.index = last.number + (*k - last.index.value_or(0));
  return c;
}

std::optional<int> counts_in(const rules::Program& program, const History& history, Date on) {
  const auto c = counting_period(program, history, on);
  return c ? std::optional(c->index) : std::nullopt;
}

CredentialStatus status(const rules::Program& program, const Schedule& schedule, int renewed,
                        const std::vector<CeEntry>& entries, Date as_of) {
  return standing(program, renewed_history(program, schedule.dates(), renewed), entries, as_of);
}

Filing judge_filing(const rules::Program& program, const History& history,
                    const std::vector<CeEntry>& entries, const FilingRequest& request,
                    const std::string& number) {
  const Date on = request.on;
  const Period& current = history.periods.back();
  if (revoked(history)) {
    throw InputError(number + " is revoked: it cannot be renewed.", "status");
  }
  const auto now = standing(program, history, entries, on);
  if (now.set) {
    refuse_for_state(*now.set, number, "renewed");
  }
  const auto window = renewal_window(program, current.cycle);
  Filing out;
  if (request.extend) {
    if (!current.initial()) {
      throw InputError(number + " holds no initial certificate to extend.", "extend");
    }
    const auto* allowed = program.initial.extensions.in_force(current.cycle.start);
    const auto* months = program.initial.extension_months.in_force(current.cycle.start);
    if (allowed == nullptr || months == nullptr) {
      throw InputError("The rule file of " + program.id +
                           " allows no extension of an initial certificate.",
                       "extend");
    }
    if (count_of(history, Began::extension) >= allowed->value) {
      throw InputError(number + " has had " +
                           (allowed->value == 1
                                ? std::string("its one extension")
                                : "all " + std::to_string(allowed->value) + " of its extensions") +
                           ": none is left.",
                       "extend");
    }
    if (on < window.opens || on > current.cycle.expires_on) {
      throw InputError("An extension of " + number + " can be filed from " +
                           core::format_iso(window.opens) + " to " +
                           core::format_iso(current.cycle.expires_on) + ".",
                       "on");
    }
    const Date start = core::add_days(current.cycle.expires_on, 1);
    const Date end = core::add_days(core::add_months(start, months->value), -1);
    out.next = Period{current.number + 1, std::nullopt,
                      Cycle{current.number + 1, start, end, start}, Began::extension};
  } else {
    judge_length(program, request, on);
    const bool upgrade = current.initial();
    if (upgrade) {
      judge_upgrade(program, current.cycle, on, number);
    }
    if (on < window.opens && !(upgrade && program.initial.upgrade_days_before.defined())) {
      throw InputError("The renewal window of " + number + " opens on " +
                           core::format_iso(window.opens) + ", before it expires on " +
                           core::format_iso(current.cycle.expires_on) + ".",
                       "on");
    }
    if (on > window.closes) {
      std::string message =
          window.late_allowed
              ? number + " expired on " + core::format_iso(current.cycle.expires_on) +
                    " and its late renewal window closed on " + core::format_iso(window.closes) +
                    "."
              : number + " expired on " + core::format_iso(current.cycle.expires_on) +
                    " and the rules of " + program.id + " allow no late renewal.";
      if (const auto* words = program.renewal.after_late.in_force(on)) {
        message += " " + words->value;
      }
      throw InputError(message, "on");
    }
    const int index = current.initial() ? 0 : current.index.value_or(0) + 1;
    if (program.renewal.holder_chooses_length()) {
      // The next period runs from the day after this one for the length chosen.
      const Date start = core::add_days(current.cycle.expires_on, 1);
      const Date end = core::add_days(core::add_years(start, *request.years), -1);
      out.next = Period{current.number + 1, index, Cycle{0, start, end, start}, Began::renewal};
    } else {
      const Schedule schedule = full_schedule(program, history);
      out.next = Period{current.number + 1, index, schedule.cycle(index), Began::renewal};
    }
    out.next.cycle.index = out.next.number;
  }
  out.late = on > current.cycle.expires_on;

  std::vector<std::string> missing;
  if (!request.extend) {
    const int years = request.years.value_or(1);
    const auto progress =
        years == 1 ? now.current : judge_requirements(program, history, entries, on, years);
    if (!progress.requirements_met()) {
      missing.push_back(
          (current.initial() ? "the initial certificate's hours: " : "continuing education of ") +
          describe_needed(progress.needed) +
          (request.years ? " for " + std::to_string(*request.years) +
                               (*request.years == 1 ? " year" : " years")
                         : std::string()));
    }
    // A specialty whose CE the cycle lacks ends; the base renews regardless.
    for (const auto& s : now.specialties) {
      if (!s.requirements_met()) {
        out.specialties_ended.push_back(s.specialty->id);
      }
    }
  }
  // The fee the status shows for this day is the fee the filing owes.
  const bool has_fee = now.renewal_fee.has_value();
  const bool owes_late = now.late_fee && *now.late_fee > core::Money{};
  const bool in_grace = window.grace_until && on <= *window.grace_until;
  if (out.late && !in_grace && program.renewal.late_fee.in_force(on) == nullptr) {
    out.notes.push_back("The rule file of " + program.id + " defines no late fee.");
  }
  if (const auto due_now = fee_due(now)) {
    const core::Money due = *due_now;
    out.fee_due = due;
    if (!has_fee) {
      out.notes.push_back("The rule file of " + program.id +
                          " defines no renewal fee; only the late fee is asked for.");
    }
    if (request.fee_paid < due) {
      missing.push_back("the " + due.to_string() +
                        (!has_fee    ? " late fee"
                         : owes_late ? " renewal and late fee"
                                     : " renewal fee") +
                        " (paid " + request.fee_paid.to_string() + ")");
    }
  } else {
    out.notes.push_back("The rule file of " + program.id +
                        " defines no renewal fee; the amount paid is recorded as given.");
  }
  for (const auto& [check, passed] : request.checks) {
    if (!passed || *passed < current.cycle.start || *passed > on) {
      missing.push_back("a " + std::string(rules::fact_info(check).noun) + " passed between " +
                        core::format_iso(current.cycle.start) + " and " + core::format_iso(on));
    }
  }
  if (!missing.empty()) {
    throw InputError("The " + std::string(request.extend ? "extension" : "renewal") + " of " +
                     number + " is refused: it lacks " + list_words(missing) + ".");
  }
  return out;
}

void judge_status_change(const History& history, State to, Date on, const std::string& number) {
  if (revoked(history)) {
    throw InputError(number + " is revoked, which is final: its status cannot change.", "status");
  }
  if (on < history.dates.issued_on) {
    throw InputError("on is before " + number + " was issued, on " +
                         core::format_iso(history.dates.issued_on) + ".",
                     "on");
  }
  for (const auto& e : history.events) {
    if (e.on > on) {
      throw InputError("on is before the last status change of " + number + ", on " +
                           core::format_iso(e.on) + ".",
                       "on");
    }
  }
  const auto set = state_on(history, on);
  const State now = set ? set->state : State::active;
  if (now == to) {
    throw InputError(number + " is already " + std::string(to_string(to)) + ".", "status");
  }
}

Reinstatement judge_reinstatement(const rules::Program& program, const History& history, Date on,
                                  core::Money fee_paid, const std::string& number) {
  if (!program.reactivation.defined()) {
    throw InputError("The rule file of " + program.id + " defines no reinstatement.", "program");
  }
  if (revoked(history)) {
    throw InputError(number + " is revoked, which is final: it cannot be reinstated.", "status");
  }
  if (on < history.dates.issued_on) {
    throw InputError("on is before " + number + " was issued.", "on");
  }
  const auto now = standing(program, history, {}, on);
  if (now.status != Status::inactive) {
    throw InputError(number + " is " + std::string(to_string(now.status)) + " on " +
                         core::format_iso(on) + ", not inactive: there is nothing to reinstate.",
                     "status");
  }
  if (const auto* within = program.reactivation.within_years.in_force(on)) {
    const Date limit = core::add_years(*now.inactive_since, within->value);
    if (on > limit) {
      throw InputError(
          number + " has been inactive since " + core::format_iso(*now.inactive_since) +
              ", more than " + std::to_string(within->value) +
              (within->value == 1 ? " year" : " years") + ": the rules of " + program.id +
              " allow reinstatement until " + core::format_iso(limit) + ".",
          "on");
    }
  }
  Reinstatement out;
  if (const auto* fee = program.reactivation.fee.in_force(on)) {
    out.fee_due = fee->value;
    if (fee_paid < fee->value) {
      throw InputError("The reinstatement of " + number + " is refused: it lacks the " +
                           fee->value.to_string() + " reactivation fee (paid " +
                           fee_paid.to_string() + ").",
                       "fee_paid");
    }
  }
  // Where the credential had expired, its cycles continue to the one that holds `on`.
  const Period& current = history.periods.back();
  if (on > current.cycle.expires_on) {
    const Schedule schedule = full_schedule(program, history);
    const auto holding = schedule.cycle_containing(on);
    const int first = current.initial() ? 0 : current.index.value_or(0) + 1;
    int number_next = current.number + 1;
    for (int k = first; holding && k <= *holding; ++k) {
      Period p{number_next, k, schedule.cycle(k), Began::reinstatement};
      p.cycle.index = number_next++;
      out.next.push_back(p);
    }
  }
  return out;
}

void judge_endorsement(const rules::Program& program, const History& history,
                       const std::vector<CeEntry>& entries, std::string_view specialty, Date on,
                       const std::string& number) {
  program.require_specialty(specialty);
  if (on < history.dates.issued_on) {
    throw InputError::about("on", "is before " + number + " was issued on " +
                                      core::format_iso(history.dates.issued_on) + ".");
  }
  for (const auto& e : history.endorsed) {
    if (e.specialty == specialty && (e.held_on(on) || e.since > on)) {
      throw InputError::about("specialty", "\"" + std::string(specialty) +
                                               "\" is already held by " + number + " since " +
                                               core::format_iso(e.since) + ".");
    }
  }
  const auto now = standing(program, history, entries, on);
  if (now.status != Status::active && now.status != Status::due_soon &&
      now.status != Status::initial) {
    throw InputError(number + " is " + std::string(to_string(now.status)) + " on " +
                         core::format_iso(on) +
                         ": a specialty is endorsed only on a credential in good standing.",
                     "status");
  }
}

void judge_endorsement_end(const History& history, std::string_view specialty, Date on,
                           const std::string& number) {
  for (const auto& e : history.endorsed) {
    if (e.specialty == specialty && !e.until) {
      if (on < e.since) {
        throw InputError::about("on", "is before " + number + " was endorsed for \"" +
                                          std::string(specialty) + "\" on " +
                                          core::format_iso(e.since) + ".");
      }
      return;
    }
  }
  throw InputError::about("specialty",
                          "\"" + std::string(specialty) + "\" is not held by " + number + ".");
}

Status public_status(Status s) { return s == Status::due_soon ? Status::active : s; }

} // namespace peercert::renewal

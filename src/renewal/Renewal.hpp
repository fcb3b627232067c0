#pragma once

#include "core/Date.hpp"
#include "core/Hours.hpp"
#include "core/Money.hpp"
#include "renewal/Progress.hpp"
#include "renewal/Schedule.hpp"
#include "rules/Program.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace peercert::renewal {

// A credential's whole life (DESIGN.md, "Credential lifecycle"): its certificate periods, the
// statuses staff set, and every decision about them — where it stands on a date, whether a
// renewal, an extension, a status change or a reinstatement is accepted, and what it starts.
// Pure: no I/O, no clock; the store keeps the periods these functions decide.

/// How a certificate period began.
enum class Began : std::uint8_t { issue, initial, extension, renewal, import, reinstatement };
std::string_view to_string(Began b);
std::optional<Began> began_from_name(std::string_view name);

/// One certificate period of a credential, numbered over its whole life. Its dates are kept as
/// they were decided, never recomputed from rules that may since have changed.
struct Period {
  int number = 0;
  std::optional<int> index; ///< the full certificate's cycle index; none for an initial one
  Cycle cycle;              ///< its dates (cycle.index is `number`)
  Began began = Began::issue;
  bool initial() const { return began == Began::initial || began == Began::extension; }
};

/// A status staff set: inactive, suspended, revoked, or active again.
enum class State : std::uint8_t { active, inactive, suspended, revoked };
std::string_view to_string(State s);
std::optional<State> state_from_name(std::string_view name);

/// A status change in force from `on`; a reinstatement is a change back to active.
struct StatusEvent {
  core::Date on;
  State state = State::active;
  bool reinstatement = false;
};

/// A specialty a credential holds or held (DESIGN.md, "Specialties"): from `since` until the
/// day before `until`.
struct Endorsement {
  std::string specialty; ///< the program's specialty id
  core::Date since;
  std::optional<core::Date> until;
  bool held_on(core::Date on) const { return since <= on && (!until || on < *until); }
};

/// What the rules need of a credential's life.
struct History {
  CredentialDates dates;               ///< issue date, an imported expiry, the holder's birthday
  std::vector<Period> periods;         ///< oldest first, never empty
  std::vector<StatusEvent> events;     ///< in the order they were made
  std::vector<Endorsement> endorsed{}; ///< its specialties, in the order they were recorded
};

/// A specialty held on a day, and how the current cycle stands against its CE requirements:
/// they apply from the first cycle that starts on or after `since`, and never block the base.
struct SpecialtyStanding {
  const rules::Specialty* specialty = nullptr;
  core::Date since;
  bool applies = false;  ///< its requirements apply to the current cycle
  CycleProgress current; ///< judged when they apply; met (and empty) otherwise
  bool requirements_met() const { return !applies || current.requirements_met(); }
};

enum class Status : std::uint8_t {
  initial,
  active,
  due_soon,
  expired,
  inactive,
  suspended,
  revoked
};
std::string_view to_string(Status s);
std::optional<Status> status_from_name(std::string_view name);
/// Every status, in the order above.
std::vector<Status> all_statuses();
/// The status a board publishes to employers and the public: "due soon" is the holder's and
/// staff's business, and shows as active (DESIGN.md, public verification).
Status public_status(Status s);

/// Where a credential stands on `as_of`.
struct CredentialStatus {
  Status status = Status::active;
  Period period;         ///< the current certificate period: the last one decided
  CycleProgress current; ///< its requirements: the initial certificate's or the renewal's
  int days_until_expiry = 0;
  int reminder_days = 90; ///< the program's, or DESIGN.md's default of 90
  bool reminder_days_default = true;
  std::optional<core::Money> renewal_fee; ///< in force on `as_of`; empty when undefined
  std::optional<core::Date> late_until;   ///< last day a late renewal is accepted
  /// The late fee a filing on `as_of` would owe: 0 before expiry or in a grace period; empty
  /// where the program has no late window or it has closed.
  std::optional<core::Money> late_fee;
  std::optional<StatusEvent> set; ///< the status staff set that is in force, if any
  /// Since when the credential is inactive: the day staff set it, or the day after the late
  /// window closed where the program says so (Georgia).
  std::optional<core::Date> inactive_since;
  std::optional<int> extensions_left; ///< an initial certificate: how many more may follow
  /// Holder-chosen lengths (NY-CPS): the longest length the hours already cover, 0 when none;
  /// `current` then judges one year's requirements.
  std::optional<int> renewable_years;
  std::vector<SpecialtyStanding> specialties; ///< held on `as_of`, in the order recorded
};

/// When the renewal of a period may be filed: from `opens` (the reminder window before
/// expiry) to `closes` (expiry, or the end of the late window the program defines). Inside
/// the grace period after expiry (to `grace_until`) no late fee is due.
struct Window {
  core::Date opens;
  core::Date closes;
  bool late_allowed = false;
  std::optional<core::Date> grace_until;
};
Window renewal_window(const rules::Program& program, const Cycle& c);

/// The late fee a filing on `on` owes for cycle `c` (with window `w`): before expiry, the fee
/// where the program charges it from `late_fee_within_days` before, else 0; after expiry, 0
/// in a grace period and the fee in the late window. Empty where the program charges no late
/// fee at all, and after a late window has closed (unless the program charges it before
/// expiry, when the fee stays owed).
std::optional<core::Money> late_fee_owed(const rules::Program& program, const Cycle& c,
                                         const Window& w, core::Date on);

/// A program's reminder window in force on `on`: 90 days unless its rule file says otherwise.
int reminder_window(const rules::Program& program, core::Date on);

/// Whether a period falls in the reminder report's window on `as_of` (DESIGN.md, "Which
/// credentials the report and notify cover"): it ends within `within` days after `as_of`, or
/// ended within the last `within` days, or can still be renewed late.
bool in_reminder_window(const rules::Program& program, const Period& period, core::Date as_of,
                        int within);

/// The last valid days a period in the reminder report's window on `as_of` can have, first
/// and last: every period in_reminder_window() takes ends in this range (a few more may), so
/// the store can read the candidates through its index on the last valid day.
std::pair<core::Date, core::Date> reminder_expiry_range(const rules::Program& program,
                                                        core::Date as_of, int within);

/// Whether the report covers a credential of status `s`: without statuses asked for, one in
/// the window whose status staff did not set; with them, one of those statuses — expired,
/// inactive, suspended and revoked ones of any age, the others only in the window.
bool reminder_covers(Status s, bool in_window, const std::vector<Status>& asked);

/// The first period of a credential: issued through peercert (an initial certificate where
/// the program defines one), or imported (the certificate the holder has now; `initial` for
/// an imported initial certificate; `chosen_years`, the length of an imported certificate of
/// a program whose holders choose it). Throws core::InputError naming the field when the
/// program's cycles cannot run from these dates.
Period first_period(const rules::Program& program, const CredentialDates& dates, Began began,
                    bool initial = false, std::optional<int> chosen_years = std::nullopt);

/// The full certificate's cycles: from the issue date or an imported expiry, or from the day
/// after the last initial certificate ends.
Schedule full_schedule(const rules::Program& program, const History& history);

/// A credential issued on `dates` and renewed `renewed` times, every time on its own period:
/// for rule tests and for bringing a first-edition database forward.
History renewed_history(const rules::Program& program, const CredentialDates& dates, int renewed);

/// Where the credential stands on `as_of`. Which status wins: revoked, suspended, inactive
/// (set or reached) first; then initial while an initial certificate runs; then expired,
/// due_soon, active.
CredentialStatus standing(const rules::Program& program, const History& history,
                          const std::vector<CeEntry>& entries, core::Date as_of);

/// Period `k` of the history judged against its requirements up to `up_to` (at most its last
/// day): one row of a credential's timeline.
CycleProgress period_progress(const rules::Program& program, const History& history, std::size_t k,
                              const std::vector<CeEntry>& entries, core::Date up_to);

/// The period whose CE window holds `on`: one decided, or — after the last one, on a full
/// certificate — the cycle a renewal would start, which entries logged ahead count for.
std::optional<Cycle> counting_period(const rules::Program& program, const History& history,
                                     core::Date on);

/// The number of the period an entry completed on `on` counts in: counting_period's, which
/// the store records with each entry and keys the CE totals on. None before the first period's
/// CE window, or after an initial certificate that has ended.
std::optional<int> counts_in(const rules::Program& program, const History& history, core::Date on);

/// `renewed` renewals after issue, no status changes: where such a credential stands.
CredentialStatus status(const rules::Program& program, const Schedule& schedule, int renewed,
                        const std::vector<CeEntry>& entries, core::Date as_of);

/// A renewal (or, with `extend`, an initial certificate's extension) as staff file it.
struct FilingRequest {
  core::Date on;
  core::Money fee_paid;
  bool extend = false;
  /// The checks the program asks again at renewal, each with the day it was passed, if known.
  std::vector<std::pair<rules::FactId, std::optional<core::Date>>> checks;
  /// The length the holder chose, in years: required where the program lets holders choose,
  /// refused elsewhere.
  std::optional<int> years{};
};

/// What an accepted filing starts.
struct Filing {
  Period next;
  std::optional<core::Money> fee_due; ///< empty when the rule file defines no fee
  bool late = false;
  std::vector<std::string> notes; ///< parts of the fee the rule file does not define
  /// Specialties whose CE the cycle lacks: the base renews and these end on the filing day.
  std::vector<std::string> specialties_ended;
};

/// Judges an endorsement of `specialty` on `on`. Throws core::InputError naming `specialty`
/// when the program has no such specialty or the credential holds it, and naming `status`
/// unless the credential is active, due soon or initial on that day.
void judge_endorsement(const rules::Program& program, const History& history,
                       const std::vector<CeEntry>& entries, std::string_view specialty,
                       core::Date on, const std::string& number);

/// Judges the end of a specialty on `on`: refused, naming `specialty`, unless the credential
/// holds it that day and `on` is not before its `since`.
void judge_endorsement_end(const History& history, std::string_view specialty, core::Date on,
                           const std::string& number);

/// Judges a filing. Throws core::InputError, one sentence, when it is refused: a revoked,
/// suspended or inactive credential, a day outside the window (with the rule file's words for
/// what to do), an extension where none is left, or what is missing — hours, fee, checks.
Filing judge_filing(const rules::Program& program, const History& history,
                    const std::vector<CeEntry>& entries, const FilingRequest& request,
                    const std::string& number);

/// Judges a status change staff make on `on`. Throws core::InputError when it cannot be: a
/// revoked credential, a day before the issue date or the last change, the status it has.
void judge_status_change(const History& history, State to, core::Date on,
                         const std::string& number);

/// What an accepted reinstatement starts: the cycles from the end of the last period to the
/// one holding `on`, where the credential had expired; the fee it owed.
struct Reinstatement {
  std::vector<Period> next;
  core::Money fee_due;
};

/// Judges a reinstatement on `on`. Throws core::InputError when the program defines none, the
/// credential is not inactive, it has been inactive too long, or the fee is short.
Reinstatement judge_reinstatement(const rules::Program& program, const History& history,
                                  core::Date on, core::Money fee_paid, const std::string& number);

} // namespace peercert::renewal

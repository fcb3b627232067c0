#pragma once

#include "core/Date.hpp"
#include "core/Hours.hpp"
#include "renewal/Schedule.hpp"
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
  /// Set when the entry sums several of one kind completed from this day to `completed_on`
  /// (the per-period totals the store keeps): it counts whole or not at all, which is exact
  /// because every day a judgement counts from is a period's first CE day (each entry's
  /// period is recorded, and a spanning requirement counts whole cycles) and the store sums
  /// only what was done by the day judged.
  std::optional<core::Date> earliest;
};

/// One CE requirement's hours in a cycle.
struct RequirementProgress {
  const rules::CeRequirement* requirement = nullptr;
  core::Hours required;     ///< 0 when waived
  core::Hours completed;    ///< entries of its kinds from `counted_from` to the judging day
  rules::CellSet cells = 0; ///< the kinds of hour it counts, among those the program accepts
  core::Date counted_from;  ///< the cycle's CE start, or earlier for a spanning requirement
  const rules::Waiver* waived_by = nullptr;
  std::string kind; ///< "live ethics"; empty for any continuing education
};

/// Hours still needed of one kind, as in "4.00 h of live ethics".
struct NeededPart {
  std::string kind; ///< "live ethics", "peer support", "" for any kind
  core::Hours hours;
};

/// How a cycle stands against the requirements in force on its first day.
struct CycleProgress {
  Cycle cycle;
  /// Whether the program defines CE requirements; DC-CPS does not, and its hours are "not
  /// defined by the rule file".
  bool defined = false;
  std::vector<RequirementProgress> requirements;
  core::Hours hours_required;     ///< the fewest hours meeting every requirement from nothing
  core::Hours hours_completed;    ///< the cycle's entries of a kind some requirement counts
  core::Hours hours_needed;       ///< the fewest more hours meeting every requirement at once
  std::vector<NeededPart> needed; ///< what kind those hours must be
  const rules::Waiver* waived_by = nullptr; ///< the waiver that sets every requirement to 0
  bool requirements_met() const { return hours_needed == core::Hours{}; }
};

/// Judges a cycle of the program's renewal requirements with the entries completed up to
/// `up_to` (at most the cycle's last valid day).
CycleProgress progress(const rules::Program& program, const Schedule& schedule, const Cycle& c,
                       const std::vector<CeEntry>& entries, core::Date up_to);

/// Judges a cycle of a program whose holders choose the length (NY-CPS) against what
/// renewing for `years` years needs: every requirement's hours (and caps) times `years`.
CycleProgress chosen_length_progress(const rules::Program& program, const Cycle& c, int years,
                                     const std::vector<CeEntry>& entries, core::Date up_to);

/// Judges a cycle against a specialty's own CE requirements: no waivers apply.
CycleProgress specialty_progress(const rules::Program& program, const rules::Specialty& specialty,
                                 const Cycle& c, const std::vector<CeEntry>& entries,
                                 core::Date up_to);

/// Judges an initial certificate's requirements over `span`, from the first initial
/// certificate's first day to the current one's last: no waivers apply.
CycleProgress initial_progress(const rules::Program& program, const Cycle& span,
                               const std::vector<CeEntry>& entries, core::Date up_to);

/// The fewest more hours that meet every requirement at once, and their kinds. Requirements
/// count the entries of their kinds of hour (category × delivery); the kinds of any two
/// requirements nest or are disjoint (the rule loader refuses others), so working from the
/// smallest up — a requirement needs its own deficit or what the ones inside it need together,
/// whichever is more — is exact. An hour counts toward every requirement of its kind.
std::vector<NeededPart> fewest_hours(const std::vector<RequirementProgress>& requirements);

/// The fewest hours that meet every requirement in force on `on` from nothing: 36 for PA-CPS
/// (24 peer support, 3 ethics, 9 of any kind), 20 for MO-CPS.
core::Hours hours_required(const rules::Program& program,
                           const std::vector<rules::CeRequirement>& requirements, core::Date on);

/// The sum of the parts.
core::Hours total_of(const std::vector<NeededPart>& needed);

/// "4.00 h, all live ethics"; "10.00 h, of which 4.00 live ethics"; "none".
std::string describe_needed(const std::vector<NeededPart>& needed);

} // namespace peercert::renewal

#pragma once

#include "core/Date.hpp"
#include "rules/Facts.hpp"
#include "rules/Program.hpp"

#include <optional>
#include <string>
#include <vector>

namespace peercert::rules {

/// A criterion's result. Not met beats unknown when results combine.
enum class Outcome : std::uint8_t { met, not_met, unknown };

/// The answer to "am I eligible?".
enum class Verdict : std::uint8_t { eligible, not_eligible, undetermined };

struct RuleResult {
  const Criterion* criterion = nullptr;
  Outcome outcome = Outcome::unknown;
  /// For a criterion not met only because of time (age): the day it will be met.
  std::optional<core::Date> met_on;
  /// Written for the applicant: "You will be 18 on 25 November 2026." Empty when not asked for.
  std::string reason;
};

/// How a person stands on one route into a program: every one of its criteria must be met.
struct RouteResult {
  const Route* route = nullptr;
  Outcome outcome = Outcome::unknown;
  /// The first day every criterion of the route will be met, when only time stands in the way.
  std::optional<core::Date> met_on;
  std::vector<RuleResult> rules; ///< one per route criterion, in rule-file order
};

/// A day the person should know of: a program's deadline from a date fact, or the last day
/// within a met upper age limit.
struct DeadlineResult {
  std::string id;
  std::string text;
  core::Date on;
};

struct Assessment {
  Verdict verdict = Verdict::undetermined;
  /// The first day every criterion will be met, when only time stands in the way; else empty
  /// (also when the person is eligible already). With routes: the later of the day the
  /// program's own criteria will be met and the earliest day a route will be.
  std::optional<core::Date> eligible_on;
  std::vector<RuleResult> rules;   ///< one per criterion of the program, in rule-file order
  std::vector<RouteResult> routes; ///< one per route, in rule-file order; empty without routes
  const Route* route = nullptr;    ///< the first route met, in rule-file order
  /// The program's deadlines whose fact is given, then one per met upper age limit among the
  /// program's own criteria (the day before the birthday that passes it), in rule-file order.
  std::vector<DeadlineResult> deadlines;
};

/// Whether a program's self-check names deadlines: it defines some, or an upper age limit.
bool names_deadlines(const Program& program);

/// What stands first in the way: the first criterion not met (the program's own, then each
/// route's, in rule-file order), else the first unknown one. Null when the person is eligible.
const RuleResult* first_unmet(const Assessment& a);

/// Whether reasons are written: a batch of a million rows needs only the outcomes.
enum class Explain : std::uint8_t { yes, no };

/// Judges facts against a program's criteria on `as_of`. Pure: no I/O, no clock.
/// Throws core::InputError for facts that cannot be (a date of birth after `as_of`).
Assessment assess(const Program& program, const Facts& facts, core::Date as_of,
                  Explain explain = Explain::yes);

/// A pathway step with its values filled in for a date.
struct NextStep {
  const PathwayStep* step = nullptr;
  std::string description;
};

/// The program's pathway steps, described with the values in force on `as_of`.
std::vector<NextStep> next_steps(const Program& program, core::Date as_of);

std::string_view to_string(Outcome o);
std::string_view to_string(Verdict v);

/// The checks (background, registry) a program's criteria require to have passed that have
/// not, in `facts`: pending, not started, failed or not given. Checks that are one choice
/// among others (under "any of") are left out.
std::vector<FactId> checks_not_passed(const Program& program, const Facts& facts);

} // namespace peercert::rules

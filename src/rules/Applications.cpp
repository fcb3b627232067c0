#include "rules/Applications.hpp"

#include "rules/Eligibility.hpp"

#include <algorithm>

namespace peercert::rules {

std::optional<core::Date> application_lapses_on(const Program& program, core::Date submitted_on) {
  const auto* months = program.certification.application_months.in_force(submitted_on);
  if (months == nullptr) {
    return std::nullopt;
  }
  return core::add_months(submitted_on, months->value);
}

bool application_lapsed(const Program& program, core::Date submitted_on, core::Date on) {
  const auto lapses = application_lapses_on(program, submitted_on);
  return lapses && on >= *lapses;
}

std::optional<int> exam_attempts_left(const Program& program, const std::vector<core::Date>& taken,
                                      const std::vector<ApplicationSpan>& applications,
                                      core::Date on) {
  const auto* limit = program.certification.exam_attempts.in_force(on);
  if (limit == nullptr) {
    return std::nullopt;
  }
  // The window opens after the latest application that ended, denied or lapsed, by `on`.
  std::optional<core::Date> closed;
  for (const auto& a : applications) {
    if (a.closed_on && *a.closed_on <= on && (!closed || *a.closed_on > *closed)) {
      closed = a.closed_on;
    }
  }
  const auto in_window = std::count_if(taken.begin(), taken.end(), [&](core::Date d) {
    return d <= on && (!closed || d > *closed);
  });
  return std::max(0, limit->value - static_cast<int>(in_window));
}

bool exam_needs_training(const Program& program, const Facts& facts, core::Date on) {
  if (program.routes.empty()) {
    return true;
  }
  const auto assessed = assess(program, facts, on);
  if (assessed.route == nullptr) {
    return true;
  }
  // The facts the route's criteria use: a copy of the program with those criteria alone.
  Program route_alone = program;
  route_alone.criteria = assessed.route->criteria;
  route_alone.routes.clear();
  const auto used = route_alone.facts_used();
  return std::any_of(used.begin(), used.end(), [](FactId f) {
    return f == FactId::approved_training_completed || f == FactId::training_hours ||
           f == FactId::training_completed_on || f == FactId::training_ethics_hours ||
           f == FactId::training_live_hours;
  });
}

std::optional<std::string> age_refusal(const Program& program, const Facts& facts, core::Date on) {
  const auto assessed = assess(program, facts, on);
  for (const auto& r : assessed.rules) {
    const auto& node = r.criterion->condition.node;
    const bool age = std::holds_alternative<MinAge>(node) || std::holds_alternative<MaxAge>(node);
    if (age && r.outcome == Outcome::not_met) {
      return r.reason;
    }
  }
  return std::nullopt;
}

} // namespace peercert::rules

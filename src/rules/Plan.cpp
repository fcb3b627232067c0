#include "rules/Plan.hpp"

#include "rules/Combine.hpp"
#include "rules/Judge.hpp"

#include <type_traits>

namespace peercert::rules {

Plan::Plan(const Program& program) : program_(&program) {
  for (const auto& criterion : program.criteria) {
    starts_.push_back(steps_.size());
    compile(criterion.condition);
  }
  for (const auto& route : program.routes) {
    for (const auto& criterion : route.criteria) {
      starts_.push_back(steps_.size());
      compile(criterion.condition);
    }
  }
}

void Plan::compile(const Condition& condition) {
  const std::size_t at = steps_.size();
  steps_.emplace_back();
  const auto parts = [&](const std::vector<Condition>& list, Op op) {
    steps_[at].op = op;
    steps_[at].parts = static_cast<std::uint32_t>(list.size());
    for (const auto& part : list) {
      compile(part);
    }
  };
  std::visit(
      [&](const auto& node) {
        using T = std::decay_t<decltype(node)>;
        Step& step = steps_[at];
        if constexpr (std::is_same_v<T, MinAge>) {
          step.op = Op::min_age;
          step.amount = node.years;
        } else if constexpr (std::is_same_v<T, MaxAge>) {
          step.op = Op::max_age;
          step.amount = node.years;
        } else if constexpr (std::is_same_v<T, AtLeast>) {
          step.op = Op::at_least;
          step.fact = node.fact;
          step.amount = node.amount;
        } else if constexpr (std::is_same_v<T, Since>) {
          step.op = node.unit == DurationUnit::years ? Op::since_years : Op::since_months;
          step.fact = node.fact;
          step.amount = node.amount;
        } else if constexpr (std::is_same_v<T, WithinMonths>) {
          step.op = Op::within_months;
          step.fact = node.fact;
          step.amount = node.months;
        } else if constexpr (std::is_same_v<T, OnOrAfter>) {
          step.op = Op::on_or_after;
          step.fact = node.fact;
          step.amount = date::sys_days{node.day}.time_since_epoch().count();
        } else if constexpr (std::is_same_v<T, EducationAtLeast>) {
          step.op = Op::education;
          step.level = node.level;
        } else if constexpr (std::is_same_v<T, Attested>) {
          step.op = Op::attested;
          step.fact = node.fact;
        } else if constexpr (std::is_same_v<T, CheckPassed>) {
          step.op = Op::check;
          step.fact = node.fact;
        } else if constexpr (std::is_same_v<T, AllOf>) {
          parts(node.parts, Op::all_of);
        } else if constexpr (std::is_same_v<T, AnyOf>) {
          parts(node.parts, Op::any_of);
        } else {
          static_assert(std::is_same_v<T, NotOf>);
          parts(node.part, Op::not_of);
        }
      },
      condition.node);
  steps_[at].size = static_cast<std::uint32_t>(steps_.size() - at);
}

Plan::Judged Plan::run(std::size_t at, const Facts& facts, core::Date as_of) const {
  const Step& step = steps_[at];
  const int amount = static_cast<int>(step.amount);
  switch (step.op) {
  case Op::min_age:
    return judge::min_age(facts, amount, as_of);
  case Op::max_age:
    return judge::max_age(facts, amount, as_of);
  case Op::at_least:
    return judge::at_least(facts, step.fact, step.amount);
  case Op::since_years:
    return judge::since(facts, step.fact, amount, DurationUnit::years, as_of);
  case Op::since_months:
    return judge::since(facts, step.fact, amount, DurationUnit::months, as_of);
  case Op::within_months:
    return judge::within_months(facts, step.fact, amount, as_of);
  case Op::on_or_after:
    return judge::on_or_after(facts, step.fact, date::sys_days{date::days{step.amount}});
  case Op::education:
    return judge::education_at_least(facts, step.level);
  case Op::attested:
    return judge::attested(facts, step.fact);
  case Op::check:
    return judge::check_passed(facts, step.fact);
  case Op::all_of: {
    AllPartsHold all;
    for (std::size_t part = at + 1, n = 0; n < step.parts; part += steps_[part].size, ++n) {
      all.add(run(part, facts, as_of));
    }
    return {all.outcome(), all.waits_for()};
  }
  case Op::any_of: {
    AnyPartHolds any;
    for (std::size_t part = at + 1, n = 0; n < step.parts; part += steps_[part].size, ++n) {
      any.add(run(part, facts, as_of));
    }
    return {any.outcome(), any.waits_for()};
  }
  case Op::not_of:
    return {negated(run(at + 1, facts, as_of).outcome), {}};
  }
  return {};
}

Plan::Result Plan::judge(const Facts& facts, core::Date as_of, std::span<Outcome> outcomes) const {
  validate_facts(facts, as_of);
  // Criteria from `i` on, `n` of them, as one "all of"; `i` ends past them.
  std::size_t i = 0;
  const auto all_of = [&](std::size_t n) {
    AllPartsHold all;
    for (const std::size_t end = i + n; i < end; ++i) {
      const Judged j = run(starts_[i], facts, as_of);
      outcomes[i] = j.outcome;
      all.add(j);
    }
    return Judged{all.outcome(), all.waits_for()};
  };
  AllPartsHold overall;
  overall.add(all_of(program_->criteria.size()));
  Result out;
  if (!program_->routes.empty()) {
    AnyPartHolds any;
    for (const auto& route : program_->routes) {
      const Judged j = all_of(route.criteria.size());
      any.add(j);
      if (out.route == nullptr && j.outcome == Outcome::met) {
        out.route = &route;
      }
    }
    overall.add(Judged{any.outcome(), any.waits_for()});
  }
  const Outcome outcome = overall.outcome();
  out.verdict = outcome == Outcome::met       ? Verdict::eligible
                : outcome == Outcome::not_met ? Verdict::not_eligible
                                              : Verdict::undetermined;
  out.eligible_on = overall.waits_for();
  return out;
}

} // namespace peercert::rules

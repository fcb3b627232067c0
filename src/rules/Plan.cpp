#include "rules/Plan.hpp"

#include "rules/Combine.hpp"

#include <type_traits>

namespace peercert::rules {

Plan::Plan(const Program& program) : program_(&program) {
  for (const auto& criterion : program.criteria) {
    starts_.push_back(steps_.size());
    compile(criterion.condition);
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

namespace {

Outcome met_if(bool met) { return met ? Outcome::met : Outcome::not_met; }

} // namespace

Plan::Judged Plan::run(std::size_t at, const Facts& facts, core::Date as_of) const {
  const Step& step = steps_[at];
  const auto date = [&]() { return facts.get_if<core::Date>(step.fact); };
  const int amount = static_cast<int>(step.amount);
  switch (step.op) {
  case Op::min_age: {
    const auto* dob = facts.get_if<core::Date>(FactId::date_of_birth);
    if (dob == nullptr) {
      return {};
    }
    const core::Date turns = core::add_years(*dob, amount);
    return turns <= as_of ? Judged{Outcome::met, {}} : Judged{Outcome::not_met, turns};
  }
  case Op::max_age: {
    const auto* dob = facts.get_if<core::Date>(FactId::date_of_birth);
    if (dob == nullptr) {
      return {};
    }
    return {met_if(core::age_on(*dob, as_of) <= amount), {}};
  }
  case Op::at_least: {
    if (const auto* h = facts.get_if<core::Hours>(step.fact)) {
      return {met_if(h->hundredths() >= step.amount), {}};
    }
    if (const auto* c = facts.get_if<Count>(step.fact)) {
      return {met_if(c->value >= step.amount), {}};
    }
    return {};
  }
  case Op::since_years:
  case Op::since_months: {
    const auto* since = date();
    if (since == nullptr) {
      return {};
    }
    const core::Date reached = step.op == Op::since_years ? core::add_years(*since, amount)
                                                          : core::add_months(*since, amount);
    return reached <= as_of ? Judged{Outcome::met, {}} : Judged{Outcome::not_met, reached};
  }
  case Op::within_months: {
    const auto* on = date();
    if (on == nullptr) {
      return {};
    }
    return {met_if(as_of <= core::add_months(*on, amount)), {}};
  }
  case Op::education: {
    const auto* level = facts.get_if<Education>(FactId::education);
    if (level == nullptr) {
      return {};
    }
    return {met_if(education_rank(*level) >= education_rank(step.level)), {}};
  }
  case Op::attested: {
    const auto* value = facts.get_if<bool>(step.fact);
    if (value == nullptr) {
      return {};
    }
    return {met_if(*value), {}};
  }
  case Op::check: {
    const auto* status = facts.get_if<CheckStatus>(step.fact);
    if (status == nullptr || *status == CheckStatus::pending ||
        *status == CheckStatus::not_started) {
      return {};
    }
    return {met_if(*status == CheckStatus::passed), {}};
  }
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
  AllPartsHold all;
  for (std::size_t i = 0; i < starts_.size(); ++i) {
    const Judged j = run(starts_[i], facts, as_of);
    outcomes[i] = j.outcome;
    all.add(j);
  }
  const Outcome overall = all.outcome();
  return {overall == Outcome::met       ? Verdict::eligible
          : overall == Outcome::not_met ? Verdict::not_eligible
                                        : Verdict::undetermined,
          all.waits_for()};
}

} // namespace peercert::rules

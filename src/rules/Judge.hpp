#pragma once

// Inside the rules module: each kind of condition decided once. The explaining evaluator
// (assess()) and the flat batch plan both call these and differ only in what they say: the
// evaluator words a reason from the same decision, the plan says nothing.

#include "core/Date.hpp"
#include "rules/Condition.hpp"
#include "rules/Eligibility.hpp"
#include "rules/Facts.hpp"

#include <cstdint>
#include <optional>

namespace peercert::rules::judge {

/// A condition decided: met, not met or unknown (a fact missing or pending), and, where only
/// time stands in the way, the day it will be met.
struct Judged {
  Outcome outcome = Outcome::unknown;
  std::optional<core::Date> when;
};

inline Outcome met_if(bool met) { return met ? Outcome::met : Outcome::not_met; }

/// At least `years` old on `as_of`; not met until the birthday (29 February: 1 March).
inline Judged min_age(const Facts& facts, int years, core::Date as_of) {
  const auto* dob = facts.get_if<core::Date>(FactId::date_of_birth);
  if (dob == nullptr) {
    return {};
  }
  const core::Date turns = core::add_years(*dob, years);
  return turns <= as_of ? Judged{Outcome::met, {}} : Judged{Outcome::not_met, turns};
}

/// At most `years` old on `as_of`.
inline Judged max_age(const Facts& facts, int years, core::Date as_of) {
  const auto* dob = facts.get_if<core::Date>(FactId::date_of_birth);
  if (dob == nullptr) {
    return {};
  }
  return {met_if(core::age_on(*dob, as_of) <= years), {}};
}

/// An hours fact (in hundredths) or a count at least `amount`.
inline std::optional<std::int64_t> amount_of(const Facts& facts, FactId fact) {
  if (const auto* h = facts.get_if<core::Hours>(fact)) {
    return h->hundredths();
  }
  if (const auto* c = facts.get_if<Count>(fact)) {
    return c->value;
  }
  return std::nullopt;
}
inline Judged at_least(const Facts& facts, FactId fact, std::int64_t amount) {
  const auto have = amount_of(facts, fact);
  return have ? Judged{met_if(*have >= amount), {}} : Judged{};
}

/// At least `amount` years or months since a date fact; not met until that day.
inline core::Date since_reached(core::Date since, int amount, DurationUnit unit) {
  return unit == DurationUnit::years ? core::add_years(since, amount)
                                     : core::add_months(since, amount);
}
inline Judged since(const Facts& facts, FactId fact, int amount, DurationUnit unit,
                    core::Date as_of) {
  const auto* date = facts.get_if<core::Date>(fact);
  if (date == nullptr) {
    return {};
  }
  const core::Date reached = since_reached(*date, amount, unit);
  return reached <= as_of ? Judged{Outcome::met, {}} : Judged{Outcome::not_met, reached};
}

/// A date fact within the `months` before `as_of`.
inline Judged within_months(const Facts& facts, FactId fact, int months, core::Date as_of) {
  const auto* date = facts.get_if<core::Date>(fact);
  if (date == nullptr) {
    return {};
  }
  return {met_if(as_of <= core::add_months(*date, months)), {}};
}

/// A date fact on or after `day`.
inline Judged on_or_after(const Facts& facts, FactId fact, core::Date day) {
  const auto* date = facts.get_if<core::Date>(fact);
  return date == nullptr ? Judged{} : Judged{met_if(*date >= day), {}};
}

/// Education at least `level` (a GED counts as a diploma).
inline Judged education_at_least(const Facts& facts, Education level) {
  const auto* have = facts.get_if<Education>(FactId::education);
  if (have == nullptr) {
    return {};
  }
  return {met_if(education_rank(*have) >= education_rank(level)), {}};
}

/// A yes/no fact answered yes.
inline Judged attested(const Facts& facts, FactId fact) {
  const auto* value = facts.get_if<bool>(fact);
  return value == nullptr ? Judged{} : Judged{met_if(*value), {}};
}

/// A check passed; pending or not started is unknown.
inline Judged check_passed(const Facts& facts, FactId fact) {
  const auto* status = facts.get_if<CheckStatus>(fact);
  if (status == nullptr || *status == CheckStatus::pending || *status == CheckStatus::not_started) {
    return {};
  }
  return {met_if(*status == CheckStatus::passed), {}};
}

} // namespace peercert::rules::judge

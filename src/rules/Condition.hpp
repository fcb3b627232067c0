#pragma once

#include "core/Date.hpp"
#include "rules/Fact.hpp"

#include <variant>
#include <vector>

namespace peercert::rules {

struct Condition;

/// Age in whole years on the as-of date is at least `years` (fact: date_of_birth).
struct MinAge {
  int years = 0;
};
/// Age in whole years on the as-of date is at most `years` (fact: date_of_birth).
struct MaxAge {
  int years = 0;
};
/// An hours or count fact is at least `amount`: hundredths of an hour for hours, a whole
/// number for counts.
struct AtLeast {
  FactId fact = FactId::work_experience_hours;
  std::int64_t amount = 0;
};
enum class DurationUnit : std::uint8_t { years, months };
/// At least `amount` years or months have passed since a date fact: not met until that day,
/// which then is the day the person becomes eligible, as a birthday is.
struct Since {
  FactId fact = FactId::recovery_since;
  int amount = 0;
  DurationUnit unit = DurationUnit::years;
};
/// A date fact lies within the `months` months before the as-of date: as_of is at most
/// date + months (the month rule of core::add_months).
struct WithinMonths {
  FactId fact = FactId::training_completed_on;
  int months = 0;
};
/// A date fact is on or after `day` (CA-CMPSS: training completed on or after 1 July 2022).
struct OnOrAfter {
  FactId fact = FactId::training_completed_on;
  core::Date day{};
};
/// Highest education ranks at least `level` (fact: education).
struct EducationAtLeast {
  Education level = Education::none;
};
/// A yes/no fact is true.
struct Attested {
  FactId fact = FactId::lived_experience;
};
/// A check fact is `passed`; `pending` and `not_started` leave it unknown.
struct CheckPassed {
  FactId fact = FactId::background_check;
};
/// Every part holds. Not met beats unknown.
struct AllOf {
  std::vector<Condition> parts;
};
/// At least one part holds. Met beats unknown.
struct AnyOf {
  std::vector<Condition> parts;
};
/// The one part does not hold.
struct NotOf {
  std::vector<Condition> part; ///< exactly one element
};

struct Condition {
  std::variant<MinAge, MaxAge, EducationAtLeast, Attested, CheckPassed, AtLeast, Since,
               WithinMonths, OnOrAfter, AllOf, AnyOf, NotOf>
      node;
};

} // namespace peercert::rules

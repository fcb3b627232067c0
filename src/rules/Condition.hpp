#pragma once

#include "rules/Fact.hpp"

#include <variant>
#include <vector>

namespace peercert::rules {

struct Condition;

/// Age in whole years on the as-of date is at least `years` (fact: date_of_birth).
struct MinAge {
  int years = 0;
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
  std::variant<MinAge, EducationAtLeast, Attested, CheckPassed, AllOf, AnyOf, NotOf> node;
};

} // namespace peercert::rules

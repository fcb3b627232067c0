#pragma once

#include "core/Date.hpp"
#include "rules/Program.hpp"

#include <string>
#include <vector>

namespace peercert::rules {

/// The sourced values of `program` in force on `on` that its rule file marks to confirm,
/// named as `rules show` names them ("renewal.every_years", "renewal.requirements.total.caps
/// .professional_development"), in rule-file order.
std::vector<std::string> values_to_confirm(const Program& program, core::Date on);

} // namespace peercert::rules

#pragma once

#include "core/Date.hpp"
#include "report/CheckReport.hpp"
#include "rules/Compare.hpp"

#include <string>
#include <vector>

namespace peercert::report {

using ProgramAnswer = rules::ProgramAssessment;

/// `check --all-programs --format json`: a list, in the order given, of {program, name,
/// outcome, eligible_on, route, first_unmet} (first_unmet: the reason of
/// rules::first_unmet(), or null).
Json all_programs_json(const std::vector<ProgramAnswer>& answers);

/// The same for a person to read: a line each, eligible (and by which way in), eligible on a
/// day, or not eligible / not known yet with what stands first in the way.
std::string all_programs_text(const std::vector<ProgramAnswer>& answers, core::Date as_of);

} // namespace peercert::report

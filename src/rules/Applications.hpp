#pragma once

#include "core/Date.hpp"
#include "rules/Facts.hpp"
#include "rules/Program.hpp"

#include <optional>
#include <string>
#include <vector>

namespace peercert::rules {

// What a program says of certification applications and exams (DESIGN.md, "Exam attempts",
// "Application deadlines"). Pure: the app layer brings the dates from the store.

/// The first day an application submitted on `submitted_on` counts as lapsed when it has not
/// been approved (CA-CMPSS, IL: 12 months later), or none where the program sets no deadline.
std::optional<core::Date> application_lapses_on(const Program& program, core::Date submitted_on);

/// Whether an application submitted on `submitted_on` and still undecided has lapsed on `on`.
bool application_lapsed(const Program& program, core::Date submitted_on, core::Date on);

/// An application as the exam limit sees it: when it was submitted and, where it was denied
/// or lapsed, the day it stopped counting.
struct ApplicationSpan {
  core::Date submitted_on;
  std::optional<core::Date> closed_on; ///< denied on, or the lapse day; none while it runs
};

/// The exams a person may still sit on `on` for the program, or none where it sets no limit:
/// the limit less the exams taken since the attempt window opened — at the first exam after
/// their latest denied or lapsed application, or at their first exam ever. `taken` are the
/// days of the person's exams for the program.
std::optional<int> exam_attempts_left(const Program& program, const std::vector<core::Date>& taken,
                                      const std::vector<ApplicationSpan>& applications,
                                      core::Date on);

/// Whether the way in a person meets on `on` asks for the program's training before the
/// exam: always where the program has no routes or the person meets none yet; otherwise
/// where the first route met names a training fact (CA-CMPSS's out-of-state route does not).
bool exam_needs_training(const Program& program, const Facts& facts, core::Date on);

/// Why a certificate cannot be issued on `on` for the person's age (OH-CYPS: 18 to 30 "at
/// the time of certification"): the reason of the first age criterion not met that day, or
/// none. An unknown age is not a refusal here: the approval's other checks ask for it.
std::optional<std::string> age_refusal(const Program& program, const Facts& facts, core::Date on);

} // namespace peercert::rules

#pragma once

// One person against every program at once: what `check --all-programs` and the self-check's
// "compare programs" page both judge and ask.

#include "core/Date.hpp"
#include "rules/Eligibility.hpp"
#include "rules/Facts.hpp"
#include "rules/ProgramCatalog.hpp"

#include <vector>

namespace peercert::rules {

/// One program's answer for one person.
struct ProgramAssessment {
  const Program* program = nullptr;
  Assessment assessment;
};

/// The programs of `catalog` that define criteria, in id order.
std::vector<const Program*> checkable_programs(const ProgramCatalog& catalog);
/// The catalog owns the programs: it must outlive what points into it.
std::vector<const Program*> checkable_programs(ProgramCatalog&&) = delete;

/// `facts` judged on `as_of` against each of `programs`, in their order. Throws
/// core::InputError for facts that cannot be, as assess() does.
std::vector<ProgramAssessment> assess_all(const std::vector<const Program*>& programs,
                                          const Facts& facts, core::Date as_of);

/// Where a person stands over several programs: eligible for at least one, else not known yet
/// for at least one, else not eligible (the exit status of `check --all-programs`).
Verdict best_verdict(const std::vector<ProgramAssessment>& answers);

/// The facts any of `programs` uses, in asking order, asked once for all of them: without
/// where a person lives or works, which means a different state in each program.
std::vector<FactId> facts_for_comparison(const std::vector<const Program*>& programs);

} // namespace peercert::rules

#include "rules/Compare.hpp"

#include <algorithm>

namespace peercert::rules {

std::vector<const Program*> checkable_programs(const ProgramCatalog& catalog) {
  std::vector<const Program*> out;
  for (const auto& id : catalog.ids()) {
    if (const auto& p = catalog.get(id); p.has_criteria()) {
      out.push_back(&p);
    }
  }
  return out;
}

std::vector<ProgramAssessment> assess_all(const std::vector<const Program*>& programs,
                                          const Facts& facts, core::Date as_of) {
  std::vector<ProgramAssessment> out;
  out.reserve(programs.size());
  for (const auto* p : programs) {
    out.push_back({p, assess(*p, facts, as_of)});
  }
  return out;
}

Verdict best_verdict(const std::vector<ProgramAssessment>& answers) {
  const auto any = [&](Verdict v) {
    return std::any_of(answers.begin(), answers.end(),
                       [v](const ProgramAssessment& a) { return a.assessment.verdict == v; });
  };
  return any(Verdict::eligible)       ? Verdict::eligible
         : any(Verdict::undetermined) ? Verdict::undetermined
                                      : Verdict::not_eligible;
}

std::vector<FactId> facts_for_comparison(const std::vector<const Program*>& programs) {
  std::vector<bool> used(fact_count, false);
  for (const auto* p : programs) {
    for (const auto f : p->facts_used()) {
      used[static_cast<std::size_t>(f)] = true;
    }
  }
  std::vector<FactId> out;
  for (const auto& info : all_facts()) {
    if (used[static_cast<std::size_t>(info.id)] &&
        info.id != FactId::lives_or_works_in_jurisdiction &&
        info.id != FactId::lives_in_jurisdiction) {
      out.push_back(info.id);
    }
  }
  return out;
}

} // namespace peercert::rules

// Facts JSON for `check` and POST /api/check: judged against every program, or refused naming
// the field.
#include "FuzzSupport.hpp"
#include "report/CheckReport.hpp"
#include "rules/Eligibility.hpp"
#include "rules/Facts.hpp"
#include "rules/ProgramCatalog.hpp"

using namespace peercert;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static rules::ProgramCatalog programs(PEERCERT_FUZZ_RULES_DIR);
  const core::Date today{date::year{2026} / date::November / 24};
  fuzz::expect_answer([&] {
    const auto facts = rules::facts_from_json_text(fuzz::text(data, size));
    for (const auto& id : programs.ids()) {
      const auto& program = programs.get(id);
      if (!program.has_criteria()) {
        continue;
      }
      const report::CheckAnswer answer{&program, today, rules::assess(program, facts, today),
                                       rules::next_steps(program, today)};
      (void)report::check_json(answer).dump();
      (void)report::check_text(answer);
    }
  });
  return 0;
}

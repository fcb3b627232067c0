// A rule file: loads, or is refused with file:line:col; never crashes or throws otherwise.
#include "FuzzSupport.hpp"
#include "rules/RuleFile.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  peercert::fuzz::expect_answer([&] {
    const auto program =
        peercert::rules::parse_program(peercert::fuzz::text(data, size), "fuzz.toml", "");
    (void)program.citations();
    (void)program.facts_used();
  });
  return 0;
}

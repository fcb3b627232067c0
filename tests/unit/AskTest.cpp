#include "cli/Ask.hpp"
#include "rules/RuleFile.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace peercert;
using namespace date::literals;

namespace {
const core::Date today{2026_y / date::nov / 24};
}

TEST_CASE("the self-check asks each question the program needs", "[ask]") {
  const auto p = rules::load_program(PEERCERT_TEST_RULES_DIR, "MO-CPS");
  // date of birth, education (menu 3 = GED), lived experience, background, registry.
  std::istringstream in("2000-01-02\n3\nyes\n1\nPending\n");
  std::ostringstream out;
  const auto f = cli::ask_facts(p, today, in, out);
  CHECK(*f.get_if<core::Date>(rules::FactId::date_of_birth) == core::Date{2000_y / date::jan / 2});
  CHECK(*f.get_if<rules::Education>(rules::FactId::education) == rules::Education::ged);
  CHECK(*f.get_if<bool>(rules::FactId::lived_experience));
  CHECK(*f.get_if<rules::CheckStatus>(rules::FactId::background_check) ==
        rules::CheckStatus::passed);
  CHECK(*f.get_if<rules::CheckStatus>(rules::FactId::registry_check) ==
        rules::CheckStatus::pending);
  CHECK_FALSE(f.has(rules::FactId::willing_to_share_story));
  const std::string text = out.str();
  CHECK(text.find("1/5. What is your date of birth?") != std::string::npos);
  // The program's own wording of the lived-experience question.
  CHECK(text.find("3/5. Have you been successful in your own recovery") != std::string::npos);
}

TEST_CASE("a wrong answer is explained and asked again, and Enter skips", "[ask]") {
  const auto p = rules::load_program(PEERCERT_TEST_RULES_DIR, "MO-CPS");
  std::istringstream in("2000-02-30\n2030-01-01\n1999-12-31\n\nmaybe\nno\n");
  std::ostringstream out;
  const auto f = cli::ask_facts(p, today, in, out);
  CHECK(*f.get_if<core::Date>(rules::FactId::date_of_birth) == core::Date{1999_y / date::dec / 31});
  CHECK_FALSE(f.has(rules::FactId::education));
  CHECK_FALSE(*f.get_if<bool>(rules::FactId::lived_experience));
  CHECK_FALSE(f.has(rules::FactId::background_check)); // input ended
  const std::string text = out.str();
  // Each problem in the person's words: "That answer", not the fact's id.
  CHECK(text.find("That answer is not a valid date") != std::string::npos);
  CHECK(text.find("That answer is after the as-of date 2026-11-24.") != std::string::npos);
  CHECK(text.find("That answer must be true or false") != std::string::npos);
  CHECK(text.find("date_of_birth") == std::string::npos);
  // Nothing the person typed is echoed back.
  CHECK(text.find("2000-02-30") == std::string::npos);
}

#include "rules/Plan.hpp"
#include "TestPrograms.hpp"
#include "core/Error.hpp"
#include "rules/ProgramCatalog.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace peercert;
using namespace peercert::rules;
using namespace date::literals;

namespace {

const core::Date today{2026_y / date::nov / 24};

/// Facts with every kind of answer: each fact missing a third of the time, dates around the
/// as-of day (29 February among them), amounts on both sides of the usual thresholds.
Facts random_facts(std::mt19937& random) {
  const auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(random); };
  Facts f;
  for (const auto& info : all_facts()) {
    if (pick(3) == 0) {
      continue;
    }
    switch (info.kind) {
    case FactKind::date:
      f.set(info.id, pick(8) == 0 ? core::Date{2024_y / date::feb / 29}
                                  : core::Date{date::sys_days(today) - date::days{pick(40 * 366)}});
      break;
    case FactKind::education:
      f.set(info.id, all_education_levels()[static_cast<std::size_t>(pick(7))]);
      break;
    case FactKind::yes_no:
      f.set(info.id, pick(2) == 0);
      break;
    case FactKind::check:
      f.set(info.id, all_check_statuses()[static_cast<std::size_t>(pick(4))]);
      break;
    case FactKind::hours:
      f.set(info.id, core::Hours::from_hundredths(pick(200'000)));
      break;
    case FactKind::count:
      f.set(info.id, Count{pick(40)});
      break;
    }
  }
  return f;
}

/// The plan and assess() must agree on every criterion, the verdict and the day.
void agree(const Program& program, int rows) {
  const Plan plan(program);
  std::vector<Outcome> outcomes(plan.criteria().size());
  std::mt19937 random(20261124);
  for (int i = 0; i < rows; ++i) {
    const Facts f = random_facts(random);
    const Assessment a = assess(program, f, today, Explain::no);
    const Plan::Result r = plan.judge(f, today, outcomes);
    INFO(program.id << " row " << i);
    REQUIRE(r.verdict == a.verdict);
    REQUIRE(r.eligible_on == a.eligible_on);
    for (std::size_t c = 0; c < outcomes.size(); ++c) {
      REQUIRE(outcomes[c] == a.rules[c].outcome);
    }
  }
}

} // namespace

TEST_CASE("the flat plan judges as assess does, for every program in rules/", "[engine]") {
  const ProgramCatalog catalog(PEERCERT_TEST_RULES_DIR);
  const auto ids = catalog.ids();
  REQUIRE(ids.size() >= 9);
  for (const auto& id : ids) {
    agree(catalog.get(id), 1500);
  }
}

TEST_CASE("the flat plan judges nested any, all and not as assess does", "[engine]") {
  const auto p = test::program(
      "[[criteria]]\nid = \"mixed\"\ndescription = \"d\"\nsource = \"s\"\n"
      "any = [{ all = [{ min_age = 21 }, { since = { fact = \"recovery_since\", years = 2 } }] },"
      " { all = [{ max_age = 30 }, { since = { fact = \"recovery_since\", months = 6 } },"
      " { not = { check_passed = \"registry_check\" } }] },"
      " { within = { fact = \"training_completed_on\", months = 12 } }]\n"
      "[[criteria]]\nid = \"work\"\ndescription = \"d\"\nsource = \"s\"\n"
      "any = [{ at_least = { fact = \"work_experience_hours\", value = 500 } },"
      " { at_least = { fact = \"references\", value = 2 } },"
      " { education_at_least = \"bachelor\" }]\n"
      "[[criteria]]\nid = \"age\"\ndescription = \"d\"\nsource = \"s\"\nmin_age = 18\n"
      "[[criteria]]\nid = \"said\"\ndescription = \"d\"\nsource = \"s\"\n"
      "all = [{ attested = \"lived_experience\" }, { check_passed = \"background_check\" }]\n");
  agree(p, 8000);
}

TEST_CASE("the flat plan refuses a date after the as-of day, as assess does", "[engine]") {
  const auto p = test::program(test::age_criterion);
  const Plan plan(p);
  std::vector<Outcome> outcomes(1);
  Facts f;
  f.set(FactId::date_of_birth, core::Date{2026_y / date::nov / 25});
  CHECK_THROWS_AS(plan.judge(f, today, outcomes), core::InputError);
  CHECK_THROWS_AS(assess(p, f, today), core::InputError);
}

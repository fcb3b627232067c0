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
  std::vector<Outcome> outcomes(plan.outcome_count());
  std::mt19937 random(20261124);
  for (int i = 0; i < rows; ++i) {
    const Facts f = random_facts(random);
    const Assessment a = assess(program, f, today, Explain::no);
    const Plan::Result r = plan.judge(f, today, outcomes);
    INFO(program.id << " row " << i);
    REQUIRE(r.verdict == a.verdict);
    REQUIRE(r.eligible_on == a.eligible_on);
    REQUIRE(r.route == a.route);
    std::vector<Outcome> assessed;
    for (const auto& rule : a.rules) {
      assessed.push_back(rule.outcome);
    }
    for (const auto& route : a.routes) {
      for (const auto& rule : route.rules) {
        assessed.push_back(rule.outcome);
      }
    }
    REQUIRE(outcomes == assessed);
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

TEST_CASE("the flat plan judges routes as assess does", "[engine][routes]") {
  // Shared criteria, then three ways in: one waiting for a day, one of counts, one with "any".
  const auto p = test::program(
      "[[criteria]]\nid = \"age\"\ndescription = \"d\"\nsource = \"s\"\nmin_age = 18\n"
      "[[criteria]]\nid = \"said\"\ndescription = \"d\"\nsource = \"s\"\n"
      "attested = \"lived_experience\"\n"
      "[[routes]]\nid = \"training\"\nname = \"Training\"\n"
      "[[routes.criteria]]\nid = \"hours\"\ndescription = \"d\"\nsource = \"s\"\n"
      "at_least = { fact = \"training_hours\", value = 400 }\n"
      "[[routes.criteria]]\nid = \"recent\"\ndescription = \"d\"\nsource = \"s\"\n"
      "since = { fact = \"recovery_since\", years = 2 }\n"
      "[[routes]]\nid = \"experience\"\nname = \"Experience\"\n"
      "[[routes.criteria]]\nid = \"months\"\ndescription = \"d\"\nsource = \"s\"\n"
      "at_least = { fact = \"months_worked_last_3_years\", value = 20 }\n"
      "[[routes.criteria]]\nid = \"references\"\ndescription = \"d\"\nsource = \"s\"\n"
      "at_least = { fact = \"references\", value = 2 }\n"
      "[[routes]]\nid = \"degree\"\nname = \"Degree\"\n"
      "[[routes.criteria]]\nid = \"degree\"\ndescription = \"d\"\nsource = \"s\"\n"
      "any = [{ education_at_least = \"master\" }, { max_age = 25 }]\n");
  agree(p, 8000);
}

TEST_CASE("routes: eligible through one, the first met named, the later day of two waits",
          "[engine][routes]") {
  const auto p = test::program(
      "[[criteria]]\nid = \"age\"\ndescription = \"d\"\nsource = \"s\"\nmin_age = 18\n"
      "[[routes]]\nid = \"recovery\"\nname = \"Recovery\"\n"
      "[[routes.criteria]]\nid = \"since\"\ndescription = \"d\"\nsource = \"s\"\n"
      "since = { fact = \"recovery_since\", years = 2 }\n"
      "[[routes]]\nid = \"references\"\nname = \"References\"\n"
      "[[routes.criteria]]\nid = \"two\"\ndescription = \"d\"\nsource = \"s\"\n"
      "at_least = { fact = \"references\", value = 2 }\n");
  Facts f;
  f.set(FactId::date_of_birth, core::Date{2000_y / date::jan / 1});
  f.set(FactId::recovery_since, core::Date{2025_y / date::jun / 1});
  f.set(FactId::references, Count{1});
  auto a = assess(p, f, today);
  CHECK(a.verdict == Verdict::not_eligible);
  REQUIRE(a.routes.size() == 2);
  CHECK(a.routes[0].met_on == core::Date{2027_y / date::jun / 1});
  CHECK(a.routes[1].outcome == Outcome::not_met);
  // Only time stands in the way, on one route: eligible on its day.
  CHECK(a.eligible_on == core::Date{2027_y / date::jun / 1});
  CHECK(a.route == nullptr);
  // Too young as well: the later of the two days.
  f.set(FactId::date_of_birth, core::Date{2009_y / date::dec / 1});
  a = assess(p, f, today);
  CHECK(a.eligible_on == core::Date{2027_y / date::dec / 1});
  // Both routes met: the first in file order is named.
  f.set(FactId::date_of_birth, core::Date{2000_y / date::jan / 1});
  f.set(FactId::recovery_since, core::Date{2020_y / date::jan / 1});
  f.set(FactId::references, Count{2});
  a = assess(p, f, today);
  CHECK(a.verdict == Verdict::eligible);
  REQUIRE(a.route != nullptr);
  CHECK(a.route->id == "recovery");
  CHECK(a.eligible_on == std::nullopt);
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

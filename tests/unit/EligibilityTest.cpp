#include "rules/Eligibility.hpp"
#include "TestPrograms.hpp"
#include "core/Error.hpp"

#include <catch2/catch.hpp>

using namespace peercert;
using namespace peercert::rules;
using namespace date::literals;

namespace {

const core::Date today{2026_y / date::nov / 24};

std::string criterion(const std::string& id, const std::string& condition) {
  return "[[criteria]]\nid = \"" + id + "\"\ndescription = \"d\"\nsource = \"s\"\n" + condition +
         "\n";
}

Facts facts(std::initializer_list<std::pair<FactId, FactValue>> values) {
  Facts f;
  for (const auto& [id, v] : values) {
    f.set(id, v);
  }
  return f;
}

} // namespace

TEST_CASE("all: not met beats unknown beats met", "[engine]") {
  const auto p =
      test::program(criterion("checks", "all = [{ check_passed = \"background_check\" }, "
                                        "{ check_passed = \"registry_check\" }]"));
  const auto outcome = [&](CheckStatus b, CheckStatus r) {
    return assess(p, facts({{FactId::background_check, b}, {FactId::registry_check, r}}), today)
        .rules[0]
        .outcome;
  };
  CHECK(outcome(CheckStatus::passed, CheckStatus::passed) == Outcome::met);
  CHECK(outcome(CheckStatus::passed, CheckStatus::pending) == Outcome::unknown);
  CHECK(outcome(CheckStatus::failed, CheckStatus::pending) == Outcome::not_met);
  CHECK(outcome(CheckStatus::not_started, CheckStatus::failed) == Outcome::not_met);
  CHECK(outcome(CheckStatus::not_started, CheckStatus::passed) == Outcome::unknown);
}

TEST_CASE("any: met beats unknown beats not met", "[engine]") {
  const auto p = test::program(criterion("either", "any = [{ attested = \"lived_experience\" }, "
                                                   "{ education_at_least = \"bachelor\" }]"));
  const auto result = [&](Facts f) { return assess(p, f, today).rules[0]; };
  CHECK(result(facts({{FactId::lived_experience, true}})).outcome == Outcome::met);
  CHECK(result(facts({{FactId::education, Education::doctorate}})).outcome == Outcome::met);
  CHECK(result(facts({{FactId::lived_experience, false}})).outcome == Outcome::unknown);
  const auto no =
      result(facts({{FactId::lived_experience, false}, {FactId::education, Education::ged}}));
  CHECK(no.outcome == Outcome::not_met);
  CHECK(no.reason == "This program needs one of these, and none is met. You said you do not "
                     "have lived experience of recovery. You have a GED; this program needs a "
                     "bachelor's degree or higher.");
}

TEST_CASE("not turns met and not met round and leaves unknown", "[engine]") {
  const auto p = test::program(criterion("clear", "not = { check_passed = \"registry_check\" }"));
  const auto outcome = [&](Facts f) { return assess(p, f, today).rules[0].outcome; };
  CHECK(outcome(facts({{FactId::registry_check, CheckStatus::passed}})) == Outcome::not_met);
  CHECK(outcome(facts({{FactId::registry_check, CheckStatus::failed}})) == Outcome::met);
  CHECK(outcome(facts({{FactId::registry_check, CheckStatus::pending}})) == Outcome::unknown);
  CHECK(outcome(Facts{}) == Outcome::unknown);
}

TEST_CASE("eligible_on is the latest birthday when only time stands in the way", "[engine]") {
  const auto p =
      test::program(criterion("adult", "min_age = 18") + criterion("senior", "min_age = 21") +
                    criterion("exp", "attested = \"lived_experience\""));
  const core::Date dob{2006_y / date::jan / 10}; // 20 on the as-of date
  SECTION("two ages to wait for") {
    const auto a =
        assess(p, facts({{FactId::date_of_birth, dob}, {FactId::lived_experience, true}}), today);
    CHECK(a.verdict == Verdict::not_eligible);
    CHECK(a.eligible_on == core::Date{2027_y / date::jan / 10});
    CHECK(a.rules[0].outcome == Outcome::met);
    CHECK(a.rules[1].met_on == core::Date{2027_y / date::jan / 10});
  }
  SECTION("anything else not met means no date") {
    const auto a =
        assess(p, facts({{FactId::date_of_birth, dob}, {FactId::lived_experience, false}}), today);
    CHECK(a.verdict == Verdict::not_eligible);
    CHECK_FALSE(a.eligible_on.has_value());
  }
  SECTION("anything unknown means no date") {
    const auto a = assess(p, facts({{FactId::date_of_birth, dob}}), today);
    CHECK(a.verdict == Verdict::not_eligible);
    CHECK_FALSE(a.eligible_on.has_value());
  }
  SECTION("no date once eligible") {
    const auto a = assess(p,
                          facts({{FactId::date_of_birth, core::Date{2000_y / date::jan / 1}},
                                 {FactId::lived_experience, true}}),
                          today);
    CHECK(a.verdict == Verdict::eligible);
    CHECK_FALSE(a.eligible_on.has_value());
  }
}

TEST_CASE("any over ages waits for the earliest", "[engine]") {
  const auto p = test::program(criterion("old", "any = [{ min_age = 30 }, { min_age = 25 }]"));
  const auto a =
      assess(p, facts({{FactId::date_of_birth, core::Date{2002_y / date::mar / 3}}}), today);
  CHECK(a.eligible_on == core::Date{2027_y / date::mar / 3});
}

TEST_CASE("reasons speak to the applicant", "[engine]") {
  const auto p = test::program(criterion("age", "min_age = 18") +
                               criterion("edu", "education_at_least = \"high_school_diploma\""));
  const auto reasons = [&](Facts f) {
    const auto a = assess(p, f, today);
    return std::make_pair(a.rules[0].reason, a.rules[1].reason);
  };
  CHECK(reasons(facts({{FactId::date_of_birth, core::Date{2008_y / date::nov / 25}},
                       {FactId::education, Education::none}})) ==
        std::make_pair(std::string("You are 17; you must be at least 18. You will be 18 on 25 "
                                   "November 2026."),
                       std::string("You told us you have no diploma; this program needs a "
                                   "high-school diploma or GED.")));
  CHECK(reasons(facts({{FactId::date_of_birth, core::Date{1990_y / date::may / 1}},
                       {FactId::education, Education::high_school_diploma}})) ==
        std::make_pair(std::string("You are 36; the minimum age is 18."),
                       std::string("You have a high-school diploma, which meets the need for a "
                                   "high-school diploma or GED.")));
  CHECK(reasons(Facts{}).first ==
        "You have not told us your date of birth, so we cannot check that you are at least 18.");
}

TEST_CASE("without explanations the outcomes are the same and no reasons are written", "[engine]") {
  const auto p = test::program(criterion("age", "min_age = 18") +
                               criterion("c", "check_passed = \"registry_check\""));
  const Facts f = facts({{FactId::date_of_birth, core::Date{2009_y / date::jan / 1}},
                         {FactId::registry_check, CheckStatus::pending}});
  const auto with = assess(p, f, today, Explain::yes);
  const auto without = assess(p, f, today, Explain::no);
  CHECK(with.verdict == without.verdict);
  REQUIRE(with.rules.size() == without.rules.size());
  for (std::size_t i = 0; i < with.rules.size(); ++i) {
    CHECK(with.rules[i].outcome == without.rules[i].outcome);
    CHECK(without.rules[i].reason.empty());
    CHECK_FALSE(with.rules[i].reason.empty());
  }
}

TEST_CASE("a date of birth after the as-of date is an input error, not a result", "[engine]") {
  const auto p = test::program(criterion("age", "min_age = 18"));
  CHECK_THROWS_AS(
      assess(p, facts({{FactId::date_of_birth, core::Date{2026_y / date::nov / 25}}}), today),
      core::InputError);
}

TEST_CASE("next steps fill in the values in force on the as-of date", "[engine]") {
  const auto p = rules::load_program(PEERCERT_TEST_RULES_DIR, "MO-CPS");
  const auto steps = next_steps(p, today);
  REQUIRE(steps.size() == 5);
  CHECK(steps[0].step->id == "training_application");
  CHECK(steps[1].description == "Attend the week-long 35-hour training.");
  CHECK(steps[3].description.find("the $75.00 application fee") != std::string::npos);
}

TEST_CASE("at least N hours or a count: what is needed and what the person has", "[engine]") {
  const auto p = test::program(
      criterion("work", "at_least = { fact = \"work_experience_hours\", value = 500 }") +
      criterion("refs", "at_least = { fact = \"references\", value = 2 }"));
  const auto hours = [](const char* text) { return *core::Hours::parse(text); };
  const auto a = assess(
      p, facts({{FactId::work_experience_hours, hours("320.5")}, {FactId::references, Count{1}}}),
      today);
  CHECK(a.verdict == Verdict::not_eligible);
  CHECK_FALSE(a.eligible_on);
  CHECK(a.rules[0].reason == "You have 320.5 hours of peer-support work; this program needs at "
                             "least 500 hours of peer-support work, 179.5 more.");
  CHECK(a.rules[1].reason == "You have 1 personal reference; this program needs at least 2 "
                             "personal references, 1 more.");
  const auto b = assess(
      p, facts({{FactId::work_experience_hours, hours("500")}, {FactId::references, Count{2}}}),
      today);
  CHECK(b.verdict == Verdict::eligible);
  const auto c = assess(p, facts({}), today);
  CHECK(c.verdict == Verdict::undetermined);
  CHECK(c.rules[0].reason == "You have not told us how many hours of peer-support work you "
                             "have; this program needs at least 500 hours of peer-support work.");
}

TEST_CASE("years since a date wait for the day, like a birthday", "[engine]") {
  const auto p = test::program(criterion("recovery", "since = { fact = \"recovery_since\", "
                                                     "years = 1 }") +
                               std::string(test::age_criterion));
  const auto a = assess(p,
                        facts({{FactId::recovery_since, core::Date{2026_y / date::mar / 1}},
                               {FactId::date_of_birth, core::Date{1990_y / date::jan / 1}}}),
                        today);
  CHECK(a.verdict == Verdict::not_eligible);
  CHECK(a.eligible_on == core::Date{2027_y / date::mar / 1});
  CHECK(a.rules[0].reason == "Your current recovery began on 1 March 2026; this program needs "
                             "at least one year of recovery. You will have one year of recovery "
                             "on 1 March 2027.");
  // With a birthday later still, the later day wins.
  const auto b = assess(p,
                        facts({{FactId::recovery_since, core::Date{2026_y / date::mar / 1}},
                               {FactId::date_of_birth, core::Date{2009_y / date::jun / 1}}}),
                        today);
  CHECK(b.eligible_on == core::Date{2027_y / date::jun / 1});
  // Begun on 29 February: a year on is 1 March in a common year.
  const auto leap = assess(p,
                           facts({{FactId::recovery_since, core::Date{2024_y / date::feb / 29}},
                                  {FactId::date_of_birth, core::Date{1990_y / date::jan / 1}}}),
                           core::Date{2025_y / date::feb / 28});
  CHECK(leap.eligible_on == core::Date{2025_y / date::mar / 1});
  const auto met = assess(p,
                          facts({{FactId::recovery_since, core::Date{2024_y / date::feb / 29}},
                                 {FactId::date_of_birth, core::Date{1990_y / date::jan / 1}}}),
                          core::Date{2025_y / date::mar / 1});
  CHECK(met.verdict == Verdict::eligible);
  const auto months = test::program(criterion("m", "since = { fact = \"recovery_since\", "
                                                   "months = 6 }"));
  CHECK(
      assess(months, facts({{FactId::recovery_since, core::Date{2026_y / date::may / 31}}}), today)
          .eligible_on == core::Date{2026_y / date::dec / 1});
}

TEST_CASE("within N months before the as-of date: met up to the day, then never again",
          "[engine]") {
  const auto p = test::program(
      criterion("recent", "within = { fact = \"training_completed_on\", months = 12 }"));
  const auto on = [&](core::Date done, core::Date as_of) {
    return assess(p, facts({{FactId::training_completed_on, done}}), as_of).rules[0];
  };
  CHECK(on(core::Date{2025_y / date::nov / 24}, today).outcome == Outcome::met);
  const auto late = on(core::Date{2025_y / date::nov / 23}, today);
  CHECK(late.outcome == Outcome::not_met);
  CHECK_FALSE(late.met_on);
  CHECK(late.reason == "You completed the training on 23 November 2025, more than 12 months "
                       "ago; this program needs it within the 12 months before you apply.");
  // 31 January + 1 month is 1 March under the month rule.
  const auto q = test::program(
      criterion("recent", "within = { fact = \"training_completed_on\", months = 1 }"));
  CHECK(assess(q, facts({{FactId::training_completed_on, core::Date{2026_y / date::jan / 31}}}),
               core::Date{2026_y / date::mar / 1})
            .verdict == Verdict::eligible);
  CHECK(assess(q, facts({{FactId::training_completed_on, core::Date{2026_y / date::jan / 31}}}),
               core::Date{2026_y / date::mar / 2})
            .verdict == Verdict::not_eligible);
}

TEST_CASE("a maximum age is met up to that age and not after", "[engine]") {
  const auto p = test::program(criterion("young", "max_age = 25"));
  CHECK(assess(p, facts({{FactId::date_of_birth, core::Date{2000_y / date::nov / 25}}}), today)
            .verdict == Verdict::eligible);
  const auto old =
      assess(p, facts({{FactId::date_of_birth, core::Date{2000_y / date::nov / 24}}}), today);
  CHECK(old.verdict == Verdict::not_eligible);
  CHECK_FALSE(old.eligible_on);
  CHECK(old.rules[0].reason == "You are 26; this program is for people aged 25 or younger.");
}

TEST_CASE("reasons name the program's jurisdiction", "[engine]") {
  const auto p = test::program(criterion("place", "attested = \"lives_or_works_in_jurisdiction\""));
  CHECK(p.question(FactId::lives_or_works_in_jurisdiction) == "Do you live or work in Nowhere?");
  CHECK(
      assess(p, facts({{FactId::lives_or_works_in_jurisdiction, false}}), today).rules[0].reason ==
      "You said you neither live nor work in Nowhere; this program requires it.");
}

TEST_CASE("on or after a day: met from that day, unknown without the date", "[engine]") {
  const auto p = test::program(criterion(
      "trained", "on_or_after = { fact = \"training_completed_on\", date = 2022-07-01 }"));
  const auto on = [&](core::Date d) {
    return assess(p, facts({{FactId::training_completed_on, d}}), today).rules[0];
  };
  CHECK(on(2022_y / 6 / 30).outcome == Outcome::not_met);
  CHECK_FALSE(on(2022_y / 6 / 30).met_on); // time does not help
  CHECK(on(2022_y / 6 / 30).reason ==
        "You completed the training on 30 June 2022; this program needs it on or after 1 July "
        "2022.");
  CHECK(on(2022_y / 7 / 1).outcome == Outcome::met);
  CHECK(assess(p, Facts{}, today).rules[0].outcome == Outcome::unknown);
}

TEST_CASE("deadlines: from a date fact, and the last day within a met age limit", "[engine]") {
  const auto p = test::program(
      criterion("limit", "max_age = 30") +
      "[[deadlines]]\nid = \"work\"\ntext = \"Work until\"\nfact = \"peer_work_started_on\"\n"
      "months = 12\nsource = \"s\"\n");
  // 30 today, born 29 February: 31 on 1 March 2027 in a common year, so the last day is 28
  // February.
  const auto a = assess(p,
                        facts({{FactId::date_of_birth, core::Date{1996_y / 2 / 29}},
                               {FactId::peer_work_started_on, core::Date{2026_y / 1 / 31}}}),
                        today);
  REQUIRE(a.deadlines.size() == 2);
  CHECK(a.deadlines[0].id == "work");
  CHECK(a.deadlines[0].on == 2027_y / 1 / 31);
  CHECK(a.deadlines[1].id == "limit");
  CHECK(a.deadlines[1].on == 2027_y / 2 / 28);
  CHECK(a.verdict == Verdict::eligible); // deadlines never decide

  // Past the limit, or its fact missing: no such deadline.
  const auto older = assess(p, facts({{FactId::date_of_birth, core::Date{1990_y / 1 / 1}}}), today);
  CHECK(older.deadlines.empty());
  CHECK(older.verdict == Verdict::not_eligible);
}

TEST_CASE("first_unmet names what rules a person out before what is unknown", "[engine]") {
  const auto p = test::program(criterion("shared", "attested = \"lived_experience\"") +
                               criterion("age", "min_age = 18"));
  const auto a = assess(p, facts({{FactId::date_of_birth, core::Date{2015_y / 1 / 1}}}), today);
  REQUIRE(first_unmet(a) != nullptr);
  CHECK(first_unmet(a)->criterion->id == "age");
  const auto b = assess(p, facts({{FactId::date_of_birth, core::Date{2000_y / 1 / 1}}}), today);
  CHECK(first_unmet(b)->criterion->id == "shared");
  const auto c = assess(p,
                        facts({{FactId::date_of_birth, core::Date{2000_y / 1 / 1}},
                               {FactId::lived_experience, true}}),
                        today);
  CHECK(first_unmet(c) == nullptr);
}

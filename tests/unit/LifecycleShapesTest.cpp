// The third edition's lifecycle shapes, judged by the pure rules (DESIGN.md, "Routes,
// specialties and the other new rule shapes"): a length the holder chooses, specialties with
// CE of their own, exam attempts, lapsing applications and provisional certificates.

#include "TestPrograms.hpp"
#include "core/Error.hpp"
#include "renewal/Fees.hpp"
#include "renewal/Renewal.hpp"
#include "rules/Applications.hpp"
#include "rules/RuleFile.hpp"

#include <catch2/catch.hpp>

#include <functional>

using namespace peercert;
using namespace peercert::renewal;

namespace {

core::Date d(int y, unsigned m, unsigned day) {
  return core::Date{date::year{y} / date::month{m} / date::day{day}};
}

core::Hours h(std::int64_t whole) { return core::Hours::whole(whole); }

CeEntry entry(core::Date on, std::int64_t hours, rules::CeCategory c) {
  return {on, h(hours), c, rules::CeDelivery::live, std::nullopt};
}

const rules::Program& chosen() {
  static const auto p = test::program("[renewal]\n"
                                      "lengths = { value = [1, 2, 3], source = \"s\" }\n"
                                      "hours_per_year = { value = 10, source = \"s\" }\n"
                                      "categories = [\"general\"]\n");
  return p;
}

/// A three-year certificate imported with its last day, 28 February 2027.
History chosen_history() {
  const CredentialDates dates{d(2024, 3, 1), d(2027, 2, 28), std::nullopt};
  return History{dates, {first_period(chosen(), dates, Began::import, false, 3)}, {}};
}

const rules::Program& with_specialty() {
  static const auto p =
      test::program("[renewal]\n"
                    "every_years = { value = 2, source = \"s\" }\n"
                    "categories = [\"general\", \"family\", \"cultural_competence\"]\n"
                    "[[renewal.requirements]]\n"
                    "id = \"total\"\n"
                    "description = \"CE\"\n"
                    "hours = { value = 10, source = \"s\" }\n"
                    "[[specialties]]\n"
                    "id = \"family\"\n"
                    "name = \"Family\"\n"
                    "source = \"s\"\n"
                    "[[specialties.requirements]]\n"
                    "id = \"family_hours\"\n"
                    "description = \"Family topics\"\n"
                    "categories = [\"family\", \"cultural_competence\"]\n"
                    "hours = { value = 6, source = \"s\" }\n"
                    "[[specialties.requirements]]\n"
                    "id = \"cultural_competence\"\n"
                    "description = \"Of them, cultural competence\"\n"
                    "category = \"cultural_competence\"\n"
                    "hours = { value = 1, source = \"s\" }\n");
  return p;
}

} // namespace

TEST_CASE("a chosen length needs 10 hours a year and runs from the day after", "[shapes]") {
  const auto& p = chosen();
  auto history = chosen_history();
  REQUIRE(history.periods[0].cycle.start == d(2024, 3, 1));
  std::vector<CeEntry> entries{entry(d(2024, 2, 29), 9, rules::CeCategory::general),
                               entry(d(2025, 5, 1), 25, rules::CeCategory::general)};
  const auto now = standing(p, history, entries, d(2026, 12, 1));
  CHECK(now.current.hours_required == h(10));
  CHECK(now.current.hours_completed == h(25)); // the entry before the certificate counts for none
  REQUIRE(now.renewable_years);
  CHECK(*now.renewable_years == 2);

  FilingRequest request{d(2026, 12, 1), core::Money{}, false, {}, std::nullopt};
  CHECK_THROWS_WITH(judge_filing(p, history, entries, request, "C-1"),
                    Catch::StartsWith("years is needed"));
  request.years = 4;
  CHECK_THROWS_WITH(judge_filing(p, history, entries, request, "C-1"),
                    "years must be 1, 2 or 3 for T.");
  request.years = 3;
  CHECK_THROWS_WITH(judge_filing(p, history, entries, request, "C-1"),
                    Catch::Contains("5.00 h of any kind for 3 years"));
  request.years = 2;
  const auto filed = judge_filing(p, history, entries, request, "C-1");
  CHECK(filed.next.cycle.start == d(2027, 3, 1));
  CHECK(filed.next.cycle.expires_on == d(2029, 2, 28));
  CHECK(filed.next.cycle.counts_from == d(2027, 3, 1));
  CHECK(filed.next.number == 1);

  // The period renewed is judged, in its timeline row, against the length chosen.
  history.periods.push_back(filed.next);
  const auto row = period_progress(p, history, 0, entries, d(2027, 6, 1));
  CHECK(row.hours_required == h(20));
  // CE after the current period waits for the holder's next choice.
  CHECK_FALSE(counts_in(p, history, d(2029, 3, 5)));
  CHECK(counts_in(p, history, d(2028, 3, 5)) == 1);
}

TEST_CASE("a chosen length from 29 February keeps the 29 February rule", "[shapes]") {
  const auto& p = chosen();
  const CredentialDates dates{d(2023, 3, 1), d(2024, 2, 28), std::nullopt};
  History history{dates, {first_period(p, dates, Began::import, false, 1)}, {}};
  std::vector<CeEntry> entries{entry(d(2023, 6, 1), 10, rules::CeCategory::general)};
  // Renewed for one year from 29 February 2024: to 28 February 2025.
  FilingRequest request{d(2024, 2, 1), core::Money{}, false, {}, 1};
  const auto filed = judge_filing(p, history, entries, request, "C-1");
  CHECK(filed.next.cycle.start == d(2024, 2, 29));
  CHECK(filed.next.cycle.expires_on == d(2025, 2, 28));
}

TEST_CASE("a chosen length is refused where the program sets it, and an import needs it",
          "[shapes]") {
  const auto fixed = test::program("[renewal]\nevery_years = { value = 2, source = \"s\" }\n");
  const CredentialDates dates{d(2024, 3, 1), std::nullopt, std::nullopt};
  History history{dates, {first_period(fixed, dates, Began::issue)}, {}};
  FilingRequest request{d(2026, 2, 1), core::Money{}, false, {}, 2};
  CHECK_THROWS_WITH(judge_filing(fixed, history, {}, request, "C-1"),
                    Catch::StartsWith("years is only for programs whose holders choose"));
  CHECK_THROWS_WITH(first_period(fixed, dates, Began::import, false, 2),
                    Catch::StartsWith("cycle_years is only for"));
  CHECK_THROWS_WITH(
      first_period(chosen(), {d(2024, 3, 1), d(2027, 2, 28), std::nullopt}, Began::import),
      Catch::StartsWith("cycle_years is needed"));
  CHECK_THROWS_WITH(first_period(chosen(), dates, Began::issue),
                    Catch::Contains("does not define the first certificate's length"));
}

TEST_CASE("a specialty's CE never blocks the base, and a renewal short of it ends it", "[shapes]") {
  const auto& p = with_specialty();
  const CredentialDates dates{d(2022, 6, 1), std::nullopt, std::nullopt};
  auto history = renewed_history(p, dates, 1); // cycle 1: 2024-06-01 to 2026-05-31
  std::vector<CeEntry> entries{entry(d(2025, 1, 10), 8, rules::CeCategory::general),
                               entry(d(2025, 2, 10), 3, rules::CeCategory::family),
                               entry(d(2025, 2, 11), 1, rules::CeCategory::cultural_competence)};
  const auto without = standing(p, history, entries, d(2026, 3, 15));
  history.endorsed.push_back({"family", d(2023, 1, 10), std::nullopt});
  const auto with = standing(p, history, entries, d(2026, 3, 15));
  // The base's figures are the same with the specialty held.
  CHECK(with.current.hours_required == without.current.hours_required);
  CHECK(with.current.hours_needed == without.current.hours_needed);
  CHECK(with.current.requirements.size() == without.current.requirements.size());
  REQUIRE(with.specialties.size() == 1);
  const auto& family = with.specialties[0];
  CHECK(family.applies);
  CHECK_FALSE(family.requirements_met());
  CHECK(family.current.hours_needed == h(2));

  FilingRequest request{d(2026, 3, 15), core::Money{}, false, {}, std::nullopt};
  const auto filed = judge_filing(p, history, entries, request, "C-1");
  CHECK(filed.specialties_ended == std::vector<std::string>{"family"});

  // Endorsed after the cycle began: its CE applies from the next cycle.
  history.endorsed[0].since = d(2024, 6, 2);
  const auto later = standing(p, history, entries, d(2026, 3, 15));
  REQUIRE(later.specialties.size() == 1);
  CHECK_FALSE(later.specialties[0].applies);
  CHECK(later.specialties[0].requirements_met());
  CHECK(judge_filing(p, history, entries, request, "C-1").specialties_ended.empty());

  // Ended: no longer held.
  history.endorsed[0].until = d(2025, 1, 1);
  CHECK(standing(p, history, entries, d(2026, 3, 15)).specialties.empty());
}

TEST_CASE("a specialty's fewest hours are exact, by brute force", "[shapes]") {
  const auto& p = with_specialty();
  const auto& s = *p.specialty("family");
  const Cycle cycle{1, d(2024, 6, 1), d(2026, 5, 31), d(2024, 6, 1)};
  for (int family = 0; family <= 7; ++family) {
    for (int culture = 0; culture <= 2; ++culture) {
      std::vector<CeEntry> entries;
      if (family > 0) {
        entries.push_back(entry(d(2025, 1, 1), family, rules::CeCategory::family));
      }
      if (culture > 0) {
        entries.push_back(entry(d(2025, 1, 2), culture, rules::CeCategory::cultural_competence));
      }
      const auto got = specialty_progress(p, s, cycle, entries, d(2026, 1, 1));
      // Fewest more whole hours of family (f) and cultural competence (c) meeting both.
      int best = 100;
      for (int f = 0; f <= 7; ++f) {
        for (int c = 0; c <= 7; ++c) {
          if (family + f + culture + c >= 6 && culture + c >= 1) {
            best = std::min(best, f + c);
          }
        }
      }
      INFO(family << " family, " << culture << " cultural competence");
      CHECK(got.hours_needed == h(best));
    }
  }
}

TEST_CASE("endorsements: only a specialty the program has, once, on a credential in good "
          "standing",
          "[shapes]") {
  const auto& p = with_specialty();
  const CredentialDates dates{d(2022, 6, 1), std::nullopt, std::nullopt};
  auto history = renewed_history(p, dates, 0);
  CHECK_NOTHROW(judge_endorsement(p, history, {}, "family", d(2023, 1, 10), "C-1"));
  CHECK_THROWS_WITH(judge_endorsement(p, history, {}, "youth", d(2023, 1, 10), "C-1"),
                    "specialty \"youth\" is not a specialty of T; its specialties are family.");
  CHECK_THROWS_WITH(judge_endorsement(p, history, {}, "family", d(2022, 5, 1), "C-1"),
                    Catch::StartsWith("on is before C-1 was issued"));
  history.endorsed.push_back({"family", d(2023, 1, 10), std::nullopt});
  CHECK_THROWS_WITH(judge_endorsement(p, history, {}, "family", d(2023, 2, 1), "C-1"),
                    Catch::Contains("is already held by C-1 since 2023-01-10"));
  CHECK_NOTHROW(judge_endorsement_end(history, "family", d(2023, 2, 1), "C-1"));
  CHECK_THROWS_WITH(judge_endorsement_end(history, "family", d(2023, 1, 9), "C-1"),
                    Catch::StartsWith("on is before C-1 was endorsed"));
  CHECK_THROWS_WITH(judge_endorsement_end(history, "veteran", d(2023, 2, 1), "C-1"),
                    Catch::Contains("is not held by C-1"));
  history.events.push_back({d(2023, 3, 1), State::suspended, false});
  history.endorsed.clear();
  CHECK_THROWS_WITH(judge_endorsement(p, history, {}, "family", d(2023, 3, 2), "C-1"),
                    Catch::Contains("is suspended on 2023-03-02"));
  // Expired: not in good standing either.
  history.events.clear();
  CHECK_THROWS_WITH(judge_endorsement(p, history, {}, "family", d(2024, 7, 1), "C-1"),
                    Catch::Contains("is expired on 2024-07-01"));
}

TEST_CASE("exam attempts: at most N in a window that a denied or lapsed application closes",
          "[shapes]") {
  const auto p = test::program("[certification]\n"
                               "exam_attempts = { value = 3, source = \"s\" }\n"
                               "application_months = { value = 12, source = \"s\" }\n");
  const std::vector<core::Date> taken{d(2026, 1, 5), d(2026, 2, 5), d(2026, 3, 5)};
  CHECK(rules::exam_attempts_left(p, {}, {}, d(2026, 1, 1)) == 3);
  CHECK(rules::exam_attempts_left(p, taken, {}, d(2026, 4, 1)) == 0);
  // Denied on 1 March: the window reopens after it.
  const std::vector<rules::ApplicationSpan> denied{{d(2026, 1, 20), d(2026, 3, 1)}};
  CHECK(rules::exam_attempts_left(p, taken, denied, d(2026, 4, 1)) == 2);
  // Still running: no new window.
  const std::vector<rules::ApplicationSpan> running{{d(2026, 1, 20), std::nullopt}};
  CHECK(rules::exam_attempts_left(p, taken, running, d(2026, 4, 1)) == 0);
  const auto no_limit = test::program("");
  CHECK_FALSE(rules::exam_attempts_left(no_limit, taken, {}, d(2026, 4, 1)));

  // An application submitted on 12 January 2026 lapses on 12 January 2027.
  CHECK(rules::application_lapses_on(p, d(2026, 1, 12)) == d(2027, 1, 12));
  CHECK_FALSE(rules::application_lapsed(p, d(2026, 1, 12), d(2027, 1, 11)));
  CHECK(rules::application_lapsed(p, d(2026, 1, 12), d(2027, 1, 12)));
  CHECK_FALSE(rules::application_lapses_on(no_limit, d(2026, 1, 12)));
}

TEST_CASE("a provisional certificate is upgraded by its deadline, and never extended", "[shapes]") {
  const auto p = test::program("[initial]\n"
                               "name = \"Provisional certificate\"\n"
                               "months = { value = 12, source = \"s\" }\n"
                               "upgrade_days_before = { value = 30, source = \"s\" }\n"
                               "[renewal]\n"
                               "every_years = { value = 2, source = \"s\" }\n");
  const CredentialDates dates{d(2026, 1, 15), std::nullopt, std::nullopt};
  const History history{dates, {first_period(p, dates, Began::issue)}, {}};
  REQUIRE(history.periods[0].cycle.expires_on == d(2027, 1, 14));
  // Early in the provisional year, before any reminder window: accepted.
  FilingRequest request{d(2026, 3, 1), core::Money{}, false, {}, std::nullopt};
  CHECK(judge_filing(p, history, {}, request, "C-1").next.cycle.start == d(2027, 1, 15));
  request.on = d(2026, 12, 15); // 30 days before it ends
  CHECK_NOTHROW(judge_filing(p, history, {}, request, "C-1"));
  request.on = d(2026, 12, 16);
  CHECK_THROWS_WITH(judge_filing(p, history, {}, request, "C-1"),
                    Catch::StartsWith("The upgrade of C-1 to the full certificate had to be "
                                      "filed by 2026-12-15"));
  request.extend = true;
  request.on = d(2026, 12, 1);
  CHECK_THROWS_WITH(judge_filing(p, history, {}, request, "C-1"),
                    Catch::Contains("allows no extension"));

  // Without the full certificate's length, the upgrade is refused, saying so.
  const auto alone = test::program("[initial]\n"
                                   "months = { value = 12, source = \"s\" }\n"
                                   "upgrade_days_before = { value = 30, source = \"s\" }\n");
  const History provisional{dates, {first_period(alone, dates, Began::issue)}, {}};
  request.extend = false;
  request.on = d(2026, 3, 1);
  CHECK_THROWS_WITH(judge_filing(alone, provisional, {}, request, "C-1"),
                    Catch::Contains("does not define the full certificate's length"));
}

TEST_CASE("the loader refuses what the new shapes cannot mean", "[shapes]") {
  const auto refused = [](const std::string& body, const std::string& words) {
    INFO(body);
    CHECK_THROWS_WITH(test::program(body), Catch::Contains(words));
  };
  refused("[renewal]\nlengths = { value = [1, 4], source = \"s\" }\n"
          "hours_per_year = { value = 10, source = \"s\" }\ncategories = [\"general\"]\n",
          "may hold 1, 2 or 3 years, not 4");
  refused("[renewal]\nlengths = { value = [2, 1], source = \"s\" }\n"
          "hours_per_year = { value = 10, source = \"s\" }\ncategories = [\"general\"]\n",
          "shortest first");
  refused("[renewal]\nlengths = { value = [1, 2], source = \"s\" }\ncategories = [\"general\"]\n",
          "needs both \"lengths\" and \"hours_per_year\"");
  refused("[renewal]\nlengths = { value = [1], source = \"s\" }\n"
          "hours_per_year = { value = 10, source = \"s\" }\n",
          "no \"categories\"");
  refused("[renewal]\nlengths = { value = [1], source = \"s\" }\n"
          "hours_per_year = { value = 10, source = \"s\" }\ncategories = [\"general\"]\n"
          "cycle = { kind = \"birthday\", source = \"s\" }\n",
          "leave \"cycle\" out");
  refused("[renewal]\nevery_years = { value = 2, source = \"s\" }\ncategories = [\"general\"]\n"
          "[[specialties]]\nid = \"family\"\nname = \"F\"\nsource = \"s\"\n"
          "[[specialties.requirements]]\nid = \"f\"\ndescription = \"F\"\ncategory = \"family\"\n"
          "hours = { value = 6, source = \"s\" }\n",
          "counts category \"family\", which is not in [renewal] categories");
  refused("[[specialties]]\nid = \"family\"\nname = \"F\"\nsource = \"s\"\n"
          "[[specialties]]\nid = \"family\"\nname = \"G\"\nsource = \"s\"\n",
          "is used twice");
  refused("[initial]\nmonths = { value = 12, source = \"s\" }\n"
          "extensions = { value = 1, source = \"s\" }\n"
          "extension_months = { value = 6, source = \"s\" }\n"
          "upgrade_days_before = { value = 30, source = \"s\" }\n",
          "cannot be extended");
}

TEST_CASE("the exam needs the training only where the way in the person meets asks for it",
          "[shapes]") {
  const auto p = test::program("[[routes]]\n"
                               "id = \"standard\"\n"
                               "name = \"Training\"\n"
                               "[[routes.criteria]]\n"
                               "id = \"training\"\n"
                               "description = \"80 hours\"\n"
                               "at_least = { fact = \"training_hours\", value = 80 }\n"
                               "source = \"s\"\n"
                               "[[routes]]\n"
                               "id = \"out_of_state\"\n"
                               "name = \"Certified elsewhere\"\n"
                               "[[routes.criteria]]\n"
                               "id = \"elsewhere\"\n"
                               "description = \"Certified in another state\"\n"
                               "attested = \"out_of_state_certified\"\n"
                               "source = \"s\"\n");
  const auto on = d(2026, 11, 24);
  CHECK(rules::exam_needs_training(p, rules::facts_from_json_text("{}"), on));
  CHECK_FALSE(rules::exam_needs_training(
      p, rules::facts_from_json_text(R"({"out_of_state_certified": true})"), on));
  CHECK(rules::exam_needs_training(
      p, rules::facts_from_json_text(R"({"out_of_state_certified": true, "training_hours": 80})"),
      on));
  CHECK(rules::exam_needs_training(test::program(""), rules::facts_from_json_text("{}"), on));
}

TEST_CASE("an age window is judged again on the day of certification", "[shapes]") {
  const auto p = test::program(std::string(test::age_criterion) +
                               "[[criteria]]\n"
                               "id = \"age_limit\"\n"
                               "description = \"30 or younger when certified\"\n"
                               "max_age = 30\n"
                               "source = \"s\"\n");
  const auto facts = rules::facts_from_json_text(R"({"date_of_birth": "1996-02-29"})");
  CHECK_FALSE(rules::age_refusal(p, facts, d(2027, 2, 28)));
  const auto refused = rules::age_refusal(p, facts, d(2027, 3, 1));
  REQUIRE(refused);
  CHECK_THAT(*refused, Catch::Contains("31"));
  // An unknown age is left to the approval's other checks.
  CHECK_FALSE(rules::age_refusal(p, rules::facts_from_json_text("{}"), d(2027, 3, 1)));
}

TEST_CASE("the fee a status shows is the fee a filing that day asks for", "[shapes]") {
  const auto late_before = test::program("[renewal]\n"
                                         "every_years = { value = 2, source = \"s\" }\n"
                                         "fee = { value = \"50.00\", source = \"s\" }\n"
                                         "late_fee = { value = \"25.00\", source = \"s\" }\n"
                                         "late_fee_within_days = { value = 45, source = \"s\" }\n");
  // Pennsylvania: $50, and $75 more up to six months after expiry.
  const auto pa = rules::load_program(PEERCERT_TEST_RULES_DIR, "PA-CPS");
  const CredentialDates issued{d(2024, 3, 10), std::nullopt, std::nullopt};
  const auto renewed = renewed_history(pa, issued, 1); // cycle 1 ends 2028-03-09
  std::vector<CeEntry> entries;
  for (auto c : pa.ce_categories()) {
    entries.push_back({d(2026, 6, 1), h(300), c, rules::CeDelivery::live, std::nullopt});
  }
  const auto fee_on = [&](core::Date on) {
    const auto status = standing(pa, renewed, entries, on);
    const FilingRequest request{on, core::Money::from_cents(1'000'000), false, {}, std::nullopt};
    const auto filed = judge_filing(pa, renewed, entries, request, "C-1");
    CHECK(filed.fee_due == fee_due(status));
    return fee_due(status);
  };
  CHECK(fee_on(d(2028, 3, 9)) == core::Money::from_cents(5000));
  CHECK(fee_on(d(2028, 3, 10)) == core::Money::from_cents(12500));
  CHECK(fee_on(d(2028, 9, 9)) == core::Money::from_cents(12500));
  // Paying the renewal fee alone inside the late window is refused.
  const FilingRequest short_paid{
      d(2028, 3, 10), core::Money::from_cents(5000), false, {}, std::nullopt};
  CHECK_THROWS_WITH(judge_filing(pa, renewed, entries, short_paid, "C-1"),
                    Catch::Contains("$125.00 renewal and late fee"));

  // A late fee owed before expiry: $75 from 45 days before, $50 until then.
  const CredentialDates dates{d(2025, 3, 10), std::nullopt, std::nullopt};
  const auto history = renewed_history(late_before, dates, 0);
  CHECK(fee_due(standing(late_before, history, {}, d(2027, 1, 22))) ==
        core::Money::from_cents(5000));
  CHECK(fee_due(standing(late_before, history, {}, d(2027, 1, 24))) ==
        core::Money::from_cents(7500));
  // After expiry, the late fee that will apply is named before it does.
  CHECK(late_fee_after_expiry(pa, renewed_history(pa, dates, 0).periods[0].cycle) ==
        core::Money::from_cents(7500));
  CHECK_FALSE(late_fee_after_expiry(late_before, history.periods[0].cycle));
}

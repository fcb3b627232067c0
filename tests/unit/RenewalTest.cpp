#include "renewal/Renewal.hpp"
#include "TestPrograms.hpp"
#include "core/Error.hpp"
#include "rules/RuleFile.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace peercert;
using namespace peercert::renewal;
using namespace date::literals;
using rules::CeCategory;
using rules::CeDelivery;

namespace {

core::Hours h(const char* text) { return *core::Hours::parse(text); }

CeEntry entry(core::Date on, const char* hours, CeCategory c = CeCategory::general,
              CeDelivery d = CeDelivery::self_study) {
  return {on, h(hours), c, d};
}

const rules::Program& mo() {
  static const auto p = rules::load_program(PEERCERT_TEST_RULES_DIR, "MO-CPS");
  return p;
}

} // namespace

TEST_CASE("cycles run from the issue date; 29 February keeps its day in leap years", "[renewal]") {
  const core::Date issued{2024_y / date::feb / 29};
  const auto c0 = cycle(2, issued, 0);
  CHECK(c0.start == issued);
  CHECK(c0.expires_on == core::Date{2026_y / date::feb / 28});
  const auto c1 = cycle(2, issued, 1);
  CHECK(c1.start == core::Date{2026_y / date::mar / 1});
  CHECK(c1.expires_on == core::Date{2028_y / date::feb / 28});
  const auto c2 = cycle(2, issued, 2);
  CHECK(c2.start == core::Date{2028_y / date::feb / 29});
  CHECK(c2.expires_on == core::Date{2030_y / date::feb / 28});
}

TEST_CASE("an entry counts for the cycle whose days hold it, both ends included", "[renewal]") {
  const core::Date issued{2024_y / date::feb / 29};
  CHECK(cycle_of(2, issued, core::Date{2024_y / date::feb / 28}) == std::nullopt);
  CHECK(cycle_of(2, issued, issued) == 0);
  CHECK(cycle_of(2, issued, core::Date{2026_y / date::feb / 28}) == 0);
  CHECK(cycle_of(2, issued, core::Date{2026_y / date::mar / 1}) == 1);
  CHECK(cycle_of(2, issued, core::Date{2028_y / date::feb / 28}) == 1);
  CHECK(cycle_of(2, issued, core::Date{2028_y / date::feb / 29}) == 2);
  // Every day of ten years falls in exactly the cycle whose bounds hold it.
  for (core::Date d = issued; d < core::Date{2034_y / date::jan / 1}; d = core::add_days(d, 1)) {
    const auto k = cycle_of(2, issued, d);
    REQUIRE(k);
    const auto c = cycle(2, issued, *k);
    REQUIRE(c.start <= d);
    REQUIRE(d <= c.expires_on);
  }
}

TEST_CASE("Missouri: 20 hours, 6 of them live ethics; live ethics count toward the total",
          "[renewal]") {
  const auto c = cycle(2, core::Date{2024_y / date::mar / 1}, 0);
  const auto at = [](unsigned month) { return core::Date{2025_y / date::month{month} / 1}; };
  SECTION("16 hours with 2 live ethics need 4 more, all live ethics") {
    const auto p = progress(
        mo(), c, {entry(at(1), "14"), entry(at(2), "2", CeCategory::ethics, CeDelivery::live)},
        c.expires_on);
    CHECK(p.hours_completed == h("16"));
    CHECK(p.hours_needed == h("4"));
    CHECK(describe_needed(p.needed) == "4.00 h, all live ethics");
  }
  SECTION("20 hours but no live ethics need 6 more") {
    const auto p = progress(mo(), c, {entry(at(1), "20")}, c.expires_on);
    CHECK(p.hours_needed == h("6"));
  }
  SECTION("ethics taken by self-study do not count as live") {
    const auto p = progress(
        mo(), c, {entry(at(1), "20", CeCategory::ethics, CeDelivery::self_study)}, c.expires_on);
    CHECK(p.hours_needed == h("6"));
  }
  SECTION("6 live ethics alone need 14 more of any kind") {
    const auto p =
        progress(mo(), c, {entry(at(1), "6", CeCategory::ethics, CeDelivery::live)}, c.expires_on);
    CHECK(p.hours_needed == h("14"));
    CHECK(describe_needed(p.needed) == "14.00 h of any kind");
  }
  SECTION("0.1 + 0.2 + 5.7 live ethics make exactly 6") {
    const auto p =
        progress(mo(), c,
                 {entry(at(1), "0.1", CeCategory::ethics, CeDelivery::live),
                  entry(at(2), "0.2", CeCategory::ethics, CeDelivery::live),
                  entry(at(3), "5.7", CeCategory::ethics, CeDelivery::live), entry(at(4), "14")},
                 c.expires_on);
    CHECK(p.requirements[1].completed == h("6"));
    CHECK(p.requirements_met());
    CHECK(describe_needed(p.needed) == "none");
  }
  SECTION("entries outside the cycle, or after the judging day, do not count") {
    const auto p = progress(mo(), c,
                            {entry(core::add_days(c.start, -1), "20"),
                             entry(core::add_days(c.expires_on, 1), "20"), entry(at(6), "5")},
                            at(5));
    CHECK(p.hours_completed == h("0"));
  }
}

TEST_CASE("fewest_hours is the exact minimum, checked against every combination", "[renewal]") {
  // Requirement filters of every shape: a cell, a row, a column or anything.
  std::vector<rules::CeRequirement> shapes;
  for (int c = -1; c < 2; ++c) {
    for (int d = -1; d < 2; ++d) {
      rules::CeRequirement r;
      r.id = "r" + std::to_string(shapes.size());
      if (c >= 0) {
        r.category = static_cast<CeCategory>(c);
      }
      if (d >= 0) {
        r.delivery = static_cast<CeDelivery>(d);
      }
      shapes.push_back(r);
    }
  }
  std::mt19937 rng(20261124);
  for (int trial = 0; trial < 300; ++trial) {
    std::vector<RequirementProgress> reqs;
    for (const auto& shape : shapes) {
      if (rng() % 3 == 0) {
        reqs.push_back({&shape, core::Hours::whole(static_cast<std::int64_t>(rng() % 5)),
                        core::Hours::whole(static_cast<std::int64_t>(rng() % 3))});
      }
    }
    // Brute force over whole hours of each of the four kinds.
    std::int64_t best = 1'000;
    for (int a = 0; a <= 6; ++a) {
      for (int b = 0; b <= 6; ++b) {
        for (int c = 0; c <= 6; ++c) {
          for (int d = 0; d <= 6; ++d) {
            const int add[2][2] = {{a, b}, {c, d}};
            bool ok = true;
            for (const auto& r : reqs) {
              std::int64_t got = r.completed.hundredths();
              for (int x = 0; x < 2; ++x) {
                for (int y = 0; y < 2; ++y) {
                  const bool fits =
                      (!r.requirement->category ||
                       static_cast<int>(*r.requirement->category) == x) &&
                      (!r.requirement->delivery || static_cast<int>(*r.requirement->delivery) == y);
                  got += fits ? add[x][y] * 100 : 0;
                }
              }
              ok = ok && got >= r.required.hundredths();
            }
            if (ok) {
              best = std::min<std::int64_t>(best, a + b + c + d);
            }
          }
        }
      }
    }
    core::Hours ours{};
    for (const auto& part : fewest_hours(reqs)) {
      ours += part.hours;
    }
    INFO("trial " << trial);
    REQUIRE(ours == core::Hours::whole(best));
  }
}

TEST_CASE("status: due soon inside the reminder window, expired after expiry", "[renewal]") {
  const core::Date issued{2024_y / date::mar / 1}; // expires 2026-02-28
  const auto at = [&](int days_before_expiry) {
    return status(mo(), issued, 0, {},
                  core::add_days(core::Date{2026_y / date::feb / 28}, -days_before_expiry));
  };
  CHECK(at(91).status == Status::active);
  CHECK(at(90).status == Status::due_soon);
  CHECK(at(0).status == Status::due_soon);
  CHECK(at(0).days_until_expiry == 0);
  CHECK(at(-1).status == Status::expired);
  CHECK(at(-1).days_until_expiry == -1);
  CHECK(at(90).reminder_days_default);
  CHECK(at(90).renewal_fee == core::Money::parse("70"));
  // Renewed once: the credential is in its next cycle.
  const auto renewed = status(mo(), issued, 1, {}, core::Date{2026_y / date::mar / 10});
  CHECK(renewed.current.cycle.index == 1);
  CHECK(renewed.current.cycle.expires_on == core::Date{2028_y / date::feb / 29});
  CHECK(renewed.status == Status::active);
}

TEST_CASE("the requirements in force on a cycle's first day apply to the whole cycle",
          "[renewal]") {
  const auto p = test::program(std::string(test::age_criterion) +
                               "[renewal]\nevery_years = { value = 2, source = \"s\" }\n"
                               "[[renewal.requirements]]\nid = \"total\"\ndescription = \"d\"\n"
                               "hours = [{ value = 20, source = \"s\" }, "
                               "{ from = 2027-01-01, value = 24, source = \"s\" }]\n");
  const auto before = cycle(2, core::Date{2026_y / date::jun / 1}, 0);
  const auto after = cycle(2, core::Date{2027_y / date::jun / 1}, 0);
  CHECK(progress(p, before, {}, core::Date{2027_y / date::jun / 1}).hours_required == h("20"));
  CHECK(progress(p, after, {}, core::Date{2027_y / date::jun / 1}).hours_required == h("24"));
}

TEST_CASE("a program without renewal rules says so", "[renewal]") {
  const auto p = test::program(test::age_criterion);
  CHECK_THROWS_WITH(cycle_years(p, core::Date{2026_y / date::jan / 1}),
                    "The rule file of T does not define a renewal cycle in force on 2026-01-01.");
}

TEST_CASE("the renewal window opens with the reminder window and may run late", "[renewal]") {
  const auto c = cycle(2, core::Date{2024_y / date::mar / 1}, 0);
  const auto w = renewal_window(mo(), c);
  CHECK(w.opens == core::Date{2025_y / date::nov / 30});
  CHECK(w.closes == c.expires_on);
  CHECK_FALSE(w.late_allowed);
  const auto late = test::program(std::string(test::age_criterion) +
                                  "[renewal]\nevery_years = { value = 2, source = \"s\" }\n"
                                  "reminder_days = { value = 60, source = \"s\" }\n"
                                  "late_days = { value = 30, source = \"s\" }\n"
                                  "late_fee = { value = \"25.00\", source = \"s\" }\n");
  const auto lw = renewal_window(late, c);
  CHECK(lw.opens == core::Date{2025_y / date::dec / 30});
  CHECK(lw.closes == core::Date{2026_y / date::mar / 30});
  CHECK(lw.late_allowed);
}

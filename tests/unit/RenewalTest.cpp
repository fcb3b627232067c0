#include "renewal/Renewal.hpp"
#include "TestPrograms.hpp"
#include "core/Error.hpp"
#include "rules/RuleFile.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <functional>
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
  return {on, h(hours), c, d, std::nullopt};
}

const rules::Program& mo() {
  static const auto p = rules::load_program(PEERCERT_TEST_RULES_DIR, "MO-CPS");
  return p;
}

core::Date d(int y, unsigned m, unsigned day) {
  return core::Date{date::year{y} / date::month{m} / date::day{day}};
}

/// A renewal section over the test program's one criterion.
rules::Program with_renewal(const std::string& renewal) {
  return test::program(std::string(test::age_criterion) + "[renewal]\n" + renewal);
}

const rules::Program& fixed_date() {
  static const auto p =
      with_renewal("every_years = { value = 2, source = \"s\" }\n"
                   "cycle = { kind = \"fixed_date\", month = 9, day = 1, years = \"odd\", "
                   "source = \"s\" }\n"
                   "categories = [\"peer_support\", \"ethics\"]\n"
                   "[[renewal.requirements]]\nid = \"total\"\ndescription = \"d\"\n"
                   "hours = { value = 20, source = \"s\" }\n"
                   "[[renewal.requirements]]\nid = \"ethics\"\ndescription = \"d\"\n"
                   "category = \"ethics\"\nhours = { value = 6, source = \"s\" }\n"
                   "[[renewal.waivers]]\nid = \"new\"\ndescription = \"d\"\n"
                   "when = \"newly_certified\"\nmonths = 12\nsource = \"s\"\n");
  return p;
}

const rules::Program& birthday() {
  static const auto p =
      with_renewal("every_years = { value = 2, source = \"s\" }\n"
                   "cycle = { kind = \"birthday\", source = \"s\" }\n"
                   "categories = [\"peer_support\", \"suicide_prevention\", \"general\"]\n"
                   "[[renewal.requirements]]\nid = \"total\"\ndescription = \"d\"\n"
                   "hours = { value = 30, source = \"s\" }\n"
                   "[[renewal.requirements]]\nid = \"suicide\"\ndescription = \"d\"\n"
                   "category = \"suicide_prevention\"\nhours = { value = 3, source = \"s\" }\n"
                   "over_years = { value = 6, source = \"s\" }\n"
                   "[[renewal.waivers]]\nid = \"short\"\ndescription = \"d\"\n"
                   "when = \"short_first_cycle\"\nsource = \"s\"\n");
  return p;
}

const rules::Program& calendar() {
  static const auto p =
      with_renewal("every_years = { value = 1, source = \"s\" }\n"
                   "cycle = { kind = \"calendar_year\", source = \"s\" }\n"
                   "grace_days = { value = 15, source = \"s\" }\n"
                   "late_days = { value = 31, source = \"s\" }\n"
                   "late_fee = { value = \"26.00\", source = \"s\" }\n"
                   "categories = [\"ethics\", \"general\"]\n"
                   "[[renewal.requirements]]\nid = \"total\"\ndescription = \"d\"\n"
                   "hours = { value = 12, source = \"s\" }\n");
  return p;
}

Schedule plan(const rules::Program& p, core::Date issued,
              std::optional<core::Date> expires = std::nullopt,
              std::optional<core::Date> born = std::nullopt) {
  return Schedule(p, CredentialDates{issued, expires, born});
}

/// The fewest whole hours, 0 to `most` added to each of `cells` kinds, for which `meets(add)`
/// holds: a brute force over every combination.
std::int64_t fewest_by_brute_force(unsigned cells, int most,
                                   const std::function<bool(const std::vector<int>&)>& meets) {
  std::vector<int> add(cells, 0);
  std::int64_t best = 1'000'000;
  while (true) {
    if (meets(add)) {
      std::int64_t total = 0;
      for (int a : add) {
        total += a;
      }
      best = std::min(best, total);
    }
    unsigned i = 0;
    while (i < cells && add[i] == most) {
      add[i++] = 0;
    }
    if (i == cells) {
      return best;
    }
    ++add[i];
  }
}

/// Consecutive cycles touch: each starts the day after the one before it ends.
void require_contiguous(const Schedule& s, int cycles) {
  for (int k = 0; k < cycles; ++k) {
    const auto c = s.cycle(k);
    REQUIRE(c.index == k);
    REQUIRE(c.start <= c.expires_on);
    REQUIRE(c.start <= c.counts_from);
    REQUIRE(c.counts_from <= c.expires_on);
    REQUIRE(s.cycle(k + 1).start == core::add_days(c.expires_on, 1));
  }
}

} // namespace

TEST_CASE("anniversary cycles run from the issue date, and 29 February keeps its day",
          "[renewal]") {
  const auto s = plan(mo(), d(2024, 2, 29));
  CHECK(s.cycle(0).start == d(2024, 2, 29));
  CHECK(s.cycle(0).expires_on == d(2026, 2, 28));
  CHECK(s.cycle(1).start == d(2026, 3, 1));
  CHECK(s.cycle(1).expires_on == d(2028, 2, 28));
  CHECK(s.cycle(2).start == d(2028, 2, 29));
  CHECK(s.cycle(2).expires_on == d(2030, 2, 28));
  require_contiguous(s, 10);
}

TEST_CASE("an entry counts for the cycle whose days hold it, both ends included", "[renewal]") {
  const auto s = plan(mo(), d(2024, 2, 29));
  CHECK(s.cycle_of(d(2024, 2, 28)) == std::nullopt);
  CHECK(s.cycle_of(d(2024, 2, 29)) == 0);
  CHECK(s.cycle_of(d(2026, 2, 28)) == 0);
  CHECK(s.cycle_of(d(2026, 3, 1)) == 1);
  CHECK(s.cycle_of(d(2028, 2, 28)) == 1);
  CHECK(s.cycle_of(d(2028, 2, 29)) == 2);
  for (core::Date day = d(2024, 2, 29); day < d(2034, 1, 1); day = core::add_days(day, 1)) {
    const auto k = s.cycle_of(day);
    REQUIRE(k);
    const auto c = s.cycle(*k);
    REQUIRE(c.start <= day);
    REQUIRE(day <= c.expires_on);
  }
}

TEST_CASE("an imported expiry anchors the cycles: the current one ends on it", "[renewal]") {
  // Issued 2016, renewed twice elsewhere: the certificate now held ends 2027-03-31.
  const auto s = plan(mo(), d(2016, 4, 1), d(2027, 3, 31));
  CHECK(s.cycle(0).start == d(2025, 4, 1));
  CHECK(s.cycle(0).expires_on == d(2027, 3, 31));
  CHECK(s.cycle(1).start == d(2027, 4, 1));
  CHECK(s.cycle(1).expires_on == d(2029, 3, 31));
  CHECK(s.cycle_of(d(2025, 3, 31)) == std::nullopt);
  // Never before the issue date.
  const auto young = plan(mo(), d(2026, 1, 10), d(2027, 3, 31));
  CHECK(young.cycle(0).start == d(2026, 1, 10));
  // A 29 February expiry: the anchor is 1 March, and every later cycle ends on 28 or 29
  // February as the year has.
  const auto leap = plan(mo(), d(2020, 3, 1), d(2028, 2, 29));
  CHECK(leap.cycle(0).start == d(2026, 3, 1));
  CHECK(leap.cycle(1).expires_on == d(2030, 2, 28));
  require_contiguous(leap, 10);
  CHECK_THROWS_WITH(plan(mo(), d(2026, 1, 10), d(2025, 12, 31)), "expires_on is before issued_on.");
}

TEST_CASE("fixed-date cycles end on 1 September of odd years", "[renewal]") {
  SECTION("issued on the fixed day itself: the next one, two years on") {
    const auto s = plan(fixed_date(), d(2025, 9, 1));
    CHECK(s.cycle(0).expires_on == d(2027, 9, 1));
    CHECK(s.cycle(1).start == d(2027, 9, 2));
    CHECK(s.cycle(1).expires_on == d(2029, 9, 1));
  }
  SECTION("issued the day before: a one-day first certificate, then every two years") {
    const auto s = plan(fixed_date(), d(2025, 8, 31));
    CHECK(s.cycle(0).expires_on == d(2025, 9, 1));
    CHECK(s.cycle(1).expires_on == d(2027, 9, 1));
  }
  SECTION("issued in an even year: the odd year after") {
    const auto s = plan(fixed_date(), d(2026, 2, 28));
    CHECK(s.cycle(0).expires_on == d(2027, 9, 1));
    require_contiguous(s, 8);
  }
  SECTION("an imported expiry must be such a day") {
    const auto s = plan(fixed_date(), d(2015, 5, 5), d(2027, 9, 1));
    CHECK(s.cycle(0).start == d(2025, 9, 2));
    CHECK(s.cycle(1).expires_on == d(2029, 9, 1));
    CHECK_THROWS_WITH(plan(fixed_date(), d(2015, 5, 5), d(2026, 9, 1)),
                      "expires_on must be 1 September of an odd-numbered year, the day "
                      "certificates of T end.");
    CHECK_THROWS_AS(plan(fixed_date(), d(2015, 5, 5), d(2027, 8, 31)), core::InputError);
  }
  SECTION("CE is waived for a holder certified within 12 months of the renewal date") {
    const auto waived =
        status(fixed_date(), plan(fixed_date(), d(2026, 9, 1)), 0, {}, d(2027, 8, 1));
    CHECK(waived.current.waived_by != nullptr);
    CHECK(waived.current.hours_needed == core::Hours{});
    CHECK(waived.current.requirements.at(0).required == core::Hours{});
    const auto not_waived =
        status(fixed_date(), plan(fixed_date(), d(2026, 8, 31)), 0, {}, d(2027, 8, 1));
    CHECK(not_waived.current.waived_by == nullptr);
    CHECK(not_waived.current.hours_needed == h("20"));
  }
}

TEST_CASE("birthday cycles end on the holder's birthday", "[renewal]") {
  const core::Date born = d(1980, 5, 10);
  SECTION("issued on the birthday: the first ends a year later") {
    const auto s = plan(birthday(), d(2025, 5, 10), std::nullopt, born);
    CHECK(s.cycle(0).expires_on == d(2026, 5, 10));
    CHECK(s.cycle(1).expires_on == d(2028, 5, 10));
    CHECK(s.short_first(0));
  }
  SECTION("issued the day after: the first is a full two years") {
    const auto s = plan(birthday(), d(2025, 5, 11), std::nullopt, born);
    CHECK(s.cycle(0).expires_on == d(2027, 5, 10));
    CHECK_FALSE(s.short_first(0));
    require_contiguous(s, 8);
  }
  SECTION("born on 29 February: 1 March in common years") {
    const auto s = plan(birthday(), d(2025, 1, 15), std::nullopt, d(1992, 2, 29));
    CHECK(s.cycle(0).expires_on == d(2026, 3, 1));
    CHECK(s.cycle(1).expires_on == d(2028, 2, 29));
    CHECK(s.cycle(2).expires_on == d(2030, 3, 1));
    require_contiguous(s, 8);
  }
  SECTION("the holder's date of birth is needed, and an imported expiry must be a birthday") {
    CHECK_THROWS_WITH(plan(birthday(), d(2025, 5, 10)),
                      "date_of_birth is needed: certificates of T end on the holder's birthday.");
    CHECK_THROWS_AS(plan(birthday(), d(2020, 1, 1), d(2027, 5, 11), born), core::InputError);
    const auto s = plan(birthday(), d(2020, 1, 1), d(2027, 5, 10), born);
    CHECK(s.cycle(0).start == d(2025, 5, 11));
    CHECK_FALSE(s.short_first(0));
  }
  SECTION("the short first certificate is waived; suicide prevention spans six years") {
    const auto s = plan(birthday(), d(2021, 6, 1), std::nullopt, born); // first ends 2023-05-10
    const auto first = status(birthday(), s, 0, {}, d(2023, 5, 1));
    CHECK(first.current.waived_by != nullptr);
    CHECK(first.current.hours_needed == core::Hours{});
    // An hour in the short first cycle never counts toward the spanning requirement.
    const std::vector<CeEntry> entries{
        entry(d(2022, 1, 1), "3", CeCategory::suicide_prevention),
        entry(d(2024, 1, 1), "3", CeCategory::suicide_prevention),
    };
    const auto second = status(birthday(), s, 1, entries, d(2025, 5, 1));
    CHECK(second.current.requirements.at(1).completed == h("3"));
    CHECK(second.current.requirements.at(1).counted_from == d(2023, 5, 11));
    // Cycles 1 and 2 and the current 3: the 2024 hours still count in 2029.
    const auto fourth = status(birthday(), s, 3, entries, d(2029, 5, 1));
    CHECK(fourth.current.requirements.at(1).completed == h("3"));
    CHECK(fourth.current.requirements.at(1).counted_from == d(2023, 5, 11));
    // Six years later they no longer do.
    const auto fifth = status(birthday(), s, 4, entries, d(2031, 5, 1));
    CHECK(fifth.current.requirements.at(1).completed == core::Hours{});
    CHECK(fifth.current.requirements.at(1).counted_from == d(2025, 5, 11));
  }
}

TEST_CASE("calendar-year cycles: the first counts CE from the January after issue", "[renewal]") {
  const auto s = plan(calendar(), d(2025, 6, 15));
  CHECK(s.cycle(0).start == d(2025, 6, 15));
  CHECK(s.cycle(0).counts_from == d(2026, 1, 1));
  CHECK(s.cycle(0).expires_on == d(2026, 12, 31));
  CHECK(s.cycle(1).start == d(2027, 1, 1));
  CHECK(s.cycle(1).expires_on == d(2027, 12, 31));
  CHECK(s.cycle_of(d(2025, 12, 31)) == std::nullopt);
  CHECK(s.cycle_of(d(2026, 1, 1)) == 0);
  require_contiguous(s, 10);
  const auto p = progress(calendar(), s, s.cycle(0),
                          {entry(d(2025, 12, 31), "12"), entry(d(2026, 2, 1), "4")}, d(2026, 6, 1));
  CHECK(p.hours_completed == h("4"));
  CHECK(p.hours_needed == h("8"));
  SECTION("issued on 1 January or 31 December") {
    CHECK(plan(calendar(), d(2025, 1, 1)).cycle(0).expires_on == d(2026, 12, 31));
    CHECK(plan(calendar(), d(2025, 12, 31)).cycle(0).counts_from == d(2026, 1, 1));
  }
  SECTION("imported: a 31 December, at the earliest the year after issue") {
    CHECK(plan(calendar(), d(2025, 6, 15), d(2026, 12, 31)).cycle(0).start == d(2025, 6, 15));
    CHECK(plan(calendar(), d(2019, 6, 15), d(2026, 12, 31)).cycle(0).start == d(2026, 1, 1));
    CHECK_THROWS_AS(plan(calendar(), d(2019, 6, 15), d(2026, 6, 30)), core::InputError);
    CHECK_THROWS_AS(plan(calendar(), d(2026, 6, 15), d(2026, 12, 31)), core::InputError);
  }
  SECTION("a grace period, then a late fee, then nothing") {
    const auto at = [&](core::Date on) { return status(calendar(), s, 0, {}, on); };
    CHECK(at(d(2026, 12, 31)).late_fee == core::Money{});
    CHECK(at(d(2027, 1, 15)).late_fee == core::Money{});
    CHECK(at(d(2027, 1, 16)).late_fee == core::Money::parse("26"));
    CHECK(at(d(2027, 1, 31)).late_until == d(2027, 1, 31));
    CHECK(at(d(2027, 2, 1)).late_fee == std::nullopt);
  }
}

TEST_CASE("every cycle kind: cycles never overlap and never leave a gap", "[renewal]") {
  std::mt19937 rng(20261128);
  const auto random_day = [&] {
    return core::add_days(d(2000, 1, 1), static_cast<int>(rng() % 10000));
  };
  for (int trial = 0; trial < 400; ++trial) {
    const core::Date issued = random_day();
    const core::Date born = core::add_days(d(1950, 1, 1), static_cast<int>(rng() % 20000));
    const auto check = [&](const rules::Program& p) {
      INFO("trial " << trial << ", issued " << core::format_iso(issued));
      const auto s = plan(p, issued, std::nullopt, born);
      require_contiguous(s, 12);
      // Every later day falls in exactly the cycle that holds it.
      for (int i = 0; i < 20; ++i) {
        const core::Date day = core::add_days(issued, static_cast<int>(rng() % 7000));
        const auto k = s.cycle_containing(day);
        REQUIRE(k);
        REQUIRE(s.cycle(*k).start <= day);
        REQUIRE(day <= s.cycle(*k).expires_on);
      }
      // Imported at the end of a later cycle: the same cycles from there on.
      const int j = static_cast<int>(rng() % 5);
      const auto imported = plan(p, issued, s.cycle(j).expires_on, born);
      require_contiguous(imported, 6);
      for (int k = 1; k < 6; ++k) {
        REQUIRE(imported.cycle(k).start == s.cycle(j + k).start);
        REQUIRE(imported.cycle(k).expires_on == s.cycle(j + k).expires_on);
      }
    };
    check(mo());
    check(fixed_date());
    check(birthday());
    check(calendar());
  }
}

TEST_CASE("Missouri: 20 hours, 6 of them live ethics, which count toward the total", "[renewal]") {
  const auto s = plan(mo(), d(2024, 3, 1));
  const auto c = s.cycle(0);
  const auto at = [](unsigned month) { return d(2025, month, 1); };
  SECTION("16 hours with 2 live ethics need 4 more, all live ethics") {
    const auto p = progress(
        mo(), s, c, {entry(at(1), "14"), entry(at(2), "2", CeCategory::ethics, CeDelivery::live)},
        c.expires_on);
    CHECK(p.hours_completed == h("16"));
    CHECK(p.hours_needed == h("4"));
    CHECK(describe_needed(p.needed) == "4.00 h, all live ethics");
  }
  SECTION("20 hours but no live ethics need 6 more") {
    const auto p = progress(mo(), s, c, {entry(at(1), "20")}, c.expires_on);
    CHECK(p.hours_needed == h("6"));
  }
  SECTION("ethics taken by self-study do not count as live") {
    const auto p = progress(
        mo(), s, c, {entry(at(1), "20", CeCategory::ethics, CeDelivery::self_study)}, c.expires_on);
    CHECK(p.hours_needed == h("6"));
  }
  SECTION("6 live ethics alone need 14 more of any kind") {
    const auto p = progress(mo(), s, c, {entry(at(1), "6", CeCategory::ethics, CeDelivery::live)},
                            c.expires_on);
    CHECK(p.hours_needed == h("14"));
    CHECK(describe_needed(p.needed) == "14.00 h of any kind");
  }
  SECTION("nothing yet: 20 hours, of which 6 live ethics") {
    const auto p = progress(mo(), s, c, {}, c.expires_on);
    CHECK(p.hours_required == h("20"));
    CHECK(describe_needed(p.needed) == "20.00 h, of which 6.00 live ethics");
  }
  SECTION("0.1 + 0.2 + 5.7 live ethics make exactly 6") {
    const auto p =
        progress(mo(), s, c,
                 {entry(at(1), "0.1", CeCategory::ethics, CeDelivery::live),
                  entry(at(2), "0.2", CeCategory::ethics, CeDelivery::live),
                  entry(at(3), "5.7", CeCategory::ethics, CeDelivery::live), entry(at(4), "14")},
                 c.expires_on);
    CHECK(p.requirements[1].completed == h("6"));
    CHECK(p.requirements_met());
    CHECK(describe_needed(p.needed) == "none");
  }
  SECTION("entries outside the cycle, or after the judging day, do not count") {
    const auto p = progress(mo(), s, c,
                            {entry(core::add_days(c.start, -1), "20"),
                             entry(core::add_days(c.expires_on, 1), "20"), entry(at(6), "5")},
                            at(5));
    CHECK(p.hours_completed == h("0"));
  }
}

TEST_CASE("fewest_hours is the exact minimum for nested or disjoint requirements, checked "
          "against every combination",
          "[renewal]") {
  // Kinds of hour: `categories` categories × 2 deliveries. Requirements of random shape (a set
  // of categories, one delivery or both), kept only while the family stays nested or disjoint,
  // as the rule loader insists.
  const auto trial_run = [](unsigned categories, int trials, int most, std::uint32_t seed) {
    std::mt19937 rng(seed);
    std::vector<rules::CeRequirement> shapes;
    for (unsigned mask = 1; mask < (1U << categories); ++mask) {
      for (int delivery = -1; delivery < 2; ++delivery) {
        rules::CeRequirement r;
        r.id = "r" + std::to_string(shapes.size());
        r.categories = static_cast<rules::CategorySet>(mask);
        if (delivery >= 0) {
          r.delivery = static_cast<CeDelivery>(delivery);
        }
        shapes.push_back(r);
      }
    }
    const unsigned cells = categories * 2;
    for (int trial = 0; trial < trials; ++trial) {
      std::vector<RequirementProgress> reqs;
      for (const auto& shape : shapes) {
        if (rng() % 4 != 0) {
          continue;
        }
        const auto mine = shape.cells();
        const bool laminar = std::all_of(reqs.begin(), reqs.end(), [&](const auto& other) {
          const auto both = static_cast<rules::CellSet>(other.cells & mine);
          return both == 0 || both == other.cells || both == mine;
        });
        if (laminar) {
          RequirementProgress p;
          p.requirement = &shape;
          p.required = core::Hours::whole(
              static_cast<std::int64_t>(rng() % static_cast<unsigned>(most + 1)));
          p.completed = core::Hours::whole(static_cast<std::int64_t>(rng() % 3));
          p.cells = mine;
          reqs.push_back(p);
        }
      }
      const auto best = fewest_by_brute_force(cells, most, [&](const std::vector<int>& add) {
        return std::all_of(reqs.begin(), reqs.end(), [&](const RequirementProgress& r) {
          std::int64_t got = r.completed.hundredths();
          for (unsigned c = 0; c < cells; ++c) {
            got += (r.cells & (1U << c)) != 0 ? add[c] * 100 : 0;
          }
          return got >= r.required.hundredths();
        });
      });
      INFO("trial " << trial << " with " << reqs.size() << " requirements");
      REQUIRE(total_of(fewest_hours(reqs)) == core::Hours::whole(best));
    }
  };
  trial_run(2, 300, 5, 20261124);
  trial_run(3, 60, 4, 20261128);
}

TEST_CASE("with caps, hours_needed is still the exact minimum, checked against every "
          "combination",
          "[renewal]") {
  // Three categories × two deliveries; nested or disjoint requirements as above, some with a
  // cap on one of their categories (never one a requirement inside counts, as the loader
  // insists), over entries already logged. Brute force over whole hours added to each kind.
  constexpr std::array<CeCategory, 3> kinds{CeCategory::ethics, CeCategory::general,
                                            CeCategory::peer_support};
  const core::Date issued = d(2024, 1, 1);
  std::mt19937 rng(20261205);
  constexpr int most = 4;
  for (int trial = 0; trial < 150; ++trial) {
    rules::Program p;
    p.id = "T";
    p.renewal.every_years.entries.push_back({std::nullopt, 2, "s", "", false});
    for (auto k : kinds) {
      p.renewal.categories.push_back(k);
    }
    std::vector<rules::CeRequirement> reqs;
    for (unsigned mask = 1; mask < 8; ++mask) {
      for (int delivery = -1; delivery < 2; ++delivery) {
        if (rng() % 5 != 0) {
          continue;
        }
        rules::CeRequirement r;
        r.id = "r" + std::to_string(reqs.size());
        r.categories = 0;
        for (unsigned c = 0; c < 3; ++c) {
          if ((mask & (1U << c)) != 0) {
            r.categories |= rules::category_bit(kinds[c]);
          }
        }
        if (delivery >= 0) {
          r.delivery = static_cast<CeDelivery>(delivery);
        }
        const auto mine = r.cells();
        const bool laminar = std::all_of(reqs.begin(), reqs.end(), [&](const auto& other) {
          const auto both = other.cells() & mine;
          return both == 0 || both == other.cells() || both == mine;
        });
        if (!laminar) {
          continue;
        }
        const auto required = static_cast<std::int64_t>(1 + rng() % most);
        r.hours.entries.push_back({std::nullopt, core::Hours::whole(required), "s", "", false});
        if (std::popcount(mask) > 1 && rng() % 2 == 0) {
          const auto c = static_cast<unsigned>(rng() % 3);
          // Requirements inside that count the capped category are ruled out below.
          if ((mask & (1U << c)) != 0) {
            rules::CeCap cap;
            cap.category = kinds[c];
            cap.hours.entries.push_back({std::nullopt,
                                         core::Hours::whole(static_cast<std::int64_t>(
                                             rng() % static_cast<unsigned>(required))),
                                         "s", "", false});
            if (cap.hours.entries[0].value > core::Hours{}) {
              r.caps.push_back(cap);
            }
          }
        }
        reqs.push_back(r);
      }
    }
    // Drop caps that would hold back a requirement inside them: the loader refuses those.
    for (auto& outer : reqs) {
      for (const auto& inner : reqs) {
        const auto o = inner.cells();
        if (&inner == &outer || (o & outer.cells()) != o) {
          continue;
        }
        std::erase_if(outer.caps, [&](const rules::CeCap& cap) {
          return (o & rules::cells_of(rules::category_bit(cap.category), outer.delivery)) != 0;
        });
      }
    }
    p.renewal.requirements = reqs;
    const Schedule s(p, {issued, std::nullopt, std::nullopt});
    const Cycle c = s.cycle(0);
    // Hours already logged, whole, of each kind.
    std::vector<int> have(6, 0);
    std::vector<CeEntry> entries;
    for (unsigned cell = 0; cell < 6; ++cell) {
      have[cell] = static_cast<int>(rng() % 3);
      if (have[cell] > 0) {
        entries.push_back({core::add_days(issued, 10), core::Hours::whole(have[cell]),
                           kinds[cell / 2], static_cast<CeDelivery>(cell % 2), std::nullopt});
      }
    }
    const auto bit = [&](unsigned cell) {
      return rules::cell_of(kinds[cell / 2], static_cast<CeDelivery>(cell % 2));
    };
    const auto best = fewest_by_brute_force(6, most, [&](const std::vector<int>& add) {
      return std::all_of(
          p.renewal.requirements.begin(), p.renewal.requirements.end(),
          [&](const rules::CeRequirement& r) {
            rules::CellSet capped = 0;
            std::int64_t got = 0;
            for (const auto& cap : r.caps) {
              const auto cells = rules::cells_of(rules::category_bit(cap.category), r.delivery);
              capped |= cells;
              std::int64_t in_cap = 0;
              for (unsigned cell = 0; cell < 6; ++cell) {
                in_cap += (cells & bit(cell)) != 0 ? have[cell] + add[cell] : 0;
              }
              got += std::min(in_cap * 100, cap.hours.entries[0].value.hundredths()) / 100;
            }
            for (unsigned cell = 0; cell < 6; ++cell) {
              if ((r.cells() & bit(cell)) != 0 && (capped & bit(cell)) == 0) {
                got += have[cell] + add[cell];
              }
            }
            return got * 100 >= r.hours.entries[0].value.hundredths();
          });
    });
    INFO("trial " << trial << " with " << p.renewal.requirements.size() << " requirements");
    REQUIRE(progress(p, s, c, entries, c.expires_on).hours_needed == core::Hours::whole(best));
  }
}

TEST_CASE("status: due soon inside the reminder window, expired after expiry", "[renewal]") {
  const auto s = plan(mo(), d(2024, 3, 1)); // expires 2026-02-28
  const auto at = [&](int days_before_expiry) {
    return status(mo(), s, 0, {}, core::add_days(d(2026, 2, 28), -days_before_expiry));
  };
  CHECK(at(91).status == Status::active);
  CHECK(at(90).status == Status::due_soon);
  CHECK(at(0).status == Status::due_soon);
  CHECK(at(0).days_until_expiry == 0);
  CHECK(at(-1).status == Status::expired);
  CHECK(at(-1).days_until_expiry == -1);
  CHECK(at(90).reminder_days_default);
  CHECK(at(90).renewal_fee == core::Money::parse("70"));
  CHECK_FALSE(at(90).late_fee);
  // Renewed once: the credential is in its next cycle.
  const auto renewed = status(mo(), s, 1, {}, d(2026, 3, 10));
  CHECK(renewed.current.cycle.index == 1);
  CHECK(renewed.current.cycle.expires_on == d(2028, 2, 29));
  CHECK(renewed.status == Status::active);
}

TEST_CASE("the requirements in force on a cycle's first day apply to the whole cycle",
          "[renewal]") {
  const auto p = with_renewal("every_years = { value = 2, source = \"s\" }\n"
                              "categories = [\"general\"]\n"
                              "[[renewal.requirements]]\nid = \"total\"\ndescription = \"d\"\n"
                              "hours = [{ value = 20, source = \"s\" }, "
                              "{ from = 2027-01-01, value = 24, source = \"s\" }]\n");
  const auto before = plan(p, d(2026, 6, 1));
  const auto after = plan(p, d(2027, 6, 1));
  CHECK(progress(p, before, before.cycle(0), {}, d(2027, 6, 1)).hours_required == h("20"));
  CHECK(progress(p, after, after.cycle(0), {}, d(2027, 6, 1)).hours_required == h("24"));
}

TEST_CASE("a program without CE requirements accepts every category and defines no hours",
          "[renewal]") {
  const auto p = with_renewal("every_years = { value = 2, source = \"s\" }\n");
  CHECK(p.accepts(CeCategory::suicide_prevention));
  const auto s = plan(p, d(2025, 1, 1));
  const auto got = progress(p, s, s.cycle(0), {entry(d(2025, 2, 1), "3")}, d(2025, 6, 1));
  CHECK_FALSE(got.defined);
  CHECK(got.hours_completed == h("3"));
}

TEST_CASE("a program without renewal rules says so", "[renewal]") {
  const auto p = test::program(test::age_criterion);
  CHECK_THROWS_WITH(cycle_years(p, d(2026, 1, 1)),
                    "The rule file of T does not define a renewal cycle in force on 2026-01-01.");
}

TEST_CASE("the renewal window opens with the reminder window and may run late", "[renewal]") {
  const auto c = plan(mo(), d(2024, 3, 1)).cycle(0);
  const auto w = renewal_window(mo(), c);
  CHECK(w.opens == d(2025, 11, 30));
  CHECK(w.closes == c.expires_on);
  CHECK_FALSE(w.late_allowed);
  const auto late = with_renewal("every_years = { value = 2, source = \"s\" }\n"
                                 "reminder_days = { value = 60, source = \"s\" }\n"
                                 "late_days = { value = 30, source = \"s\" }\n"
                                 "late_fee = { value = \"25.00\", source = \"s\" }\n");
  const auto lw = renewal_window(late, c);
  CHECK(lw.opens == d(2025, 12, 30));
  CHECK(lw.closes == d(2026, 3, 30));
  CHECK(lw.late_allowed);
  // Six months late, by the month rule: 31 August + 6 months is 1 March.
  const auto months = with_renewal("every_years = { value = 2, source = \"s\" }\n"
                                   "late_months = { value = 6, source = \"s\" }\n"
                                   "late_fee = { value = \"75.00\", source = \"s\" }\n");
  const auto mc = plan(months, d(2024, 9, 1)).cycle(0);
  CHECK(mc.expires_on == d(2026, 8, 31));
  CHECK(renewal_window(months, mc).closes == d(2027, 3, 1));
}

TEST_CASE("a summed entry counts whole where no day of the judgement falls inside it",
          "[renewal]") {
  const auto s = plan(mo(), d(2024, 3, 1));
  const auto c = s.cycle(0);
  const auto summed = [](core::Date first, core::Date last, const char* hours,
                         CeCategory cat = CeCategory::general,
                         CeDelivery del = CeDelivery::self_study) {
    return CeEntry{last, h(hours), cat, del, first};
  };
  SECTION("inside the cycle and before the judging day: the same as its single entries") {
    const auto one_by_one =
        progress(mo(), s, c,
                 {entry(d(2024, 5, 1), "10"), entry(d(2025, 1, 1), "4"),
                  entry(d(2024, 6, 1), "2", CeCategory::ethics, CeDelivery::live),
                  entry(d(2025, 2, 1), "1", CeCategory::ethics, CeDelivery::live)},
                 c.expires_on);
    const auto summed_up =
        progress(mo(), s, c,
                 {summed(d(2024, 5, 1), d(2025, 1, 1), "14"),
                  summed(d(2024, 6, 1), d(2025, 2, 1), "3", CeCategory::ethics, CeDelivery::live)},
                 c.expires_on);
    CHECK(summed_up.hours_completed == one_by_one.hours_completed);
    CHECK(summed_up.hours_needed == one_by_one.hours_needed);
    CHECK(summed_up.hours_needed == h("3"));
  }
  SECTION("a judging day before its first day leaves it out, exactly") {
    const auto p =
        progress(mo(), s, c, {summed(d(2024, 5, 1), d(2025, 1, 1), "14")}, d(2024, 4, 1));
    CHECK(p.hours_completed == h("0"));
  }
}

#include "core/Error.hpp"
#include "renewal/Renewal.hpp"
#include "rules/RuleFile.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace peercert;
using namespace peercert::renewal;

namespace {

core::Date d(int y, unsigned m, unsigned day) {
  return core::Date{date::year{y} / date::month{m} / date::day{day}};
}

const rules::Program& program(const std::string& id) {
  static std::map<std::string, rules::Program> loaded;
  auto it = loaded.find(id);
  if (it == loaded.end()) {
    it = loaded.emplace(id, rules::load_program(PEERCERT_TEST_RULES_DIR, id)).first;
  }
  return it->second;
}

/// Plenty of every category the program accepts on `on`: every requirement is met.
void meet_requirements(const rules::Program& p, std::vector<CeEntry>& entries, core::Date on) {
  for (auto c : p.ce_categories()) {
    entries.push_back({on, core::Hours::whole(300), c, rules::CeDelivery::live, std::nullopt});
  }
}

/// Consecutive periods touch, none overlaps, each is numbered in turn and its CE window lies
/// inside it.
void require_continuous(const History& h) {
  REQUIRE_FALSE(h.periods.empty());
  for (std::size_t i = 0; i < h.periods.size(); ++i) {
    const auto& p = h.periods[i];
    REQUIRE(p.number == static_cast<int>(i));
    REQUIRE(p.cycle.index == p.number);
    REQUIRE(p.cycle.start <= p.cycle.counts_from);
    REQUIRE(p.cycle.counts_from <= p.cycle.expires_on);
    if (i > 0) {
      REQUIRE(p.cycle.start == core::add_days(h.periods[i - 1].cycle.expires_on, 1));
    }
  }
}

} // namespace

TEST_CASE("random lives: periods never overlap or leave a gap, and revoked is final",
          "[lifecycle]") {
  std::mt19937 rng(20261128);
  std::map<Began, int> accepted; // what the walks did, so that they are seen to do it
  const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  for (const std::string id : {"TX-MHPS", "WA-CPSS", "GA-CPS", "PA-CPS", "NE-CPSS", "MO-CPS"}) {
    const auto& p = program(id);
    for (int life = 0; life < 40; ++life) {
      INFO(id << " life " << life);
      const core::Date issued = core::add_days(d(2016, 1, 1), pick(3000));
      CredentialDates dates{issued, std::nullopt, d(1980, 2, 29)};
      History h{dates, {first_period(p, dates, Began::issue)}, {}};
      std::vector<CeEntry> entries;
      core::Date today = issued;
      bool revoked = false;
      for (int step = 0; step < 25; ++step) {
        today = core::add_days(today, pick(400));
        const auto& current = h.periods.back();
        const int action = pick(10);
        try {
          if (action < 6) {
            // File on a day from before the window opens to after a late window closes.
            const auto window = renewal_window(p, current.cycle);
            const core::Date on = core::add_days(
                window.opens, pick(core::days_between(window.opens, window.closes) + 40) - 10);
            if (on < h.periods.back().cycle.start || on > core::add_days(today, 3000)) {
              continue;
            }
            today = std::max(today, on);
            meet_requirements(p, entries,
                              std::clamp(on, current.cycle.counts_from, current.cycle.expires_on));
            FilingRequest request{on, core::Money::from_cents(1'000'000), pick(3) == 0, {}};
            for (const auto check :
                 {rules::FactId::background_check, rules::FactId::registry_check}) {
              request.checks.emplace_back(check, current.cycle.start);
            }
            const auto filed = judge_filing(p, h, entries, request, id);
            REQUIRE_FALSE(revoked);
            h.periods.push_back(filed.next);
            ++accepted[filed.next.began];
          } else if (action < 9) {
            const std::array<State, 4> states{State::active, State::inactive, State::suspended,
                                              State::revoked};
            const State to = states.at(static_cast<std::size_t>(pick(action == 8 ? 4 : 3)));
            judge_status_change(h, to, today, id);
            REQUIRE_FALSE(revoked);
            h.events.push_back({today, to, false});
            revoked = revoked || to == State::revoked;
          } else {
            const auto out =
                judge_reinstatement(p, h, today, core::Money::from_cents(1'000'000), id);
            REQUIRE_FALSE(revoked);
            h.events.push_back({today, State::active, true});
            h.periods.insert(h.periods.end(), out.next.begin(), out.next.end());
            ++accepted[Began::reinstatement];
          }
        } catch (const core::InputError&) {
          // Refused: nothing changes.
        }
        require_continuous(h);
        const auto now = standing(p, h, entries, today);
        CHECK(now.period.number == h.periods.back().number);
        if (revoked) {
          CHECK(now.status == Status::revoked);
        }
      }
    }
  }
  CHECK(accepted[Began::renewal] > 100);
  CHECK(accepted[Began::extension] > 5);
  CHECK(accepted[Began::reinstatement] > 5);
}

TEST_CASE("an initial certificate: its hours turn it into the full certificate the day after it "
          "ends",
          "[lifecycle]") {
  const auto& tx = program("TX-MHPS");
  const CredentialDates dates{d(2026, 5, 1), std::nullopt, std::nullopt};
  History h{dates, {first_period(tx, dates, Began::issue)}, {}};
  REQUIRE(h.periods[0].began == Began::initial);
  CHECK(h.periods[0].cycle.expires_on == d(2026, 10, 31));
  const auto before = standing(tx, h, {}, d(2026, 9, 1));
  CHECK(before.status == Status::initial);
  CHECK(before.extensions_left == 1);
  CHECK(before.current.hours_needed == core::Hours::whole(250));
  std::vector<CeEntry> entries{{d(2026, 6, 1), core::Hours::whole(240),
                                rules::CeCategory::supervised_work, rules::CeDelivery::live,
                                std::nullopt}};
  FilingRequest request{d(2026, 10, 1),
                        core::Money{},
                        false,
                        {{rules::FactId::background_check, d(2026, 9, 1)},
                         {rules::FactId::registry_check, d(2026, 9, 1)}}};
  CHECK_THROWS_WITH(judge_filing(tx, h, entries, request, "TX-1"),
                    "The renewal of TX-1 is refused: it lacks the initial certificate's hours: "
                    "10.00 h, all supervised work.");
  entries.push_back({d(2026, 9, 1), core::Hours::whole(10), rules::CeCategory::supervised_work,
                     rules::CeDelivery::live, std::nullopt});
  const auto filed = judge_filing(tx, h, entries, request, "TX-1");
  CHECK(filed.next.began == Began::renewal);
  CHECK(filed.next.cycle.start == d(2026, 11, 1));
  CHECK(filed.next.cycle.expires_on == d(2028, 10, 31));
  // Not yet begun on the day it is filed: the initial certificate still runs.
  h.periods.push_back(filed.next);
  CHECK(standing(tx, h, entries, d(2026, 12, 1)).status == Status::active);
  // Supervised work is not continuing education.
  CHECK(standing(tx, h, entries, d(2026, 12, 1)).current.hours_completed == core::Hours{});
}

TEST_CASE("a status staff set wins over dates, and active again clears it", "[lifecycle]") {
  const auto& mo = program("MO-CPS");
  const CredentialDates dates{d(2025, 1, 1), std::nullopt, std::nullopt};
  History h{dates, {first_period(mo, dates, Began::issue)}, {}};
  h.events.push_back({d(2026, 1, 1), State::suspended, false});
  CHECK(standing(mo, h, {}, d(2025, 12, 31)).status == Status::active);
  CHECK(standing(mo, h, {}, d(2026, 1, 1)).status == Status::suspended);
  CHECK_THROWS_WITH(judge_status_change(h, State::suspended, d(2026, 2, 1), "MO-1"),
                    "MO-1 is already suspended.");
  CHECK_THROWS_WITH(judge_status_change(h, State::inactive, d(2025, 12, 1), "MO-1"),
                    "on is before the last status change of MO-1, on 2026-01-01.");
  CHECK_THROWS_WITH(judge_filing(mo, h, {}, {d(2026, 11, 1), core::Money{}, false, {}}, "MO-1"),
                    "MO-1 is suspended since 2026-01-01: it cannot be renewed.");
  h.events.push_back({d(2026, 3, 1), State::active, false});
  CHECK(standing(mo, h, {}, d(2026, 3, 1)).status == Status::active);
  CHECK_THROWS_WITH(judge_reinstatement(mo, h, d(2026, 3, 2), core::Money{}, "MO-1"),
                    "The rule file of MO-CPS defines no reinstatement.");
}

TEST_CASE("Georgia: inactive the day after the late window, reinstated within two years",
          "[lifecycle]") {
  const auto& ga = program("GA-CPS");
  const CredentialDates dates{d(2023, 5, 1), d(2025, 12, 31), std::nullopt};
  History h{dates, {first_period(ga, dates, Began::import)}, {}};
  CHECK(standing(ga, h, {}, d(2026, 1, 31)).status == Status::expired);
  const auto inactive = standing(ga, h, {}, d(2026, 2, 1));
  CHECK(inactive.status == Status::inactive);
  CHECK(inactive.inactive_since == d(2026, 2, 1));
  CHECK_THROWS_WITH(judge_reinstatement(ga, h, d(2026, 3, 1), core::Money::from_cents(5000), "G"),
                    "The reinstatement of G is refused: it lacks the $105.00 reactivation fee "
                    "(paid $50.00).");
  const auto back = judge_reinstatement(ga, h, d(2027, 3, 1), core::Money::from_cents(10500), "G");
  REQUIRE(back.next.size() == 2); // 2026, and 2027 which holds the day
  CHECK(back.next[0].cycle.start == d(2026, 1, 1));
  CHECK(back.next[1].cycle.expires_on == d(2027, 12, 31));
  CHECK_THROWS_AS(judge_reinstatement(ga, h, d(2028, 2, 2), core::Money::from_cents(10500), "G"),
                  core::InputError);
}

TEST_CASE("which credentials the reminder report covers", "[lifecycle]") {
  const auto& pa = program("PA-CPS");
  const CredentialDates dates{d(2024, 7, 15), std::nullopt, std::nullopt};
  const Period p = first_period(pa, dates, Began::issue);     // ends 2026-07-14, late to 2027-01-14
  CHECK(in_reminder_window(pa, p, d(2026, 4, 15), 90));       // 90 days ahead
  CHECK_FALSE(in_reminder_window(pa, p, d(2026, 4, 14), 90)); // 91 days ahead
  CHECK(in_reminder_window(pa, p, d(2026, 12, 1), 90));       // expired, still late-renewable
  CHECK_FALSE(in_reminder_window(pa, p, d(2027, 1, 15), 90)); // the late window has closed
  const auto& mo = program("MO-CPS");
  const Period m = first_period(mo, dates, Began::issue); // ends 2026-07-14, no late window
  CHECK(in_reminder_window(mo, m, d(2026, 10, 12), 90));  // expired 90 days ago
  CHECK_FALSE(in_reminder_window(mo, m, d(2026, 10, 13), 90));
  CHECK(reminder_window(program("DC-CPS"), d(2026, 1, 1)) == 120);
  CHECK(reminder_window(mo, d(2026, 1, 1)) == 90);

  CHECK(reminder_covers(Status::due_soon, true, {}));
  CHECK_FALSE(reminder_covers(Status::suspended, true, {}));
  CHECK_FALSE(reminder_covers(Status::expired, false, {}));
  CHECK(reminder_covers(Status::expired, false, {Status::expired}));
  CHECK(reminder_covers(Status::suspended, false, {Status::suspended}));
  CHECK_FALSE(reminder_covers(Status::active, false, {Status::active}));
  CHECK_FALSE(reminder_covers(Status::due_soon, true, {Status::expired}));
}

#include "store/CredentialLayout.hpp"
#include "app/CeLog.hpp"
#include "app/Credentials.hpp"
#include "app/History.hpp"
#include "app/Lifecycle.hpp"
#include "core/Error.hpp"
#include "store/CeRepository.hpp"
#include "store/CeTotals.hpp"
#include "store/LifecycleRepository.hpp"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <sstream>
#include <tuple>

using namespace peercert;
using namespace date::literals;

namespace {

auto keys(const std::vector<renewal::Period>& periods) {
  std::vector<std::tuple<int, std::optional<int>, core::Date, core::Date, core::Date, int>> out;
  for (const auto& p : periods) {
    out.emplace_back(p.number, p.index, p.cycle.start, p.cycle.expires_on, p.cycle.counts_from,
                     static_cast<int>(p.began));
  }
  return out;
}

auto keys(const std::vector<renewal::CeEntry>& entries) {
  std::vector<std::tuple<core::Date, core::Hours, int, int, std::optional<core::Date>>> out;
  for (const auto& e : entries) {
    out.emplace_back(e.completed_on, e.hours, static_cast<int>(e.category),
                     static_cast<int>(e.delivery), e.earliest);
  }
  return out;
}

struct LayoutFixture {
  store::Database db = store::Database::open_in_memory();
  rules::ProgramCatalog programs{PEERCERT_TEST_RULES_DIR};
  app::Actor actor{"tester", [] { return std::string("2026-11-24T12:00:00Z"); }};
  app::Credentials credentials{db, programs, actor};
  app::CeLog ce_log{db, programs, actor};
  app::Lifecycle lifecycle{db, programs, actor};
  const core::Date today{2026_y / date::nov / 24};

  void import(const std::string& rows) {
    std::istringstream csv("credential_number,program,issued_on,first_name,last_name,email\n" +
                           rows);
    credentials.import_credentials(csv, "c.csv", today);
  }

  /// Every credential's layout row against its tables: the same periods, the current one
  /// last, and the same totals as CeTotals reads one credential at a time.
  void check_in_step() {
    CHECK(store::CredentialLayout(db).stale() == 0);
    const auto window =
        store::CredentialLayout(db).expiring({{"MO-CPS", 2000_y / 1 / 1, 2100_y / 1 / 1},
                                              {"TX-MHPS", 2000_y / 1 / 1, 2100_y / 1 / 1},
                                              {"GA-CPS", 2000_y / 1 / 1, 2100_y / 1 / 1}},
                                             today);
    const auto all = credentials.credentials();
    REQUIRE(window.size() == all.size());
    const store::LifecycleRepository periods(db);
    const store::CeTotals totals(db);
    for (std::size_t i = 0; i < window.size(); ++i) {
      const auto& e = window[i];
      INFO(e.credential.number);
      CHECK(keys(e.periods) == keys(periods.periods(e.credential.id)));
      CHECK(keys({e.period}) == keys({e.periods.back()}));
      CHECK(keys(e.totals) == keys(totals.for_credential(e.credential.id, today)));
      CHECK(e.credential.number == credentials.credential(e.credential.number).number);
      CHECK(e.credential.email == credentials.credential(e.credential.number).email);
      if (i > 0) {
        CHECK(std::tie(window[i - 1].period.cycle.expires_on, window[i - 1].credential.number) <
              std::tie(e.period.cycle.expires_on, e.credential.number));
      }
    }
  }
};

} // namespace

TEST_CASE_METHOD(LayoutFixture,
                 "the credential layout stays equal to its tables through random writes",
                 "[layout]") {
  import("MO-CPS-000001,MO-CPS,2024-12-15,Ann,Alder,a@example.org\n"
         "MO-CPS-000002,MO-CPS,2025-01-10,Ben,Birch,\n"
         "MO-CPS-000003,MO-CPS,2023-02-01,Cy,Cedar,c@example.org\n"
         "TX-MHPS-000004,TX-MHPS,2024-12-01,Di,Dogwood,d@example.org\n"
         "TX-MHPS-000005,TX-MHPS,2025-06-20,Ed,Elm,\n"
         "GA-CPS-000006,GA-CPS,2024-05-01,Fay,Fir,f@example.org\n");
  check_in_step();
  const std::vector<std::string> numbers{"MO-CPS-000001",  "MO-CPS-000002",  "MO-CPS-000003",
                                         "TX-MHPS-000004", "TX-MHPS-000005", "GA-CPS-000006"};
  const std::vector<std::string> categories{"general", "ethics", "general", "peer_support"};
  const std::vector<std::string> deliveries{"live", "self_study"};
  std::mt19937 random(20261206);
  const auto pick = [&](std::size_t n) {
    return static_cast<std::size_t>(std::uniform_int_distribution<std::size_t>(0, n - 1)(random));
  };
  const auto day = [&] {
    const auto d = core::add_days(2024_y / date::jan / 1, static_cast<int>(pick(1058)));
    return core::format_iso(d);
  };
  const auto hours = [&] { return std::to_string(1 + pick(6)) + (pick(2) == 0 ? "" : ".5"); };
  std::map<std::string, int> done;
  for (int step = 0; step < 240; ++step) {
    const auto number = numbers[pick(numbers.size())];
    const auto what = pick(9);
    INFO("step " << step << ", action " << what << ", " << number);
    try {
      switch (what) {
      case 0:
      case 1:
        ce_log.log_ce({number, day(), hours(), categories[pick(categories.size())],
                       deliveries[pick(2)], "P", "T" + std::to_string(step)},
                      today);
        break;
      case 2: {
        const auto entries =
            store::CeRepository(db).for_credential(credentials.credential(number).id);
        if (!entries.empty()) {
          const auto& e = entries[pick(entries.size())];
          if (!e.voided()) {
            ce_log.void_ce(e.id, "Logged twice");
          }
        }
        break;
      }
      case 3: {
        const auto entries =
            store::CeRepository(db).for_credential(credentials.credential(number).id);
        if (!entries.empty()) {
          app::CeEdit edit;
          edit.completed_on = day();
          edit.hours = hours();
          edit.category = categories[pick(categories.size())];
          ce_log.edit_ce(entries[pick(entries.size())].id, edit, today);
        }
        break;
      }
      case 4: {
        std::istringstream csv(
            "credential_number,completed_on,hours,category,delivery,provider,title\n" + number +
            "," + day() + "," + hours() + ",general,live,P,I" + std::to_string(step) + "\n" +
            number + "," + day() + "," + hours() + ",ethics,live,P,J" + std::to_string(step) +
            "\n");
        ce_log.import_ce(csv, "ce.csv", today, {});
        break;
      }
      case 5: {
        // Hours enough for any program here, so that a renewal in its window is filed.
        try {
          lifecycle.set_status(number, renewal::State::active, today, "Back", today);
        } catch (const core::InputError&) {
          // active already
        }
        for (const auto& category : {"general", "ethics"}) {
          ce_log.log_ce({number, core::format_iso(today), "20", category, "live", "P",
                         "Renewal " + std::to_string(step)},
                        today);
        }
        const auto c = credentials.credential(number);
        const auto& program = programs.get(c.program);
        const auto* fee = program.renewal.fee.in_force(today);
        app::RenewalRequest request;
        request.number = number;
        request.on = today;
        request.fee_paid = fee ? fee->value : core::Money{};
        request.background_check_on = today;
        request.registry_check_on = today;
        lifecycle.file(request, today);
        break;
      }
      case 6: {
        const std::vector<renewal::State> states{renewal::State::inactive, renewal::State::active,
                                                 renewal::State::suspended};
        lifecycle.set_status(number, states[pick(states.size())], today, "Asked", today);
        break;
      }
      case 7: {
        app::HolderFields fields;
        fields.last_name = "Name" + std::to_string(step);
        fields.email = pick(2) == 0 ? "" : "n" + std::to_string(step) + "@example.org";
        credentials.update_holder(number, fields);
        break;
      }
      default:
        ce_log.log_ce({number, core::format_iso(today), "2", "general", "live", "P",
                       "Today " + std::to_string(step)},
                      today);
        break;
      }
      ++done[std::to_string(what)];
    } catch (const core::InputError& e) {
      // Refused as a user's bad input would be: nothing was written.
    }
    check_in_step();
  }
  // The walk did each kind of write at least once.
  CHECK(done.size() == 9);
  CHECK(store::CeTotals(db).rebuild().stale == 0);
  CHECK(store::CredentialLayout(db).rebuild().stale == 0);
}

TEST_CASE_METHOD(LayoutFixture, "rebuilding the layout finds the rows that differ and mends them",
                 "[layout]") {
  import("MO-CPS-000001,MO-CPS,2024-12-15,Ann,Alder,a@example.org\n"
         "MO-CPS-000002,MO-CPS,2025-01-10,Ben,Birch,\n");
  REQUIRE(ce_log.log_ce({"MO-CPS-000001", "2025-03-01", "2", "general", "live", "P", "A"}, today));
  db.sqlite().exec("UPDATE credential_layout SET totals = NULL, first_name = 'X'");
  db.sqlite().exec("DELETE FROM credential_layout WHERE credential_number = 'MO-CPS-000002'");
  CHECK(store::CredentialLayout(db).stale() == 3); // one wrong, the right one and one missing
  const auto done = ce_log.rebuild_totals();
  CHECK(done.layout.stale == 3);
  CHECK(done.layout.rows == 2);
  CHECK(store::CredentialLayout(db).stale() == 0);
  check_in_step();
  CHECK(ce_log.rebuild_totals().layout.stale == 0);
}

TEST_CASE("the reminder window brings each credential's periods and totals, as read one by one",
          "[layout]") {
  store::Database db = store::Database::open_in_memory();
  const rules::ProgramCatalog programs{PEERCERT_TEST_RULES_DIR};
  const app::Actor actor{"tester", [] { return std::string("2026-11-24T12:00:00Z"); }};
  app::Credentials credentials{db, programs, actor};
  app::CeLog ce_log{db, programs, actor};
  const core::Date today{2026_y / date::nov / 24};
  // Ten holders, issued a month apart, so that some periods end in the window and some not;
  // the third renewed early (its current period is the one read), the odd ones with CE of two
  // kinds.
  std::string csv = "credential_number,program,issued_on,first_name,last_name,email\n";
  for (int i = 1; i <= 10; ++i) {
    csv += "MO-CPS-00000" + std::to_string(i - 1) + ",MO-CPS,2025-" + (i < 10 ? "0" : "") +
           std::to_string(i) + "-01,A,B,\n";
  }
  std::istringstream in(csv);
  credentials.import_credentials(in, "c.csv", today);
  for (int i = 0; i < 10; i += 2) {
    const std::string number = "MO-CPS-00000" + std::to_string(i);
    REQUIRE(ce_log.log_ce({number, "2026-03-01", "4", "ethics", "live", "P", "E"}, today));
    REQUIRE(ce_log.log_ce({number, "2026-04-01", "6", "general", "self_study", "P", "G"}, today));
  }
  const auto third = credentials.credential("MO-CPS-000002");
  store::in_transaction(db, [&] {
    store::LifecycleRepository(db).insert_period(
        third.id,
        renewal::Period{1, 1,
                        renewal::Cycle{1, 2026_y / date::oct / 1, 2028_y / date::sep / 30,
                                       2026_y / date::oct / 1},
                        renewal::Began::renewal},
        "2026-11-24T12:00:00Z");
    app::decide_ce_periods(db, programs.get(third.program), third);
  });

  const store::LifecycleRepository lifecycle(db);
  const store::CredentialLayout layout(db);
  const store::CeTotals totals(db);
  const auto window =
      layout.expiring({{"MO-CPS", 2026_y / date::dec / 1, 2028_y / date::dec / 31}}, today);
  REQUIRE(window.size() >= 5);
  std::size_t with_totals = 0;
  for (const auto& e : window) {
    INFO(e.credential.number);
    CHECK(keys(e.periods) == keys(lifecycle.periods(e.credential.id)));
    CHECK(keys(e.totals) == keys(totals.for_credential(e.credential.id, today)));
    CHECK(keys({e.period}) == keys({e.periods.back()}));
    with_totals += e.totals.empty() ? 0U : 1U;
  }
  CHECK(with_totals >= 2);
  CHECK(std::any_of(window.begin(), window.end(), [](const store::Expiring& e) {
    return e.credential.number == "MO-CPS-000002" && e.periods.size() == 2;
  }));
}

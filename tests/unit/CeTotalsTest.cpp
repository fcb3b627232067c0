#include "store/CeTotals.hpp"
#include "app/CeLog.hpp"
#include "app/Credentials.hpp"
#include "app/History.hpp"
#include "app/Lifecycle.hpp"
#include "core/Error.hpp"
#include "store/CeRepository.hpp"
#include "store/LifecycleRepository.hpp"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <sstream>
#include <tuple>

using namespace peercert;
using namespace date::literals;

namespace {

/// One kind of hour in one period, as the test counts it from the entries themselves.
struct Counted {
  core::Hours hours;
  core::Date first;
  core::Date last;
};

struct TotalsFixture {
  store::Database db = store::Database::open_in_memory();
  rules::ProgramCatalog programs{PEERCERT_TEST_RULES_DIR};
  app::Actor actor{"tester", [] { return std::string("2026-11-24T12:00:00Z"); }};
  app::Credentials credentials{db, programs, actor};
  app::CeLog ce_log{db, programs, actor};
  app::Lifecycle lifecycle{db, programs, actor};
  const core::Date today{2026_y / date::nov / 24};
  tracker::Credential holder;

  TotalsFixture() {
    // MO-CPS, two-year cycles from 2025-01-01: the first ends on 2026-12-31.
    std::istringstream csv("credential_number,program,issued_on,first_name,last_name,email\n"
                           "MO-CPS-000001,MO-CPS,2025-01-01,A,B,\n");
    credentials.import_credentials(csv, "c.csv", today);
    holder = lifecycle.credential("MO-CPS-000001");
  }

  void log(const std::string& on, const std::string& hours, const std::string& category = "general",
           const std::string& delivery = "live", const std::string& title = "T") {
    REQUIRE(ce_log.log_ce({"MO-CPS-000001", on, hours, category, delivery, "P", title}, today));
  }

  /// A recount from the rows, apart from the store's SQL: each entry that counts goes to the
  /// period renewal::counts_in decides over the credential's periods now.
  std::vector<std::tuple<std::string, std::string, core::Hours, core::Date, core::Date>>
  recounted() const {
    const auto history = app::load_history(db, holder);
    const auto& program = programs.get(holder.program);
    std::map<std::tuple<int, std::string, std::string>, Counted> cells;
    for (const auto& e : store::CeRepository(db).for_credential(holder.id)) {
      const auto period = renewal::counts_in(program, history, e.completed_on);
      if (!period) {
        continue;
      }
      const auto key = std::tuple{*period, std::string(rules::to_string(e.category)),
                                  std::string(rules::to_string(e.delivery))};
      const auto [at, added] =
          cells.try_emplace(key, Counted{e.hours, e.completed_on, e.completed_on});
      if (!added) {
        at->second.hours += e.hours;
        at->second.first = std::min(at->second.first, e.completed_on);
        at->second.last = std::max(at->second.last, e.completed_on);
      }
    }
    std::vector<std::tuple<std::string, std::string, core::Hours, core::Date, core::Date>> out;
    for (const auto& [key, c] : cells) {
      out.emplace_back(std::get<1>(key), std::get<2>(key), c.hours, c.first, c.last);
    }
    return out;
  }

  std::vector<std::tuple<std::string, std::string, core::Hours, core::Date, core::Date>>
  kept() const {
    std::vector<std::tuple<std::string, std::string, core::Hours, core::Date, core::Date>> out;
    for (const auto& e : store::CeTotals(db).for_credential(holder.id, today)) {
      out.emplace_back(std::string(rules::to_string(e.category)),
                       std::string(rules::to_string(e.delivery)), e.hours, e.earliest.value(),
                       e.completed_on);
    }
    return out;
  }
};

core::Hours h(const char* text) { return *core::Hours::parse(text); }

} // namespace

TEST_CASE_METHOD(TotalsFixture, "totals follow every entry logged, voided and edited",
                 "[ceu][totals]") {
  log("2025-03-01", "2");
  log("2025-09-01", "1.5");
  log("2026-02-01", "3", "ethics", "live");
  CHECK(kept() == recounted());
  CHECK(kept().size() == 2);
  CHECK(std::get<2>(kept().at(1)) == h("3.5"));

  const auto entries = store::CeRepository(db).for_credential(holder.id);
  ce_log.void_ce(entries.at(0).id, "Logged twice");
  CHECK(kept() == recounted());
  CHECK(std::get<2>(kept().at(1)) == h("1.5"));

  app::CeEdit edit;
  edit.category = "ethics";
  edit.completed_on = "2025-10-01";
  ce_log.edit_ce(entries.at(1).id, edit, today);
  CHECK(kept() == recounted());
  CHECK(kept().size() == 1);
  CHECK(std::get<2>(kept().at(0)) == h("4.5"));

  // An edit refused as the same entry as another changes nothing.
  log("2025-11-01", "3", "ethics", "live", "Other");
  const auto before = kept();
  app::CeEdit same;
  same.completed_on = "2025-11-01";
  same.hours = "3";
  same.title = "Other";
  CHECK_THROWS_AS(ce_log.edit_ce(entries.at(2).id, same, today), core::InputError);
  CHECK(kept() == before);
  CHECK(kept() == recounted());
}

TEST_CASE_METHOD(TotalsFixture, "a refused import leaves the totals as they were",
                 "[ceu][totals]") {
  std::istringstream good("credential_number,completed_on,hours,category,delivery,provider,title\n"
                          "MO-CPS-000001,2025-06-01,2,general,live,P,A\n"
                          "MO-CPS-000001,2025-07-01,3,general,live,P,B\n");
  ce_log.import_ce(good, "good.csv", today, {});
  const auto before = kept();
  REQUIRE(std::get<2>(before.at(0)) == h("5"));
  std::istringstream bad("credential_number,completed_on,hours,category,delivery,provider,title\n"
                         "MO-CPS-000001,2025-08-01,4,general,live,P,C\n"
                         "MO-CPS-000001,2025-08-02,0,general,live,P,D\n");
  CHECK_THROWS_AS(ce_log.import_ce(bad, "bad.csv", today, {}), core::InputError);
  CHECK(kept() == before);
  CHECK(kept() == recounted());
}

TEST_CASE_METHOD(TotalsFixture,
                 "hours done after a period ended count in the cycle a renewal would start",
                 "[ceu][totals]") {
  // MO-CPS from 2024-01-01: its first period ended on 2025-12-31.
  std::istringstream csv("credential_number,program,issued_on,first_name,last_name,email\n"
                         "MO-CPS-000002,MO-CPS,2024-01-01,C,D,\n");
  credentials.import_credentials(csv, "c.csv", today);
  holder = lifecycle.credential("MO-CPS-000002");
  REQUIRE(ce_log.log_ce({"MO-CPS-000002", "2025-06-01", "2", "general", "live", "P", "A"}, today));
  REQUIRE(ce_log.log_ce({"MO-CPS-000002", "2026-03-01", "3", "general", "live", "P", "B"}, today));
  const auto periods = [&] {
    std::vector<std::optional<int>> out;
    for (const auto& e : store::CeRepository(db).for_credential(holder.id)) {
      out.push_back(e.counts_in);
    }
    return out;
  };
  CHECK(periods() == std::vector<std::optional<int>>{0, 1});
  CHECK(kept() == recounted());
  const auto before = kept();
  // The renewal writes that cycle: the entries stay where they were.
  renewal::Period next{
      1, 1,
      renewal::Cycle{1, 2026_y / date::jan / 1, 2027_y / date::dec / 31, 2026_y / date::jan / 1},
      renewal::Began::renewal};
  store::in_transaction(db, [&] {
    store::LifecycleRepository(db).insert_period(holder.id, next, "2026-11-24T12:00:00Z");
    app::decide_ce_periods(db, programs.get(holder.program), holder);
  });
  CHECK(periods() == std::vector<std::optional<int>>{0, 1});
  CHECK(kept() == before);
  CHECK(kept() == recounted());
}

TEST_CASE_METHOD(TotalsFixture, "hours before a period's CE window count in no period",
                 "[ceu][totals]") {
  // Georgia counts CE from the January after certification.
  std::istringstream csv("credential_number,program,issued_on,first_name,last_name,email\n"
                         "GA-CPS-000002,GA-CPS,2025-06-01,C,D,\n");
  credentials.import_credentials(csv, "c.csv", today);
  holder = lifecycle.credential("GA-CPS-000002");
  REQUIRE(ce_log.log_ce({"GA-CPS-000002", "2025-09-01", "2", "general", "live", "P", "A"}, today));
  REQUIRE(ce_log.log_ce({"GA-CPS-000002", "2026-02-01", "3", "general", "live", "P", "B"}, today));
  const auto entries = store::CeRepository(db).for_credential(holder.id);
  REQUIRE(entries.size() == 2);
  CHECK_FALSE(entries.at(0).counts_in);
  CHECK(entries.at(1).counts_in == std::optional(0));
  CHECK(kept() == recounted());
  REQUIRE(kept().size() == 1);
  CHECK(std::get<2>(kept().at(0)) == h("3"));
  CHECK(std::get<3>(kept().at(0)) == 2026_y / date::feb / 1);
}

TEST_CASE_METHOD(TotalsFixture, "entries stored before they recorded a period are decided on open",
                 "[ceu][totals]") {
  log("2025-03-01", "2");
  log("2026-02-01", "3", "ethics", "live");
  const auto right = kept();
  // The state migration 0015 leaves a database in: no period recorded, no totals.
  db.sqlite().exec("UPDATE ce_entries SET counts_in = NULL; DELETE FROM ce_cycle_totals; "
                   "INSERT INTO ce_periods_to_decide SELECT DISTINCT credential_id FROM "
                   "ce_entries");
  REQUIRE(kept().empty());
  app::bring_forward(db, programs, actor);
  CHECK(kept() == right);
  CHECK(store::CeRepository(db).periods_to_decide().empty());
  for (const auto& e : store::CeRepository(db).for_credential(holder.id)) {
    CHECK(e.counts_in == std::optional(0));
  }
}

TEST_CASE_METHOD(TotalsFixture, "rebuilding the totals finds the stale ones and mends them",
                 "[ceu][totals]") {
  log("2025-03-01", "2");
  log("2025-04-01", "2", "ethics", "live");
  const auto right = kept();
  db.sqlite().exec("UPDATE ce_cycle_totals SET hours = hours + 100 WHERE category = 'general'");
  REQUIRE(kept() != right);
  const auto done = ce_log.rebuild_totals();
  CHECK(done.stale == 2); // the wrong row kept, and the right one missing
  CHECK(done.rows == 2);
  CHECK(done.credentials == 1);
  CHECK(kept() == right);
  CHECK(ce_log.rebuild_totals().stale == 0);
}

TEST_CASE_METHOD(TotalsFixture,
                 "reminders as of a day before the latest entry count only what was done by then",
                 "[ceu][totals]") {
  log("2026-09-01", "3");
  log("2026-11-20", "2");
  const auto on = [&](core::Date as_of) {
    const auto due = lifecycle.reminders(as_of, {});
    REQUIRE(due.size() == 1);
    return due.front().status.current.hours_completed;
  };
  CHECK(on(today) == h("5"));
  CHECK(on(2026_y / date::nov / 10) == h("3"));
  CHECK(on(2026_y / date::oct / 5) == h("3"));
}

#include "app/CeLog.hpp"
#include "app/Credentials.hpp"
#include "app/Lifecycle.hpp"
#include "core/Error.hpp"
#include "report/ReminderReport.hpp"
#include "store/AuditLog.hpp"
#include "store/CeRepository.hpp"

#include <SQLiteCpp/Database.h>

#include <catch2/catch.hpp>

#include <sstream>

using namespace peercert;
using namespace date::literals;

namespace {

struct CeFixture {
  store::Database db = store::Database::open_in_memory();
  rules::ProgramCatalog programs{PEERCERT_TEST_RULES_DIR};
  app::Actor actor{"tester", [] { return std::string("2026-11-24T12:00:00Z"); }};
  app::Credentials credentials{db, programs, actor};
  app::CeLog ce_log{db, programs, actor};
  app::Lifecycle lifecycle{db, programs, actor};
  const core::Date today{2026_y / date::nov / 24};

  CeFixture() {
    std::istringstream csv("credential_number,program,issued_on,first_name,last_name,email\n"
                           "MO-CPS-000001,MO-CPS,2025-01-01,A,B,\n");
    credentials.import_credentials(csv, "c.csv", today);
  }

  static std::string roster(int rows) {
    std::string out = "credential_number,completed_on,hours,category,delivery,provider,title\n";
    for (int i = 0; i < rows; ++i) {
      out += "MO-CPS-000001,2025-06-01,1,general,live,P,Session " + std::to_string(i) + "\n";
    }
    return out;
  }
};

} // namespace

TEST_CASE_METHOD(CeFixture, "an import reports progress as it reads", "[ceu]") {
  std::istringstream csv(roster(25));
  std::vector<std::size_t> seen;
  app::ImportOptions options;
  options.progress = [&](std::size_t rows) { seen.push_back(rows); };
  options.progress_every = 10;
  const auto out = ce_log.import_ce(csv, "r.csv", today, options);
  CHECK(seen == std::vector<std::size_t>{10, 20});
  CHECK(out.added == 25);
}

TEST_CASE_METHOD(CeFixture, "a refused import writes nothing, not even its audit row", "[ceu]") {
  std::istringstream csv(roster(3) + "MO-CPS-000001,2025-06-01,0,general,live,P,Zero\n");
  const auto audit_before = store::AuditLog(db).count();
  CHECK_THROWS_WITH(ce_log.import_ce(csv, "r.csv", today, {}),
                    "r.csv: 1 row is bad, so nothing was imported:\n  line 5: hours must be "
                    "more than 0 and at most 24 in a day.");
  CHECK(store::CeRepository(db).count() == 0);
  CHECK(store::AuditLog(db).count() == audit_before);
}

TEST_CASE_METHOD(CeFixture, "a quote never closed stops the import with its line", "[ceu]") {
  std::istringstream csv(roster(2) + "MO-CPS-000001,2025-06-01,1,general,live,\"P,T\n");
  CHECK_THROWS_WITH(ce_log.import_ce(csv, "r.csv", today, {}),
                    Catch::Contains("line 4: a quoted field is not closed."));
  CHECK(store::CeRepository(db).count() == 0);
}

TEST_CASE_METHOD(CeFixture, "the header must name the roster's columns", "[ceu]") {
  std::istringstream csv("credential,date,hours\n");
  CHECK_THROWS_WITH(ce_log.import_ce(csv, "r.csv", today, {}),
                    "r.csv line 1: unknown column \"credential\"; the header must be "
                    "credential_number,completed_on,hours,category,delivery,provider,title, or "
                    "--map must say which column it is.");
  std::istringstream short_header("credential_number,completed_on,hours\n");
  CHECK_THROWS_WITH(ce_log.import_ce(short_header, "r.csv", today, {}),
                    Catch::StartsWith("r.csv line 1: the header has no category column"));
  std::istringstream twice("credential_number,hours,hours\n");
  CHECK_THROWS_WITH(ce_log.import_ce(twice, "r.csv", today, {}),
                    "r.csv line 1: the column hours is given twice (by \"hours\" and "
                    "\"hours\").");
}

TEST_CASE_METHOD(CeFixture, "columns may come in any order", "[ceu]") {
  std::istringstream csv("title,provider,delivery,category,hours,completed_on,credential_number\n"
                         "Boundaries,Hope Center,live,ethics,1.5,2025-06-01,MO-CPS-000001\n");
  const auto out = ce_log.import_ce(csv, "r.csv", today, {});
  CHECK(out.added == 1);
  const auto entries = store::CeRepository(db).for_credential(tracker::CredentialId{1});
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].title == "Boundaries");
  CHECK(entries[0].hours == core::Hours::from_hundredths(150));
}

TEST_CASE_METHOD(CeFixture, "a board's own headers and dates are read through its mapping",
                 "[ceu][moving-in]") {
  std::istringstream csv("Cert #,Date,Hours,Type,Format,Provider,Course,Notes\n"
                         "MO-CPS-000001,6/1/2025,1.5,General,Self-Study,Hope,Boundaries,x\n"
                         "MO-CPS-000001,2025-06-02,1,general,live,Hope,Ethics day,\n");
  app::ImportOptions options;
  options.dialect.map = app::parse_mapping(
      "Cert #=credential_number, date=completed_on,Type=category,Format=delivery,"
      "Course=title,Notes=-",
      "--map");
  options.dialect.dates = core::DateOrder::month_first;
  const auto out = ce_log.import_ce(csv, "r.csv", today, options);
  CHECK(out.added == 2);
  const auto entries = store::CeRepository(db).for_credential(tracker::CredentialId{1});
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].completed_on == 2025_y / date::jun / 1);
  CHECK(entries[0].delivery == rules::CeDelivery::self_study);
  CHECK(entries[1].completed_on == 2025_y / date::jun / 2);
}

TEST_CASE_METHOD(CeFixture, "a bad value is said of the header the file gives it",
                 "[ceu][moving-in]") {
  app::ImportOptions options;
  options.dialect.map = app::parse_mapping("When=completed_on", "--map");
  options.dialect.dates = core::DateOrder::month_first;
  std::istringstream csv("credential_number,When,hours,category,delivery,provider,title\n"
                         "MO-CPS-000001,13/1/2025,1,general,live,P,T\n");
  CHECK_THROWS_WITH(ce_log.import_ce(csv, "r.csv", today, options),
                    Catch::EndsWith("line 2: When (completed_on) does not fit MM/DD/YYYY: write "
                                    "it as 3/15/2018 (or 2018-03-15)."));
  // Read as ISO, an American date is answered with how to read it.
  std::istringstream us(roster(0) + "MO-CPS-000001,6/1/2025,1,general,live,P,T\n");
  CHECK_THROWS_WITH(ce_log.import_ce(us, "r.csv", today, {}),
                    Catch::EndsWith("For dates such as 3/15/2018, choose MM/DD/YYYY (or "
                                    "DD/MM/YYYY) with --date-format."));
  CHECK(store::CeRepository(db).count() == 0);
}

TEST_CASE_METHOD(CeFixture, "a mapping must name the file's columns and peercert's",
                 "[ceu][moving-in]") {
  app::ImportOptions options;
  options.dialect.map = app::parse_mapping("Cert No=credential_number", "--map");
  std::istringstream csv(roster(1));
  CHECK_THROWS_WITH(ce_log.import_ce(csv, "r.csv", today, options),
                    "--map: r.csv has no column \"Cert No\" in its header.");
  options.dialect.map = app::parse_mapping("title=titel", "--map");
  std::istringstream again(roster(1));
  CHECK_THROWS_WITH(ce_log.import_ce(again, "r.csv", today, options),
                    Catch::StartsWith("--map: \"title\" is mapped to \"titel\", which is not a "
                                      "column peercert reads (did you mean title?)"));
  CHECK_THROWS_WITH(app::parse_mapping("Cert #", "--map"),
                    "--map: \"Cert #\" is not Header=column (for example \"Cert "
                    "#=credential_number\").");
  CHECK_THROWS_WITH(app::parse_mapping("A=title,a=provider", "--map"),
                    "--map: the header \"a\" is mapped twice.");
  const auto lines = app::parse_mapping("# comment\nCert #, with comma=credential_number\r\n\n",
                                        "--map-file m.txt", true);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].first == "Cert #, with comma");
  CHECK(store::CeRepository(db).count() == 0);
}

TEST_CASE_METHOD(CeFixture, "a dry run judges every row and writes nothing", "[ceu][moving-in]") {
  app::ImportOptions options;
  options.dry_run = true;
  std::istringstream csv(roster(3));
  const auto audit_before = store::AuditLog(db).count();
  const auto out = ce_log.import_ce(csv, "r.csv", today, options);
  CHECK(out.added == 3);
  CHECK(store::CeRepository(db).count() == 0);
  CHECK(store::AuditLog(db).count() == audit_before);
}

TEST_CASE("a holder import says who came in expired, late or due soon", "[moving-in]") {
  store::Database db = store::Database::open_in_memory();
  rules::ProgramCatalog programs{PEERCERT_TEST_RULES_DIR};
  app::Actor actor{"tester", [] { return std::string("2026-12-06T12:00:00Z"); }};
  app::Credentials credentials{db, programs, actor};
  const core::Date today{2026_y / date::dec / 6};
  std::istringstream csv("credential_number,program,issued_on,first_name,last_name,email,"
                         "expires_on\n"
                         "MO-CPS-1,MO-CPS,2018-03-15,A,B,,\n"           // expired, no expiry given
                         "MO-CPS-2,MO-CPS,2018-03-15,A,B,,2027-06-30\n" // renewed since
                         "MO-CPS-3,MO-CPS,2025-02-20,A,B,,\n"           // due soon
                         "PA-CPS-4,PA-CPS,2024-10-01,A,B,,\n");         // in its late window
  const auto out = credentials.import_credentials(csv, "c.csv", today);
  CHECK(out.added == 4);
  REQUIRE(out.expired.size() == 1);
  CHECK(out.expired[0].number == "MO-CPS-1");
  CHECK(out.expired[0].line == 2);
  REQUIRE(out.due_soon.size() == 1);
  CHECK(out.due_soon[0].number == "MO-CPS-3");
  REQUIRE(out.late.size() == 1);
  CHECK(out.late[0].number == "PA-CPS-4");
  REQUIRE(out.without_expiry.size() == 2);
  CHECK(out.without_expiry[0].number == "MO-CPS-1");
  CHECK(out.without_expiry[1].number == "PA-CPS-4");
}

TEST_CASE("a number repeated in a holder file names both lines", "[moving-in]") {
  store::Database db = store::Database::open_in_memory();
  rules::ProgramCatalog programs{PEERCERT_TEST_RULES_DIR};
  app::Actor actor{"tester", [] { return std::string("2026-12-06T12:00:00Z"); }};
  app::Credentials credentials{db, programs, actor};
  std::istringstream csv("credential_number,program,issued_on,first_name,last_name,email\n"
                         "MO-CPS-1,MO-CPS,2025-03-15,A,B,\n"
                         "mo-cps-1,MO-CPS,2025-03-15,A,B,\n"
                         "MO-CPS-2,MO-CSP,2025-03-15,A,B,\n");
  app::ImportOptions options;
  options.skip_invalid = true;
  std::ostringstream rejects;
  options.rejects = &rejects;
  const auto out = credentials.import_credentials(csv, "c.csv", 2026_y / date::dec / 6, options);
  CHECK(out.added == 1);
  CHECK(out.rejected == 2);
  CHECK(rejects.str() ==
        "line,reason,credential_number,program,issued_on,first_name,last_name,email,expires_on,"
        "status,date_of_birth,cycle_years\r\n"
        "3,credential_number is repeated: line 2 has the same number.,mo-cps-1,MO-CPS,2025-03-15,"
        "A,B,,,,,\r\n"
        "4,\"program \"\"MO-CSP\"\" is not one of the programs in the rules directory (did you "
        "mean MO-CPS?).\",MO-CPS-2,MO-CSP,2025-03-15,A,B,,,,,\r\n");
}

namespace {

/// Every row of the tables an import writes, in key order, as text.
std::string rows_of(const store::Database& db) {
  std::string out;
  for (const char* sql :
       {"SELECT id, credential_id, completed_on, hours, category, delivery, provider, title, "
        "same_key, counts_in FROM ce_entries ORDER BY id",
        "SELECT * FROM ce_cycle_totals ORDER BY 1, 2, 3, 4",
        "SELECT * FROM credential_layout ORDER BY 1, 2"}) {
    SQLite::Statement st(db.sqlite(), sql);
    while (st.executeStep()) {
      for (int i = 0; i < st.getColumnCount(); ++i) {
        out += st.getColumn(i).isNull() ? std::string("NULL") : st.getColumn(i).getString();
        out += '|';
      }
      out += '\n';
    }
  }
  return out;
}

} // namespace

TEST_CASE("an import writes what logging its rows one by one writes, and reports the same",
          "[ceu][layout]") {
  const rules::ProgramCatalog programs{PEERCERT_TEST_RULES_DIR};
  const app::Actor actor{"tester", [] { return std::string("2026-11-24T12:00:00Z"); }};
  const core::Date today{2026_y / date::nov / 24};
  const std::string holders = "credential_number,program,issued_on,first_name,last_name,email\n"
                              "MO-CPS-000001,MO-CPS,2025-01-01,A,B,\n"
                              "MO-CPS-000002,MO-CPS,2024-12-20,C,D,d@example.org\n"
                              "MO-CPS-000003,MO-CPS,2023-06-01,E,F,\n";
  // Rows over three holders and two periods, one repeated within the file and one that is
  // on file before the import (logged first in both databases), more than one statement's worth.
  std::vector<app::CeText> rows;
  for (int i = 0; i < 230; ++i) {
    const std::string number = i % 3 == 0   ? "MO-CPS-000001"
                               : i % 3 == 1 ? "MO-CPS-000002"
                                            : "MO-CPS-000003";
    const std::string day = "202" + std::to_string(5 + i % 2) + "-0" + std::to_string(1 + i % 9) +
                            "-1" + std::to_string(i % 10);
    rows.push_back({number, day, i % 4 == 0 ? "1.5" : "2", i % 5 == 0 ? "ethics" : "general",
                    i % 2 == 0 ? "live" : "self_study", "P", "Course " + std::to_string(i % 200)});
  }
  rows.push_back(rows.at(7));
  std::string csv = "credential_number,completed_on,hours,category,delivery,provider,title\n";
  for (const auto& r : rows) {
    csv += r.credential_number + "," + r.completed_on + "," + r.hours + "," + r.category + "," +
           r.delivery + "," + r.provider + "," + r.title + "\n";
  }
  const auto fresh = [&] {
    auto db = store::Database::open_in_memory();
    std::istringstream in(holders);
    app::Credentials(db, programs, actor).import_credentials(in, "c.csv", today);
    REQUIRE(app::CeLog(db, programs, actor).log_ce(rows.at(3), today));
    return db;
  };
  auto imported = fresh();
  std::istringstream in(csv);
  const auto out = app::CeLog(imported, programs, actor).import_ce(in, "r.csv", today, {});
  auto logged = fresh();
  std::size_t added = 0;
  for (const auto& r : rows) {
    added += app::CeLog(logged, programs, actor).log_ce(r, today) ? 1U : 0U;
  }
  CHECK(out.added == added);
  CHECK(out.unchanged == 2);
  CHECK(rows_of(imported) == rows_of(logged));
  const auto report = [&](const store::Database& db) {
    return report::reminders_csv(
        app::Lifecycle(db, programs, actor).reminders(today, {std::optional(3650), {}, {}}));
  };
  CHECK(report(imported) == report(logged));
  CHECK(report(imported).find("MO-CPS-000002") != std::string::npos);
}

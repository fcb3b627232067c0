#include "app/CeLog.hpp"
#include "app/Credentials.hpp"
#include "app/Lifecycle.hpp"
#include "core/Error.hpp"
#include "store/AuditLog.hpp"
#include "store/CeRepository.hpp"

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
  app::CeImportOptions options;
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
                    "credential_number,completed_on,hours,category,delivery,provider,title.");
  std::istringstream short_header("credential_number,completed_on,hours\n");
  CHECK_THROWS_WITH(ce_log.import_ce(short_header, "r.csv", today, {}),
                    Catch::StartsWith("r.csv line 1: the header has no category column"));
  std::istringstream twice("credential_number,hours,hours\n");
  CHECK_THROWS_WITH(ce_log.import_ce(twice, "r.csv", today, {}),
                    "r.csv line 1: the column hours appears twice.");
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

// Credential numbers: their shape, one case, another program's prefix, look-alike pairs left by
// the migration to one case, and renumbering them (DESIGN.md, "Credential numbers").
#include "tracker/CredentialNumber.hpp"
#include "app/Audit.hpp"
#include "app/Credentials.hpp"
#include "app/Privacy.hpp"
#include "core/Error.hpp"
#include "store/AuditLog.hpp"
#include "store/CredentialRepository.hpp"
#include "store/Migrations.hpp"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

using namespace peercert;
using namespace date::literals;

TEST_CASE("a credential number is letters and digits with one - _ or . between them") {
  using tracker::well_formed_credential_number;
  for (const char* ok : {"A-1", "MO-1", "LATE-CPS-1", "MO-CPS-000123", "a.b_c-9", "X",
                         "1234567890123456789012345678901234567890"}) {
    INFO(ok);
    CHECK(well_formed_credential_number(ok));
  }
  for (const char* bad :
       {"", "../../../escaped", "/tmp/abs", "A..1", "A--1", "-A1", "A1-", ".A", "A/1", "A 1",
        "A\x1b"
        "1",
        "Á-1", "12345678901234567890123456789012345678901"}) {
    INFO(bad);
    CHECK_FALSE(well_formed_credential_number(bad));
  }
  CHECK(tracker::new_credential_number("  mo-cps-000900 ", "credential_number") == "MO-CPS-000900");
  try {
    tracker::new_credential_number("../x", "credential_number");
    FAIL("accepted");
  } catch (const core::InputError& e) {
    CHECK(e.field() == "credential_number");
  }
  CHECK(tracker::credential_number_key(" mo-1\t") == "MO-1");
}

TEST_CASE("a number that begins with another program's id is that program's") {
  const std::vector<std::string> ids{"MO-CPS", "TX-MHPS", "OH-CPRS", "OH-CYPS"};
  using tracker::other_program_in_number;
  CHECK(other_program_in_number("TX-MHPS-000900", "MO-CPS", ids) == "TX-MHPS");
  CHECK(other_program_in_number("tx-mhps-1", "MO-CPS", ids) == "TX-MHPS");
  CHECK_FALSE(other_program_in_number("MO-CPS-000900", "MO-CPS", ids));
  CHECK_FALSE(other_program_in_number("A-1", "MO-CPS", ids));
  CHECK_FALSE(other_program_in_number("TX-MHPS", "MO-CPS", ids)); // the id alone, no '-'
  CHECK(other_program_in_number("OH-CYPS-3", "OH-CPRS", ids) == "OH-CYPS");
  // Of two ids a number begins with, the longer says whose it is.
  const std::vector<std::string> nested{"MO", "MO-CPS"};
  CHECK_FALSE(other_program_in_number("MO-CPS-1", "MO-CPS", nested));
  CHECK(other_program_in_number("MO-CPS-1", "MO", nested) == "MO-CPS");
}

namespace {
struct NumbersFixture {
  store::Database db = store::Database::open_in_memory();
  rules::ProgramCatalog programs{PEERCERT_TEST_RULES_DIR};
  app::Actor actor{"tester", [] { return std::string("2026-11-24T12:00:00Z"); }};
  app::Credentials credentials{db, programs, actor};
  const core::Date today{2026_y / date::nov / 24};

  void import(const std::string& rows) {
    std::istringstream csv("credential_number,program,issued_on,first_name,last_name,email\n" +
                           rows);
    credentials.import_credentials(csv, "c.csv", today);
  }

  std::vector<std::string> numbers() const {
    SQLite::Statement st(db.sqlite(),
                         "SELECT credential_number FROM credentials ORDER BY credential_number");
    std::vector<std::string> out;
    while (st.executeStep()) {
      out.push_back(st.getColumn(0).getString());
    }
    return out;
  }
};

/// Runs schema 13 again over what the test stored, as it ran over a database of schema 12.
void migrate_to_one_case(const store::Database& db) {
  db.sqlite().exec("DROP INDEX credentials_lookalike");
  for (const auto& m : store::migrations()) {
    if (m.version == 13) {
      db.sqlite().exec(std::string(m.sql));
      return;
    }
  }
  FAIL("no schema 13");
}
} // namespace

TEST_CASE_METHOD(NumbersFixture, "numbers are stored upper-case and found in any case") {
  import("mo-cps-000902,MO-CPS,2025-01-01,Ada,Lovelace,\n");
  CHECK(numbers() == std::vector<std::string>{"MO-CPS-000902"});
  CHECK(credentials.credential("Mo-Cps-000902").first_name == "Ada");
  // The same number in another case is the same number: on file with other details, refused.
  CHECK_THROWS_AS(import("mo-cps-000902,MO-CPS,2025-01-01,Bob,Other,\n"), core::InputError);
  import("MO-CPS-000902,MO-CPS,2025-01-01,Ada,Lovelace,\n"); // unchanged
  CHECK(numbers().size() == 1);
  CHECK_THROWS_AS(import("TX-MHPS-000901,MO-CPS,2025-01-01,C,D,\n"), core::InputError);
  CHECK(numbers().size() == 1);
}

TEST_CASE_METHOD(NumbersFixture, "the migration makes numbers one case but leaves look-alikes") {
  import("MO-CPS-000001,MO-CPS,2025-01-01,Ada,Upper,\n");
  // As a board's numbers were stored, and audited, before they were one case.
  for (const auto& [number, name] :
       std::vector<std::pair<std::string, std::string>>{{"mo-cps-000001", "Di"},
                                                        {"mo-cps-000002", "Bea"},
                                                        {"Mo-Cps-000005", "Cy"},
                                                        {"mo-cps-000005", "Ed"}}) {
    SQLite::Statement st(db.sqlite(),
                         "INSERT INTO credentials (credential_number, program, issued_on, "
                         "first_name, last_name, created_at) VALUES (?1, 'MO-CPS', '2025-01-01', "
                         "?2, 'Legacy', 'x')");
    st.bind(1, number);
    st.bind(2, name);
    st.exec();
    tracker::AuditEntry e;
    e.at = "2020-01-01T00:00:00Z";
    e.actor = "tester";
    e.action = "credential.import";
    e.entity = "credential";
    e.entity_id = number;
    e.after = R"({"first_name": ")" + name + "\"}";
    store::AuditLog(db).append(e);
  }
  migrate_to_one_case(db);
  CHECK(numbers() == std::vector<std::string>{"MO-CPS-000001", "MO-CPS-000002", "Mo-Cps-000005",
                                              "mo-cps-000001", "mo-cps-000005"});
  // The renumbered holder's entries are found under the new number, and her personal values
  // follow it, so that erasure still reaches them.
  CHECK(app::audit_entries(db, {"credential", "MO-CPS-000002", "", std::nullopt, std::nullopt})
            .size() == 1);
  CHECK(store::AuditLog(db).about("credential:MO-CPS-000002").size() == 1);
  CHECK(store::AuditLog(db).about("credential:mo-cps-000002").empty());

  const auto pairs = credentials.look_alikes();
  REQUIRE(pairs.size() == 2);
  CHECK(pairs[0].first.number == "Mo-Cps-000005");
  CHECK(pairs[0].second.number == "mo-cps-000005");
  CHECK(pairs[1].first.number == "mo-cps-000001");
  CHECK(pairs[1].second.number == "MO-CPS-000001");

  // A number typed exactly as one of a pair finds that one; in another case, the upper-case one.
  CHECK(credentials.credential("mo-cps-000001").first_name == "Di");
  CHECK(credentials.credential("Mo-Cps-000005").first_name == "Cy");
  CHECK(credentials.credential("mo-cps-000005").first_name == "Ed");
  CHECK(credentials.credential("MO-CPS-000001").first_name == "Ada");
  CHECK(credentials.credential("mo-Cps-000001").first_name == "Ada");
  // An import of the number in any case is the number on file, never a third holder.
  CHECK_THROWS_AS(import("MO-CPS-000005,MO-CPS,2025-01-01,Fay,Fourth,\n"), core::InputError);

  // Staff mend a pair: the taken number is refused, a free one is given, audited.
  CHECK_THROWS_AS(credentials.renumber("mo-cps-000001", "MO-CPS-000001"), core::InputError);
  CHECK_THROWS_AS(credentials.renumber("mo-cps-000001", "TX-MHPS-1"), core::InputError);
  const auto renumbered = credentials.renumber("mo-cps-000001", "mo-cps-000001b");
  CHECK(renumbered.number == "MO-CPS-000001B");
  CHECK(credentials.credential("MO-CPS-000001B").first_name == "Di");
  CHECK(credentials.look_alikes().size() == 1);
  // The log's entries about the old number are found under the new one, and the renumbering.
  const auto history =
      app::audit_entries(db, {"credential", "mo-cps-000001b", "", std::nullopt, std::nullopt});
  REQUIRE(history.size() == 2);
  CHECK(history[0].action == "credential.import");
  CHECK(history[1].action == "credential.renumber");
  CHECK(store::AuditLog(db).about("credential:MO-CPS-000001B").size() == 2);
}

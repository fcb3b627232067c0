#include "TempDir.hpp"
#include "store/ApplicantRepository.hpp"
#include "store/AuditLog.hpp"
#include "store/CeRepository.hpp"
#include "store/Copy.hpp"
#include "store/Database.hpp"
#include "store/Dump.hpp"
#include "store/Migrations.hpp"
#include "store/detail/Sql.hpp"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <sys/stat.h>

using namespace peercert;
using test::TempDir;

namespace {

tracker::Applicant someone(const std::string& first) {
  tracker::Applicant a;
  a.first_name = first;
  a.last_name = "Doe";
  a.created_at = a.updated_at = "2026-11-24T12:00:00Z";
  return a;
}

/// Runs SQL on a file with the plain SQLite C API, as another program would.
void raw_exec(const std::filesystem::path& file, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
  sqlite3_free(error);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

std::string refusal(const std::filesystem::path& file) {
  try {
    store::Database::open(file);
  } catch (const store::StoreError& e) {
    return e.what();
  }
  return "opened";
}

} // namespace

TEST_CASE("a new database gets the schema, the application id and owner-only access", "[db]") {
  TempDir dir;
  const auto file = dir / "sub" / "peercert.db";
  {
    auto db = store::Database::open(file);
    CHECK(db.schema_version() == store::Database::latest_schema_version());
    CHECK(db.schema_version() >= 1);
  }
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  // Opening again applies nothing twice.
  auto again = store::Database::open(file);
  CHECK(again.schema_version() == store::Database::latest_schema_version());
}

TEST_CASE("a header damaged into an absurd schema is a damaged database, not a newer one", "[db]") {
  TempDir dir;
  const auto file = dir / "damaged.db";
  { store::Database::open(file); }
  raw_exec(file, "PRAGMA user_version = 1684234849"); // four letters over the field
  try {
    store::Database::open(file);
    FAIL("opened a damaged database");
  } catch (const core::EnvironmentError& e) {
    CHECK(std::string(e.what()).find("is damaged") != std::string::npos);
    CHECK(e.status() == core::ExitStatus::environment);
  }
}

TEST_CASE("a database from a newer peercert is refused and left as it was", "[db]") {
  TempDir dir;
  const auto file = dir / "newer.db";
  { store::Database::open(file); }
  const int next = store::Database::latest_schema_version() + 1;
  raw_exec(file, ("PRAGMA user_version = " + std::to_string(next)).c_str());
  raw_exec(file, "PRAGMA journal_mode = DELETE");
  const auto before = test::read_bytes(file);
  CHECK(refusal(file) ==
        "The database " + file.string() + " was written by a newer peercert (schema " +
            std::to_string(next) + "; this one knows up to " +
            std::to_string(store::Database::latest_schema_version()) + "). Use a newer peercert.");
  CHECK(test::read_bytes(file) == before);
}

TEST_CASE("a file that is not a peercert database is refused and left as it was", "[db]") {
  TempDir dir;
  SECTION("a text file") {
    const auto file = dir / "notes.txt";
    test::write_bytes(file, std::string("this is not a database, just some notes\n") +
                                std::string(200, 'x'));
    const auto before = test::read_bytes(file);
    CHECK(refusal(file) ==
          "The database " + file.string() + " is not a peercert database (not an SQLite file).");
    CHECK(test::read_bytes(file) == before);
  }
  SECTION("another program's SQLite database") {
    const auto file = dir / "other.db";
    raw_exec(file, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
    const auto before = test::read_bytes(file);
    CHECK(refusal(file) == "The database " + file.string() + " is not a peercert database.");
    CHECK(test::read_bytes(file) == before);
  }
}

TEST_CASE("the audit log refuses changes and deletions", "[db]") {
  auto db = store::Database::open_in_memory();
  store::AuditLog log(db);
  log.append({0,
              "2026-11-24T12:00:00Z",
              "staff",
              "applicant.add",
              "applicant",
              "1",
              "",
              "{}",
              "",
              false,
              {}});
  CHECK_THROWS_WITH(db.sqlite().exec("UPDATE audit_log SET actor = 'someone else'"),
                    Catch::Contains("append-only"));
  CHECK_THROWS_WITH(db.sqlite().exec("DELETE FROM audit_log"), Catch::Contains("append-only"));
  REQUIRE(log.list().size() == 1);
  CHECK(log.list()[0].actor == "staff");
}

TEST_CASE("erasing a person's audit values keeps every row and every other person's values",
          "[db]") {
  auto db = store::Database::open_in_memory();
  store::AuditLog log(db);
  log.append({0,
              "2026-11-24T12:00:00Z",
              "staff",
              "applicant.add",
              "applicant",
              "1",
              "",
              R"({"first_name":"Ana"})",
              "",
              false,
              {}});
  log.append({0,
              "2026-11-24T12:00:00Z",
              "staff",
              "applicant.add",
              "applicant",
              "12",
              "",
              R"({"first_name":"Bo"})",
              "",
              false,
              {}});
  log.append({0,
              "2026-11-24T12:00:00Z",
              "staff",
              "exam.record",
              "exam",
              "3",
              "",
              R"({"score":88})",
              "applicant:1",
              false,
              {}});
  log.append({0,
              "2026-11-24T12:00:00Z",
              "staff",
              "cohort.create",
              "cohort",
              "1",
              "",
              "{}",
              "",
              false,
              {}});
  CHECK(log.about("applicant:1").size() == 2);
  CHECK(log.erase_values("applicant:1", "2026-11-25T08:00:00Z") == 2);
  CHECK(log.erase_values("applicant:1", "2026-11-25T08:00:00Z") == 0);
  const auto entries = log.list();
  REQUIRE(entries.size() == 4);
  CHECK((entries[0].erased && entries[0].after.empty()));
  CHECK((!entries[1].erased && entries[1].after == R"({"first_name":"Bo"})"));
  CHECK((entries[2].erased && entries[2].after.empty() && entries[2].action == "exam.record"));
  CHECK((!entries[3].erased && entries[3].after == "{}"));
  CHECK_THROWS_WITH(db.sqlite().exec("UPDATE audit_log SET values_id = NULL"),
                    Catch::Contains("append-only"));
}

TEST_CASE("a transaction keeps nothing unless committed", "[db]") {
  auto db = store::Database::open_in_memory();
  store::ApplicantRepository applicants(db);
  CHECK_THROWS_AS(store::in_transaction(db,
                                        [&] {
                                          applicants.insert(someone("A"));
                                          applicants.insert(someone("B"));
                                          throw core::InputError("second thoughts");
                                        }),
                  core::InputError);
  CHECK(applicants.count() == 0);
  store::in_transaction(db, [&] { applicants.insert(someone("C")); });
  CHECK(applicants.count() == 1);
}

TEST_CASE("applicants round-trip every field", "[db]") {
  using namespace date::literals;
  auto db = store::Database::open_in_memory();
  store::ApplicantRepository repo(db);
  auto a = someone("Jane");
  a.email = "jane@example.org";
  a.phone = "+1 573 555 0100";
  a.facts.set(rules::FactId::date_of_birth, core::Date{1990_y / date::may / 1});
  a.facts.set(rules::FactId::education, rules::Education::ged);
  a.facts.set(rules::FactId::lived_experience, true);
  a.facts.set(rules::FactId::willing_to_share_story, false);
  a.facts.set(rules::FactId::registry_check, rules::CheckStatus::pending);
  a.registry_check_on = core::Date{2026_y / date::oct / 1};
  a.employer = "Hope Center";
  a.hired_on = core::Date{2026_y / date::sep / 15};
  const auto id = repo.insert(a);
  const auto back = repo.find(id);
  REQUIRE(back);
  CHECK(back->email == a.email);
  CHECK(back->phone == a.phone);
  for (const auto& f : rules::all_facts()) {
    INFO(f.name);
    CHECK(back->facts.get(f.id) == a.facts.get(f.id));
  }
  CHECK(back->registry_check_on == a.registry_check_on);
  CHECK(back->employer == a.employer);
  CHECK(back->hired_on == a.hired_on);
  CHECK_FALSE(repo.find(tracker::ApplicantId{id.value + 1}));
}

TEST_CASE("a backup is a consistent copy and never overwrites a file", "[db]") {
  TempDir dir;
  auto db = store::Database::open(dir / "live.db");
  store::ApplicantRepository(db).insert(someone("Backed"));
  db.backup_to(dir / "copy.db");
  struct stat st {};
  REQUIRE(::stat((dir / "copy.db").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  auto copy = store::Database::open(dir / "copy.db");
  CHECK(store::ApplicantRepository(copy).count() == 1);
  CHECK_THROWS_WITH(db.backup_to(dir / "copy.db"), Catch::Contains("already exists"));
}

TEST_CASE("a database of an older schema is migrated, its data kept", "[db]") {
  TempDir dir;
  const auto file = dir / "old.db";
  {
    // Schema 1 as an older peercert left it, with one applicant.
    SQLite::Database old(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    old.exec(std::string(store::migrations()[0].sql));
    old.exec("PRAGMA application_id = " + std::to_string(store::application_id));
    old.exec("PRAGMA user_version = 1");
    old.exec("INSERT INTO applicants (first_name, last_name, created_at, updated_at) VALUES "
             "('Old', 'Timer', 't', 't')");
  }
  auto db = store::Database::open(file);
  CHECK(db.schema_version() == store::Database::latest_schema_version());
  CHECK(db.schema_version() >= 2);
  CHECK(store::ApplicantRepository(db).count() == 1);
  CHECK(db.sqlite().execAndGet("SELECT count(*) FROM ce_entries").getInt() == 0);
}

TEST_CASE("a first-edition database gains the second edition's facts and CE categories", "[db]") {
  TempDir dir;
  const auto file = dir / "first-edition.db";
  {
    // Schema 3, as the first edition left it: an applicant, a credential and its CE.
    SQLite::Database old(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    for (std::size_t i = 0; i < 3; ++i) {
      old.exec(std::string(store::migrations()[i].sql));
    }
    old.exec("PRAGMA application_id = " + std::to_string(store::application_id));
    old.exec("PRAGMA user_version = 3");
    old.exec("INSERT INTO applicants (first_name, last_name, date_of_birth, education, "
             "lived_experience, background_check, created_at, updated_at) VALUES "
             "('Old', 'Timer', '1980-02-29', 'ged', 1, 'passed', 't', 't')");
    old.exec("INSERT INTO credentials (credential_number, program, issued_on, first_name, "
             "last_name, created_at) VALUES ('MO-CPS-000001', 'MO-CPS', '2025-01-01', 'Old', "
             "'Timer', 't')");
    old.exec("INSERT INTO ce_entries (id, credential_id, completed_on, hours, category, delivery, "
             "provider, title, created_at) VALUES (7, 1, '2025-02-01', 150, 'ethics', 'live', "
             "'P', 'T', 't')");
  }
  auto db = store::Database::open(file);
  CHECK(db.schema_version() == store::Database::latest_schema_version());
  const auto a = store::ApplicantRepository(db).find(tracker::ApplicantId{1});
  REQUIRE(a);
  CHECK(*a->facts.get_if<core::Date>(rules::FactId::date_of_birth) ==
        core::Date{date::year{1980} / date::February / 29});
  CHECK(*a->facts.get_if<rules::Education>(rules::FactId::education) == rules::Education::ged);
  CHECK(*a->facts.get_if<bool>(rules::FactId::lived_experience));
  CHECK_FALSE(a->facts.has(rules::FactId::recovery_since));
  CHECK_FALSE(a->facts.has(rules::FactId::references));
  const auto entries = store::CeRepository(db).for_credential(tracker::CredentialId{1});
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].id == 7);
  CHECK(entries[0].hours == core::Hours::from_hundredths(150));
  CHECK(entries[0].category == rules::CeCategory::ethics);
  // The second edition's categories and facts can now be stored.
  tracker::CeRecord more = entries[0];
  more.completed_on = core::Date{date::year{2025} / date::March / 1};
  more.category = rules::CeCategory::suicide_prevention;
  CHECK(store::CeRepository(db).insert(more));
  // The migrated entry's key was filled: the same entry again is found and not stored twice.
  CHECK_FALSE(store::CeRepository(db).insert(entries[0]));
  CHECK(store::CeRepository(db).count() == 2);
  tracker::Applicant updated = *a;
  updated.facts.set(rules::FactId::references, rules::Count{2});
  updated.facts.set(rules::FactId::work_experience_hours, core::Hours::from_hundredths(50050));
  store::ApplicantRepository(db).update(updated);
  const auto back = store::ApplicantRepository(db).find(tracker::ApplicantId{1});
  CHECK(back->facts.get_if<rules::Count>(rules::FactId::references)->value == 2);
  CHECK(back->facts.get_if<core::Hours>(rules::FactId::work_experience_hours)->hundredths() ==
        50050);
}

TEST_CASE("the same CE entry is stored once, and a shared key never merges two entries", "[db]") {
  auto db = store::Database::open_in_memory();
  db.sqlite().exec("INSERT INTO credentials (credential_number, program, issued_on, first_name, "
                   "last_name, created_at) VALUES ('MO-CPS-000001', 'MO-CPS', '2025-01-01', "
                   "'A', 'B', 't')");
  store::CeRepository ce(db);
  tracker::CeRecord a;
  a.credential = tracker::CredentialId{1};
  a.completed_on = core::Date{date::year{2026} / date::March / 1};
  a.hours = core::Hours::from_hundredths(150);
  a.category = rules::CeCategory::ethics;
  a.delivery = rules::CeDelivery::live;
  a.provider = "P";
  a.title = "T";
  a.created_at = "t";
  CHECK(ce.insert(a));
  CHECK_FALSE(ce.insert(a));
  auto b = a;
  b.title = "T2";
  // Give the stored entry b's key, as a hash collision would: b is still a different entry.
  SQLite::Statement key(db.sqlite(), "UPDATE ce_entries SET same_key = ?1");
  key.bind(1, store::detail::ce_same_key("2026-03-01", "P", "T2", 150));
  key.exec();
  CHECK(ce.insert(b));
  CHECK_FALSE(ce.insert(b));
  CHECK(ce.count() == 2);
  // An edit into another entry on file is refused; into a new one, kept with its new key.
  auto edited = ce.for_credential(tracker::CredentialId{1}).front();
  edited.title = "T2";
  CHECK_FALSE(ce.update(edited));
  edited.title = "T3";
  CHECK(ce.update(edited));
  auto c = a;
  c.title = "T3";
  CHECK_FALSE(ce.insert(c));
}

namespace {

/// A database's dump as one text: each table's name, then its rows, NULL told from text.
std::string text_of(const store::Database& db) {
  std::string out;
  store::dump(
      db, [&out](const store::DumpTable& t) { out += "table " + t.name + "\n"; },
      [&out](const std::vector<store::DumpValue>& row) {
        for (const auto& v : row) {
          out += (v ? "[" + *v + "]" : std::string("NULL")) + " ";
        }
        out += "\n";
      });
  return out;
}

} // namespace

TEST_CASE("a dump gives the same rows however they were written, in a fixed order", "[dump]") {
  const std::vector<std::string> rows{"('b', 2, NULL, x'00ff')", "('A', 2, 'x\ty', NULL)",
                                      "('a', 2, '', NULL)", "('c', 10, NULL, NULL)"};
  auto forward = store::Database::open_in_memory();
  auto backward = store::Database::open_in_memory();
  for (auto* db : {&forward, &backward}) {
    db->sqlite().exec("CREATE TABLE zz_notes (name TEXT COLLATE NOCASE, n INTEGER, note TEXT, "
                      "raw BLOB)");
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    forward.sqlite().exec("INSERT INTO zz_notes VALUES " + rows[i]);
    backward.sqlite().exec("INSERT INTO zz_notes VALUES " + rows[rows.size() - 1 - i]);
  }
  const auto dumped = text_of(forward);
  CHECK(dumped == text_of(backward));
  // Columns by name (n, name, note, raw); text byte by byte whatever the declared collation,
  // numbers by value, blobs in hex, NULL told apart from empty text.
  const auto at = dumped.find("table zz_notes\n");
  REQUIRE(at != std::string::npos);
  CHECK(dumped.substr(at) == "table zz_notes\n"
                             "[2] [A] [x\ty] NULL \n"
                             "[2] [a] [] NULL \n"
                             "[2] [b] NULL [\\x00ff] \n"
                             "[10] [c] NULL NULL \n");
}

TEST_CASE("a copy carries every table but those it names as left behind", "[db]") {
  const auto db = store::Database::open_in_memory();
  std::vector<std::string> tables;
  store::dump(
      db, [&tables](const store::DumpTable& t) { tables.push_back(t.name); },
      [](const std::vector<store::DumpValue>&) {});
  std::vector<std::string> named;
  for (const auto t : store::copied_tables()) {
    named.emplace_back(t);
  }
  for (const auto t : store::left_behind_tables()) {
    named.emplace_back(t);
  }
  std::sort(named.begin(), named.end());
  // A table added by a migration must be listed as copied or as left behind on purpose.
  CHECK(named == tables);
}

TEST_CASE("a copy into an empty database reads the same, and a full one is refused", "[db]") {
  test::TempDir dir;
  const auto from = store::Database::open(dir / "from.db");
  const auto applicant = store::ApplicantRepository(from).insert([] {
    tracker::Applicant a;
    a.first_name = "Ana";
    a.last_name = "Pérez";
    a.created_at = a.updated_at = "2026-11-24T12:00:00Z";
    return a;
  }());
  tracker::AuditEntry entry;
  entry.at = "2026-11-24T12:00:00Z";
  entry.actor = "tester";
  entry.action = "applicant.add";
  entry.entity = "applicant";
  entry.entity_id = std::to_string(applicant.value);
  entry.after = "{}";
  store::AuditLog(from).append(entry);
  const auto to = store::Database::open(dir / "to.db");
  const auto copied = store::copy_database(from, to);
  REQUIRE(copied.size() == store::copied_tables().size());
  CHECK(copied.front().name == "applicants");
  CHECK(copied.front().rows == 1);
  CHECK(text_of(to) == text_of(from));
  // The ids go on from the copied ones.
  CHECK(store::ApplicantRepository(to)
            .insert(*store::ApplicantRepository(from).find(applicant))
            .value == applicant.value + 1);
  const auto before = text_of(to);
  CHECK_THROWS_WITH(store::copy_database(from, to),
                    Catch::Contains("is not empty (applicants holds 2 rows)"));
  CHECK(text_of(to) == before);
}

// Claims of reminders: two runs of notify at once send each message once, and a crashed run's
// claim is taken over after the lease.
#include "app/Credentials.hpp"
#include "store/ReminderRepository.hpp"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

#include <sstream>

using namespace peercert;
using namespace date::literals;

namespace {
struct ClaimFixture {
  store::Database db = store::Database::open_in_memory();
  rules::ProgramCatalog programs{PEERCERT_TEST_RULES_DIR};
  app::Actor actor{"tester", [] { return std::string("2026-11-24T12:00:00Z"); }};
  store::ReminderKey key;

  ClaimFixture() {
    std::istringstream csv("credential_number,program,issued_on,first_name,last_name,email\n"
                           "MO-CPS-000001,MO-CPS,2025-01-01,A,B,a@example.org\n");
    app::Credentials(db, programs, actor).import_credentials(csv, "c.csv", 2026_y / 11 / 24);
    key = {app::Credentials(db, programs, actor).credential("MO-CPS-000001").id, 0, 30};
  }

  int claims() const {
    return db.sqlite().execAndGet("SELECT count(*) FROM reminder_claims").getInt();
  }
};
} // namespace

TEST_CASE_METHOD(ClaimFixture, "a claimed reminder is sent by one run only") {
  store::ReminderRepository repo(db);
  CHECK(repo.claim(key, "run-a", 1000, 900) == store::Claim::taken);
  // Another run at the same time, and until the lease has passed, leaves it alone.
  CHECK(repo.claim(key, "run-b", 1000, 900) == store::Claim::held);
  CHECK(repo.claim(key, "run-b", 1899, 900) == store::Claim::held);
  // The same run may claim it again (it holds it).
  CHECK(repo.claim(key, "run-a", 1001, 900) == store::Claim::taken);
  repo.record({key, 30, 2026_y / 11 / 24, "<id@example.org>", "2026-11-24T12:00:00Z"});
  CHECK(claims() == 0);
  // Once recorded, every run finds it sent, whatever the lease.
  CHECK(repo.claim(key, "run-b", 1000, 900) == store::Claim::sent);
  CHECK(repo.claim(key, "run-c", 99999, 1) == store::Claim::sent);
  CHECK(repo.sent().size() == 1);
}

TEST_CASE_METHOD(ClaimFixture, "a crashed run's claim is taken over after the lease") {
  store::ReminderRepository repo(db);
  CHECK(repo.claim(key, "crashed", 1000, 2) == store::Claim::taken);
  CHECK(repo.claim(key, "next", 1001, 2) == store::Claim::held);
  CHECK(repo.claim(key, "next", 1002, 2) == store::Claim::taken);
  // The crashed run's release no longer touches the claim the next run holds.
  repo.release(key, "crashed");
  CHECK(claims() == 1);
  CHECK(repo.claim(key, "third", 1003, 2) == store::Claim::held);
}

TEST_CASE_METHOD(ClaimFixture, "a message the server refused is released at once") {
  store::ReminderRepository repo(db);
  CHECK(repo.claim(key, "run-a", 1000, 900) == store::Claim::taken);
  repo.release(key, "run-a");
  CHECK(claims() == 0);
  CHECK(repo.claim(key, "run-b", 1000, 900) == store::Claim::taken);
}

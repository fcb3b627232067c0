#include "TempDir.hpp"
#include "app/Applicants.hpp"
#include "store/ApplicantRepository.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

using namespace peercert;
using namespace date::literals;

TEST_CASE("two processes adding 1,000 applicants each at once both finish with all stored",
          "[db]") {
  test::TempDir dir;
  const auto file = dir / "shared.db";
  const rules::ProgramCatalog programs(PEERCERT_TEST_RULES_DIR);
  constexpr int per_process = 1000;

  std::vector<pid_t> children;
  for (int p = 0; p < 2; ++p) {
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      int status = 0;
      try {
        // Each process opens its own connection, as two staff members' peercert would.
        auto db = store::Database::open(file);
        app::Applicants applicants(db, programs, {"staff-" + std::to_string(p), app::utc_now});
        for (int i = 0; i < per_process; ++i) {
          app::ApplicantFields f;
          f.first_name = "P" + std::to_string(p);
          f.last_name = "N" + std::to_string(i);
          applicants.add(f, core::Date{2026_y / date::nov / 24});
        }
      } catch (...) {
        status = 1;
      }
      _exit(status);
    }
    children.push_back(pid);
  }
  for (auto pid : children) {
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  auto db = store::Database::open(file);
  CHECK(store::ApplicantRepository(db).count() == 2 * per_process);
}

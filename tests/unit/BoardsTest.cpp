#include "app/Boards.hpp"
#include "app/SecondFactor.hpp"
#include "app/Users.hpp"
#include "core/Error.hpp"

#include <catch2/catch.hpp>

using namespace peercert;

namespace {

app::Actor at_noon(const std::string& name, app::Scope scope = {}) {
  return {name, [] { return std::string("2026-12-06T12:00:00Z"); }, std::move(scope)};
}

const std::string password = "correct horse battery";

} // namespace

TEST_CASE("a scope sees every program, or only its own", "[boards]") {
  CHECK(app::Scope().everything());
  CHECK(app::Scope().sees("TX-MHPS"));
  const auto mo = app::Scope::only({"PA-CPS", "MO-CPS"});
  CHECK_FALSE(mo.everything());
  CHECK(mo.sees("MO-CPS"));
  CHECK(mo.sees("PA-CPS"));
  CHECK_FALSE(mo.sees("TX-MHPS"));
  CHECK_FALSE(app::Scope::only({}).sees("MO-CPS"));
  CHECK_THROWS_AS(app::require_in_scope(mo, "TX-MHPS"), core::InputError);
}

TEST_CASE("a program has one board, and users see their boards' programs", "[boards]") {
  const auto db = store::Database::open_in_memory();
  const rules::ProgramCatalog programs{PEERCERT_TEST_RULES_DIR};
  app::Boards boards(db, programs, at_noon("ops"));
  app::Users users(db, at_noon("ops"));
  const auto before = users.add("before", tracker::Role::staff, password);
  CHECK(before.all_boards);

  boards.add("MO", "Missouri", {"MO-CPS"});
  boards.add("TX", "Texas", {"TX-MHPS"});
  CHECK_THROWS_AS(boards.add("MO2", "Again", {"MO-CPS"}), core::InputError);
  CHECK_THROWS_AS(boards.add("XX", "Nowhere", {"XX-CPS"}), core::InputError);
  CHECK_THROWS_AS(boards.add("M O", "Spaced", {}), core::InputError);
  CHECK_THROWS_AS(boards.board("ZZ"), core::InputError);
  CHECK(boards.list().size() == 2);

  // Once boards exist a user needs some, or all.
  CHECK_THROWS_AS(users.add("dana", tracker::Role::staff, password), core::InputError);
  CHECK_THROWS_AS(users.add("dana", tracker::Role::staff, password, {false, {"NOPE"}}),
                  core::InputError);
  const auto dana = users.add("dana", tracker::Role::admin, password, {false, {"MO"}});
  users.add("tex", tracker::Role::staff, password, {false, {"TX"}});
  CHECK(dana.boards == std::vector<std::string>{"MO"});
  CHECK(boards.scope_of(before).everything());
  CHECK(boards.scope_of_user("dana").sees("MO-CPS"));
  CHECK_FALSE(boards.scope_of_user("dana").sees("TX-MHPS"));
  CHECK_FALSE(boards.scope_of_user("nobody").sees("MO-CPS"));

  // An admin of MO manages MO's users only, and adds users to MO only.
  const auto scope = boards.scope_of_user("dana");
  app::Users as_dana(db, at_noon("dana", scope));
  std::vector<std::string> seen;
  for (const auto& u : as_dana.list()) {
    seen.push_back(u.name);
  }
  CHECK(seen == std::vector<std::string>{"dana"});
  CHECK_THROWS_AS(as_dana.disable("tex"), core::InputError);
  CHECK_THROWS_AS(as_dana.set_password("before", "another long password"), core::InputError);
  CHECK_THROWS_AS(app::SecondFactor(db, at_noon("dana", scope)).reset("tex"), core::InputError);
  CHECK_THROWS_AS(as_dana.add("eve", tracker::Role::staff, password, {true, {}}), core::InputError);
  CHECK_THROWS_AS(as_dana.add("eve", tracker::Role::staff, password, {false, {"TX"}}),
                  core::InputError);
  CHECK(as_dana.add("eve", tracker::Role::staff, password, {false, {"MO"}}).boards ==
        std::vector<std::string>{"MO"});
}

#include "app/Boards.hpp"

#include "app/Audit.hpp"
#include "core/Error.hpp"
#include "report/CheckReport.hpp"
#include "store/BoardRepository.hpp"
#include "store/UserRepository.hpp"

#include <algorithm>
#include <cctype>

namespace peercert::app {

namespace {

std::string checked_id(const std::string& id) {
  const bool ok = !id.empty() && id.size() <= 32 && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-';
  });
  if (!ok) {
    throw core::InputError::about("id", "must be 1 to 32 letters, digits or hyphens.");
  }
  return id;
}

std::string board_json(const tracker::Board& b) {
  report::Json j;
  j["id"] = b.id;
  j["name"] = b.name;
  j["programs"] = b.programs;
  return j.dump();
}

} // namespace

Boards::Boards(const store::Database& db, const rules::ProgramCatalog& programs, Actor actor)
    : db_(db), programs_(programs), actor_(std::move(actor)) {}

tracker::Board Boards::add(const std::string& id, const std::string& name,
                           const std::vector<std::string>& programs) {
  tracker::Board b;
  b.id = checked_id(id);
  b.name = name;
  if (b.name.find_first_not_of(' ') == std::string::npos || b.name.size() > 200) {
    throw core::InputError::about("name", "must be 1 to 200 characters, not only spaces.");
  }
  for (const auto& p : programs) {
    if (!programs_.has(p)) {
      throw core::InputError::about("programs", "names " + p +
                                                    ", which is not a program of the rules "
                                                    "directory.");
    }
  }
  b.programs = programs;
  std::sort(b.programs.begin(), b.programs.end());
  if (std::adjacent_find(b.programs.begin(), b.programs.end()) != b.programs.end()) {
    throw core::InputError::about("programs", "names a program twice.");
  }
  b.created_at = actor_.now();
  return store::in_transaction(db_, [&] {
    store::BoardRepository boards(db_);
    if (boards.find(b.id)) {
      throw core::InputError("There is already a board " + b.id + ".");
    }
    for (const auto& p : b.programs) {
      if (const auto other = boards.board_of(p)) {
        throw core::InputError::about("programs", "names " + p + ", which belongs to the board " +
                                                      *other + ": a program has one board.");
      }
    }
    boards.insert(b);
    Audit(db_, actor_).record("board.add", "board", b.id, "", board_json(b));
    return b;
  });
}

std::vector<tracker::Board> Boards::list() const { return store::BoardRepository(db_).list(); }

tracker::Board Boards::board(const std::string& id, const std::string& field) const {
  if (auto b = store::BoardRepository(db_).find(id)) {
    return *b;
  }
  const auto all = list();
  std::string known;
  for (const auto& b : all) {
    known += (known.empty() ? "" : ", ") + b.id;
  }
  throw core::InputError::about(
      field, "names no board " + id + " (" +
                 (known.empty() ? "there is none yet" : "boards: " + known) + ").");
}

std::vector<std::string> Boards::users_of(const std::string& id) const {
  return store::BoardRepository(db_).users_of(board(id).id);
}

bool Boards::any() const { return store::BoardRepository(db_).any(); }

Scope Boards::scope_of(const tracker::User& user) const {
  if (user.all_boards) {
    return {};
  }
  const store::BoardRepository boards(db_);
  return Scope::only(boards.programs_of(boards.boards_of_user(user.id)));
}

Scope Boards::scope_of_user(const std::string& name) const {
  const auto u = store::UserRepository(db_).find(name);
  return u ? scope_of(*u) : Scope::only({});
}

Scope Boards::scope_of_board(const std::string& id, const std::string& field) const {
  return Scope::only(board(id, field).programs);
}

void require_in_scope(const Scope& scope, const std::string& program, const std::string& field) {
  if (!scope.sees(program)) {
    throw core::InputError::about(field, "is " + program + ", not a program of your boards.");
  }
}

} // namespace peercert::app

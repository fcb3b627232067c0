#pragma once

#include "app/Actor.hpp"
#include "rules/ProgramCatalog.hpp"
#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <string>
#include <vector>

namespace peercert::app {

/// Boards sharing one installation (DESIGN.md, "Boards"): each certifies for some programs and
/// has its own staff, who see and change only its programs' records. Without any board
/// everyone sees everything, as before boards.
class Boards {
public:
  Boards(const store::Database& db, const rules::ProgramCatalog& programs, Actor actor);

  /// Adds a board. The id is 1 to 32 letters, digits and hyphens; every program must be one
  /// of the rules directory's and belong to no other board.
  tracker::Board add(const std::string& id, const std::string& name,
                     const std::vector<std::string>& programs);
  /// Every board, by id.
  std::vector<tracker::Board> list() const;
  /// The board `id`; an unknown one is an input error about `field`.
  tracker::Board board(const std::string& id, const std::string& field = "board") const;
  /// The staff users of the board `id`, by name.
  std::vector<std::string> users_of(const std::string& id) const;
  bool any() const;

  /// What `user` may see: every program for an all-boards user, else their boards' programs.
  Scope scope_of(const tracker::User& user) const;
  /// What the staff user `name` may see (nothing, should there be no such user).
  Scope scope_of_user(const std::string& name) const;
  /// What an operator passing `--board id` may see: that board's programs; an unknown board
  /// is an input error about `field`.
  Scope scope_of_board(const std::string& id, const std::string& field = "board") const;

private:
  const store::Database& db_;
  const rules::ProgramCatalog& programs_;
  Actor actor_;
};

/// Refuses, as bad input about `field`, a program `scope` does not see: another board's.
void require_in_scope(const Scope& scope, const std::string& program,
                      const std::string& field = "program");

} // namespace peercert::app

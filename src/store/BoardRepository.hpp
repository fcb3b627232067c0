#pragma once

#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <optional>
#include <string>
#include <vector>

namespace peercert::store {

/// Boards, the programs each certifies for, and the boards of each staff user (schema 23).
class BoardRepository {
public:
  explicit BoardRepository(const Database& db) : db_(db) {}

  void insert(const tracker::Board& b);
  std::optional<tracker::Board> find(const std::string& id) const;
  /// Every board, by id.
  std::vector<tracker::Board> list() const;
  bool any() const;
  /// The board `program` belongs to, if any.
  std::optional<std::string> board_of(const std::string& program) const;
  /// The programs of `boards`, sorted.
  std::vector<std::string> programs_of(const std::vector<std::string>& boards) const;

  /// The boards of a user, sorted.
  std::vector<std::string> boards_of_user(std::int64_t user_id) const;
  void add_user_board(std::int64_t user_id, const std::string& board);
  /// The names of the users of `board`, by name.
  std::vector<std::string> users_of(const std::string& board) const;

private:
  const Database& db_;
};

} // namespace peercert::store

#include "store/BoardRepository.hpp"

#include "store/detail/Sql.hpp"

namespace peercert::store {

void BoardRepository::insert(const tracker::Board& b) {
  detail::Statement st(db_, "INSERT INTO boards (id, name, created_at) VALUES (?1, ?2, ?3)");
  st.bind(1, b.id);
  st.bind(2, b.name);
  st.bind(3, b.created_at);
  st.exec();
  detail::Statement program(db_, "INSERT INTO board_programs (program, board_id) VALUES (?1, ?2)");
  for (const auto& p : b.programs) {
    program.bind(1, p);
    program.bind(2, b.id);
    program.exec();
    program.reset();
  }
}

std::optional<tracker::Board> BoardRepository::find(const std::string& id) const {
  detail::Statement st(db_, "SELECT id, name, created_at FROM boards WHERE id = ?1");
  st.bind(1, id);
  if (!st.step()) {
    return std::nullopt;
  }
  tracker::Board b{
      st.column(0).as_string(), st.column(1).as_string(), {}, st.column(2).as_string()};
  b.programs = programs_of({b.id});
  return b;
}

std::vector<tracker::Board> BoardRepository::list() const {
  std::vector<std::string> ids;
  detail::Statement st(db_, "SELECT id FROM boards ORDER BY id");
  while (st.step()) {
    ids.push_back(st.column(0).as_string());
  }
  std::vector<tracker::Board> out;
  for (const auto& id : ids) {
    out.push_back(*find(id));
  }
  return out;
}

bool BoardRepository::any() const {
  return detail::scalar_int(db_, "SELECT count(*) FROM boards") > 0;
}

std::optional<std::string> BoardRepository::board_of(const std::string& program) const {
  detail::Statement st(db_, "SELECT board_id FROM board_programs WHERE program = ?1");
  st.bind(1, program);
  if (!st.step()) {
    return std::nullopt;
  }
  return st.column(0).as_string();
}

std::vector<std::string>
BoardRepository::programs_of(const std::vector<std::string>& boards) const {
  std::vector<std::string> out;
  detail::Statement st(db_, "SELECT program FROM board_programs WHERE board_id = ?1");
  for (const auto& b : boards) {
    st.bind(1, b);
    while (st.step()) {
      out.push_back(st.column(0).as_string());
    }
    st.reset();
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> BoardRepository::boards_of_user(std::int64_t user_id) const {
  detail::Statement st(db_,
                       "SELECT board_id FROM user_boards WHERE user_id = ?1 ORDER BY board_id");
  st.bind(1, user_id);
  std::vector<std::string> out;
  while (st.step()) {
    out.push_back(st.column(0).as_string());
  }
  return out;
}

void BoardRepository::add_user_board(std::int64_t user_id, const std::string& board) {
  detail::Statement st(db_, "INSERT INTO user_boards (user_id, board_id) VALUES (?1, ?2)");
  st.bind(1, user_id);
  st.bind(2, board);
  st.exec();
}

std::vector<std::string> BoardRepository::users_of(const std::string& board) const {
  detail::Statement st(db_, "SELECT u.name FROM user_boards b JOIN users u ON u.id = b.user_id "
                            "WHERE b.board_id = ?1 ORDER BY u.name");
  st.bind(1, board);
  std::vector<std::string> out;
  while (st.step()) {
    out.push_back(st.column(0).as_string());
  }
  return out;
}

} // namespace peercert::store

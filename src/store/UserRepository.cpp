#include "store/UserRepository.hpp"

#include "store/detail/Sql.hpp"

namespace peercert::store {

namespace {
constexpr const char* select_columns =
    "SELECT id, name, role, password_hash, created_at, updated_at, disabled_at, session_version, "
    "all_boards FROM users";

tracker::User read(detail::Statement& st) {
  tracker::User u;
  u.id = st.column(0).as_int64();
  u.name = st.column(1).as_string();
  u.role = tracker::role_from_name(st.column(2).as_string()).value_or(tracker::Role::staff);
  u.password_hash = st.column(3).as_string();
  u.created_at = detail::text(st.column(4));
  u.updated_at = detail::text(st.column(5));
  u.disabled_at = detail::text(st.column(6));
  u.session_version = st.column(7).as_int64();
  u.all_boards = st.column(8).as_int64() != 0;
  return u;
}
} // namespace

std::int64_t UserRepository::insert(const tracker::User& u) {
  detail::Statement st(db_, "INSERT INTO users (name, role, password_hash, created_at, "
                            "updated_at, all_boards) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                            "RETURNING id");
  st.bind(1, u.name);
  st.bind(2, std::string(tracker::to_string(u.role)));
  st.bind(3, u.password_hash);
  st.bind(4, u.created_at);
  st.bind(5, u.updated_at);
  st.bind(6, std::int64_t{u.all_boards ? 1 : 0});
  return st.insert_id();
}

void UserRepository::update(const tracker::User& u) {
  detail::Statement st(db_, "UPDATE users SET role = ?1, password_hash = ?2, "
                            "updated_at = ?3, disabled_at = ?5, session_version = ?6 "
                            "WHERE id = ?4");
  st.bind(1, std::string(tracker::to_string(u.role)));
  st.bind(2, u.password_hash);
  st.bind(3, u.updated_at);
  st.bind(4, u.id);
  detail::bind_text(st, 5, u.disabled_at);
  st.bind(6, u.session_version);
  st.exec();
}

std::optional<tracker::User> UserRepository::find(const std::string& name) const {
  detail::Statement st(db_, std::string(select_columns) + " WHERE name = ?1");
  st.bind(1, name);
  if (!st.step()) {
    return std::nullopt;
  }
  return read(st);
}

std::vector<tracker::User> UserRepository::list() const {
  detail::Statement st(db_, std::string(select_columns) + " ORDER BY name");
  std::vector<tracker::User> out;
  while (st.step()) {
    out.push_back(read(st));
  }
  return out;
}

} // namespace peercert::store

#include "store/SecondFactorRepository.hpp"

#include "store/detail/Sql.hpp"

namespace peercert::store {

std::optional<SecondFactorRow> SecondFactorRepository::find(std::int64_t user_id) const {
  detail::Statement st(db_, "SELECT secret, pending_secret, last_step, enrolled_at "
                            "FROM second_factors WHERE user_id = ?1");
  st.bind(1, user_id);
  if (!st.step()) {
    return std::nullopt;
  }
  return SecondFactorRow{user_id, detail::text(st.column(0)), detail::text(st.column(1)),
                         st.column(2).as_int64(), detail::text(st.column(3))};
}

void SecondFactorRepository::save(const SecondFactorRow& row) {
  detail::Statement st(db_,
                       "INSERT INTO second_factors (user_id, secret, pending_secret, last_step, "
                       "enrolled_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (user_id) DO UPDATE "
                       "SET secret = excluded.secret, pending_secret = excluded.pending_secret, "
                       "last_step = excluded.last_step, enrolled_at = excluded.enrolled_at");
  st.bind(1, row.user_id);
  detail::bind_text(st, 2, row.secret);
  detail::bind_text(st, 3, row.pending_secret);
  st.bind(4, row.last_step);
  detail::bind_text(st, 5, row.enrolled_at);
  st.exec();
}

bool SecondFactorRepository::take_step(std::int64_t user_id, std::int64_t step) {
  detail::Statement st(db_, "UPDATE second_factors SET last_step = ?2 "
                            "WHERE user_id = ?1 AND last_step < ?2");
  st.bind(1, user_id);
  st.bind(2, step);
  return st.exec() == 1;
}

void SecondFactorRepository::clear(std::int64_t user_id) {
  for (const char* sql : {"DELETE FROM recovery_codes WHERE user_id = ?1",
                          "DELETE FROM second_factors WHERE user_id = ?1"}) {
    detail::Statement st(db_, sql);
    st.bind(1, user_id);
    st.exec();
  }
}

void SecondFactorRepository::replace_codes(std::int64_t user_id,
                                           const std::vector<std::string>& hashes) {
  detail::Statement drop(db_, "DELETE FROM recovery_codes WHERE user_id = ?1");
  drop.bind(1, user_id);
  drop.exec();
  detail::Statement add(db_, "INSERT INTO recovery_codes (user_id, code_hash) VALUES (?1, ?2)");
  for (const auto& hash : hashes) {
    add.bind(1, user_id);
    add.bind(2, hash);
    add.exec();
    add.reset();
  }
}

bool SecondFactorRepository::use_code(std::int64_t user_id, const std::string& hash,
                                      const std::string& at) {
  detail::Statement st(db_, "UPDATE recovery_codes SET used_at = ?3 WHERE id = "
                            "(SELECT id FROM recovery_codes WHERE user_id = ?1 AND "
                            "code_hash = ?2 AND used_at IS NULL LIMIT 1)");
  st.bind(1, user_id);
  st.bind(2, hash);
  st.bind(3, at);
  return st.exec() == 1;
}

std::size_t SecondFactorRepository::unused_codes(std::int64_t user_id) const {
  detail::Statement st(db_, "SELECT count(*) FROM recovery_codes "
                            "WHERE user_id = ?1 AND used_at IS NULL");
  st.bind(1, user_id);
  st.step();
  return static_cast<std::size_t>(st.column(0).as_int64());
}

} // namespace peercert::store

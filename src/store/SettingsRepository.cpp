#include "store/SettingsRepository.hpp"

#include "store/detail/Statement.hpp"

namespace peercert::store {

tracker::BoardSettings SettingsRepository::load() const {
  detail::Statement st(db_, "SELECT key, value FROM board_settings");
  tracker::BoardSettings out;
  while (st.step()) {
    if (auto* value = out.find(st.column(0).as_string())) {
      *value = st.column(1).as_string();
    }
  }
  return out;
}

void SettingsRepository::store(const std::string& key, const std::string& value,
                               const std::string& updated_at) {
  if (value.empty()) {
    detail::Statement st(db_, "DELETE FROM board_settings WHERE key = ?1");
    st.bind(1, key);
    st.exec();
    return;
  }
  detail::Statement st(db_,
                       "INSERT INTO board_settings (key, value, updated_at) VALUES (?1, ?2, ?3) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                       "updated_at = excluded.updated_at");
  st.bind(1, key);
  st.bind(2, value);
  st.bind(3, updated_at);
  st.exec();
}

} // namespace peercert::store

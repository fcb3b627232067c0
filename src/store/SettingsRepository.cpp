#include "store/SettingsRepository.hpp"

#include <SQLiteCpp/Database.h>

namespace peercert::store {

tracker::BoardSettings SettingsRepository::load() const {
  SQLite::Statement st(db_.sqlite(), "SELECT key, value FROM board_settings");
  tracker::BoardSettings out;
  while (st.executeStep()) {
    if (auto* value = out.find(st.getColumn(0).getString())) {
      *value = st.getColumn(1).getString();
    }
  }
  return out;
}

void SettingsRepository::store(const std::string& key, const std::string& value,
                               const std::string& updated_at) {
  if (value.empty()) {
    SQLite::Statement st(db_.sqlite(), "DELETE FROM board_settings WHERE key = ?1");
    st.bind(1, key);
    st.exec();
    return;
  }
  SQLite::Statement st(db_.sqlite(),
                       "INSERT INTO board_settings (key, value, updated_at) VALUES (?1, ?2, ?3) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                       "updated_at = excluded.updated_at");
  st.bind(1, key);
  st.bind(2, value);
  st.bind(3, updated_at);
  st.exec();
}

} // namespace peercert::store

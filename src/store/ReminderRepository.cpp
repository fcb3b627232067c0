#include "store/ReminderRepository.hpp"

#include "store/detail/Sql.hpp"

#include <SQLiteCpp/Database.h>

namespace peercert::store {

std::set<std::tuple<std::int64_t, int, int>> ReminderRepository::sent() const {
  SQLite::Statement st(db_.sqlite(), "SELECT credential_id, period, threshold FROM reminders_sent");
  std::set<std::tuple<std::int64_t, int, int>> out;
  while (st.executeStep()) {
    out.emplace(st.getColumn(0).getInt64(), st.getColumn(1).getInt(), st.getColumn(2).getInt());
  }
  return out;
}

void ReminderRepository::record(const SentReminder& r) {
  SQLite::Statement st(db_.sqlite(),
                       "INSERT INTO reminders_sent (credential_id, period, threshold, "
                       "days_before, sent_on, message_id, created_at) VALUES (?1, ?2, ?3, ?4, "
                       "?5, ?6, ?7) ON CONFLICT DO NOTHING");
  st.bind(1, r.credential.value);
  st.bind(2, r.period);
  st.bind(3, r.threshold);
  st.bind(4, r.days_before);
  st.bind(5, core::format_iso(r.sent_on));
  st.bind(6, r.message_id);
  st.bind(7, r.created_at);
  st.exec();
}

} // namespace peercert::store

#include "store/ReminderRepository.hpp"

#include "store/detail/Sql.hpp"

#include <SQLiteCpp/Database.h>

namespace peercert::store {

namespace {
void bind_key(SQLite::Statement& st, const ReminderKey& key) {
  st.bind(1, key.credential.value);
  st.bind(2, key.period);
  st.bind(3, key.threshold);
}
} // namespace

std::set<std::tuple<std::int64_t, int, int>> ReminderRepository::sent() const {
  SQLite::Statement st(db_.sqlite(), "SELECT credential_id, period, threshold FROM reminders_sent");
  std::set<std::tuple<std::int64_t, int, int>> out;
  while (st.executeStep()) {
    out.emplace(st.getColumn(0).getInt64(), st.getColumn(1).getInt(), st.getColumn(2).getInt());
  }
  return out;
}

Claim ReminderRepository::claim(const ReminderKey& key, const std::string& run,
                                std::int64_t now_seconds, std::int64_t lease_seconds) {
  return in_transaction(db_, [&] {
    SQLite::Statement sent(db_.sqlite(), "SELECT 1 FROM reminders_sent WHERE credential_id = ?1 "
                                         "AND period = ?2 AND threshold = ?3");
    bind_key(sent, key);
    if (sent.executeStep()) {
      return Claim::sent;
    }
    // A claim of another run is taken over only once it is older than the lease.
    SQLite::Statement st(db_.sqlite(),
                         "INSERT INTO reminder_claims (credential_id, period, threshold, run, "
                         "claimed_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (credential_id, "
                         "period, threshold) DO UPDATE SET run = excluded.run, claimed_at = "
                         "excluded.claimed_at WHERE reminder_claims.run = excluded.run OR "
                         "reminder_claims.claimed_at <= excluded.claimed_at - ?6");
    bind_key(st, key);
    st.bind(4, run);
    st.bind(5, now_seconds);
    st.bind(6, lease_seconds);
    st.exec();
    return db_.sqlite().getChanges() == 1 ? Claim::taken : Claim::held;
  });
}

void ReminderRepository::release(const ReminderKey& key, const std::string& run) {
  SQLite::Statement st(db_.sqlite(), "DELETE FROM reminder_claims WHERE credential_id = ?1 AND "
                                     "period = ?2 AND threshold = ?3 AND run = ?4");
  bind_key(st, key);
  st.bind(4, run);
  st.exec();
}

void ReminderRepository::record(const SentReminder& r) {
  in_transaction(db_, [&] {
    SQLite::Statement st(db_.sqlite(),
                         "INSERT INTO reminders_sent (credential_id, period, threshold, "
                         "days_before, sent_on, message_id, created_at) VALUES (?1, ?2, ?3, ?4, "
                         "?5, ?6, ?7) ON CONFLICT DO NOTHING");
    bind_key(st, r.key);
    st.bind(4, r.days_before);
    st.bind(5, core::format_iso(r.sent_on));
    st.bind(6, r.message_id);
    st.bind(7, r.created_at);
    st.exec();
    SQLite::Statement done(db_.sqlite(), "DELETE FROM reminder_claims WHERE credential_id = ?1 "
                                         "AND period = ?2 AND threshold = ?3");
    bind_key(done, r.key);
    done.exec();
  });
}

} // namespace peercert::store

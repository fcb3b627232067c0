#include "store/ReminderRepository.hpp"

#include "store/detail/Sql.hpp"

namespace peercert::store {

namespace {
void bind_key(detail::Statement& st, const ReminderKey& key) {
  st.bind(1, key.credential.value);
  st.bind(2, key.period);
  st.bind(3, key.threshold);
}
} // namespace

std::set<std::tuple<std::int64_t, int, int>> ReminderRepository::sent() const {
  detail::Statement st(db_, "SELECT credential_id, period, threshold FROM reminders_sent");
  std::set<std::tuple<std::int64_t, int, int>> out;
  while (st.step()) {
    out.emplace(st.column(0).as_int64(), st.column(1).as_int(), st.column(2).as_int());
  }
  return out;
}

Claim ReminderRepository::claim(const ReminderKey& key, const std::string& run,
                                std::int64_t now_seconds, std::int64_t lease_seconds) {
  return in_transaction(db_, [&] {
    detail::Statement sent(db_, "SELECT 1 FROM reminders_sent WHERE credential_id = ?1 "
                                "AND period = ?2 AND threshold = ?3");
    bind_key(sent, key);
    if (sent.step()) {
      return Claim::sent;
    }
    // A claim of another run is taken over only once it is older than the lease.
    detail::Statement st(db_, "INSERT INTO reminder_claims (credential_id, period, threshold, run, "
                              "claimed_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (credential_id, "
                              "period, threshold) DO UPDATE SET run = excluded.run, claimed_at = "
                              "excluded.claimed_at WHERE reminder_claims.run = excluded.run OR "
                              "reminder_claims.claimed_at <= excluded.claimed_at - ?6");
    bind_key(st, key);
    st.bind(4, run);
    st.bind(5, now_seconds);
    st.bind(6, lease_seconds);
    return st.exec() == 1 ? Claim::taken : Claim::held;
  });
}

void ReminderRepository::release(const ReminderKey& key, const std::string& run) {
  detail::Statement st(db_, "DELETE FROM reminder_claims WHERE credential_id = ?1 AND "
                            "period = ?2 AND threshold = ?3 AND run = ?4");
  bind_key(st, key);
  st.bind(4, run);
  st.exec();
}

void ReminderRepository::record(const SentReminder& r) {
  in_transaction(db_, [&] {
    detail::Statement st(db_,
                         "INSERT INTO reminders_sent (credential_id, period, threshold, "
                         "days_before, sent_on, message_id, created_at) VALUES (?1, ?2, ?3, ?4, "
                         "?5, ?6, ?7) ON CONFLICT DO NOTHING");
    bind_key(st, r.key);
    st.bind(4, r.days_before);
    st.bind(5, core::format_iso(r.sent_on));
    st.bind(6, r.message_id);
    st.bind(7, r.created_at);
    st.exec();
    detail::Statement done(db_, "DELETE FROM reminder_claims WHERE credential_id = ?1 "
                                "AND period = ?2 AND threshold = ?3");
    bind_key(done, r.key);
    done.exec();
  });
}

} // namespace peercert::store

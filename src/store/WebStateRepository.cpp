#include "store/WebStateRepository.hpp"

#include "store/detail/Statement.hpp"

namespace peercert::store {

void WebStateRepository::put_session(const std::string& token_hash, const StoredSession& s) {
  detail::Statement st(db_, "INSERT INTO web_sessions (token_hash, user_name, role, csrf, "
                            "user_version, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  st.bind(1, token_hash);
  st.bind(2, s.user);
  st.bind(3, s.role);
  st.bind(4, s.csrf);
  st.bind(5, s.user_version);
  st.bind(6, s.expires_at);
  st.exec();
}

std::optional<StoredSession> WebStateRepository::session(const std::string& token_hash) const {
  detail::Statement st(db_, "SELECT user_name, role, csrf, user_version, expires_at FROM "
                            "web_sessions WHERE token_hash = ?1");
  st.bind(1, token_hash);
  if (!st.step()) {
    return std::nullopt;
  }
  return StoredSession{st.column(0).as_string(), st.column(1).as_string(), st.column(2).as_string(),
                       st.column(3).as_int64(), st.column(4).as_int64()};
}

void WebStateRepository::remove_session(const std::string& token_hash) {
  detail::Statement st(db_, "DELETE FROM web_sessions WHERE token_hash = ?1");
  st.bind(1, token_hash);
  st.exec();
}

void WebStateRepository::put_pending(const std::string& token_hash, const StoredPendingLogin& p) {
  detail::Statement st(db_, "INSERT INTO web_pending_logins (token_hash, user_name, role, "
                            "user_version, next, must_enrol, expires_at) VALUES (?1, ?2, ?3, ?4, "
                            "?5, ?6, ?7)");
  st.bind(1, token_hash);
  st.bind(2, p.user);
  st.bind(3, p.role);
  st.bind(4, p.user_version);
  st.bind(5, p.next);
  st.bind(6, p.must_enrol ? 1 : 0);
  st.bind(7, p.expires_at);
  st.exec();
}

std::optional<StoredPendingLogin> WebStateRepository::pending(const std::string& token_hash) const {
  detail::Statement st(db_, "SELECT user_name, role, user_version, next, must_enrol, "
                            "expires_at FROM web_pending_logins WHERE token_hash = ?1");
  st.bind(1, token_hash);
  if (!st.step()) {
    return std::nullopt;
  }
  return StoredPendingLogin{st.column(0).as_string(),     st.column(1).as_string(),
                            st.column(2).as_int64(),      st.column(3).as_string(),
                            st.column(4).as_int64() != 0, st.column(5).as_int64()};
}

void WebStateRepository::remove_pending(const std::string& token_hash) {
  detail::Statement st(db_, "DELETE FROM web_pending_logins WHERE token_hash = ?1");
  st.bind(1, token_hash);
  st.exec();
}

std::int64_t WebStateRepository::remove_expired(std::int64_t unix_seconds) {
  detail::Statement sessions(db_, "DELETE FROM web_sessions WHERE expires_at <= ?1");
  sessions.bind(1, unix_seconds);
  detail::Statement pending(db_, "DELETE FROM web_pending_logins WHERE expires_at <= ?1");
  pending.bind(1, unix_seconds);
  return sessions.exec() + pending.exec();
}

std::optional<StoredCounter> WebStateRepository::counter(const std::string& kind,
                                                         const std::string& key_hash) const {
  detail::Statement st(db_, "SELECT used, since FROM web_counters WHERE kind = ?1 AND "
                            "key_hash = ?2");
  st.bind(1, kind);
  st.bind(2, key_hash);
  if (!st.step()) {
    return std::nullopt;
  }
  return StoredCounter{st.column(0).as_int64(), st.column(1).as_int64()};
}

void WebStateRepository::put_counter(const std::string& kind, const std::string& key_hash,
                                     const StoredCounter& c) {
  detail::Statement st(db_, "INSERT INTO web_counters (kind, key_hash, used, since) VALUES (?1, "
                            "?2, ?3, ?4) ON CONFLICT (kind, key_hash) DO UPDATE SET used = "
                            "excluded.used, since = excluded.since");
  st.bind(1, kind);
  st.bind(2, key_hash);
  st.bind(3, c.used);
  st.bind(4, c.since);
  st.exec();
}

void WebStateRepository::remove_counter(const std::string& kind, const std::string& key_hash) {
  detail::Statement st(db_, "DELETE FROM web_counters WHERE kind = ?1 AND key_hash = ?2");
  st.bind(1, kind);
  st.bind(2, key_hash);
  st.exec();
}

void WebStateRepository::remove_counters_before(const std::string& kind, std::int64_t unix_ms) {
  detail::Statement st(db_, "DELETE FROM web_counters WHERE kind = ?1 AND since < ?2");
  st.bind(1, kind);
  st.bind(2, unix_ms);
  st.exec();
}

} // namespace peercert::store

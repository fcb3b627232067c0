#pragma once

#include "store/Database.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace peercert::store {

/// A staff session as kept: the cookie's token itself is never stored, only its hash.
struct StoredSession {
  std::string user;
  std::string role;
  std::string csrf;
  std::int64_t user_version = 0;
  std::int64_t expires_at = 0; ///< Unix seconds
};

/// A login past its password, waiting for the second factor.
struct StoredPendingLogin {
  std::string user;
  std::string role;
  std::int64_t user_version = 0;
  std::string next;
  bool must_enrol = false;
  std::int64_t expires_at = 0; ///< Unix seconds
};

/// A throttle's or rate limit's count for one key.
struct StoredCounter {
  std::int64_t used = 0;
  std::int64_t since = 0; ///< Unix milliseconds
};

/// What the web server keeps between requests (db/migrations/0022_web_state.sql), by the
/// SHA-256 of each token or key.
class WebStateRepository {
public:
  explicit WebStateRepository(const Database& db) : db_(db) {}

  void put_session(const std::string& token_hash, const StoredSession& s);
  std::optional<StoredSession> session(const std::string& token_hash) const;
  void remove_session(const std::string& token_hash);

  void put_pending(const std::string& token_hash, const StoredPendingLogin& p);
  std::optional<StoredPendingLogin> pending(const std::string& token_hash) const;
  void remove_pending(const std::string& token_hash);

  /// Sessions and pending logins that expired before `unix_seconds`, gone; how many.
  std::int64_t remove_expired(std::int64_t unix_seconds);

  std::optional<StoredCounter> counter(const std::string& kind, const std::string& key_hash) const;
  void put_counter(const std::string& kind, const std::string& key_hash, const StoredCounter& c);
  void remove_counter(const std::string& kind, const std::string& key_hash);
  /// Counters of `kind` whose `since` is before `unix_ms`, gone.
  void remove_counters_before(const std::string& kind, std::int64_t unix_ms);

private:
  const Database& db_;
};

} // namespace peercert::store

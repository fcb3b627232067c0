#pragma once

// What the web server remembers between requests, kept in the database so that several
// peercert-serve processes on one database act as one and a restart logs no one out: staff
// sessions, logins waiting for their second factor, the login throttles and the verification
// rate limits. Tokens and counted keys are stored only as their SHA-256.

#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace peercert::app {

/// A logged-in staff member.
struct WebSession {
  std::string user;
  tracker::Role role = tracker::Role::staff;
  std::string csrf;              ///< every form of the session carries it
  std::int64_t user_version = 0; ///< the user's session_version at login
  std::int64_t expires_at = 0;   ///< Unix seconds
};

/// A login whose password held, waiting for the second factor.
struct PendingLogin {
  tracker::User user;      ///< name, role and session_version at the password
  std::string next;        ///< the page asked for
  bool must_enrol = false; ///< the user has no second factor yet and one is required
};

/// The counters a throttle or rate limit keeps, by what they count.
enum class Counter : std::uint8_t {
  login_name,       ///< tries at one name from one address
  login_address,    ///< tries at any name from one address
  verification,     ///< lookups from one address, per minute
  verification_day, ///< lookups from everyone, per UTC day
};

class WebState {
public:
  explicit WebState(const store::Database& db) : db_(db) {}

  /// Starts a session of `user` until `now` + `lifetime`, clearing expired ones; returns its
  /// cookie token.
  std::string start_session(const tracker::User& user, std::chrono::seconds lifetime,
                            std::int64_t now);
  /// The session of a cookie token, unless there is none or it has expired by `now`.
  std::optional<WebSession> session(const std::string& token, std::int64_t now) const;
  void end_session(const std::string& token);

  /// Holds a login past its password for `lifetime`; returns its cookie token.
  std::string start_pending(const PendingLogin& p, std::chrono::seconds lifetime, std::int64_t now);
  std::optional<PendingLogin> pending(const std::string& token, std::int64_t now) const;
  void end_pending(const std::string& token);

  /// Slows down password guessing. A try is counted before its password is checked, so tries
  /// sent all at once (to any process) are counted as they arrive: after `free_tries` for a
  /// key, each further try must wait, twice as long after every one, up to five minutes. With
  /// `restart`, a try made while waiting is not counted but starts the wait again. Returns 0
  /// when the try may go ahead (it is then counted); else the seconds to wait.
  long long reserve_try(Counter kind, const std::string& key, int free_tries, std::int64_t now_ms,
                        bool restart = false);
  /// A success clears the key's tries.
  void clear_tries(Counter kind, const std::string& key);

  /// At most `limit` lookups for `key` in a window of `window_ms` from its first (or, with
  /// `window_start_ms`, from that fixed time: a UTC day). Counts `cost` and returns 0 when the
  /// request may go ahead; else the seconds until it may.
  long long take_lookups(Counter kind, const std::string& key, std::int64_t limit,
                         std::int64_t cost, std::int64_t window_ms, std::int64_t now_ms,
                         std::optional<std::int64_t> window_start_ms = std::nullopt);

private:
  const store::Database& db_;
};

} // namespace peercert::app

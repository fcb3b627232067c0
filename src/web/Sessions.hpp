#pragma once

#include "tracker/Records.hpp"

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace peercert::web {

/// A random token of 32 bytes from libsodium, as 64 hex digits.
std::string random_token();
/// Compares two secrets in constant time.
bool same_secret(const std::string& a, const std::string& b);

/// The time now as Unix seconds, for the 30-second steps of second-factor codes.
std::int64_t unix_seconds_now();

/// A logged-in staff member.
struct Session {
  std::string user;
  tracker::Role role = tracker::Role::staff;
  std::string csrf;              ///< every form of the session carries it
  std::int64_t user_version = 0; ///< the user's session_version at login
  std::chrono::steady_clock::time_point expires;
  /// Not kept with the session but set for each request: the server's integrity check found
  /// the database damaged, so every page says so and no form is taken.
  bool database_damaged = false;
};

/// Sessions kept in memory: a restart logs everyone out. Safe to use from many threads.
class SessionStore {
public:
  explicit SessionStore(std::chrono::seconds lifetime) : lifetime_(lifetime) {}

  /// Starts a session; returns its cookie token.
  std::string start(const tracker::User& user);
  std::optional<Session> find(const std::string& token);
  void end(const std::string& token);
  std::chrono::seconds lifetime() const { return lifetime_; }

private:
  std::chrono::seconds lifetime_;
  std::mutex mutex_;
  std::map<std::string, Session> sessions_; ///< by token
};

/// Slows down password guessing. A try is counted before its password is checked, so tries
/// sent all at once are counted as they arrive: after `free_tries` for a key, each further
/// try must wait, twice as long after every one, up to five minutes; a success clears the key.
class LoginThrottle {
public:
  explicit LoginThrottle(int free_tries = 3) : free_tries_(free_tries) {}

  /// Counts a try for `key` and returns 0 when it may go ahead; else the seconds to wait (the
  /// try is then not counted).
  long long reserve(const std::string& key);
  void succeeded(const std::string& key);

private:
  struct Record {
    int tries = 0;
    std::chrono::steady_clock::time_point last;
  };
  int free_tries_;
  std::mutex mutex_;
  std::map<std::string, Record> records_;
};

/// At most `per_minute` requests from one key (a client's address) in any minute-long window
/// starting at its first request: public verification is for looking someone up, not for
/// copying the register.
class RateLimit {
public:
  explicit RateLimit(int per_minute) : per_minute_(per_minute) {}
  /// Counts a request of `cost` lookups; returns 0 when it may go ahead, else the seconds
  /// until it may.
  long long take(const std::string& key, int cost = 1);

private:
  struct Window {
    std::chrono::steady_clock::time_point start;
    int used = 0;
  };
  int per_minute_;
  std::mutex mutex_;
  std::map<std::string, Window> windows_;
};

/// At most `per_day` requests from everyone together in one UTC day (0: no cap): a board
/// that publishes its register can bound how much of it a day's lookups can list.
class DailyCap {
public:
  explicit DailyCap(std::size_t per_day = 0) : per_day_(per_day) {}
  /// Counts a request of `cost` lookups; returns 0 when it may go ahead, else the seconds
  /// until the next UTC day.
  long long take(std::size_t cost = 1);

private:
  std::size_t per_day_;
  std::mutex mutex_;
  std::chrono::sys_days day_{};
  std::size_t used_ = 0;
};

} // namespace peercert::web

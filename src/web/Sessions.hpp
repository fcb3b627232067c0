#pragma once

// The web's sessions, login throttles and verification limits: their settings here, their
// counts in the database (app::WebState), so that every peercert-serve process on one
// database shares them and a restart keeps them.

#include "app/WebState.hpp"
#include "tracker/Records.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace peercert::web {

/// A random token of 32 bytes from libsodium, as 64 hex digits.
std::string random_token();
/// Compares two secrets in constant time.
bool same_secret(const std::string& a, const std::string& b);

/// The time now as Unix seconds, for the 30-second steps of second-factor codes.
std::int64_t unix_seconds_now();
/// The time now as Unix milliseconds.
std::int64_t unix_ms_now();

/// A logged-in staff member, as one request sees them.
struct Session {
  std::string user;
  tracker::Role role = tracker::Role::staff;
  std::string csrf;              ///< every form of the session carries it
  std::int64_t user_version = 0; ///< the user's session_version at login
  /// Not kept with the session but set for each request: the server's integrity check found
  /// the database damaged, so every page says so and no form is taken.
  bool database_damaged = false;
};

/// Staff sessions of a set lifetime, in the database.
class SessionStore {
public:
  explicit SessionStore(std::chrono::seconds lifetime) : lifetime_(lifetime) {}

  /// Starts a session; returns its cookie token.
  std::string start(app::WebState& state, const tracker::User& user) const;
  std::optional<Session> find(const app::WebState& state, const std::string& token) const;
  void end(app::WebState& state, const std::string& token) const;
  std::chrono::seconds lifetime() const { return lifetime_; }

private:
  std::chrono::seconds lifetime_;
};

/// Slows down password guessing: after `free_tries` for a key, each further try must wait,
/// twice as long after every one, up to five minutes, and a try of one name while waiting
/// starts its wait again; a success clears the key
/// (app::WebState::reserve_try).
class LoginThrottle {
public:
  LoginThrottle(app::Counter kind, int free_tries) : kind_(kind), free_tries_(free_tries) {}

  /// Counts a try for `key` and returns 0 when it may go ahead; else the seconds to wait (the
  /// try is then not counted).
  long long reserve(app::WebState& state, const std::string& key) const;
  void succeeded(app::WebState& state, const std::string& key) const;

private:
  app::Counter kind_;
  int free_tries_;
};

/// At most `per_minute` requests from one key (a client's address) in any minute-long window
/// starting at its first request: public verification is for looking someone up, not for
/// copying the register.
class RateLimit {
public:
  explicit RateLimit(int per_minute) : per_minute_(per_minute) {}
  /// Counts a request of `cost` lookups; returns 0 when it may go ahead, else the seconds
  /// until it may.
  long long take(app::WebState& state, const std::string& key, int cost = 1) const;

private:
  int per_minute_;
};

/// At most `per_day` requests from everyone together in one UTC day (0: no cap): a board
/// that publishes its register can bound how much of it a day's lookups can list.
class DailyCap {
public:
  explicit DailyCap(std::size_t per_day = 0) : per_day_(per_day) {}
  /// Counts a request of `cost` lookups; returns 0 when it may go ahead, else the seconds
  /// until the next UTC day.
  long long take(app::WebState& state, std::size_t cost = 1) const;

private:
  std::size_t per_day_;
};

} // namespace peercert::web

#pragma once

#include "app/Actor.hpp"
#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <optional>
#include <string>
#include <vector>

namespace peercert::app {

/// Staff users and their passwords. Passwords are hashed with Argon2id (libsodium's
/// crypto_pwhash_str, interactive limits) and never stored, logged or echoed.
class Users {
public:
  Users(const store::Database& db, Actor actor);

  /// Adds a user. Names are 1–64 letters, digits, dots, hyphens and underscores; passwords
  /// at least 12 characters.
  tracker::User add(const std::string& name, tracker::Role role, const std::string& password);
  /// Sets a new password; every session the user had ends.
  void set_password(const std::string& name, const std::string& password);
  /// Disables a user who has left: they can no longer log in and their sessions end; the
  /// name stays in the audit log. The last enabled admin cannot be disabled.
  tracker::User disable(const std::string& name);
  /// Whether a session `name` started under `session_version` may still use the staff pages:
  /// the user is enabled and has not changed password since.
  bool session_current(const std::string& name, std::int64_t session_version) const;
  std::vector<tracker::User> list() const;
  /// The user whose name and password these are, or nothing. Takes the same time whether or
  /// not the name exists, so that it does not tell which names do.
  std::optional<tracker::User> verify(const std::string& name, const std::string& password) const;

private:
  const store::Database& db_;
  Actor actor_;
};

/// Hashes a password with Argon2id.
std::string hash_password(const std::string& password);
bool password_matches(const std::string& hash, const std::string& password);

} // namespace peercert::app

#pragma once

#include "app/Actor.hpp"
#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <optional>
#include <string>
#include <vector>

namespace peercert::app {

/// Which boards' records a new user sees (DESIGN.md, "Boards").
struct BoardAccess {
  bool all_boards = false;
  std::vector<std::string> boards; ///< board ids as typed
};

/// Staff users and their passwords. Passwords are hashed with Argon2id (libsodium's
/// crypto_pwhash_str, interactive limits) and never stored, logged or echoed.
class Users {
public:
  Users(const store::Database& db, Actor actor);

  /// Adds a user. Names are 1–64 letters, digits, dots, hyphens and underscores; passwords
  /// at least 12 characters. Once a board exists the user needs boards or all boards; an
  /// actor who sees only some boards gives only those.
  tracker::User add(const std::string& name, tracker::Role role, const std::string& password,
                    const BoardAccess& access = {});
  /// Sets a new password; every session the user had ends.
  void set_password(const std::string& name, const std::string& password);
  /// Disables a user who has left: they can no longer log in and their sessions end; the
  /// name stays in the audit log. The last enabled admin cannot be disabled.
  tracker::User disable(const std::string& name);
  /// Whether a session `name` started under `session_version` may still use the staff pages:
  /// the user is enabled and has not changed password since.
  bool session_current(const std::string& name, std::int64_t session_version) const;
  /// The users the actor manages (every one, unless the actor sees only some boards: then
  /// the users of those boards), with their boards.
  std::vector<tracker::User> list() const;
  /// The user whose name and password these are, or nothing. Takes the same time whether or
  /// not the name exists, so that it does not tell which names do.
  std::optional<tracker::User> verify(const std::string& name, const std::string& password) const;
  /// The user `name`, with their boards, if the actor manages them; else "There is no user".
  tracker::User managed(const std::string& name) const;

private:
  bool manages(const tracker::User& u) const;

  const store::Database& db_;
  Actor actor_;
};

/// Hashes a password with Argon2id.
std::string hash_password(const std::string& password);
bool password_matches(const std::string& hash, const std::string& password);

} // namespace peercert::app

#include "app/Users.hpp"
#include "app/Audit.hpp"

#include "app/Fields.hpp"
#include "core/Error.hpp"
#include "report/CheckReport.hpp"
#include "store/AuditLog.hpp"
#include "store/BoardRepository.hpp"
#include "store/UserRepository.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace peercert::app {

namespace {

void init_sodium() {
  if (sodium_init() < 0) {
    throw core::Error("libsodium cannot be initialised.");
  }
}

std::string checked_name(const std::string& name) {
  const bool ok =
      !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == '_';
      });
  if (!ok) {
    throw core::InputError::about("name",
                                  "must be 1 to 64 letters, digits, dots, hyphens or underscores.");
  }
  return name;
}

void check_password(const std::string& password) {
  if (password.size() < 12) {
    throw core::InputError::about("password", "must be at least 12 characters long.");
  }
  if (password.size() > 1024) {
    throw core::InputError::about("password", "must be at most 1024 characters long.");
  }
}

std::string user_json(const tracker::User& u) {
  report::Json j;
  j["name"] = u.name;
  j["role"] = std::string(tracker::to_string(u.role));
  if (!u.all_boards) {
    j["boards"] = u.boards;
  }
  if (!u.disabled_at.empty()) {
    j["disabled_at"] = u.disabled_at;
  }
  return j.dump();
}

/// Whether `scope` sees every one of `programs`, and there are some: a board with no program
/// yet is no one's but an all-boards admin's.
bool covers(const Scope& scope, const std::vector<std::string>& programs) {
  return scope.everything() ||
         (!programs.empty() && std::all_of(programs.begin(), programs.end(),
                                           [&](const auto& p) { return scope.sees(p); }));
}

} // namespace

std::string hash_password(const std::string& password) {
  init_sodium();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw core::Error("The password could not be hashed: out of memory.");
  }
  return std::string(out.data());
}

bool password_matches(const std::string& hash, const std::string& password) {
  init_sodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Users::Users(const store::Database& db, Actor actor) : db_(db), actor_(std::move(actor)) {}

tracker::User Users::add(const std::string& name, tracker::Role role, const std::string& password,
                         const BoardAccess& access) {
  tracker::User u;
  u.name = checked_name(name);
  check_password(password);
  if (access.all_boards && !access.boards.empty()) {
    throw core::InputError::about("board", "and all boards exclude each other: give one.");
  }
  u.role = role;
  u.password_hash = hash_password(password);
  u.created_at = u.updated_at = actor_.now();
  return store::in_transaction(db_, [&] {
    store::UserRepository users(db_);
    const store::BoardRepository boards(db_);
    if (users.find(u.name)) {
      throw core::InputError("There is already a user " + u.name + ".");
    }
    if (access.all_boards && !actor_.scope.everything()) {
      throw core::InputError::about("board", "must name your boards: only a user of all boards "
                                             "can add another.");
    }
    if (!access.all_boards && access.boards.empty() && boards.any()) {
      throw core::InputError::about("board", "is needed once boards exist: give the user's "
                                             "boards, or all boards.");
    }
    u.all_boards = access.boards.empty();
    for (const auto& id : access.boards) {
      const auto b = boards.find(id);
      const bool mine = b && covers(actor_.scope, b->programs);
      if (!mine) {
        throw core::InputError::about("board", "names no board " + id + ".");
      }
      if (std::find(u.boards.begin(), u.boards.end(), id) == u.boards.end()) {
        u.boards.push_back(id);
      }
    }
    std::sort(u.boards.begin(), u.boards.end());
    u.id = users.insert(u);
    for (const auto& id : u.boards) {
      store::BoardRepository(db_).add_user_board(u.id, id);
    }
    Audit(db_, actor_).record("user.add", "user", u.name, "", user_json(u));
    return u;
  });
}

bool Users::manages(const tracker::User& u) const {
  if (actor_.scope.everything()) {
    return true;
  }
  if (u.all_boards || u.boards.empty()) {
    return false;
  }
  return covers(actor_.scope, store::BoardRepository(db_).programs_of(u.boards));
}

tracker::User Users::managed(const std::string& name) const {
  auto u = store::UserRepository(db_).find(name);
  if (u) {
    u->boards = store::BoardRepository(db_).boards_of_user(u->id);
    if (manages(*u)) {
      return *u;
    }
  }
  throw core::InputError("There is no user " + name + ".");
}

void Users::set_password(const std::string& name, const std::string& password) {
  check_password(password);
  const std::string hash = hash_password(password);
  store::in_transaction(db_, [&] {
    store::UserRepository users(db_);
    auto u = std::optional(managed(name));
    u->password_hash = hash;
    u->updated_at = actor_.now();
    ++u->session_version; // every session started with the old password ends
    users.update(*u);
    // The audit row says that the password changed, never what it is.
    Audit(db_, actor_).record("user.password", "user", u->name, "", user_json(*u));
  });
}

tracker::User Users::disable(const std::string& name) {
  return store::in_transaction(db_, [&] {
    store::UserRepository users(db_);
    const auto before = std::optional(managed(name));
    if (!before->disabled_at.empty()) {
      throw core::InputError("User " + name + " was already disabled at " + before->disabled_at +
                             ".");
    }
    if (before->role == tracker::Role::admin) {
      const auto all = users.list();
      const auto admins = std::count_if(all.begin(), all.end(), [](const tracker::User& u) {
        return u.role == tracker::Role::admin && u.disabled_at.empty();
      });
      if (admins <= 1) {
        throw core::InputError("User " + name +
                               " is the last enabled admin: add another admin first.");
      }
    }
    auto after = *before;
    after.disabled_at = after.updated_at = actor_.now();
    ++after.session_version;
    users.update(after);
    Audit(db_, actor_).record("user.disable", "user", name, user_json(*before), user_json(after));
    return after;
  });
}

bool Users::session_current(const std::string& name, std::int64_t session_version) const {
  const auto u = store::UserRepository(db_).find(name);
  return u && u->disabled_at.empty() && u->session_version == session_version;
}

std::vector<tracker::User> Users::list() const {
  const store::BoardRepository boards(db_);
  std::vector<tracker::User> out;
  for (auto& u : store::UserRepository(db_).list()) {
    u.boards = boards.boards_of_user(u.id);
    if (manages(u)) {
      out.push_back(std::move(u));
    }
  }
  return out;
}

std::optional<tracker::User> Users::verify(const std::string& name,
                                           const std::string& password) const {
  const auto u = name.size() <= 64 ? store::UserRepository(db_).find(name) : std::nullopt;
  if (!u) {
    // Spend the time a real check takes, so the answer does not reveal unknown names.
    static const std::string decoy = hash_password("peercert decoy password");
    password_matches(decoy, password);
    return std::nullopt;
  }
  if (!password_matches(u->password_hash, password) || !u->disabled_at.empty()) {
    return std::nullopt;
  }
  return u;
}

} // namespace peercert::app

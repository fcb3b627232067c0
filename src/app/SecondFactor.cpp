#include "app/SecondFactor.hpp"

#include "app/Audit.hpp"
#include "app/Secrets.hpp"
#include "app/Users.hpp"
#include "core/Error.hpp"
#include "core/Totp.hpp"
#include "store/SecondFactorRepository.hpp"
#include "store/SettingsRepository.hpp"
#include "store/UserRepository.hpp"

#include <sodium.h>

#include <array>

namespace peercert::app {

namespace {

constexpr std::size_t recovery_code_count = 10;

tracker::User user_named(const store::Database& db, const std::string& name) {
  if (auto u = store::UserRepository(db).find(name)) {
    return *u;
  }
  throw core::InputError("There is no user " + name + ".");
}

/// A recovery code as shown: ten base32 letters and digits, as two groups of five.
std::string recovery_code() {
  const std::string letters = core::base32_encode(random_bytes(7)).substr(0, 10);
  return letters.substr(0, 5) + "-" + letters.substr(5);
}

/// A recovery code as typed (case, spaces and hyphens aside), hashed for keeping: the codes
/// carry 50 random bits, so a fast hash is enough.
std::string code_hash(const std::string& typed) {
  std::string canonical;
  for (const char c : typed) {
    if (c == '-' || c == ' ') {
      continue;
    }
    canonical += c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
  }
  std::array<unsigned char, crypto_generichash_BYTES> hash{};
  crypto_generichash(hash.data(), hash.size(),
                     reinterpret_cast<const unsigned char*>(canonical.data()), canonical.size(),
                     nullptr, 0);
  return hex({reinterpret_cast<const char*>(hash.data()), hash.size()});
}

/// The raw bytes of a secret kept in base32; one that does not decode is a damaged record,
/// never an empty key anyone could compute codes for.
std::string secret_bytes(const std::string& base32) {
  auto bytes = core::base32_decode(base32);
  if (!bytes || bytes->empty()) {
    throw core::Error("A second factor's secret on file is not base32: clear it with peercert "
                      "user totp-reset.");
  }
  return *bytes;
}

std::string grouped(const std::string& base32) {
  std::string out;
  for (std::size_t i = 0; i < base32.size(); i += 4) {
    out += (i == 0 ? "" : " ") + base32.substr(i, 4);
  }
  return out;
}

} // namespace

bool SecondFactor::enrolled(const std::string& user) const {
  const auto u = store::UserRepository(db_).find(user);
  if (!u) {
    return false;
  }
  const auto row = store::SecondFactorRepository(db_).find(u->id);
  return row && !row->secret.empty();
}

bool SecondFactor::required() const {
  return store::SettingsRepository(db_).load().second_factor_required();
}

TotpEnrolment SecondFactor::begin(const std::string& user) {
  const std::string secret = core::base32_encode(random_bytes(20));
  store::in_transaction(db_, [&] {
    const auto u = user_named(db_, user);
    store::SecondFactorRepository factors(db_);
    store::SecondFactorRow row;
    row.user_id = u.id;
    if (const auto found = factors.find(u.id)) {
      row = *found;
    }
    row.pending_secret = secret;
    factors.save(row);
  });
  return {grouped(secret), core::totp_uri("peercert", user, secret)};
}

std::optional<TotpEnrolment> SecondFactor::waiting(const std::string& user) const {
  const auto u = store::UserRepository(db_).find(user);
  if (!u) {
    return std::nullopt;
  }
  const auto row = store::SecondFactorRepository(db_).find(u->id);
  if (!row || row->pending_secret.empty()) {
    return std::nullopt;
  }
  return TotpEnrolment{grouped(row->pending_secret),
                       core::totp_uri("peercert", user, row->pending_secret)};
}

std::vector<std::string> SecondFactor::confirm(const std::string& user, const std::string& code,
                                               std::int64_t unix_seconds) {
  return store::in_transaction(db_, [&] {
    const auto u = user_named(db_, user);
    store::SecondFactorRepository factors(db_);
    auto row = factors.find(u.id);
    if (!row || row->pending_secret.empty()) {
      throw core::InputError("Start setting up the second factor again: there is no new secret "
                             "waiting for its first code.");
    }
    const auto secret = secret_bytes(row->pending_secret);
    const auto step = core::totp_match(secret, code, core::totp_step(unix_seconds), 0);
    if (!step) {
      throw core::InputError("That is not the code the app shows now for this secret: check "
                             "the phone's clock, and type the six digits shown.",
                             "code");
    }
    row->secret = row->pending_secret;
    row->pending_secret.clear();
    row->last_step = *step;
    row->enrolled_at = actor_.now();
    factors.save(*row);
    std::vector<std::string> codes;
    std::vector<std::string> hashes;
    for (std::size_t i = 0; i < recovery_code_count; ++i) {
      codes.push_back(recovery_code());
      hashes.push_back(code_hash(codes.back()));
    }
    factors.replace_codes(u.id, hashes);
    Audit(db_, actor_).record("user.totp_enrol", "user", u.name, "", "");
    return codes;
  });
}

bool SecondFactor::verify(const std::string& user, const std::string& code,
                          std::int64_t unix_seconds) {
  return store::in_transaction(db_, [&] {
    const auto u = store::UserRepository(db_).find(user);
    if (!u) {
      return false;
    }
    store::SecondFactorRepository factors(db_);
    const auto row = factors.find(u->id);
    if (!row || row->secret.empty()) {
      return false;
    }
    const auto secret = secret_bytes(row->secret);
    if (const auto step =
            core::totp_match(secret, code, core::totp_step(unix_seconds), row->last_step)) {
      return factors.take_step(u->id, *step);
    }
    if (factors.use_code(u->id, code_hash(code), actor_.now())) {
      Audit(db_, actor_).record("user.recovery_code", "user", u->name, "", "");
      return true;
    }
    return false;
  });
}

void SecondFactor::reset(const std::string& user) {
  store::in_transaction(db_, [&] {
    // Only a user the actor manages: an admin of some boards resets their boards' users.
    auto u = Users(db_, actor_).managed(user);
    store::SecondFactorRepository(db_).clear(u.id);
    ++u.session_version; // whoever holds the lost phone's sessions is logged out
    u.updated_at = actor_.now();
    store::UserRepository(db_).update(u);
    Audit(db_, actor_).record("user.totp_reset", "user", u.name, "", "");
  });
}

std::size_t SecondFactor::recovery_codes_left(const std::string& user) const {
  const auto u = store::UserRepository(db_).find(user);
  return u ? store::SecondFactorRepository(db_).unused_codes(u->id) : 0;
}

} // namespace peercert::app

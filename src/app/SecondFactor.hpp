#pragma once

#include "app/Actor.hpp"
#include "store/Database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace peercert::app {

/// What enrolment shows the user: the secret for an authenticator app, typed or scanned.
struct TotpEnrolment {
  std::string secret; ///< base32, in groups of four for reading
  std::string uri;    ///< otpauth://…, for the QR code
};

/// Staff users' second factor (DESIGN.md): TOTP as RFC 6238 and phones have it (SHA-1, 6
/// digits, 30-second steps, one step either way), each code taken once, and ten single-use
/// recovery codes. Times come in as Unix seconds from the caller's clock.
class SecondFactor {
public:
  SecondFactor(const store::Database& db, Actor actor) : db_(db), actor_(std::move(actor)) {}

  /// Whether `user` has a second factor set up.
  bool enrolled(const std::string& user) const;
  /// Whether the board requires every staff user to have one (the setting second_factor).
  bool required() const;
  /// Makes a new secret for `user` and keeps it until its first code confirms it; a second
  /// factor already set up stays in force until then.
  TotpEnrolment begin(const std::string& user);
  /// The secret begin() made that still waits for its first code, to show again.
  std::optional<TotpEnrolment> waiting(const std::string& user) const;
  /// Confirms enrolment with the first code of the new secret: the second factor is then in
  /// force, and the ten recovery codes returned are shown once (only their hashes are kept).
  /// A wrong code is an input error naming "code", and nothing changes.
  std::vector<std::string> confirm(const std::string& user, const std::string& code,
                                   std::int64_t unix_seconds);
  /// Whether `code` is `user`'s current TOTP code (within a step, and not taken before) or one
  /// of their unused recovery codes; either is taken by this call.
  bool verify(const std::string& user, const std::string& code, std::int64_t unix_seconds);
  /// Clears `user`'s second factor and recovery codes (`user totp-reset`), audited; every
  /// session they have ends. An unknown user is an input error.
  void reset(const std::string& user);
  /// Recovery codes `user` has not used.
  std::size_t recovery_codes_left(const std::string& user) const;

private:
  const store::Database& db_;
  Actor actor_;
};

} // namespace peercert::app

#pragma once

// Time-based one-time passwords (RFC 6238) as authenticator apps make them: HMAC-SHA-1,
// 6 digits, 30-second steps, and the secret written in base32 (RFC 4648) for the app.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace peercert::core {

/// `bytes` in base32, upper case, without padding, as authenticator apps read a secret.
std::string base32_encode(std::string_view bytes);
/// The bytes base32 text gives (case, spaces and padding aside), or nothing when the text is
/// not base32.
std::optional<std::string> base32_decode(std::string_view text);

/// The 30-second step `unix_seconds` falls in.
constexpr std::int64_t totp_step(std::int64_t unix_seconds) { return unix_seconds / 30; }

/// The 6-digit code of `secret` (raw bytes, not empty) for `step`, with its leading zeros.
/// Throws core::Error for an empty secret.
std::string totp_code(std::string_view secret, std::int64_t step);

/// The step within one of `now_step` (the clock of a phone may be 30 s off) whose code `code`
/// is, when it is later than `last_used_step` — each code is taken once; else nothing.
std::optional<std::int64_t> totp_match(std::string_view secret, std::string_view code,
                                       std::int64_t now_step, std::int64_t last_used_step);

/// The otpauth:// address an authenticator app reads from a QR code.
std::string totp_uri(std::string_view issuer, std::string_view account,
                     std::string_view base32_secret);

} // namespace peercert::core

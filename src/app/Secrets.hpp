#pragma once

// Random secrets and digests from libsodium, for second factors and the web's sessions.

#include <cstddef>
#include <string>
#include <string_view>

namespace peercert::app {

/// `n` random bytes.
std::string random_bytes(std::size_t n);
/// `bytes` as lower-case hex digits.
std::string hex(std::string_view bytes);
/// 32 random bytes as 64 hex digits: a cookie's token.
std::string random_token();
/// SHA-256 of `text` as 64 hex digits: what is kept of a token or a counted key.
std::string sha256_hex(std::string_view text);

} // namespace peercert::app

#include "core/Totp.hpp"

#include "core/Error.hpp"
#include "core/Url.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>

namespace peercert::core {

namespace {

constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

} // namespace

std::string base32_encode(std::string_view bytes) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : bytes) {
    buffer = (buffer << 8U) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += alphabet[(buffer >> static_cast<unsigned>(bits)) & 0x1FU];
    }
  }
  if (bits > 0) {
    out += alphabet[(buffer << static_cast<unsigned>(5 - bits)) & 0x1FU];
  }
  return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    if (c == ' ' || c == '=' || c == '-') {
      continue;
    }
    const char upper = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    const auto at = alphabet.find(upper);
    if (at == std::string_view::npos) {
      return std::nullopt;
    }
    buffer = (buffer << 5U) | static_cast<std::uint32_t>(at);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> static_cast<unsigned>(bits)) & 0xFFU);
    }
  }
  return out;
}

std::string totp_code(std::string_view secret, std::int64_t step) {
  std::array<unsigned char, 8> counter{};
  auto value = static_cast<std::uint64_t>(step);
  for (std::size_t i = counter.size(); i-- > 0;) {
    counter[i] = static_cast<unsigned char>(value & 0xFFU);
    value >>= 8U;
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int length = 0;
  if (secret.empty() ||
      HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), counter.data(),
           counter.size(), mac.data(), &length) == nullptr ||
      length < 20) {
    throw Error("A one-time code cannot be computed: the secret is empty or HMAC-SHA-1 failed.");
  }
  // RFC 4226, dynamic truncation: four bytes from the offset the last nibble names.
  const auto offset = static_cast<std::size_t>(mac[length - 1] & 0x0FU);
  const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7FU) << 24U) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16U) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8U) |
                               static_cast<std::uint32_t>(mac[offset + 3]);
  std::string code = std::to_string(binary % 1'000'000U);
  return std::string(6 - code.size(), '0') + code;
}

std::optional<std::int64_t> totp_match(std::string_view secret, std::string_view code,
                                       std::int64_t now_step, std::int64_t last_used_step) {
  std::string digits;
  for (const char c : code) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c != ' ' && c != '-') {
      return std::nullopt;
    }
  }
  if (digits.size() != 6) {
    return std::nullopt;
  }
  std::optional<std::int64_t> found;
  // Every step is tried, so that the time taken does not say which one matched.
  for (std::int64_t step = now_step - 1; step <= now_step + 1; ++step) {
    const std::string expected = totp_code(secret, step);
    unsigned char differ = 0;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      differ = static_cast<unsigned char>(differ | (expected[i] ^ digits[i]));
    }
    if (differ == 0 && step > last_used_step && !found) {
      found = step;
    }
  }
  return found;
}

std::string totp_uri(std::string_view issuer, std::string_view account,
                     std::string_view base32_secret) {
  return "otpauth://totp/" + percent_encode(issuer) + ":" + percent_encode(account) +
         "?secret=" + std::string(base32_secret) + "&issuer=" + percent_encode(issuer) +
         "&algorithm=SHA1&digits=6&period=30";
}

} // namespace peercert::core

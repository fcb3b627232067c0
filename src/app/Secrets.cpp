#include "app/Secrets.hpp"

#include "core/Error.hpp"

#include <sodium.h>

#include <array>

namespace peercert::app {

namespace {

void need_sodium() {
  if (sodium_init() < 0) {
    throw core::Error("libsodium cannot be initialised.");
  }
}

} // namespace

std::string random_bytes(std::size_t n) {
  need_sodium();
  std::string out(n, '\0');
  randombytes_buf(out.data(), out.size());
  return out;
}

std::string hex(std::string_view bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                 bytes.size());
  out.pop_back();
  return out;
}

std::string random_token() { return hex(random_bytes(32)); }

std::string sha256_hex(std::string_view text) {
  need_sodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()),
                     text.size());
  return hex({reinterpret_cast<const char*>(digest.data()), digest.size()});
}

} // namespace peercert::app

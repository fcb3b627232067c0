#include "web/Sessions.hpp"

#include "core/Error.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>

namespace peercert::web {

std::string random_token() {
  if (sodium_init() < 0) {
    throw core::Error("libsodium cannot be initialised.");
  }
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, 65> hex{};
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  return std::string(hex.data(), 64);
}

std::int64_t unix_seconds_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool same_secret(const std::string& a, const std::string& b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string SessionStore::start(const tracker::User& user) {
  const auto now = std::chrono::steady_clock::now();
  Session s{user.name, user.role, random_token(), user.session_version, now + lifetime_};
  std::string token = random_token();
  const std::lock_guard lock(mutex_);
  std::erase_if(sessions_, [&](const auto& entry) { return entry.second.expires <= now; });
  sessions_.emplace(token, std::move(s));
  return token;
}

std::optional<Session> SessionStore::find(const std::string& token) {
  if (token.size() != 64) {
    return std::nullopt;
  }
  const std::lock_guard lock(mutex_);
  const auto it = sessions_.find(token);
  if (it == sessions_.end()) {
    return std::nullopt;
  }
  if (it->second.expires <= std::chrono::steady_clock::now()) {
    sessions_.erase(it);
    return std::nullopt;
  }
  return it->second;
}

void SessionStore::end(const std::string& token) {
  const std::lock_guard lock(mutex_);
  sessions_.erase(token);
}

long long LoginThrottle::reserve(const std::string& key) {
  const std::lock_guard lock(mutex_);
  auto& r = records_[key];
  const auto now = std::chrono::steady_clock::now();
  if (r.tries >= free_tries_) {
    const long long delay = std::min<long long>(300, 1LL << std::min(r.tries - free_tries_, 9));
    const auto ready = r.last + std::chrono::seconds(delay);
    if (now < ready) {
      return std::chrono::duration_cast<std::chrono::seconds>(ready - now).count() + 1;
    }
  }
  ++r.tries;
  r.last = now;
  return 0;
}

void LoginThrottle::succeeded(const std::string& key) {
  const std::lock_guard lock(mutex_);
  records_.erase(key);
}

long long RateLimit::take(const std::string& key, int cost) {
  const auto now = std::chrono::steady_clock::now();
  const std::lock_guard lock(mutex_);
  if (windows_.size() > 100'000) {
    std::erase_if(windows_,
                  [&](const auto& w) { return now - w.second.start >= std::chrono::minutes(1); });
  }
  auto& w = windows_[key];
  if (w.used == 0 || now - w.start >= std::chrono::minutes(1)) {
    w = {now, 0};
  }
  if (w.used + cost > per_minute_) {
    const auto left = std::chrono::minutes(1) - (now - w.start);
    return std::max<long long>(1, std::chrono::ceil<std::chrono::seconds>(left).count());
  }
  w.used += cost;
  return 0;
}

long long DailyCap::take(std::size_t cost) {
  if (per_day_ == 0) {
    return 0;
  }
  const auto now = std::chrono::system_clock::now();
  const auto today = std::chrono::floor<std::chrono::days>(now);
  const std::lock_guard lock(mutex_);
  if (today != day_) {
    day_ = today;
    used_ = 0;
  }
  if (used_ + cost > per_day_) {
    const auto left = today + std::chrono::days(1) - now;
    return std::max<long long>(1, std::chrono::ceil<std::chrono::seconds>(left).count());
  }
  used_ += cost;
  return 0;
}

} // namespace peercert::web

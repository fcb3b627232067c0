#include "web/Sessions.hpp"

#include "app/Secrets.hpp"

#include <sodium.h>

namespace peercert::web {

std::string random_token() { return app::random_token(); }

std::int64_t unix_seconds_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::int64_t unix_ms_now() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool same_secret(const std::string& a, const std::string& b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string SessionStore::start(app::WebState& state, const tracker::User& user) const {
  return state.start_session(user, lifetime_, unix_seconds_now());
}

std::optional<Session> SessionStore::find(const app::WebState& state,
                                          const std::string& token) const {
  const auto s = state.session(token, unix_seconds_now());
  if (!s) {
    return std::nullopt;
  }
  return Session{s->user, s->role, s->csrf, s->user_version};
}

void SessionStore::end(app::WebState& state, const std::string& token) const {
  state.end_session(token);
}

long long LoginThrottle::reserve(app::WebState& state, const std::string& key) const {
  // One name's guesses from one address wait out their whole wait; an address's (an office
  // behind one NAT) are not held up by whoever keeps trying.
  return state.reserve_try(kind_, key, free_tries_, unix_ms_now(),
                           kind_ == app::Counter::login_name);
}

void LoginThrottle::succeeded(app::WebState& state, const std::string& key) const {
  state.clear_tries(kind_, key);
}

long long RateLimit::take(app::WebState& state, const std::string& key, int cost) const {
  return state.take_lookups(app::Counter::verification, key, per_minute_, cost, 60'000,
                            unix_ms_now());
}

long long DailyCap::take(app::WebState& state, std::size_t cost) const {
  if (per_day_ == 0) {
    return 0;
  }
  const std::int64_t now = unix_ms_now();
  constexpr std::int64_t day_ms = 24LL * 60 * 60 * 1000;
  const std::int64_t today = now / day_ms * day_ms;
  return state.take_lookups(app::Counter::verification_day, "everyone",
                            static_cast<std::int64_t>(per_day_), static_cast<std::int64_t>(cost),
                            day_ms, now, today);
}

} // namespace peercert::web

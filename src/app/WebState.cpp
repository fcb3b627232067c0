#include "app/WebState.hpp"

#include "app/Secrets.hpp"
#include "store/WebStateRepository.hpp"

#include <algorithm>

namespace peercert::app {

namespace {

std::string kind_name(Counter kind) {
  switch (kind) {
  case Counter::login_name:
    return "login_name";
  case Counter::login_address:
    return "login_address";
  case Counter::verification:
    return "verification";
  case Counter::verification_day:
    return "verification_day";
  }
  return "other";
}

/// Counters older than this are forgotten when the next one of their kind is written: a
/// throttle's longest wait is five minutes and a rate window at most a day.
constexpr std::int64_t forget_after_ms = 2LL * 24 * 60 * 60 * 1000;

} // namespace

std::string WebState::start_session(const tracker::User& user, std::chrono::seconds lifetime,
                                    std::int64_t now) {
  std::string token = random_token();
  store::in_transaction(db_, [&] {
    store::WebStateRepository repo(db_);
    repo.remove_expired(now);
    repo.put_session(sha256_hex(token),
                     {user.name, std::string(tracker::to_string(user.role)), random_token(),
                      user.session_version, now + lifetime.count()});
  });
  return token;
}

std::optional<WebSession> WebState::session(const std::string& token, std::int64_t now) const {
  if (token.size() != 64) {
    return std::nullopt;
  }
  const auto s = store::WebStateRepository(db_).session(sha256_hex(token));
  if (!s || s->expires_at <= now) {
    return std::nullopt;
  }
  return WebSession{s->user, tracker::role_from_name(s->role).value_or(tracker::Role::staff),
                    s->csrf, s->user_version, s->expires_at};
}

void WebState::end_session(const std::string& token) {
  store::WebStateRepository(db_).remove_session(sha256_hex(token));
}

std::string WebState::start_pending(const PendingLogin& p, std::chrono::seconds lifetime,
                                    std::int64_t now) {
  std::string token = random_token();
  store::in_transaction(db_, [&] {
    store::WebStateRepository repo(db_);
    repo.remove_expired(now);
    repo.put_pending(sha256_hex(token),
                     {p.user.name, std::string(tracker::to_string(p.user.role)),
                      p.user.session_version, p.next, p.must_enrol, now + lifetime.count()});
  });
  return token;
}

std::optional<PendingLogin> WebState::pending(const std::string& token, std::int64_t now) const {
  if (token.size() != 64) {
    return std::nullopt;
  }
  const auto p = store::WebStateRepository(db_).pending(sha256_hex(token));
  if (!p || p->expires_at <= now) {
    return std::nullopt;
  }
  PendingLogin out;
  out.user.name = p->user;
  out.user.role = tracker::role_from_name(p->role).value_or(tracker::Role::staff);
  out.user.session_version = p->user_version;
  out.next = p->next;
  out.must_enrol = p->must_enrol;
  return out;
}

void WebState::end_pending(const std::string& token) {
  store::WebStateRepository(db_).remove_pending(sha256_hex(token));
}

long long WebState::reserve_try(Counter kind, const std::string& key, int free_tries,
                                std::int64_t now_ms, bool restart) {
  return store::in_transaction(db_, [&]() -> long long {
    store::WebStateRepository repo(db_);
    const std::string k = kind_name(kind);
    const std::string h = sha256_hex(key);
    const auto r = repo.counter(k, h).value_or(store::StoredCounter{});
    // `now_ms` was read before this transaction waited its turn: never move a key back in time.
    const std::int64_t now = std::max(now_ms, r.since);
    if (r.used >= free_tries) {
      const auto over = std::min<std::int64_t>(r.used - free_tries, 9);
      const std::int64_t delay_ms = std::min<std::int64_t>(300, std::int64_t{1} << over) * 1000;
      if (now < r.since + delay_ms) {
        if (!restart) {
          return (r.since + delay_ms - now + 999) / 1000;
        }
        // A try while waiting starts the wait again: a burst, however long the server takes
        // to answer it, gets no more than the free tries checked.
        repo.put_counter(k, h, {r.used, now});
        return (delay_ms + 999) / 1000;
      }
    }
    if (r.used == 0) {
      repo.remove_counters_before(k, now - forget_after_ms);
    }
    repo.put_counter(k, h, {r.used + 1, now});
    return 0;
  });
}

void WebState::clear_tries(Counter kind, const std::string& key) {
  store::WebStateRepository(db_).remove_counter(kind_name(kind), sha256_hex(key));
}

long long WebState::take_lookups(Counter kind, const std::string& key, std::int64_t limit,
                                 std::int64_t cost, std::int64_t window_ms, std::int64_t now_ms,
                                 std::optional<std::int64_t> window_start_ms) {
  return store::in_transaction(db_, [&]() -> long long {
    store::WebStateRepository repo(db_);
    const std::string k = kind_name(kind);
    const std::string h = sha256_hex(key);
    auto w = repo.counter(k, h).value_or(store::StoredCounter{});
    const std::int64_t start = window_start_ms.value_or(now_ms);
    const bool fresh = window_start_ms ? w.since != *window_start_ms
                                       : (w.used == 0 || now_ms - w.since >= window_ms);
    if (fresh) {
      if (w.used == 0) {
        repo.remove_counters_before(k, now_ms - forget_after_ms);
      }
      w = {0, start};
    }
    if (w.used + cost > limit) {
      const std::int64_t left_ms = w.since + window_ms - now_ms;
      return std::max<long long>(1, (left_ms + 999) / 1000);
    }
    w.used += cost;
    repo.put_counter(k, h, w);
    return 0;
  });
}

} // namespace peercert::app

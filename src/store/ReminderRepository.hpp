#pragma once

#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <cstdint>
#include <set>
#include <string>
#include <tuple>

namespace peercert::store {

/// Which reminder: the threshold (days before expiry, 0 after it) of one period of one
/// credential. A holder hears each at most once.
struct ReminderKey {
  tracker::CredentialId credential;
  int period = 0;
  int threshold = 0;
};

/// A reminder a holder was sent.
struct SentReminder {
  ReminderKey key;
  int days_before = 0;
  core::Date sent_on;
  std::string message_id;
  std::string created_at;
};

/// What a claim found.
enum class Claim {
  taken, ///< this run holds it now and may send it
  sent,  ///< recorded as sent already (by another run since this one started)
  held,  ///< another run holds a claim younger than the lease: it is sending it
};

/// The reminders the mail server accepted, and the claims of runs sending them.
class ReminderRepository {
public:
  explicit ReminderRepository(const Database& db) : db_(db) {}

  /// Every (credential, period, threshold) already sent, to look up while deciding.
  std::set<std::tuple<std::int64_t, int, int>> sent() const;

  /// Claims `key` for the run `run` in a committed write of its own, unless it was sent or
  /// another run's claim is younger than `lease_seconds` at `now_seconds` (seconds since the
  /// epoch): an older claim is a crashed run's, and is taken over.
  Claim claim(const ReminderKey& key, const std::string& run, std::int64_t now_seconds,
              std::int64_t lease_seconds);
  /// Gives up `run`'s claim of `key` (the mail server did not take the message).
  void release(const ReminderKey& key, const std::string& run);
  /// Records one as sent and ends its claim, in one committed write; a second record of the
  /// same reminder is ignored.
  void record(const SentReminder& r);

private:
  const Database& db_;
};

} // namespace peercert::store

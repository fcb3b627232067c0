#pragma once

#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <set>
#include <string>
#include <tuple>

namespace peercert::store {

/// A reminder a holder was sent: for which period of which credential, at which threshold.
struct SentReminder {
  tracker::CredentialId credential;
  int period = 0;
  int threshold = 0;
  int days_before = 0;
  core::Date sent_on;
  std::string message_id;
  std::string created_at;
};

/// The reminders the mail server accepted.
class ReminderRepository {
public:
  explicit ReminderRepository(const Database& db) : db_(db) {}

  /// Every (credential, period, threshold) already sent, to look up while deciding.
  std::set<std::tuple<std::int64_t, int, int>> sent() const;
  /// Records one; a second record of the same reminder is ignored.
  void record(const SentReminder& r);

private:
  const Database& db_;
};

} // namespace peercert::store

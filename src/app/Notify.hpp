#pragma once

#include "app/Actor.hpp"
#include "core/Date.hpp"
#include "mail/Mailer.hpp"
#include "rules/ProgramCatalog.hpp"
#include "store/Database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace peercert::app {

/// A run of `notify reminders` as staff ask for it.
struct NotifyRequest {
  std::string from; ///< the board's address, checked
  std::optional<std::vector<int>>
      thresholds;      ///< empty: each program's (renewal::reminder_thresholds)
  std::string program; ///< empty: every program
  bool record = true;  ///< false for a dry run: nothing is recorded as sent
  /// Seconds after which another run's claim of a message is taken to be a crashed run's,
  /// and the message is sent again (longer than the mail server's timeout).
  std::int64_t claim_lease = 900;
};

/// One reminder sent (or, in a dry run, written).
struct NotifySent {
  std::string credential_number;
  std::string program;
  int threshold = 0; ///< days before expiry; 0: the expired message
  int days_until_expiry = 0;
  std::string hours_needed; ///< "2.00 h, all live ethics", or empty when ready to file
};

struct ReminderRun {
  std::vector<NotifySent> sent;
  std::vector<std::string> without_email; ///< credential numbers due a reminder but no address
  std::size_t already_sent = 0;           ///< due, but sent before for this period
  std::size_t sending_elsewhere = 0;      ///< due, but claimed by another run sending it now
};

/// Renewal reminders by email (DESIGN.md, "Reminders that reach people"): each holder the
/// reminder report covers gets the message of the nearest threshold reached that was not yet
/// sent for the current period, one at a time, each recorded as soon as the server takes it.
/// Each message is claimed in a committed row before it is sent, so that two runs at once send
/// it once; a dry run claims and records nothing.
class Notifier {
public:
  Notifier(const store::Database& db, const rules::ProgramCatalog& programs, Actor actor);

  /// Sends what is due on `as_of`. When the mailer fails, throws core::EnvironmentError saying
  /// how many were sent (and stay recorded) before it, so that a rerun sends the rest.
  ReminderRun send(const NotifyRequest& request, mail::Mailer& mailer, core::Date as_of);

private:
  const store::Database& db_;
  const rules::ProgramCatalog& programs_;
  Actor actor_;
};

} // namespace peercert::app

#pragma once

// The reminder email a holder is sent: its words, and the RFC 5322 message.

#include "report/RenewalReport.hpp"
#include "tracker/Settings.hpp"

#include <string>
#include <string_view>

namespace peercert::report {

/// A renewal reminder to one holder, as plain text.
struct ReminderMail {
  std::string to;         ///< the holder's email address
  std::string subject;    ///< ASCII: no name, only the credential and the days
  std::string body;       ///< UTF-8, lines ending in CRLF
  std::string message_id; ///< "<peercert.MO-CPS-000101.3.30@board.example>", one per message
};

/// The reminder of `threshold` days before expiry (renewal::expired_threshold: after it) for a
/// credential where it stands: when it expires, each requirement in its own words (supervised
/// work is not continuing education) with the hours done, what is still needed, the fee due,
/// the late window where there is one, and a footer from the board's settings: whom to
/// contact, where, and how to renew. Nothing is said of what a rule file leaves out.
ReminderMail reminder_mail(const StatusView& v, int threshold, std::string_view from,
                           const tracker::BoardSettings& board);

/// The whole message as an SMTP server takes it (RFC 5322): From, To, Subject, Date,
/// Message-ID and MIME headers, then the body. `date` is UTC ISO 8601 ("2026-11-24T12:00:00Z").
/// Header values never carry a line break.
std::string rfc5322(const ReminderMail& m, std::string_view from, std::string_view date);

} // namespace peercert::report

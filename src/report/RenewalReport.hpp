#pragma once

#include "renewal/Renewal.hpp"
#include "report/CheckReport.hpp"
#include "tracker/Records.hpp"

#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace peercert::report {

/// A credential's renewal status on a date, with its holder: `renewal status` and one row
/// of the reminder report.
struct StatusView {
  tracker::Credential credential;
  const rules::Program* program = nullptr;
  renewal::CredentialStatus status;
  core::Date as_of;
  std::optional<tracker::StatusChange> change; ///< the status change in force, with its reason
};

/// What a board publishes about a credential to employers and the public: nothing more.
/// No email, no date of birth, no CE, no check results.
struct PublicCredential {
  std::string first_name;
  std::string last_name;
  std::string number;
  std::string program;
  renewal::Status status = renewal::Status::active; ///< as published: due soon shows active
  core::Date issued_on;
  core::Date expires_on;
};
/// {"name", "credential_number", "program", "status", "issued_on", "expires_on"}.
Json public_credential_json(const PublicCredential& c);

/// "due soon", "initial certificate": a status for people.
std::string status_words(renewal::Status s);

/// The `renewal status --format json` object of DESIGN.md.
Json status_json(const StatusView& v);
std::string status_text(const StatusView& v);

/// `report reminders`: the same objects with holder_name and email, as a table, RFC 4180
/// CSV for a mail merge, JSON, an RFC 5545 calendar, or one self-contained HTML page.
std::string reminders_table(const std::vector<StatusView>& rows);
std::string reminders_csv(const std::vector<StatusView>& rows);
Json reminders_json(const std::vector<StatusView>& rows);
/// The same JSON as reminders_json(rows).dump(2), written one object at a time so that a
/// report over a hundred thousand credentials is never held whole in memory.
void write_reminders_json(std::ostream& out, const std::vector<StatusView>& rows);
/// `dtstamp` is the UTC time the calendar is made, ISO 8601 ("2026-11-24T12:00:00Z").
void write_reminders_ics(std::ostream& out, const std::vector<StatusView>& rows,
                         const std::string& dtstamp);
std::string reminders_ics(const std::vector<StatusView>& rows, const std::string& dtstamp);
std::string reminders_html(const std::vector<StatusView>& rows, core::Date as_of, int within);

/// Orders the reminder rows by `key`: "expires" (the order they come in: expired first, then
/// soonest), "name" (last, first), "program", "status" or "needed" (most hours needed first);
/// ties keep the expiry order.
void sort_reminders(std::vector<StatusView>& rows, std::string_view key);
/// The keys sort_reminders takes, "expires" first.
const std::vector<std::string>& reminder_sort_keys();

/// What managers read first: how many credentials of each status, per program and in all, and
/// how many are ready to file (every CE requirement met).
struct ReminderSummary {
  std::size_t total = 0;
  std::size_t ready_to_file = 0;
  std::map<renewal::Status, std::size_t> by_status;
  std::map<std::string, std::map<renewal::Status, std::size_t>> by_program;
};
ReminderSummary summarize(const std::vector<StatusView>& rows);
/// {"total", "ready_to_file", "by_status": {...}, "by_program": {"MO-CPS": {...}}}
Json summary_json(const ReminderSummary& s);
/// A small table: one row per program, one column per status present, and a total row.
std::string summary_table(const ReminderSummary& s);
/// The same as an HTML table, with the count ready to file under it.
std::string summary_html(const ReminderSummary& s);

/// Credentials expiring in each of the 12 months from `as_of`'s, split into those on track
/// (every CE requirement met) and those short of hours, as an inline SVG bar chart.
std::string expiry_chart_svg(const std::vector<StatusView>& rows, core::Date as_of);

/// A renewal reminder to one holder, as plain text.
struct ReminderMail {
  std::string to;         ///< the holder's email address
  std::string subject;    ///< ASCII: no name, only the credential and the days
  std::string body;       ///< UTF-8, lines ending in CRLF
  std::string message_id; ///< "<peercert.MO-CPS-000101.3.30@board.example>", one per message
};

/// The reminder of `threshold` days before expiry (renewal::expired_threshold: after it) for a
/// credential where it stands: when it expires, the hours and the fee still to come, whether it
/// is ready to file, and the late window where there is one.
ReminderMail reminder_mail(const StatusView& v, int threshold, std::string_view from);

/// The whole message as an SMTP server takes it (RFC 5322): From, To, Subject, Date,
/// Message-ID and MIME headers, then the body. `date` is UTC ISO 8601 ("2026-11-24T12:00:00Z").
/// Header values never carry a line break.
std::string rfc5322(const ReminderMail& m, std::string_view from, std::string_view date);

/// Text as an iCalendar TEXT value: backslash, semicolon, comma and line breaks escaped.
std::string ics_escape(std::string_view text);
/// Folds one content line to lines of at most 75 octets (CRLF and a space), never inside
/// a UTF-8 character; the result ends with CRLF.
std::string ics_line(std::string_view line);
/// Text for HTML: & < > " ' escaped.
std::string html_escape(std::string_view text);

/// A CE entry with the cycle it counts for (empty: before the credential was issued, or
/// before its first cycle's CE starts counting).
struct CeLine {
  tracker::CeRecord entry;
  std::optional<renewal::Cycle> cycle;
  std::optional<int> cycle_index() const {
    return cycle ? std::optional(cycle->index) : std::nullopt;
  }
};
std::string ce_table(const tracker::Credential& c, const std::vector<CeLine>& lines,
                     const std::optional<renewal::Cycle>& only);
Json ce_json(const tracker::Credential& c, const std::vector<CeLine>& lines);

/// One period of a credential's history with its hours: the staff page's timeline.
struct CycleRow {
  renewal::CycleProgress progress;
  bool current = false;
  bool renewed = false;
  renewal::Period period;
};

/// A credential in full: where it stands, its timeline and its status changes.
struct CredentialFile {
  StatusView status;
  std::vector<CycleRow> cycles;
  std::vector<tracker::StatusChange> changes;
};
Json credential_file_json(const CredentialFile& f);
/// One status change: status, on, reason, reinstatement, fee_paid.
Json status_change_json(const tracker::StatusChange& change);
std::string credential_file_text(const CredentialFile& f);

} // namespace peercert::report

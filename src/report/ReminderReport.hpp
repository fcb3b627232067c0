#pragma once

// The reminder report: who must renew soon and what each still lacks, as a table, CSV, JSON,
// an ICS calendar or an HTML page; its order, its summary and its 12-month chart.

#include "report/RenewalReport.hpp"

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace peercert::report {

/// `report reminders`: the same objects with holder_name and email, as a table, RFC 4180
/// CSV for a mail merge, JSON, an RFC 5545 calendar, or one self-contained HTML page.
std::string reminders_table(const std::vector<StatusView>& rows);
std::string reminders_csv(const std::vector<StatusView>& rows);
/// The same, a row at a time: the header line, then each row appended to `out`.
std::string reminders_csv_header();
void append_reminder_csv(std::string& out, const StatusView& v);
/// The columns of the CSV and of the XLSX workbook, in order.
const std::vector<std::string>& reminder_columns();
Json reminders_json(const std::vector<StatusView>& rows);
/// The same JSON as reminders_json(rows).dump(2), written one object at a time so that a
/// report over a hundred thousand credentials is never held whole in memory.
void write_reminders_json(std::ostream& out, const std::vector<StatusView>& rows);
/// The same a row at a time: each row appended to `out` (`first` for the first row), then
/// the end (`any`: whether a row was appended).
void append_reminder_json(std::string& out, const StatusView& v, bool first);
void end_reminders_json(std::string& out, bool any);
/// `dtstamp` is the UTC time the calendar is made, ISO 8601 ("2026-11-24T12:00:00Z").
void write_reminders_ics(std::ostream& out, const std::vector<StatusView>& rows,
                         const std::string& dtstamp);
std::string reminders_ics(const std::vector<StatusView>& rows, const std::string& dtstamp);
/// The same a row at a time: the header, each row's event appended to `out`, the footer.
std::string reminders_ics_header();
void append_reminder_ics(std::string& out, const StatusView& v, const std::string& dtstamp);
std::string reminders_ics_footer();

/// A reminder report written a row at a time in the order the rows come: what goes before the
/// rows, each row appended (told whether it is the first), then what goes after (told whether
/// any row came).
struct ReminderStream {
  std::string head;
  std::function<void(std::string&, const StatusView&, bool)> row;
  std::function<void(std::string&, bool)> tail;
};
/// The stream of `format` "csv" (a UTF-8 byte order mark first where `bom`), "ics" (stamped
/// `dtstamp`) or "json"; none for a format that is made whole.
std::optional<ReminderStream> reminder_stream(std::string_view format, bool bom,
                                              const std::string& dtstamp);
/// One self-contained page of `rows`, with `chart` (the credentials expiring in the next 12
/// months under the same programs and statuses: expiry_chart_days()) drawn month by month.
std::string reminders_html(const std::vector<StatusView>& rows,
                           const std::vector<StatusView>& chart, core::Date as_of, int within);

/// Orders the reminder rows by `key`: "expires" (the order they come in: expired first, then
/// soonest), "name" (last, first), "program", "status" or "needed" (most hours needed first);
/// ties keep the expiry order.
void sort_reminders(std::vector<StatusView>& rows, std::string_view key);
/// The keys sort_reminders takes, "expires" first.
const std::vector<std::string>& reminder_sort_keys();

/// One page of the reminder rows in sort_reminders' order for `key`, kept while the rows are
/// fed in expiry order (as app::Lifecycle::reminders hands them on): it holds the rows of one
/// page in expiry order, and at most those up to the page's end in any other, whatever the
/// count. A page past the last is the last one.
class ReminderPage {
public:
  /// `page` counts from 1; `size` rows a page (at least 1).
  ReminderPage(std::string_view key, std::size_t page, std::size_t size);
  void add(StatusView&& v);
  /// After the last row: how many there were, the page shown, how many pages (at least 1).
  std::size_t total() const { return total_; }
  std::size_t page() const;
  std::size_t pages() const;
  /// After the last row: the page's rows, in order.
  std::vector<StatusView> take_rows();

private:
  using Less = bool (*)(const StatusView&, const StatusView&);
  struct Held {
    StatusView view;
    std::size_t seq;
  };
  bool before(const Held& a, const Held& b) const;
  /// Keeps the best page_ * size_ rows held, in no particular order.
  void trim();

  Less less_;
  std::size_t page_;
  std::size_t size_;
  std::size_t total_ = 0;
  std::vector<Held> held_;         ///< another order: the best rows so far, up to twice the limit
  std::vector<StatusView> chunk_;  ///< expiry order: the page being filled
  std::vector<StatusView> wanted_; ///< expiry order: the page asked for, once filled
  bool found_ = false;
};

/// What managers read first: how many credentials of each status, per program and in all, and
/// how many are ready to file (every CE requirement met).
struct ReminderSummary {
  std::size_t total = 0;
  std::size_t ready_to_file = 0;
  std::map<renewal::Status, std::size_t> by_status;
  std::map<std::string, std::map<renewal::Status, std::size_t>> by_program;
  /// Counts one more row.
  void add(const StatusView& v);
};
ReminderSummary summarize(const std::vector<StatusView>& rows);
/// {"total", "ready_to_file", "by_status": {...}, "by_program": {"MO-CPS": {...}}}
Json summary_json(const ReminderSummary& s);
/// A small table: one row per program, one column per status present, and a total row.
std::string summary_table(const ReminderSummary& s);
/// The same as an HTML table, with the count ready to file under it.
std::string summary_html(const ReminderSummary& s);

/// Holders of one program in the whole register: those in force (renewal::in_force) and all.
struct Headcount {
  std::size_t in_force = 0;
  std::size_t total = 0;
};
/// Per program, from every credential where it stands (app::ReminderQuery::everyone).
std::map<std::string, Headcount> headcounts(const std::vector<StatusView>& everyone);
/// {"MO-CPS": {"active": 12, "total": 15}}
Json headcounts_json(const std::map<std::string, Headcount>& counts);
/// PROGRAM, ACTIVE, TOTAL, and a row for all programs.
std::string headcounts_table(const std::map<std::string, Headcount>& counts);

/// Credentials expiring in each of the 12 months from `as_of`'s, split into those on track
/// (every CE requirement met) and those short of hours, as an inline SVG bar chart.
std::string expiry_chart_svg(const std::vector<StatusView>& rows, core::Date as_of);
/// The same counts fed a row at a time, for a chart over hundreds of thousands of credentials
/// that are never held together.
class ExpiryChart {
public:
  explicit ExpiryChart(core::Date as_of);
  void add(const StatusView& v);
  std::string svg() const;

private:
  static constexpr std::size_t months = 12;
  core::Date as_of_;
  std::array<int, months> on_track_{};
  std::array<int, months> short_of_{};
};
/// The days from `as_of` to the last day of the chart's twelfth month: a reminder window this
/// wide holds every credential the chart counts, whatever window the rows beside it use.
int expiry_chart_days(core::Date as_of);

/// Text as an iCalendar TEXT value: backslash, semicolon, comma and line breaks escaped.
std::string ics_escape(std::string_view text);
/// Folds one content line to lines of at most 75 octets (CRLF and a space), never inside
/// a UTF-8 character; the result ends with CRLF.
std::string ics_line(std::string_view line);
/// Text for HTML: & < > " ' escaped.
std::string html_escape(std::string_view text);

} // namespace peercert::report

// The renderers of the reminder report: its table, CSV, JSON, ICS calendar and HTML page, its
// order, its summary and the 12-month chart.
#include "report/ReminderReport.hpp"
#include "report/RenewalReport.hpp"

#include "core/Csv.hpp"
#include "renewal/InForce.hpp"
#include "report/Text.hpp"
#include "report/TrackerReport.hpp"
#include "report/detail/RenewalWords.hpp"

#include <algorithm>
#include <array>
#include <sstream>
#include <tuple>

namespace peercert::report {

using namespace detail;

namespace {

std::string ics_timestamp(const std::string& iso) {
  std::string out;
  for (char c : iso) {
    if (c != '-' && c != ':') {
      out += c;
    }
  }
  return out;
}

std::string ics_date(core::Date d) {
  std::string s = core::format_iso(d);
  s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
  return s;
}

} // namespace

std::string reminders_table(const std::vector<StatusView>& rows) {
  std::vector<std::vector<std::string>> cells;
  cells.reserve(rows.size());
  for (const auto& v : rows) {
    const auto& p = v.status.current;
    cells.push_back({v.credential.number, holder(v.credential),
                     v.credential.email.empty() ? "-" : v.credential.email,
                     status_words(v.status.status), core::format_iso(p.cycle.expires_on),
                     std::to_string(v.status.days_until_expiry), hours_fraction(p), needed_words(p),
                     fee_due_amount(v.status)});
  }
  return render_table({"CREDENTIAL", "HOLDER", "EMAIL", "STATUS", "EXPIRES", "DAYS", "HOURS",
                       "STILL NEEDED", "FEE"},
                      cells);
}

namespace {
std::string plain(const std::optional<core::Money>& m) { return m ? m->to_plain_string() : ""; }
} // namespace

const std::vector<std::string>& reminder_columns() {
  static const std::vector<std::string> columns{"credential_number",
                                                "program",
                                                "holder_name",
                                                "first_name",
                                                "last_name",
                                                "email",
                                                "status",
                                                "expires_on",
                                                "days_until_expiry",
                                                "hours_required",
                                                "hours_completed",
                                                "hours_needed",
                                                "still_needed",
                                                "renewal_fee",
                                                "late_until",
                                                "late_fee",
                                                "fee_due"};
  return columns;
}

std::string reminders_csv(const std::vector<StatusView>& rows) {
  std::string out = reminders_csv_header();
  for (const auto& v : rows) {
    append_reminder_csv(out, v);
  }
  return out;
}

std::string reminders_csv_header() {
  std::string out;
  core::append_csv_record(out, reminder_columns());
  return out;
}

void append_reminder_csv(std::string& out, const StatusView& v) {
  const auto& p = v.status.current;
  core::append_csv_record(
      out,
      {spreadsheet_safe(v.credential.number), spreadsheet_safe(v.credential.program),
       spreadsheet_safe(holder(v.credential)), spreadsheet_safe(v.credential.first_name),
       spreadsheet_safe(v.credential.last_name), spreadsheet_safe(v.credential.email),
       std::string(renewal::to_string(v.status.status)), core::format_iso(p.cycle.expires_on),
       std::to_string(v.status.days_until_expiry), p.defined ? p.hours_required.to_string() : "",
       p.defined ? p.hours_completed.to_string() : "", p.defined ? p.hours_needed.to_string() : "",
       needed_words(p), v.status.renewal_fee ? v.status.renewal_fee->to_plain_string() : "",
       v.status.late_until ? core::format_iso(*v.status.late_until) : "",
       v.status.late_fee ? v.status.late_fee->to_plain_string() : "",
       plain(renewal::fee_due(v.status))});
}

namespace {
Json reminder_json(const StatusView& v) {
  Json j = status_json(v);
  j["holder_name"] = holder(v.credential);
  j["email"] = v.credential.email.empty() ? Json(nullptr) : Json(v.credential.email);
  return j;
}
} // namespace

Json reminders_json(const std::vector<StatusView>& rows) {
  Json out = Json::array();
  for (const auto& v : rows) {
    out.push_back(reminder_json(v));
  }
  return out;
}

void append_reminder_json(std::string& out, const StatusView& v, bool first) {
  out += first ? "[\n  " : ",\n  ";
  // The object as dump(2) would print it inside the array: one level deeper.
  for (char c : reminder_json(v).dump(2)) {
    out += c;
    if (c == '\n') {
      out += "  ";
    }
  }
}

void end_reminders_json(std::string& out, bool any) { out += any ? "\n]\n" : "[]\n"; }

void write_reminders_json(std::ostream& out, const std::vector<StatusView>& rows) {
  std::string text;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    append_reminder_json(text, rows[i], i == 0);
    out << text;
    text.clear();
  }
  end_reminders_json(text, !rows.empty());
  out << text;
}

std::string ics_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
    case '\\':
      out += "\\\\";
      break;
    case ';':
      out += "\\;";
      break;
    case ',':
      out += "\\,";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::string ics_line(std::string_view line) {
  std::string out;
  std::size_t width = 0; // octets on the current physical line
  std::size_t i = 0;
  while (i < line.size()) {
    // The length of the UTF-8 character starting here.
    const auto lead = static_cast<unsigned char>(line[i]);
    std::size_t n = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    n = std::min(n, line.size() - i);
    if (width + n > 75) {
      out += "\r\n ";
      width = 1;
    }
    out.append(line.substr(i, n));
    width += n;
    i += n;
  }
  return out + "\r\n";
}

std::string reminders_ics(const std::vector<StatusView>& rows, const std::string& dtstamp) {
  std::ostringstream out;
  write_reminders_ics(out, rows, dtstamp);
  return out.str();
}

std::string reminders_ics_header() {
  std::string out;
  out += ics_line("BEGIN:VCALENDAR");
  out += ics_line("VERSION:2.0");
  out += ics_line("PRODID:-//peercert//Renewal reminders//EN");
  out += ics_line("CALSCALE:GREGORIAN");
  out += ics_line("METHOD:PUBLISH");
  out += ics_line("X-WR-CALNAME:Peer specialist renewals");
  return out;
}

void append_reminder_ics(std::string& out, const StatusView& v, const std::string& dtstamp) {
  const auto& p = v.status.current;
  const std::string who = holder(v.credential) + " (" + v.credential.number + ")";
  const std::string needed = needed_words(p);
  std::string description =
      v.credential.program + " credential " + v.credential.number + " of " + holder(v.credential) +
      " (" + status_words(v.status.status) + ") expires on " +
      core::format_long(p.cycle.expires_on) + ".\nHours: " +
      (p.defined ? p.hours_completed.to_string() + " of " + p.hours_required.to_string()
                 : std::string(not_defined)) +
      "; still needed: " + needed + ".\nFee due: " + fee_due_text(v.status) + ".";
  if (!v.credential.email.empty()) {
    description += "\nEmail: " + v.credential.email;
  }
  out += ics_line("BEGIN:VEVENT");
  out += ics_line("UID:" + v.credential.number + "-cycle-" + std::to_string(p.cycle.index) +
                  "@peercert");
  out += ics_line("DTSTAMP:" + ics_timestamp(dtstamp));
  out += ics_line("DTSTART;VALUE=DATE:" + ics_date(p.cycle.expires_on));
  out += ics_line("DTEND;VALUE=DATE:" + ics_date(core::add_days(p.cycle.expires_on, 1)));
  out += ics_line("SUMMARY:" + ics_escape("Credential expires: " + who));
  out += ics_line("DESCRIPTION:" + ics_escape(description));
  out += ics_line("CATEGORIES:" + ics_escape(v.credential.program));
  out += ics_line("TRANSP:TRANSPARENT");
  for (int days : {90, 60, 30}) {
    out += ics_line("BEGIN:VALARM");
    out += ics_line("ACTION:DISPLAY");
    out += ics_line("DESCRIPTION:" + ics_escape("Renewal due in " + std::to_string(days) +
                                                " days: " + who + "; still needed: " + needed));
    out += ics_line("TRIGGER:-P" + std::to_string(days) + "D");
    out += ics_line("END:VALARM");
  }
  out += ics_line("END:VEVENT");
}

std::string reminders_ics_footer() { return ics_line("END:VCALENDAR"); }

std::optional<ReminderStream> reminder_stream(std::string_view format, bool bom,
                                              const std::string& dtstamp) {
  if (format == "csv") {
    return ReminderStream{
        std::string(bom ? "\xEF\xBB\xBF" : "") + reminders_csv_header(),
        [](std::string& out, const StatusView& v, bool) { append_reminder_csv(out, v); },
        [](std::string&, bool) {}};
  }
  if (format == "ics") {
    return ReminderStream{reminders_ics_header(),
                          [dtstamp](std::string& out, const StatusView& v, bool) {
                            append_reminder_ics(out, v, dtstamp);
                          },
                          [](std::string& out, bool) { out += reminders_ics_footer(); }};
  }
  if (format == "json") {
    return ReminderStream{{}, append_reminder_json, end_reminders_json};
  }
  return std::nullopt;
}

void write_reminders_ics(std::ostream& stream, const std::vector<StatusView>& rows,
                         const std::string& dtstamp) {
  stream << reminders_ics_header();
  std::string out;
  for (const auto& v : rows) {
    append_reminder_ics(out, v, dtstamp);
    stream << out;
    out.clear();
  }
  stream << reminders_ics_footer();
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&#39;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::string reminders_html(const std::vector<StatusView>& rows,
                           const std::vector<StatusView>& chart, core::Date as_of, int within) {
  const auto e = [](std::string_view s) { return html_escape(s); };
  std::size_t expired = 0;
  for (const auto& v : rows) {
    expired += v.status.status == renewal::Status::expired ? 1 : 0;
  }
  std::string out = R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Renewal reminders</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1b1b1b; }
h1 { font-size: 1.5rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
th { background: #f3f3f3; }
.expired, .revoked, .suspended { color: #a00; font-weight: bold; }
.due_soon, .inactive, .initial { color: #8a5a00; font-weight: bold; }
.bar { width: 10rem; height: .8rem; background: #e6e6e6; border-radius: .4rem; overflow: hidden; }
.bar span { display: block; height: 100%; background: #2e7d32; }
.bar.short span { background: #b35900; }
.small { font-size: .85rem; color: #555; }
.nowrap { white-space: nowrap; }
.wide { overflow-x: auto; }
.chart { width: 100%; max-width: 40rem; height: auto; }
:focus-visible { outline: 3px solid #1f5fa8; outline-offset: 2px; }
@media (max-width: 40rem) {
  body { margin: 1rem; }
  table.stack thead { position: absolute; left: -9999px; }
  table.stack tr { display: block; border-bottom: 1px solid #ddd; padding: .4rem 0; }
  table.stack td { display: block; border: 0; padding: .15rem 0; }
  .nowrap { white-space: normal; }
}
</style>
</head>
<body>
)";
  out += "<h1>Renewal reminders</h1>\n<p>As of " + e(core::format_long(as_of)) +
         ": credentials expiring within " +
         (within >= 0 ? std::to_string(within) + " days"
                      : std::string("each program's reminder window")) +
         ", and those expired within it or still inside a late window. " +
         std::to_string(rows.size()) + (rows.size() == 1 ? " credential" : " credentials") + ", " +
         std::to_string(expired) + " expired.</p>\n";
  out += "<h2>Summary</h2>\n" + summary_html(summarize(rows));
  out += "<h2>Expiring in the next 12 months</h2>\n" + expiry_chart_svg(chart, as_of) + "\n";
  out += "<h2>Every credential</h2>\n<div class=\"wide\"><table "
         "class=\"stack\">\n<thead><tr><th>Holder</th><th>Credential</th><th>Status</th>"
         "<th>Expires</th><th>Hours done</th><th>Still needed</th><th>Fee</th></tr></thead>\n"
         "<tbody>\n";
  for (const auto& v : rows) {
    const auto& p = v.status.current;
    const auto required = p.hours_required.hundredths();
    const auto done = std::min(p.hours_completed.hundredths(), required);
    const long long percent = required > 0 ? (done * 100) / required : 100;
    out += "<tr><td>" + e(holder(v.credential));
    if (!v.credential.email.empty()) {
      out += "<br><span class=\"small\">" + e(v.credential.email) + "</span>";
    }
    out += "</td><td class=\"nowrap\">" + e(v.credential.number) + "<br><span class=\"small\">" +
           e(v.credential.program) + "</span></td>";
    out += "<td class=\"" + std::string(renewal::to_string(v.status.status)) + "\">" +
           e(status_words(v.status.status)) + "<br><span class=\"small\">" +
           e(days_text(v.status.days_until_expiry)) + "</span></td>";
    out += "<td class=\"nowrap\">" + e(core::format_iso(p.cycle.expires_on)) + "</td>";
    if (p.defined) {
      out += "<td><div class=\"bar" + std::string(p.requirements_met() ? "" : " short") +
             "\" role=\"img\" aria-label=\"" + e(p.hours_completed.to_string()) + " of " +
             e(p.hours_required.to_string()) +
             " hours\"><span style=\"width:" + std::to_string(percent) +
             "%\"></span></div><span class=\"small\">" + e(p.hours_completed.to_string()) + " / " +
             e(p.hours_required.to_string()) + " h</span></td>";
    } else {
      out += "<td class=\"small\">" + e(not_defined) + "</td>";
    }
    out += "<td>" + e(needed_words(p)) + "</td>";
    out += "<td>" + e(fee_due_amount(v.status)) + "</td></tr>\n";
  }
  out += "</tbody>\n</table></div>\n</body>\n</html>\n";
  return out;
}

namespace {

bool by_name(const StatusView& a, const StatusView& b) {
  return std::tie(a.credential.last_name, a.credential.first_name) <
         std::tie(b.credential.last_name, b.credential.first_name);
}
bool by_program(const StatusView& a, const StatusView& b) {
  return a.credential.program < b.credential.program;
}
bool by_status(const StatusView& a, const StatusView& b) {
  return a.status.status < b.status.status;
}
bool by_needed(const StatusView& a, const StatusView& b) { // most first
  return a.status.current.hours_needed.hundredths() > b.status.current.hours_needed.hundredths();
}

/// The order of `key` (sort_reminders'), none for expiry: the order the rows come in.
bool (*reminder_less(std::string_view key))(const StatusView&, const StatusView&) {
  if (key == "name") {
    return by_name;
  }
  if (key == "program") {
    return by_program;
  }
  if (key == "status") {
    return by_status;
  }
  if (key == "needed") {
    return by_needed;
  }
  return nullptr;
}

} // namespace

void sort_reminders(std::vector<StatusView>& rows, std::string_view key) {
  if (const auto less = reminder_less(key)) {
    std::stable_sort(rows.begin(), rows.end(), less);
  }
}

ReminderPage::ReminderPage(std::string_view key, std::size_t page, std::size_t size)
    : less_(reminder_less(key)), page_(std::max<std::size_t>(page, 1)),
      size_(std::max<std::size_t>(size, 1)) {}

void ReminderPage::add(StatusView&& v) {
  const std::size_t seq = total_++;
  if (less_ == nullptr) {
    if (found_) {
      return;
    }
    if (seq % size_ == 0) {
      chunk_.clear(); // a page begins: the one before was not the one asked for
    }
    chunk_.push_back(std::move(v));
    if (chunk_.size() == size_ && seq / size_ + 1 == page_) {
      wanted_ = std::move(chunk_);
      chunk_.clear();
      found_ = true;
    }
    return;
  }
  held_.push_back({std::move(v), seq});
  if (held_.size() >= 2 * page_ * size_) {
    trim();
  }
}

bool ReminderPage::before(const Held& a, const Held& b) const {
  // Ties keep the order the rows came in, as sort_reminders' stable sort does.
  return less_(a.view, b.view) || (!less_(b.view, a.view) && a.seq < b.seq);
}

void ReminderPage::trim() {
  const std::size_t limit = page_ * size_;
  if (held_.size() > limit) {
    const auto end = held_.begin() + static_cast<std::ptrdiff_t>(limit);
    std::nth_element(held_.begin(), end, held_.end(),
                     [this](const Held& a, const Held& b) { return before(a, b); });
    held_.erase(end, held_.end());
  }
}

std::size_t ReminderPage::pages() const {
  return std::max<std::size_t>(1, (total_ + size_ - 1) / size_);
}

std::size_t ReminderPage::page() const { return std::min(page_, pages()); }

std::vector<StatusView> ReminderPage::take_rows() {
  if (less_ == nullptr) {
    return std::move(found_ ? wanted_ : chunk_);
  }
  trim();
  std::sort(held_.begin(), held_.end(),
            [this](const Held& a, const Held& b) { return before(a, b); });
  const std::size_t first = (page() - 1) * size_;
  std::vector<StatusView> out;
  for (std::size_t i = first; i < std::min(held_.size(), first + size_); ++i) {
    out.push_back(std::move(held_[i].view));
  }
  return out;
}

const std::vector<std::string>& reminder_sort_keys() {
  static const std::vector<std::string> keys{"expires", "name", "program", "status", "needed"};
  return keys;
}

void ReminderSummary::add(const StatusView& v) {
  ++total;
  ++by_status[v.status.status];
  ++by_program[v.credential.program][v.status.status];
  const auto& p = v.status.current;
  // Ready to file: every CE requirement met, and a renewal still accepted.
  const auto st = v.status.status;
  const bool renewable =
      st == renewal::Status::active || st == renewal::Status::due_soon ||
      st == renewal::Status::initial ||
      (st == renewal::Status::expired && v.status.late_until && v.as_of <= *v.status.late_until);
  ready_to_file += renewable && p.defined && p.requirements_met() ? 1U : 0U;
}

ReminderSummary summarize(const std::vector<StatusView>& rows) {
  ReminderSummary out;
  for (const auto& v : rows) {
    out.add(v);
  }
  return out;
}

Json summary_json(const ReminderSummary& s) {
  const auto counts = [](const std::map<renewal::Status, std::size_t>& m) {
    Json j = Json::object();
    for (const auto& [status, n] : m) {
      j[std::string(renewal::to_string(status))] = n;
    }
    return j;
  };
  Json programs = Json::object();
  for (const auto& [program, m] : s.by_program) {
    programs[program] = counts(m);
  }
  return {{"total", s.total},
          {"ready_to_file", s.ready_to_file},
          {"by_status", counts(s.by_status)},
          {"by_program", programs}};
}

std::string summary_table(const ReminderSummary& s) {
  std::vector<std::string> header{"PROGRAM"};
  for (const auto& [status, n] : s.by_status) {
    std::string name(renewal::to_string(status));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    header.push_back(name);
  }
  header.emplace_back("TOTAL");
  std::vector<std::vector<std::string>> rows;
  const auto row = [&](const std::string& name,
                       const std::map<renewal::Status, std::size_t>& counts) {
    std::vector<std::string> cells{name};
    std::size_t total = 0;
    for (const auto& [status, all] : s.by_status) {
      const auto it = counts.find(status);
      const std::size_t n = it == counts.end() ? 0 : it->second;
      cells.push_back(std::to_string(n));
      total += n;
    }
    cells.push_back(std::to_string(total));
    rows.push_back(std::move(cells));
  };
  for (const auto& [program, counts] : s.by_program) {
    row(program, counts);
  }
  row("all", s.by_status);
  return render_table(header, rows) + std::to_string(s.ready_to_file) + " of " +
         std::to_string(s.total) +
         " ready to file (every CE requirement met, renewal still accepted).\n";
}

std::string summary_html(const ReminderSummary& s) {
  const auto e = [](std::string_view text) { return html_escape(text); };
  std::string out = "<div class=\"wide\"><table "
                    "class=\"summary\">\n<thead><tr><th>Program</th>";
  for (const auto& [status, n] : s.by_status) {
    out += "<th>" + e(status_words(status)) + "</th>";
  }
  out += "<th>Total</th></tr></thead>\n<tbody>\n";
  const auto summary_row = [&](const std::string& name,
                               const std::map<renewal::Status, std::size_t>& counts) {
    out += "<tr><td>" + e(name) + "</td>";
    std::size_t total = 0;
    for (const auto& [status, all] : s.by_status) {
      const auto it = counts.find(status);
      const std::size_t n = it == counts.end() ? 0 : it->second;
      total += n;
      out += "<td>" + std::to_string(n) + "</td>";
    }
    out += "<td>" + std::to_string(total) + "</td></tr>\n";
  };
  for (const auto& [program, counts] : s.by_program) {
    summary_row(program, counts);
  }
  summary_row("All programs", s.by_status);
  out += "</tbody>\n</table></div>\n<p>" + std::to_string(s.ready_to_file) + " of " +
         std::to_string(s.total) +
         " ready to file: every CE requirement met and a renewal still accepted.</p>\n";
  return out;
}

std::map<std::string, Headcount> headcounts(const std::vector<StatusView>& everyone) {
  std::map<std::string, Headcount> out;
  for (const auto& v : everyone) {
    auto& h = out[v.credential.program];
    ++h.total;
    h.in_force += renewal::in_force(v.status.status) ? 1U : 0U;
  }
  return out;
}

Json headcounts_json(const std::map<std::string, Headcount>& counts) {
  Json out = Json::object();
  for (const auto& [program, h] : counts) {
    out[program] = {{"active", h.in_force}, {"total", h.total}};
  }
  return out;
}

std::string headcounts_table(const std::map<std::string, Headcount>& counts) {
  std::vector<std::vector<std::string>> rows;
  Headcount all;
  for (const auto& [program, h] : counts) {
    rows.push_back({program, std::to_string(h.in_force), std::to_string(h.total)});
    all.in_force += h.in_force;
    all.total += h.total;
  }
  rows.push_back({"all", std::to_string(all.in_force), std::to_string(all.total)});
  return render_table({"PROGRAM", "ACTIVE HOLDERS", "ALL HOLDERS"}, rows) +
         "Active: in force on the day (active, due soon or an initial certificate).\n";
}

int expiry_chart_days(core::Date as_of) {
  const auto last_month = date::year_month{as_of.year(), as_of.month()} + date::months{11};
  const core::Date last =
      date::year_month_day_last{last_month.year(), date::month_day_last{last_month.month()}};
  return core::days_between(as_of, last);
}

std::string expiry_chart_svg(const std::vector<StatusView>& rows, core::Date as_of) {
  ExpiryChart chart(as_of);
  for (const auto& v : rows) {
    chart.add(v);
  }
  return chart.svg();
}

ExpiryChart::ExpiryChart(core::Date as_of) : as_of_(as_of) {}

void ExpiryChart::add(const StatusView& v) {
  const auto expires = v.status.current.cycle.expires_on;
  const auto k = (date::year_month{expires.year(), expires.month()} -
                  date::year_month{as_of_.year(), as_of_.month()})
                     .count();
  if (k < 0 || k >= static_cast<int>(months)) {
    return;
  }
  const auto& p = v.status.current;
  (p.defined && p.requirements_met() ? on_track_ : short_of_).at(static_cast<std::size_t>(k))++;
}

std::string ExpiryChart::svg() const {
  const auto& on_track = on_track_;
  const auto& short_of = short_of_;
  const auto first = date::year_month{as_of_.year(), as_of_.month()};
  constexpr int count = static_cast<int>(months);
  int most = 1;
  for (int k = 0; k < count; ++k) {
    most = std::max(most, on_track.at(static_cast<std::size_t>(k)) +
                              short_of.at(static_cast<std::size_t>(k)));
  }
  static constexpr std::array<const char*, 12> names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  // Drawn in a 600 x 240 box that scales to the page; both colours keep 3:1 contrast or better
  // against white, and a white edge parts the two where they are stacked.
  constexpr int left = 36;
  constexpr int bottom = 200;
  constexpr int height = 170;
  constexpr int slot = 46;
  std::string out = "<svg class=\"chart\" viewBox=\"0 0 600 240\" role=\"img\" "
                    "aria-labelledby=\"chart-title\" xmlns=\"http://www.w3.org/2000/svg\">"
                    "<title id=\"chart-title\">Credentials expiring per month for the next 12 "
                    "months: on track and short of hours</title>";
  out += "<line x1=\"" + std::to_string(left) + "\" y1=\"" + std::to_string(bottom) +
         "\" x2=\"592\" y2=\"" + std::to_string(bottom) + "\" stroke=\"#555\"/>";
  out += "<text x=\"4\" y=\"" + std::to_string(bottom - height + 4) +
         "\" font-size=\"12\" fill=\"#333\">" + std::to_string(most) + "</text>";
  for (int k = 0; k < count; ++k) {
    const auto i = static_cast<std::size_t>(k);
    const int x = left + 6 + k * slot;
    const int ok_h = on_track.at(i) * height / most;
    const int short_h = short_of.at(i) * height / most;
    const auto month = first + date::months{k};
    const std::string label = std::string(names.at(static_cast<unsigned>(month.month()) - 1)) +
                              " " + std::to_string(static_cast<int>(month.year()));
    out += "<g><title>" + label + ": " + std::to_string(on_track.at(i)) + " on track, " +
           std::to_string(short_of.at(i)) + " short of hours</title>";
    if (ok_h > 0) {
      out += "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(bottom - ok_h) +
             "\" width=\"34\" height=\"" + std::to_string(ok_h) + "\" fill=\"#2e7d32\"/>";
    }
    if (short_h > 0) {
      out += "<rect x=\"" + std::to_string(x) + "\" y=\"" +
             std::to_string(bottom - ok_h - short_h) + "\" width=\"34\" height=\"" +
             std::to_string(short_h) +
             "\" fill=\"#b35900\" stroke=\"#ffffff\" stroke-width=\"2\"/>";
    }
    out += "<text x=\"" + std::to_string(x + 17) + "\" y=\"" + std::to_string(bottom + 16) +
           "\" font-size=\"12\" text-anchor=\"middle\" fill=\"#333\">" +
           names.at(static_cast<unsigned>(month.month()) - 1) + "</text></g>";
  }
  out += "<rect x=\"" + std::to_string(left) +
         "\" y=\"222\" width=\"12\" height=\"12\" fill=\"#2e7d32\"/><text x=\"" +
         std::to_string(left + 18) +
         "\" y=\"232\" font-size=\"12\" fill=\"#333\">on track</text><rect x=\"" +
         std::to_string(left + 100) +
         "\" y=\"222\" width=\"12\" height=\"12\" fill=\"#b35900\"/><text x=\"" +
         std::to_string(left + 118) +
         "\" y=\"232\" font-size=\"12\" fill=\"#333\">short of hours</text></svg>";
  return out;
}

} // namespace peercert::report

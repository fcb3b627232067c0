#include "report/RenewalReport.hpp"

#include "core/Csv.hpp"
#include "report/Text.hpp"
#include "report/TrackerReport.hpp"

#include <algorithm>
#include <array>
#include <sstream>
#include <tuple>

namespace peercert::report {

namespace {

std::string holder(const tracker::Credential& c) { return c.first_name + " " + c.last_name; }

constexpr const char* not_defined = "not defined by the rule file";

/// What is still needed, or that the program defines no hours.
std::string needed_words(const renewal::CycleProgress& p) {
  return p.defined ? renewal::describe_needed(p.needed) : not_defined;
}

/// "14.50/20.00", or "-" where the program defines no hours.
std::string hours_fraction(const renewal::CycleProgress& p) {
  return p.defined ? p.hours_completed.to_string() + "/" + p.hours_required.to_string() : "-";
}

Json hours_or_null(const renewal::CycleProgress& p, core::Hours h) {
  return p.defined ? exact_number(h) : Json(nullptr);
}

std::string fee_text(const std::optional<core::Money>& fee) {
  return fee ? fee->to_string() : "not defined by the rule file";
}

std::string days_text(int days) {
  if (days < 0) {
    return std::to_string(-days) + (days == -1 ? " day" : " days") + " ago";
  }
  if (days == 0) {
    return "expires today";
  }
  return "expires in " + std::to_string(days) + (days == 1 ? " day" : " days");
}

/// 2026-11-24T12:00:00Z -> 20261124T120000Z
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

std::string status_words(renewal::Status s) {
  switch (s) {
  case renewal::Status::initial:
    return "initial certificate";
  case renewal::Status::active:
    return "active";
  case renewal::Status::due_soon:
    return "due soon";
  case renewal::Status::expired:
    return "expired";
  case renewal::Status::inactive:
    return "inactive";
  case renewal::Status::suspended:
    return "suspended";
  case renewal::Status::revoked:
    return "revoked";
  }
  return "";
}

Json public_credential_json(const PublicCredential& c) {
  Json out;
  out["name"] = c.first_name + " " + c.last_name;
  out["credential_number"] = c.number;
  out["program"] = c.program;
  out["status"] = std::string(renewal::to_string(c.status));
  out["issued_on"] = core::format_iso(c.issued_on);
  out["expires_on"] = core::format_iso(c.expires_on);
  return out;
}

Json status_json(const StatusView& v) {
  const auto& s = v.status;
  const auto& p = s.current;
  Json out;
  out["credential_number"] = v.credential.number;
  out["program"] = v.credential.program;
  out["as_of"] = core::format_iso(v.as_of);
  out["status"] = std::string(renewal::to_string(s.status));
  out["cycle"] = s.period.number;
  out["cycle_began"] = std::string(renewal::to_string(s.period.began));
  out["cycle_start"] = core::format_iso(p.cycle.start);
  out["expires_on"] = core::format_iso(p.cycle.expires_on);
  out["days_until_expiry"] = s.days_until_expiry;
  out["hours_required"] = hours_or_null(p, p.hours_required);
  out["hours_completed"] = hours_or_null(p, p.hours_completed);
  out["hours_needed"] = hours_or_null(p, p.hours_needed);
  out["needed"] = needed_words(p);
  out["requirements"] = Json::array();
  for (const auto& r : p.requirements) {
    Json req;
    req["id"] = r.requirement->id;
    req["description"] = r.requirement->description;
    req["required"] = exact_number(r.required);
    req["completed"] = exact_number(r.completed);
    req["waived_by"] = r.waived_by != nullptr ? Json(r.waived_by->id) : Json(nullptr);
    out["requirements"].push_back(std::move(req));
  }
  out["renewal_fee"] = s.renewal_fee ? exact_number(*s.renewal_fee) : Json(nullptr);
  out["requirements_met"] = p.defined ? Json(p.requirements_met()) : Json(nullptr);
  out["reminder_days"] = s.reminder_days;
  out["late_until"] = s.late_until ? Json(core::format_iso(*s.late_until)) : Json(nullptr);
  out["late_fee"] = s.late_fee ? exact_number(*s.late_fee) : Json(nullptr);
  out["status_since"] = s.set              ? Json(core::format_iso(s.set->on))
                        : s.inactive_since ? Json(core::format_iso(*s.inactive_since))
                                           : Json(nullptr);
  out["status_reason"] = v.change ? Json(v.change->reason) : Json(nullptr);
  out["extensions_left"] = s.extensions_left ? Json(*s.extensions_left) : Json(nullptr);
  return out;
}

std::string status_text(const StatusView& v) {
  const auto& s = v.status;
  const auto& p = s.current;
  std::string out = "Credential " + v.credential.number + " (" + v.credential.program + "), " +
                    holder(v.credential) + ", as of " + core::format_long(v.as_of) + "\n";
  out += "  status:     " + status_words(s.status) + ", " + days_text(s.days_until_expiry) + "\n";
  if (s.set) {
    out += "              since " + core::format_iso(s.set->on) +
           (v.change ? ": " + v.change->reason : std::string{}) + "\n";
  } else if (s.inactive_since) {
    out += "              since " + core::format_iso(*s.inactive_since) +
           ", after its late renewal window closed\n";
  }
  out += "  cycle " + std::to_string(s.period.number) + ":    " + core::format_iso(p.cycle.start) +
         " to " + core::format_iso(p.cycle.expires_on) + " (" +
         std::string(renewal::to_string(s.period.began)) + ")\n";
  if (s.extensions_left) {
    out += "  extensions: " + std::to_string(*s.extensions_left) + " left\n";
  }
  if (p.defined) {
    out += "  hours:      " + p.hours_completed.to_string() + " of " +
           p.hours_required.to_string() + " completed\n";
  } else {
    out += "  hours:      " + std::string(not_defined) + "\n";
  }
  for (const auto& r : p.requirements) {
    out += "    " + r.requirement->id + ": " + r.completed.to_string() + " of " +
           r.required.to_string() + " (" + r.requirement->description + ")" +
           (r.waived_by != nullptr ? " — waived: " + r.waived_by->description : std::string{}) +
           "\n";
  }
  out += "  still needed: " + needed_words(p) + "\n";
  out += "  renewal fee:  " + fee_text(s.renewal_fee) + "\n";
  if (s.late_until) {
    out += "  late renewal: until " + core::format_iso(*s.late_until) +
           (s.late_fee ? ", late fee " + s.late_fee->to_string() : std::string{}) + "\n";
  }
  if (p.defined) {
    out += "  requirements " + std::string(p.requirements_met() ? "met" : "not met yet") + ".\n";
  }
  return out;
}

std::string reminders_table(const std::vector<StatusView>& rows) {
  std::vector<std::vector<std::string>> cells;
  cells.reserve(rows.size());
  for (const auto& v : rows) {
    const auto& p = v.status.current;
    cells.push_back({v.credential.number, holder(v.credential),
                     v.credential.email.empty() ? "-" : v.credential.email,
                     status_words(v.status.status), core::format_iso(p.cycle.expires_on),
                     std::to_string(v.status.days_until_expiry), hours_fraction(p), needed_words(p),
                     v.status.renewal_fee ? v.status.renewal_fee->to_string() : "-"});
  }
  return render_table({"CREDENTIAL", "HOLDER", "EMAIL", "STATUS", "EXPIRES", "DAYS", "HOURS",
                       "STILL NEEDED", "FEE"},
                      cells);
}

std::string reminders_csv(const std::vector<StatusView>& rows) {
  std::string out;
  core::append_csv_record(out,
                          {"credential_number", "program", "holder_name", "first_name", "last_name",
                           "email", "status", "expires_on", "days_until_expiry", "hours_required",
                           "hours_completed", "hours_needed", "still_needed", "renewal_fee"});
  for (const auto& v : rows) {
    const auto& p = v.status.current;
    core::append_csv_record(
        out,
        {spreadsheet_safe(v.credential.number), spreadsheet_safe(v.credential.program),
         spreadsheet_safe(holder(v.credential)), spreadsheet_safe(v.credential.first_name),
         spreadsheet_safe(v.credential.last_name), spreadsheet_safe(v.credential.email),
         std::string(renewal::to_string(v.status.status)), core::format_iso(p.cycle.expires_on),
         std::to_string(v.status.days_until_expiry), p.defined ? p.hours_required.to_string() : "",
         p.defined ? p.hours_completed.to_string() : "",
         p.defined ? p.hours_needed.to_string() : "", needed_words(p),
         v.status.renewal_fee ? v.status.renewal_fee->to_plain_string() : ""});
  }
  return out;
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

void write_reminders_json(std::ostream& out, const std::vector<StatusView>& rows) {
  if (rows.empty()) {
    out << "[]\n";
    return;
  }
  out << "[\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    // Each object as dump(2) would print it inside the array: one level deeper.
    std::string text = reminder_json(rows[i]).dump(2);
    std::string indented = "  ";
    for (char c : text) {
      indented += c;
      if (c == '\n') {
        indented += "  ";
      }
    }
    out << indented << (i + 1 < rows.size() ? ",\n" : "\n");
  }
  out << "]\n";
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

void write_reminders_ics(std::ostream& stream, const std::vector<StatusView>& rows,
                         const std::string& dtstamp) {
  std::string out;
  out += ics_line("BEGIN:VCALENDAR");
  out += ics_line("VERSION:2.0");
  out += ics_line("PRODID:-//peercert//Renewal reminders//EN");
  out += ics_line("CALSCALE:GREGORIAN");
  out += ics_line("METHOD:PUBLISH");
  out += ics_line("X-WR-CALNAME:Peer specialist renewals");
  for (const auto& v : rows) {
    const auto& p = v.status.current;
    const std::string who = holder(v.credential) + " (" + v.credential.number + ")";
    const std::string needed = needed_words(p);
    std::string description =
        v.credential.program + " credential " + v.credential.number + " of " +
        holder(v.credential) + " (" + status_words(v.status.status) + ") expires on " +
        core::format_long(p.cycle.expires_on) + ".\nHours: " +
        (p.defined ? p.hours_completed.to_string() + " of " + p.hours_required.to_string()
                   : std::string(not_defined)) +
        "; still needed: " + needed + ".\nRenewal fee: " + fee_text(v.status.renewal_fee) + ".";
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
    stream << out;
    out.clear();
  }
  out += ics_line("END:VCALENDAR");
  stream << out;
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

std::string reminders_html(const std::vector<StatusView>& rows, core::Date as_of, int within) {
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
  out += "<h2>Expiring in the next 12 months</h2>\n" + expiry_chart_svg(rows, as_of) + "\n";
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
    out +=
        "<td>" + e(v.status.renewal_fee ? v.status.renewal_fee->to_string() : "-") + "</td></tr>\n";
  }
  out += "</tbody>\n</table></div>\n</body>\n</html>\n";
  return out;
}

Json credential_file_json(const CredentialFile& f) {
  Json out = credential_json(f.status.credential);
  out["standing"] = status_json(f.status);
  out["cycles"] = Json::array();
  for (const auto& row : f.cycles) {
    const auto& p = row.progress;
    Json c;
    c["number"] = row.period.number;
    c["began"] = std::string(renewal::to_string(row.period.began));
    c["starts_on"] = core::format_iso(row.period.cycle.start);
    c["expires_on"] = core::format_iso(row.period.cycle.expires_on);
    c["counts_from"] = core::format_iso(row.period.cycle.counts_from);
    c["current"] = row.current;
    c["hours_required"] = hours_or_null(p, p.hours_required);
    c["hours_completed"] = hours_or_null(p, p.hours_completed);
    c["requirements_met"] = p.defined ? Json(p.requirements_met()) : Json(nullptr);
    out["cycles"].push_back(std::move(c));
  }
  out["status_changes"] = Json::array();
  for (const auto& change : f.changes) {
    out["status_changes"].push_back(status_change_json(change));
  }
  return out;
}

Json status_change_json(const tracker::StatusChange& change) {
  Json c;
  c["status"] = change.status;
  c["on"] = core::format_iso(change.on);
  c["reason"] = change.reason;
  c["reinstatement"] = change.reinstatement;
  c["fee_paid"] = change.fee_paid ? exact_number(*change.fee_paid) : Json(nullptr);
  return c;
}

std::string credential_file_text(const CredentialFile& f) {
  const auto& c = f.status.credential;
  std::string out = credential_text(c) + "\n" + status_text(f.status) + "\nCertificate periods\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : f.cycles) {
    const auto& p = row.progress;
    rows.push_back({std::to_string(row.period.number),
                    std::string(renewal::to_string(row.period.began)),
                    core::format_iso(row.period.cycle.start),
                    core::format_iso(row.period.cycle.expires_on), hours_fraction(p),
                    row.current ? "current"
                    : p.defined ? (p.requirements_met() ? "met" : "not met")
                                : "-"});
  }
  out += render_table({"CYCLE", "BEGAN", "FROM", "TO", "HOURS", "REQUIREMENTS"}, rows, "  ");
  if (!f.changes.empty()) {
    out += "\nStatus changes\n";
    for (const auto& change : f.changes) {
      out += "  " + core::format_iso(change.on) + "  " + change.status +
             (change.reinstatement ? " (reinstated)" : "") + ": " + change.reason + "\n";
    }
  }
  return out;
}

std::string ce_table(const tracker::Credential& c, const std::vector<CeLine>& lines,
                     const std::optional<renewal::Cycle>& only) {
  std::string out =
      "Continuing education of " + c.number + " (" + c.first_name + " " + c.last_name + ")";
  if (only) {
    out += ", cycle " + std::to_string(only->index) + ": " + core::format_iso(only->start) +
           " to " + core::format_iso(only->expires_on);
  }
  out += "\n";
  std::vector<std::vector<std::string>> rows;
  core::Hours total{};
  std::size_t counted = 0;
  std::size_t voided = 0;
  for (const auto& l : lines) {
    if (only && l.cycle_index() != only->index) {
      continue;
    }
    std::string cycle = l.cycle ? std::to_string(l.cycle->index) : "none: counts for no cycle";
    if (l.entry.voided()) {
      ++voided;
      cycle = "voided: " + l.entry.void_reason;
    } else {
      ++counted;
      total += l.entry.hours;
    }
    rows.push_back({std::to_string(l.entry.id), core::format_iso(l.entry.completed_on),
                    l.entry.hours.to_string(), std::string(rules::to_string(l.entry.category)),
                    std::string(rules::to_string(l.entry.delivery)), l.entry.provider,
                    l.entry.title, cycle});
  }
  out += render_table({"ID", "DATE", "HOURS", "CATEGORY", "DELIVERY", "PROVIDER", "TITLE", "CYCLE"},
                      rows);
  out += std::to_string(counted) + (counted == 1 ? " entry, " : " entries, ") + total.to_string() +
         " hours";
  if (voided > 0) {
    out += "; " + std::to_string(voided) + " voided, not counted";
  }
  out += ".\n";
  return out;
}

Json ce_json(const tracker::Credential& c, const std::vector<CeLine>& lines) {
  Json out = Json::array();
  for (const auto& l : lines) {
    Json j;
    j["id"] = l.entry.id;
    j["credential_number"] = c.number;
    j["completed_on"] = core::format_iso(l.entry.completed_on);
    j["hours"] = exact_number(l.entry.hours);
    j["category"] = std::string(rules::to_string(l.entry.category));
    j["delivery"] = std::string(rules::to_string(l.entry.delivery));
    j["provider"] = l.entry.provider;
    j["title"] = l.entry.title;
    j["cycle"] = l.cycle ? Json(l.cycle->index) : Json(nullptr);
    if (l.cycle) {
      j["cycle_start"] = core::format_iso(l.cycle->start);
      j["cycle_expires_on"] = core::format_iso(l.cycle->expires_on);
    } else {
      j["note"] = "before the credential was issued, or before its CE starts counting: counts "
                  "for no cycle";
    }
    if (l.entry.voided()) {
      j["voided_at"] = l.entry.voided_at;
      j["void_reason"] = l.entry.void_reason;
    }
    out.push_back(std::move(j));
  }
  return out;
}

namespace {

/// A header value on one line: any CR or LF (which no stored value should hold) becomes a space.
std::string header_value(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\r' || c == '\n') {
      c = ' ';
    }
  }
  return out;
}

/// "Sat, 28 Nov 2026 13:45:00 +0000" from "2026-11-28T13:45:00Z".
std::string rfc5322_date(std::string_view iso) {
  const auto day = core::parse_date(iso.substr(0, 10));
  if (!day || iso.size() < 19) {
    return std::string(iso);
  }
  static constexpr std::array<const char*, 7> weekdays{"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const date::weekday wd{date::sys_days{*day}};
  return std::string(weekdays.at(wd.c_encoding())) + ", " +
         std::to_string(static_cast<unsigned>(day->day())) + " " +
         months.at(static_cast<unsigned>(day->month()) - 1) + " " +
         std::to_string(static_cast<int>(day->year())) + " " + std::string(iso.substr(11, 8)) +
         " +0000";
}

} // namespace

ReminderMail reminder_mail(const StatusView& v, int threshold, std::string_view from) {
  const auto& c = v.credential;
  const auto& s = v.status;
  const auto& p = s.current;
  const std::string program = v.program != nullptr ? v.program->name : c.program;
  ReminderMail m;
  m.to = c.email;
  const auto at = from.find('@');
  const std::string domain(at == std::string_view::npos ? std::string_view("peercert.invalid")
                                                        : from.substr(at + 1));
  m.message_id = "<peercert." + c.number + "." + std::to_string(s.period.number) + "." +
                 std::to_string(threshold) + "@" + header_value(domain) + ">";
  const std::string expires = core::format_long(p.cycle.expires_on);
  const int days = s.days_until_expiry;
  if (days < 0) {
    m.subject = "Your credential " + c.number + " has expired";
  } else if (days == 0) {
    m.subject = "Your credential " + c.number + " expires today";
  } else {
    m.subject = "Your credential " + c.number + " expires in " + std::to_string(days) +
                (days == 1 ? " day" : " days");
  }
  std::vector<std::string> lines;
  lines.push_back("Dear " + holder(c) + ",");
  lines.emplace_back();
  if (days < 0) {
    lines.push_back("Your " + program + " credential " + c.number + " expired on " + expires + ".");
    if (s.late_until) {
      lines.push_back("You can still renew it late until " + core::format_long(*s.late_until) +
                      (s.late_fee ? ", with a late fee of " + s.late_fee->to_string() : "") + ".");
    }
  } else {
    lines.push_back("Your " + program + " credential " + c.number + " expires on " + expires +
                    (days == 0
                         ? ", today."
                         : ", in " + std::to_string(days) + (days == 1 ? " day." : " days.")));
  }
  lines.emplace_back();
  if (!p.defined) {
    lines.push_back("Continuing education: " + std::string(not_defined) + ".");
  } else if (p.requirements_met()) {
    lines.push_back("You have completed the " + p.hours_required.to_string() +
                    " hours of continuing education this cycle requires: you are ready to file "
                    "your renewal.");
  } else {
    lines.push_back("Continuing education: " + p.hours_completed.to_string() + " of " +
                    p.hours_required.to_string() +
                    " hours completed. Still needed: " + needed_words(p) + ".");
  }
  lines.push_back("Renewal fee: " + fee_text(s.renewal_fee) + ".");
  lines.emplace_back();
  lines.push_back("If you have already renewed, thank you: please disregard this message.");
  lines.emplace_back();
  lines.push_back("This reminder was sent by peercert for the " + program +
                  " credentialing "
                  "board.");
  for (const auto& line : lines) {
    m.body += line + "\r\n";
  }
  return m;
}

std::string rfc5322(const ReminderMail& m, std::string_view from, std::string_view date) {
  return "From: " + header_value(from) + "\r\nTo: " + header_value(m.to) +
         "\r\nSubject: " + header_value(m.subject) + "\r\nDate: " + rfc5322_date(date) +
         "\r\nMessage-ID: " + header_value(m.message_id) +
         "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
         "Content-Transfer-Encoding: 8bit\r\n\r\n" +
         m.body;
}

void sort_reminders(std::vector<StatusView>& rows, std::string_view key) {
  const auto by = [&](auto project) {
    std::stable_sort(rows.begin(), rows.end(), [&](const StatusView& a, const StatusView& b) {
      return project(a) < project(b);
    });
  };
  if (key == "name") {
    by([](const StatusView& v) {
      return std::tie(v.credential.last_name, v.credential.first_name);
    });
  } else if (key == "program") {
    by([](const StatusView& v) -> const std::string& { return v.credential.program; });
  } else if (key == "status") {
    by([](const StatusView& v) { return v.status.status; });
  } else if (key == "needed") {
    by([](const StatusView& v) { return -v.status.current.hours_needed.hundredths(); });
  }
}

const std::vector<std::string>& reminder_sort_keys() {
  static const std::vector<std::string> keys{"expires", "name", "program", "status", "needed"};
  return keys;
}

ReminderSummary summarize(const std::vector<StatusView>& rows) {
  ReminderSummary out;
  for (const auto& v : rows) {
    ++out.total;
    ++out.by_status[v.status.status];
    ++out.by_program[v.credential.program][v.status.status];
    const auto& p = v.status.current;
    // Ready to file: every CE requirement met, and a renewal still accepted.
    const auto st = v.status.status;
    const bool renewable =
        st == renewal::Status::active || st == renewal::Status::due_soon ||
        st == renewal::Status::initial ||
        (st == renewal::Status::expired && v.status.late_until && v.as_of <= *v.status.late_until);
    out.ready_to_file += renewable && p.defined && p.requirements_met() ? 1U : 0U;
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

std::string expiry_chart_svg(const std::vector<StatusView>& rows, core::Date as_of) {
  constexpr int months = 12;
  std::array<int, months> on_track{};
  std::array<int, months> short_of{};
  const auto first = date::year_month{as_of.year(), as_of.month()};
  for (const auto& v : rows) {
    const auto expires = v.status.current.cycle.expires_on;
    const auto month = date::year_month{expires.year(), expires.month()};
    const int k = (month - first).count();
    if (k < 0 || k >= months) {
      continue;
    }
    const auto& p = v.status.current;
    (p.defined && p.requirements_met() ? on_track : short_of).at(static_cast<std::size_t>(k))++;
  }
  int most = 1;
  for (int k = 0; k < months; ++k) {
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
  for (int k = 0; k < months; ++k) {
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

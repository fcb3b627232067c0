// The reminder email: its words, and the RFC 5322 message sent.
#include "report/ReminderMail.hpp"
#include "report/RenewalReport.hpp"

#include "core/Csv.hpp"
#include "renewal/Fees.hpp"
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

ReminderMail reminder_mail(const StatusView& v, int threshold, std::string_view from,
                           const tracker::BoardSettings& board) {
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
  if (p.defined && !p.requirements.empty()) {
    lines.emplace_back();
    lines.push_back(s.status == renewal::Status::initial
                        ? "Before your full certificate, this certificate asks for:"
                        : "Your renewal asks for:");
    for (const auto& r : p.requirements) {
      const std::string what = r.requirement != nullptr && !r.requirement->description.empty()
                                   ? r.requirement->description
                                   : "Continuing education";
      lines.push_back("- " + what + ": " +
                      (r.waived_by != nullptr ? std::string("waived")
                                              : r.completed.to_string() + " of " +
                                                    r.required.to_string() + " hours done"));
    }
    lines.push_back(p.requirements_met()
                        ? (s.status == renewal::Status::initial
                               ? "Every one is met."
                               : "Every one is met: you are ready to file your renewal.")
                        : "Still needed: " + renewal::describe_needed(p.needed) + ".");
  }
  if (renewal::fee_due(s)) {
    lines.emplace_back();
    lines.push_back("Fee due if you renew today: " + fee_due_text(s) + ".");
  }
  lines.emplace_back();
  lines.push_back("If you have already renewed, thank you: please disregard this message.");
  lines.emplace_back();
  lines.push_back("-- ");
  const std::string who = !board.board_name.empty() ? board.board_name
                          : v.program != nullptr    ? v.program->board
                                                    : std::string{};
  if (!who.empty()) {
    lines.push_back(who);
  }
  if (!board.address.empty()) {
    lines.push_back(board.address);
  }
  if (!board.renew_url.empty()) {
    lines.push_back("Renew online: " + board.renew_url);
  }
  if (!board.contact.empty()) {
    lines.push_back("Questions: " + board.contact);
  }
  if (board.renew_url.empty() && board.contact.empty()) {
    lines.push_back("To renew, reply to this message or write to " + std::string(from) + ".");
  }
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

} // namespace peercert::report

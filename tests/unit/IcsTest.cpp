#include "report/ReminderReport.hpp"
#include "report/RenewalReport.hpp"
#include "report/TrackerReport.hpp"
#include "rules/RuleFile.hpp"

#include <sstream>

#include <catch2/catch.hpp>

using namespace peercert;

TEST_CASE("iCalendar text is escaped", "[ics]") {
  CHECK(report::ics_escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne");
}

TEST_CASE("iCalendar lines fold at 75 octets with CRLF and a space", "[ics]") {
  CHECK(report::ics_line("SUMMARY:short") == "SUMMARY:short\r\n");
  const std::string long_line = "DESCRIPTION:" + std::string(200, 'x');
  const std::string folded = report::ics_line(long_line);
  std::string unfolded;
  std::size_t start = 0;
  while (start < folded.size()) {
    const auto end = folded.find("\r\n", start);
    REQUIRE(end != std::string::npos);
    const auto line = folded.substr(start, end - start);
    CHECK(line.size() <= 75);
    unfolded += start == 0 ? line : line.substr(1);
    if (start > 0) {
      CHECK(line.front() == ' ');
    }
    start = end + 2;
  }
  CHECK(unfolded == long_line);
}

TEST_CASE("iCalendar folding never splits a UTF-8 character", "[ics]") {
  std::string line = "SUMMARY:";
  for (int i = 0; i < 60; ++i) {
    line += "é"; // two octets each
  }
  const std::string folded = report::ics_line(line);
  std::size_t start = 0;
  while (start < folded.size()) {
    const auto end = folded.find("\r\n", start);
    const auto physical = folded.substr(start, end - start);
    CHECK(physical.size() <= 75);
    // A physical line never starts with a continuation byte after the folding space.
    const auto first = start == 0 ? physical : physical.substr(1);
    CHECK((static_cast<unsigned char>(first.front()) & 0xC0U) != 0x80U);
    start = end + 2;
  }
}

TEST_CASE("HTML and spreadsheet cells are made safe", "[report]") {
  CHECK(report::html_escape("<b>\"Tom & Jerry's\"</b>") ==
        "&lt;b&gt;&quot;Tom &amp; Jerry&#39;s&quot;&lt;/b&gt;");
  CHECK(report::spreadsheet_safe("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")");
  CHECK(report::spreadsheet_safe("+1 573") == "'+1 573");
  CHECK(report::spreadsheet_safe("-5") == "'-5");
  CHECK(report::spreadsheet_safe("@SUM") == "'@SUM");
  CHECK(report::spreadsheet_safe("Jane") == "Jane");
}

TEST_CASE("streamed reminder JSON is the same text as the whole array", "[report]") {
  using namespace date::literals;
  static const auto program = rules::load_program(PEERCERT_TEST_RULES_DIR, "MO-CPS");
  std::vector<report::StatusView> rows;
  for (int i = 0; i < 3; ++i) {
    tracker::Credential c;
    c.number = "MO-CPS-00000" + std::to_string(i);
    c.program = "MO-CPS";
    c.issued_on = core::Date{2024_y / date::dec / 1};
    c.first_name = "A";
    c.last_name = "B";
    c.email = i == 1 ? "" : "a@example.org";
    const core::Date as_of{2026_y / date::nov / 24};
    const renewal::Schedule schedule(program, {c.issued_on, {}, {}});
    rows.push_back({c, &program, renewal::status(program, schedule, 0, {}, as_of), as_of, {}});
  }
  for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{3}}) {
    const std::vector<report::StatusView> some(rows.begin(),
                                               rows.begin() + static_cast<std::ptrdiff_t>(n));
    std::ostringstream streamed;
    report::write_reminders_json(streamed, some);
    CHECK(streamed.str() == report::reminders_json(some).dump(2) + "\n");
  }
}

#include "report/RenewalReport.hpp"
#include "report/TrackerReport.hpp"

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

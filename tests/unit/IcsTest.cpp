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

namespace {

/// Rows of varied names, programs, statuses, hours needed and expiries, in expiry order.
std::vector<report::StatusView> varied_rows(std::size_t n) {
  using namespace date::literals;
  static const auto program = rules::load_program(PEERCERT_TEST_RULES_DIR, "MO-CPS");
  const core::Date as_of{2026_y / date::nov / 24};
  std::vector<report::StatusView> rows;
  std::uint32_t seed = 7;
  const auto next = [&seed](std::uint32_t below) {
    seed = seed * 1103515245U + 12345U;
    return (seed >> 16) % below;
  };
  for (std::size_t i = 0; i < n; ++i) {
    tracker::Credential c;
    c.number = "MO-CPS-" + std::to_string(100000 + i);
    c.program = next(3) == 0 ? "TX-MHPS" : "MO-CPS";
    c.issued_on = core::Date{2024_y / date::dec / 1};
    c.first_name = std::string(1, static_cast<char>('A' + next(4)));
    c.last_name = std::string(1, static_cast<char>('K' + next(5)));
    const renewal::Schedule schedule(program, {c.issued_on, {}, {}});
    report::StatusView v{c, &program, renewal::status(program, schedule, 0, {}, as_of), as_of, {}};
    v.status.status = renewal::all_statuses().at(next(7));
    v.status.current.hours_needed = core::Hours::from_hundredths(next(4) * 250);
    v.status.current.cycle.expires_on = core::add_days(as_of, static_cast<int>(i / 3) * 11 - 40);
    rows.push_back(std::move(v));
  }
  return rows;
}

std::vector<std::string> numbers(const std::vector<report::StatusView>& rows) {
  std::vector<std::string> out;
  for (const auto& v : rows) {
    out.push_back(v.credential.number);
  }
  return out;
}

} // namespace

TEST_CASE("a reminder page fed row by row is that page of the whole report in its order",
          "[report]") {
  for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{20},
                              std::size_t{21}, std::size_t{95}}) {
    const auto rows = varied_rows(n);
    for (const auto& key : report::reminder_sort_keys()) {
      auto sorted = rows;
      report::sort_reminders(sorted, key);
      const std::size_t size = 7;
      const std::size_t pages = std::max<std::size_t>(1, (n + size - 1) / size);
      for (std::size_t page = 1; page <= pages + 2; ++page) {
        report::ReminderPage paged(key, page, size);
        for (auto v : rows) {
          paged.add(std::move(v));
        }
        INFO(n << " rows, order " << key << ", page " << page);
        CHECK(paged.total() == n);
        CHECK(paged.pages() == pages);
        const std::size_t shown = std::min(page, pages);
        CHECK(paged.page() == shown);
        const auto first = static_cast<std::ptrdiff_t>((shown - 1) * size);
        const auto last = static_cast<std::ptrdiff_t>(std::min(n, shown * size));
        const std::vector<report::StatusView> expected(sorted.begin() + first,
                                                       sorted.begin() + last);
        CHECK(numbers(paged.take_rows()) == numbers(expected));
      }
    }
  }
}

TEST_CASE("the summary and chart fed row by row count what they count of the whole report",
          "[report]") {
  using namespace date::literals;
  const core::Date as_of{2026_y / date::nov / 24};
  const auto rows = varied_rows(95);
  report::ExpiryChart chart(as_of);
  report::ReminderSummary summary;
  for (const auto& v : rows) {
    chart.add(v);
    summary.add(v);
  }
  CHECK(chart.svg() == report::expiry_chart_svg(rows, as_of));
  CHECK(report::summary_json(summary) == report::summary_json(report::summarize(rows)));
  CHECK(summary.total == 95);
  // Some months drawn, some rows before and after the chart's months left out.
  CHECK(chart.svg().find(" on track, ") != std::string::npos);
  CHECK(chart.svg() != report::ExpiryChart(as_of).svg());
}

TEST_CASE("reminder calendars and JSON appended row by row are the whole report's text",
          "[report]") {
  const auto rows = varied_rows(5);
  for (std::size_t n = 0; n <= rows.size(); ++n) {
    const std::vector<report::StatusView> some(rows.begin(),
                                               rows.begin() + static_cast<std::ptrdiff_t>(n));
    std::string ics = report::reminders_ics_header();
    std::string json;
    for (std::size_t i = 0; i < some.size(); ++i) {
      report::append_reminder_ics(ics, some[i], "2026-11-24T12:00:00Z");
      report::append_reminder_json(json, some[i], i == 0);
    }
    ics += report::reminders_ics_footer();
    report::end_reminders_json(json, !some.empty());
    CHECK(ics == report::reminders_ics(some, "2026-11-24T12:00:00Z"));
    CHECK(json == report::reminders_json(some).dump(2) + "\n");
  }
}

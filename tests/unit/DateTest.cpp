#include "core/Date.hpp"
#include "core/Error.hpp"

#include <catch2/catch.hpp>

using namespace date::literals;
using peercert::core::add_days;
using peercert::core::add_years;
using peercert::core::age_on;
using peercert::core::Date;
using peercert::core::days_between;
using peercert::core::format_iso;
using peercert::core::format_long;
using peercert::core::parse_date;

static_assert(!(2026_y / date::feb / 30).ok(), "an impossible date is a value to test");
static_assert((2024_y / date::feb / 29).ok());

TEST_CASE("parse_date reads exactly YYYY-MM-DD", "[date]") {
  CHECK(parse_date("2026-11-24") == Date{2026_y / date::nov / 24});
  CHECK(parse_date("2024-02-29") == Date{2024_y / date::feb / 29});
  CHECK(parse_date("0001-01-01").has_value());
}

TEST_CASE("parse_date refuses impossible and malformed dates", "[date]") {
  for (const char* bad : {"2026-02-30", "2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31",
                          "2026-1-01", "26-01-01", "2026/01/01", "2026-01-01T00:00", " 2026-01-01",
                          "", "yyyy-mm-dd", "+026-01-01", "2026-01-0a"}) {
    INFO(bad);
    CHECK_FALSE(parse_date(bad).has_value());
  }
}

TEST_CASE("parse_date_field names the field, never the value", "[date]") {
  try {
    peercert::core::parse_date_field("1999-02-31", "date_of_birth");
    FAIL("no error");
  } catch (const peercert::core::InputError& e) {
    const std::string message = e.what();
    CHECK(message.find("date_of_birth") != std::string::npos);
    CHECK(message.find("1999-02-31") == std::string::npos);
    CHECK(e.status() == peercert::core::ExitStatus::bad_input);
    CHECK(e.field() == "date_of_birth");
    // Said again of the name the person typed or saw, without the field's id.
    CHECK(e.said_of("--date-of-birth") ==
          "--date-of-birth is not a valid date: write it as YYYY-MM-DD, for example 2001-04-09.");
    CHECK(e.said_of("This answer").find("date_of_birth") == std::string::npos);
  }
}

TEST_CASE("an input error not made about a field is said as it is", "[date]") {
  const peercert::core::InputError e("There is no credential X.");
  CHECK(e.said_of("--credential") == "There is no credential X.");
}

TEST_CASE("dates format for files and for people", "[date]") {
  CHECK(format_iso(Date{2026_y / date::mar / 1}) == "2026-03-01");
  CHECK(format_iso(Date{987_y / date::dec / 31}) == "0987-12-31");
  CHECK(format_long(Date{2026_y / date::nov / 25}) == "25 November 2026");
  CHECK(format_long(Date{2026_y / date::mar / 1}) == "1 March 2026");
}

TEST_CASE("add_years moves a missing 29 February to 1 March", "[date]") {
  CHECK(add_years(Date{2008_y / date::feb / 29}, 18) == Date{2026_y / date::mar / 1});
  CHECK(add_years(Date{2008_y / date::feb / 29}, 4) == Date{2012_y / date::feb / 29});
  CHECK(add_years(Date{2024_y / date::feb / 29}, 2) == Date{2026_y / date::mar / 1});
  CHECK(add_years(Date{2023_y / date::feb / 28}, 1) == Date{2024_y / date::feb / 28});
  CHECK(add_years(Date{2026_y / date::nov / 24}, 2) == Date{2028_y / date::nov / 24});
  CHECK(add_years(Date{2026_y / date::mar / 1}, -2) == Date{2024_y / date::mar / 1});
}

TEST_CASE("age_on counts whole years", "[date]") {
  const Date birth{2008_y / date::nov / 25};
  CHECK(age_on(birth, Date{2026_y / date::nov / 24}) == 17);
  CHECK(age_on(birth, Date{2026_y / date::nov / 25}) == 18);
  CHECK(age_on(birth, birth) == 0);
}

TEST_CASE("someone born on 29 February turns a year older on 1 March in common years", "[date]") {
  const Date leap{2008_y / date::feb / 29};
  CHECK(age_on(leap, Date{2026_y / date::feb / 28}) == 17);
  CHECK(age_on(leap, Date{2026_y / date::mar / 1}) == 18);
  CHECK(age_on(leap, Date{2028_y / date::feb / 28}) == 19);
  CHECK(age_on(leap, Date{2028_y / date::feb / 29}) == 20);
}

TEST_CASE("add_months moves a day the month lacks to the 1st of the next month", "[date]") {
  using peercert::core::add_months;
  CHECK(add_months(Date{2026_y / date::jan / 31}, 1) == Date{2026_y / date::mar / 1});
  CHECK(add_months(Date{2028_y / date::jan / 31}, 1) == Date{2028_y / date::mar / 1});
  CHECK(add_months(Date{2028_y / date::jan / 29}, 1) == Date{2028_y / date::feb / 29});
  CHECK(add_months(Date{2027_y / date::jan / 29}, 1) == Date{2027_y / date::mar / 1});
  CHECK(add_months(Date{2026_y / date::aug / 31}, 6) == Date{2027_y / date::mar / 1});
  CHECK(add_months(Date{2026_y / date::jun / 30}, 6) == Date{2026_y / date::dec / 30});
  CHECK(add_months(Date{2026_y / date::dec / 15}, 1) == Date{2027_y / date::jan / 15});
  CHECK(add_months(Date{2026_y / date::mar / 31}, -1) == Date{2026_y / date::mar / 1});
  CHECK(add_months(Date{2024_y / date::feb / 29}, 12) == Date{2025_y / date::mar / 1});
  CHECK(add_months(Date{2024_y / date::feb / 29}, 48) == Date{2028_y / date::feb / 29});
  // Twelve months are a year, under the same policy.
  for (Date d{2023_y / date::jan / 1}; d < Date{2029_y / date::jan / 1};
       d = peercert::core::add_days(d, 1)) {
    REQUIRE(add_months(d, 12) == add_years(d, 1));
    REQUIRE(add_months(d, 24) == add_years(d, 2));
  }
}

TEST_CASE("age_on and add_years agree on every day", "[date]") {
  // For each birth date over eight years (two leap cycles) and each day around its 18th
  // birthday, "age at least 18" must hold exactly from add_years(birth, 18) on.
  for (Date birth{2000_y / date::jan / 1}; birth < Date{2008_y / date::jan / 1};
       birth = add_days(birth, 1)) {
    const Date turns = add_years(birth, 18);
    for (int offset = -3; offset <= 3; ++offset) {
      const Date on = add_days(turns, offset);
      INFO(format_iso(birth) << " on " << format_iso(on));
      REQUIRE((age_on(birth, on) >= 18) == (on >= turns));
    }
  }
}

TEST_CASE("days_between and add_days are inverse", "[date]") {
  const Date a{2026_y / date::nov / 24};
  CHECK(days_between(a, add_days(a, 90)) == 90);
  CHECK(days_between(add_days(a, 90), a) == -90);
  CHECK(add_days(Date{2024_y / date::feb / 28}, 1) == Date{2024_y / date::feb / 29});
  CHECK(add_days(Date{2026_y / date::dec / 31}, 1) == Date{2027_y / date::jan / 1});
}

TEST_CASE("a board's dates are read in the order its sheet writes them", "[date][moving-in]") {
  using peercert::core::DateOrder;
  using peercert::core::parse_date_in;
  CHECK(parse_date_in("3/15/2018", DateOrder::month_first) == 2018_y / date::mar / 15);
  CHECK(parse_date_in("03/15/2018", DateOrder::month_first) == 2018_y / date::mar / 15);
  CHECK(parse_date_in("15/3/2018", DateOrder::day_first) == 2018_y / date::mar / 15);
  CHECK(parse_date_in("15.03.2018", DateOrder::day_first) == 2018_y / date::mar / 15);
  CHECK(parse_date_in("2018-03-15", DateOrder::month_first) == 2018_y / date::mar / 15);
  CHECK_FALSE(parse_date_in("15/3/2018", DateOrder::month_first));
  CHECK_FALSE(parse_date_in("2/29/2019", DateOrder::month_first));
  CHECK(parse_date_in("2/29/2020", DateOrder::month_first) == 2020_y / date::feb / 29);
  CHECK_FALSE(parse_date_in("3/15/18", DateOrder::month_first)); // which century?
  CHECK_FALSE(parse_date_in("3/15-2018", DateOrder::month_first));
  CHECK_FALSE(parse_date_in("3/15/2018", DateOrder::iso));
  CHECK_FALSE(parse_date_in("", DateOrder::month_first));
  CHECK_FALSE(parse_date_in("/15/2018", DateOrder::month_first));
  CHECK(peercert::core::date_order_from_name("mm/dd/yyyy") == DateOrder::month_first);
  CHECK(peercert::core::date_order_from_name("DD/MM/YYYY") == DateOrder::day_first);
  CHECK_FALSE(peercert::core::date_order_from_name("M/D/Y"));
}

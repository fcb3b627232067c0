#include "core/Hours.hpp"
#include "core/Money.hpp"

#include <catch2/catch.hpp>

using peercert::core::Hours;
using peercert::core::Money;

TEST_CASE("hours parse exactly to the hundredth", "[hours]") {
  CHECK(Hours::parse("20")->hundredths() == 2000);
  CHECK(Hours::parse("1.5")->hundredths() == 150);
  CHECK(Hours::parse("1.25")->hundredths() == 125);
  CHECK(Hours::parse("0.01")->hundredths() == 1);
  CHECK(Hours::parse("007")->hundredths() == 700);
}

TEST_CASE("0.1 + 0.2 + 5.7 hours make exactly 6", "[hours]") {
  const Hours sum = *Hours::parse("0.1") + *Hours::parse("0.2") + *Hours::parse("5.7");
  CHECK(sum == Hours::whole(6));
  CHECK(sum.to_string() == "6.00");
}

TEST_CASE("hours that cannot be exact are refused", "[hours]") {
  for (const char* bad : {"1.255", "-1", "+1", "1e2", " 1", "1 ", "1.", ".5", "", "1,5", "one",
                          "1.2.3", "NaN", "inf", "9999999999999999"}) {
    INFO(bad);
    CHECK_FALSE(Hours::parse(bad).has_value());
  }
}

TEST_CASE("hours print with two decimals or as few as needed", "[hours]") {
  CHECK(Hours::from_hundredths(1650).to_string() == "16.50");
  CHECK(Hours::from_hundredths(1650).to_short_string() == "16.5");
  CHECK(Hours::whole(20).to_short_string() == "20");
  CHECK(Hours::from_hundredths(5).to_string() == "0.05");
  CHECK(Hours::from_hundredths(-400).to_string() == "-4.00");
}

TEST_CASE("money parses dollars and cents exactly", "[money]") {
  CHECK(Money::parse("75")->cents() == 7500);
  CHECK(Money::parse("75.00")->cents() == 7500);
  CHECK(Money::parse("$70.5")->cents() == 7050);
  CHECK_FALSE(Money::parse("75.001").has_value());
  CHECK_FALSE(Money::parse("-75").has_value());
  CHECK_FALSE(Money::parse("$").has_value());
  CHECK_FALSE(Money::parse("$$75").has_value());
  CHECK(Money::from_cents(7500).to_string() == "$75.00");
  CHECK(Money::from_cents(7005).to_plain_string() == "70.05");
  CHECK(Money::parse("70") < Money::parse("75"));
}

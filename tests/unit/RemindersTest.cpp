#include "renewal/Reminders.hpp"
#include "core/Error.hpp"

#include <catch2/catch.hpp>

using namespace peercert;
using namespace peercert::renewal;

TEST_CASE("a program's reminder thresholds start at its reminder window") {
  CHECK(reminder_thresholds(90) == std::vector{90, 60, 30});
  CHECK(reminder_thresholds(120) == std::vector{120, 90, 60, 30}); // DC-CPS
  CHECK(reminder_thresholds(45) == std::vector{45, 30});
  CHECK(reminder_thresholds(30) == std::vector{30});
}

TEST_CASE("the reminder due is the nearest threshold reached, once expired the expired one") {
  const std::vector thresholds{90, 60, 30};
  CHECK_FALSE(due_threshold(91, thresholds));
  CHECK(due_threshold(90, thresholds) == 90);
  CHECK(due_threshold(61, thresholds) == 90);
  CHECK(due_threshold(45, thresholds) == 60); // a first run sends one message, not two
  CHECK(due_threshold(25, thresholds) == 30);
  CHECK(due_threshold(0, thresholds) == 30); // the last day is still before expiry
  CHECK(due_threshold(-1, thresholds) == expired_threshold);
}

TEST_CASE("thresholds staff type are whole days, descending") {
  CHECK(parse_thresholds("90,60,30") == std::vector{90, 60, 30});
  CHECK(parse_thresholds("120") == std::vector{120});
  CHECK_THROWS_WITH(parse_thresholds("30,60", "--thresholds"),
                    "--thresholds must run from the most days to the fewest, such as 90,60,30; "
                    "60 follows 30.");
  for (const auto* bad : {"", "90,,30", "90, 60", "ninety", "0", "-30", "90,60,30,", "1.5"}) {
    INFO(bad);
    CHECK_THROWS_AS(parse_thresholds(bad), core::InputError);
  }
  CHECK_THROWS_AS(parse_thresholds("60,60"), core::InputError);
}

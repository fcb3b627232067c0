#include "cli/Check.hpp"
#include "core/Error.hpp"
#include "rules/RuleFile.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace peercert;
using namespace date::literals;

namespace {

struct Run {
  int status;
  std::string out;
  std::string err;
};

Run batch(const std::string& csv, const std::string& format = "csv") {
  static const auto p = rules::load_program(PEERCERT_TEST_RULES_DIR, "MO-CPS");
  std::istringstream in(csv);
  std::ostringstream out;
  std::ostringstream err;
  const int status =
      cli::run_batch(p, in, "a.csv", core::Date{2026_y / date::nov / 24}, format, out, err);
  return {status, out.str(), err.str()};
}

const std::string header =
    "id,date_of_birth,education,lived_experience,background_check,registry_check\n";

} // namespace

TEST_CASE("batch writes one row per applicant", "[batch]") {
  const auto r = batch(header + "a1,1990-01-01,ged,true,passed,passed\n"
                                "a2,2008-11-25,ged,yes,passed,passed\n"
                                "a3,1990-01-01,,true,passed,pending\n"
                                "a4,1990-01-01,none,no,failed,passed\n");
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out == "id,outcome,eligible_on,unmet\r\n"
                 "a1,eligible,,\r\n"
                 "a2,not_eligible,2026-11-25,age\r\n"
                 "a3,undetermined,,\r\n"
                 "a4,not_eligible,,education;lived_experience;background_checks\r\n");
}

TEST_CASE("batch columns may come in any order and facts may be left out", "[batch]") {
  const auto r = batch("education,id\nged,x\n", "json");
  CHECK(r.status == 0);
  CHECK(r.out == "{\"id\":\"x\",\"outcome\":\"undetermined\",\"eligible_on\":null,\"unmet\":[]}\n");
}

TEST_CASE("a bad row is reported with its line and the run goes on", "[batch]") {
  const auto r = batch(header + "a1,1990-01-01,ged,true,passed,passed\n"
                                "a2,1990-01-01,ged,true,passed\n"
                                "a3,1990-02-30,ged,true,passed,passed\n"
                                "a4,1990-01-01,phd,true,passed,passed\n"
                                ",1990-01-01,ged,true,passed,passed\n"
                                "a6,2027-01-01,ged,true,passed,passed\n"
                                "a7,1990-01-01,ged,true,passed,passed\n");
  CHECK(r.status == 2);
  CHECK(r.out == "id,outcome,eligible_on,unmet\r\na1,eligible,,\r\na7,eligible,,\r\n");
  CHECK(r.err == "a.csv line 3: expected 6 fields, found 5.\n"
                 "a.csv line 4: date_of_birth is not a valid date: write it as YYYY-MM-DD, for "
                 "example 2001-04-09.\n"
                 "a.csv line 5: education must be one of none, high_school_diploma, ged, "
                 "associate, bachelor, master, doctorate.\n"
                 "a.csv line 6: id is empty.\n"
                 "a.csv line 7: date_of_birth is after the as-of date 2026-11-24.\n"
                 "a.csv: 5 rows were not checked.\n");
}

TEST_CASE("a bad header stops the batch before any output", "[batch]") {
  CHECK_THROWS_WITH(batch("id,shoe_size\n1,9\n"),
                    Catch::StartsWith("a.csv line 1: unknown column \"shoe_size\""));
  CHECK_THROWS_WITH(batch("education,registry_check\n"),
                    "a.csv line 1: the header has no id column.");
  CHECK_THROWS_WITH(batch("id,education,education\n"),
                    "a.csv line 1: the column education appears twice.");
  CHECK_THROWS_WITH(batch(""), Catch::StartsWith("a.csv is empty"));
}

TEST_CASE("a quoted field never closed ends the batch with its line", "[batch]") {
  const auto r = batch(header + "a1,1990-01-01,ged,true,passed,passed\n\"a2,1990\n");
  CHECK(r.status == 2);
  CHECK(r.out == "id,outcome,eligible_on,unmet\r\na1,eligible,,\r\n");
  CHECK(r.err == "a.csv line 3: a quoted field is not closed.\n");
}

TEST_CASE("a long batch keeps its rows and its messages in file order", "[batch]") {
  // Enough rows for several of the chunks handed between the reading and judging threads,
  // with bad rows of both kinds (found when read, found when judged) across their edges.
  std::string csv = header;
  std::string out = "id,outcome,eligible_on,unmet\r\n";
  std::string err;
  std::size_t bad = 0;
  for (int i = 1; i <= 5000; ++i) {
    const std::string id = "a" + std::to_string(i);
    const std::string line = std::to_string(i + 1);
    if (i % 1021 == 0) {
      csv += id + ",1990-01-01,ged,true,passed\n";
      err += "a.csv line " + line + ": expected 6 fields, found 5.\n";
      ++bad;
    } else if (i % 1031 == 0) {
      csv += id + ",2027-01-01,ged,true,passed,passed\n";
      err += "a.csv line " + line + ": date_of_birth is after the as-of date 2026-11-24.\n";
      ++bad;
    } else if (i % 2 == 0) {
      csv += id + ",1990-01-01,ged,true,passed,passed\n";
      out += id + ",eligible,,\r\n";
    } else {
      csv += id + ",1990-01-01,none,true,passed,pending\n";
      out += id + ",not_eligible,,education\r\n";
    }
  }
  const auto r = batch(csv + "\"never closed\n");
  CHECK(r.status == 2);
  CHECK(r.out == out);
  CHECK(r.err == err + "a.csv line 5002: a quoted field is not closed.\n");
  CHECK(bad == 8);
}

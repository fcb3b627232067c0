#include "report/CheckReport.hpp"
#include "report/Text.hpp"
#include "rules/RuleFile.hpp"

#include <catch2/catch.hpp>

using namespace peercert;
using namespace date::literals;

namespace {
report::CheckAnswer answer_for(const rules::Program& p, const rules::Facts& f, core::Date on) {
  return {&p, on, rules::assess(p, f, on), rules::next_steps(p, on)};
}
} // namespace

TEST_CASE("check JSON follows the contract", "[report]") {
  const auto p = rules::load_program(PEERCERT_TEST_RULES_DIR, "MO-CPS");
  rules::Facts f;
  f.set(rules::FactId::date_of_birth, core::Date{2008_y / date::nov / 25});
  f.set(rules::FactId::education, rules::Education::ged);
  f.set(rules::FactId::lived_experience, true);
  f.set(rules::FactId::background_check, rules::CheckStatus::passed);
  f.set(rules::FactId::registry_check, rules::CheckStatus::passed);
  const auto json = report::check_json(answer_for(p, f, core::Date{2026_y / date::nov / 24}));

  std::vector<std::string> keys;
  for (const auto& [k, v] : json.items()) {
    keys.push_back(k);
  }
  CHECK(keys == std::vector<std::string>{"program", "as_of", "outcome", "eligible_on", "rules",
                                         "next_steps"});
  CHECK(json["program"] == "MO-CPS");
  CHECK(json["as_of"] == "2026-11-24");
  CHECK(json["outcome"] == "not_eligible");
  CHECK(json["eligible_on"] == "2026-11-25");
  REQUIRE(json["rules"].size() == 4);
  CHECK(json["rules"][0]["id"] == "age");
  CHECK(json["rules"][0]["outcome"] == "not_met");
  CHECK(json["rules"][0]["source"].get<std::string>().find("Texas") != std::string::npos);
  CHECK(json["rules"][0]["to_confirm"] == true);
  CHECK(json["rules"][1]["outcome"] == "met");
  CHECK(json["next_steps"].size() == 5);
  CHECK(json["next_steps"][3]["description"].get<std::string>().find("$75.00") !=
        std::string::npos);
}

TEST_CASE("batch rows list the unmet criteria", "[report]") {
  const auto p = rules::load_program(PEERCERT_TEST_RULES_DIR, "TX-MHPS");
  rules::Facts f;
  f.set(rules::FactId::education, rules::Education::none);
  f.set(rules::FactId::lived_experience, false);
  const auto a = rules::assess(p, f, core::Date{2026_y / date::nov / 24}, rules::Explain::no);
  std::vector<rules::Outcome> outcomes;
  std::string csv;
  report::append_batch_csv(csv, report::batch_row("A, 1", a, outcomes));
  CHECK(csv == "\"A, 1\",not_eligible,,lived_experience;education\r\n");
  std::string json;
  report::append_batch_json(json, report::batch_row("A \"1\"", a, outcomes));
  CHECK(json == "{\"id\":\"A \\\"1\\\"\",\"outcome\":\"not_eligible\",\"eligible_on\":null,"
                "\"unmet\":[\"lived_experience\",\"education\"]}\n");
}

TEST_CASE("batch JSON rows are the JSON a library writes, for any id", "[report]") {
  const auto p = rules::load_program(PEERCERT_TEST_RULES_DIR, "TX-MHPS");
  const auto a =
      rules::assess(p, rules::Facts{}, core::Date{2026_y / date::nov / 24}, rules::Explain::no);
  std::vector<rules::Outcome> outcomes;
  for (const std::string id : {"plain", "tab\there", "bell\x07 and \x1f", "back\\slash",
                               "caf\xC3\xA9 \xE2\x80\x94", "line\r\nbreak", "\x7f"}) {
    std::string line;
    report::append_batch_json(line, report::batch_row(id, a, outcomes));
    const auto parsed = report::Json::parse(line);
    CHECK(parsed["id"] == id);
    CHECK(line == parsed.dump() + "\n");
  }
}

TEST_CASE("text wraps at spaces and tables align", "[report]") {
  CHECK(report::wrap("one two three four", 9, "  ") == "one two\n  three\n  four");
  CHECK(report::wrap("", 10, "") == "");
  CHECK(report::display_width("“é”") == 3);
  CHECK(report::render_table({"A", "LONG"}, {{"xyz", "1"}, {"q", "22"}}) ==
        "A    LONG\n---  ----\nxyz  1\nq    22\n");
}

TEST_CASE("rules show JSON gives each value with its source or null", "[report]") {
  const auto p = rules::load_program(PEERCERT_TEST_RULES_DIR, "TX-MHPS");
  const auto json = report::program_json(p, core::Date{2026_y / date::nov / 24});
  CHECK(json["renewal"]["every_years"]["value"] == 2);
  CHECK(json["renewal"]["every_years"]["source"] == "tac-354-3207");
  CHECK(json["renewal"]["fee"].is_null());
  CHECK(json["training"]["hours"].is_null());
  CHECK(json["renewal"]["requirements"][1]["hours"]["value"] == 3);
  CHECK(json["renewal"]["requirements"][1]["categories"] == report::Json::array({"ethics"}));
  CHECK(json["renewal"]["requirements"][0]["categories"] ==
        report::Json::array({"ethics", "general"}));
  CHECK(json["renewal"]["hours_required"] == 20);
  CHECK(json["renewal"]["cycle"]["kind"] == "anniversary");
  CHECK(json["initial"]["months"]["value"] == 6);
  CHECK(json["initial"]["requirements"][0]["categories"] ==
        report::Json::array({"supervised_work"}));
  CHECK(json["reactivation"].is_null());
  CHECK(json["renewal"]["requirements"][1]["delivery"].is_null());
}

TEST_CASE("exact amounts are JSON numbers as written", "[report]") {
  CHECK(report::exact_number(std::int64_t{7000}).dump() == "70");
  CHECK(report::exact_number(std::int64_t{1650}).dump() == "16.5");
  CHECK(report::exact_number(std::int64_t{5}).dump() == "0.05");
  CHECK(report::exact_number(std::int64_t{1234567}).dump() == "12345.67");
  CHECK(report::exact_number(std::int64_t{0}).dump() == "0");
}

#include "rules/RuleFile.hpp"
#include "TempDir.hpp"
#include "TestPrograms.hpp"
#include "core/Error.hpp"
#include "rules/Eligibility.hpp"
#include "rules/RuleTests.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

#include <fstream>

using namespace peercert;
using namespace date::literals;
using test::age_criterion;
using test::rule_file;

namespace {
/// The message a rule file is refused with.
std::string refusal(const std::string& text, std::string_view expected_id = "T") {
  try {
    rules::parse_program(text, "t.toml", expected_id);
  } catch (const core::RuleFileError& e) {
    CHECK(e.status() == core::ExitStatus::bad_input);
    return e.what();
  }
  return "loaded";
}
} // namespace

TEST_CASE("a minimal rule file loads", "[rulefile]") {
  const auto p = test::program(age_criterion);
  CHECK(p.id == "T");
  REQUIRE(p.criteria.size() == 1);
  CHECK(std::get<rules::MinAge>(p.criteria[0].condition.node).years == 18);
  CHECK(p.facts_used() == std::vector<rules::FactId>{rules::FactId::date_of_birth});
}

TEST_CASE("the real rule files load", "[rulefile]") {
  const auto mo = rules::load_program(PEERCERT_TEST_RULES_DIR, "MO-CPS");
  const core::Date today{2026_y / date::nov / 24};
  CHECK(mo.certification.application_fee.in_force(today)->value.cents() == 7500);
  CHECK(mo.renewal.fee.in_force(today)->value.cents() == 7000);
  CHECK(mo.training.cohort_capacity.in_force(today)->value == 30);
  CHECK(mo.training.notify_days_before.in_force(today)->value == 14);
  CHECK(mo.training.hours.in_force(today)->value == core::Hours::whole(35));
  REQUIRE(mo.renewal.requirements.size() == 2);
  CHECK(mo.renewal.requirements[1].hours.in_force(today)->value == core::Hours::whole(6));
  CHECK(mo.renewal.requirements[1].delivery == rules::CeDelivery::live);
  CHECK_FALSE(mo.renewal.reminder_days.defined());

  const auto tx = rules::load_program(PEERCERT_TEST_RULES_DIR, "TX-MHPS");
  CHECK_FALSE(tx.renewal.fee.defined());
  CHECK(tx.renewal.fresh_checks.in_force(today)->value.size() == 2);
  CHECK(tx.facts_used().size() == 7);
  CHECK(tx.initial.defined());
  for (const auto& c : tx.citations()) {
    INFO(c.what);
    CHECK_FALSE(c.source.empty());
  }
}

TEST_CASE("an unknown program lists the programs there", "[rulefile]") {
  CHECK_THROWS_WITH(rules::load_program(PEERCERT_TEST_RULES_DIR, "XX-CPS"),
                    Catch::Contains("Unknown program \"XX-CPS\"") &&
                        Catch::Contains("\"CA-CMPSS\", \"DC-CPS\", \"FL-CRPS\", \"GA-CPS\"") &&
                        Catch::Contains("\"UT-PSS\", \"VA-PRS\", \"WA-CPSS\"."));
}

TEST_CASE("a typo in a key fails with its line and a suggestion", "[rulefile]") {
  const std::string text = rule_file("[[criteria]]\n" // line 9
                                     "id = \"age\"\n" // 10
                                     "description = \"Be 18\"\n"
                                     "min_age = 18\n"
                                     "sorce = \"s\"\n"); // 13
  CHECK(refusal(text) ==
        "t.toml:13:1: unknown key \"sorce\" in [[criteria]]; did you mean \"source\"?");
}

TEST_CASE("an unknown top-level key lists what is allowed", "[rulefile]") {
  CHECK(refusal(rule_file(std::string(age_criterion)).insert(0, "colour = \"red\"\n"))
            .starts_with("t.toml:1:1: unknown key \"colour\" in the rule file; expected "));
}

TEST_CASE("rule files are refused with the line and a sentence", "[rulefile]") {
  SECTION("a value without a source") {
    CHECK(refusal(rule_file("[[criteria]]\nid = \"age\"\ndescription = \"d\"\nmin_age = 18\n")) ==
          "t.toml:9:1: criterion \"age\" has no \"source\": every rule value must cite one of "
          "the [sources] of this file.");
  }
  SECTION("an undeclared source") {
    CHECK(refusal(rule_file("[[criteria]]\nid = \"age\"\ndescription = \"d\"\nmin_age = 18\n"
                            "source = \"elsewhere\"\n")) ==
          "t.toml:13:10: source \"elsewhere\" is not declared; declare it as "
          "[sources.elsewhere] or use one of \"s\".");
  }
  SECTION("a wrong type") {
    CHECK(refusal(rule_file("[[criteria]]\nid = \"age\"\ndescription = \"d\"\nmin_age = \"18\"\n"
                            "source = \"s\"\n")) ==
          "t.toml:12:11: \"min_age\" must be an integer.");
  }
  SECTION("an unknown fact") {
    CHECK(refusal(rule_file("[[criteria]]\nid = \"x\"\ndescription = \"d\"\n"
                            "attested = \"lived_experiance\"\nsource = \"s\"\n")) ==
          "t.toml:12:12: unknown fact \"lived_experiance\"; did you mean \"lived_experience\"?");
  }
  SECTION("an unknown fact in at_least, far from any") {
    CHECK(refusal(rule_file("[[criteria]]\nid = \"x\"\ndescription = \"d\"\n"
                            "at_least = { fact = \"zzz\", value = 3 }\nsource = \"s\"\n"))
              .starts_with("t.toml:12:21: unknown fact \"zzz\"; use one of \"date_of_birth\""));
  }
  SECTION("at_least over a fact that is not hours or a count") {
    CHECK(refusal(rule_file("[[criteria]]\nid = \"x\"\ndescription = \"d\"\n"
                            "at_least = { fact = \"exam_passed\", value = 3 }\nsource = \"s\"\n"))
              .starts_with("t.toml:12:21: fact \"exam_passed\" is not hours or a count"));
  }
  SECTION("a floating-point hours value") {
    CHECK(refusal(rule_file("[[criteria]]\nid = \"x\"\ndescription = \"d\"\n"
                            "at_least = { fact = \"training_hours\", value = 46.5 }\n"
                            "source = \"s\"\n"))
              .starts_with("t.toml:12:47: \"at_least.value\" is a floating-point number"));
  }
  SECTION("a fractional count") {
    CHECK(refusal(rule_file("[[criteria]]\nid = \"x\"\ndescription = \"d\"\n"
                            "at_least = { fact = \"references\", value = \"1.5\" }\n"
                            "source = \"s\"\n")) ==
          "t.toml:12:43: \"at_least.value\" must be an integer.");
  }
  SECTION("since with both years and months") {
    CHECK(refusal(rule_file("[[criteria]]\nid = \"x\"\ndescription = \"d\"\n"
                            "since = { fact = \"recovery_since\", years = 1, months = 2 }\n"
                            "source = \"s\"\n")) ==
          "t.toml:12:9: \"since\" takes either \"years\" or \"months\", not both or neither.");
  }
  SECTION("within over a fact that is not a date") {
    CHECK(refusal(rule_file("[[criteria]]\nid = \"x\"\ndescription = \"d\"\n"
                            "within = { fact = \"references\", months = 12 }\nsource = \"s\"\n"))
              .starts_with("t.toml:12:19: fact \"references\" is not a date"));
  }
  SECTION("a fact of the wrong kind") {
    CHECK(refusal(rule_file("[[criteria]]\nid = \"x\"\ndescription = \"d\"\n"
                            "check_passed = \"education\"\nsource = \"s\"\n")) ==
          "t.toml:12:16: fact \"education\" is not a check; \"check_passed\" takes one of "
          "\"background_check\", \"registry_check\".");
  }
  SECTION("an unknown fact in a nested condition") {
    CHECK(
        refusal(rule_file("[[criteria]]\nid = \"x\"\ndescription = \"d\"\n"
                          "all = [{ check_passed = \"background_check\" }, { attested = \"zz\" }]\n"
                          "source = \"s\"\n"))
            .starts_with("t.toml:12:60: unknown fact \"zz\""));
  }
  SECTION("two conditions in one criterion") {
    CHECK(refusal(rule_file("[[criteria]]\nid = \"x\"\ndescription = \"d\"\nmin_age = 18\n"
                            "attested = \"lived_experience\"\nsource = \"s\"\n")) ==
          "t.toml:13:12: criterion \"x\" has two conditions, \"min_age\" and \"attested\"; "
          "combine them with all = [ … ].");
  }
  SECTION("no condition") {
    CHECK(refusal(rule_file("[[criteria]]\nid = \"x\"\ndescription = \"d\"\nsource = \"s\"\n"))
              .starts_with("t.toml:9:1: criterion \"x\" has no condition; give one of "));
  }
  SECTION("the same criterion id twice") {
    CHECK(refusal(rule_file(std::string(age_criterion) + age_criterion)) ==
          "t.toml:15:6: [[criteria]] id \"age\" is used twice.");
  }
  SECTION("an id that does not match the file name") {
    CHECK(refusal(rule_file(age_criterion), "MO-CPS") ==
          "t.toml:2:6: id \"T\" must match the file name \"MO-CPS\".");
  }
  SECTION("no criteria: a program that tracks renewal only") {
    const auto p = rules::parse_program(rule_file(""), "t.toml", "T");
    CHECK_FALSE(p.has_criteria());
    CHECK_THROWS_WITH(p.require_criteria(), "The rule file of T defines no eligibility criteria.");
  }
  SECTION("no sources") {
    CHECK(refusal("schema = 1\nid = \"T\"\nname = \"n\"\njurisdiction = \"j\"\nboard = \"b\"\n") ==
          "t.toml:1:1: the rule file declares no [sources]: every rule value must cite one.");
  }
  SECTION("a source with neither document nor regulation") {
    CHECK(refusal("schema = 1\nid = \"T\"\nname = \"n\"\njurisdiction = \"j\"\nboard = \"b\"\n"
                  "[sources.x]\ncitation = \"c\"\n")
              .starts_with("t.toml:6:1: [sources.x] must name either a \"document\""));
  }
  SECTION("a schema this peercert does not read") {
    CHECK(refusal("schema = 2\n") == "t.toml:1:10: this peercert reads rule-file schema 1, not 2.");
  }
  SECTION("TOML that does not parse") {
    CHECK(refusal("schema = 1\nid = \"T\nname = 3\n").starts_with("t.toml:2:"));
  }
  SECTION("criteria marked to_confirm need a confirm_note") {
    CHECK(refusal(rule_file(std::string(age_criterion) + "to_confirm = true\n"))
              .find("needs a \"confirm_note\"") != std::string::npos);
  }
}

TEST_CASE("dated values: order, overlap and exactness", "[rulefile]") {
  const std::string head = std::string(age_criterion) + "[renewal]\n";
  SECTION("the value in force on a date") {
    const auto p =
        test::program(head + "fee = [\n"
                             "  { value = \"70.00\", source = \"s\" },\n"
                             "  { from = 2027-07-01, value = \"80.00\", source = \"s\" },\n"
                             "]\n");
    CHECK(p.renewal.fee.in_force(core::Date{2027_y / date::jun / 30})->value.cents() == 7000);
    CHECK(p.renewal.fee.in_force(core::Date{2027_y / date::jul / 1})->value.cents() == 8000);
  }
  SECTION("before the first from date nothing is in force") {
    const auto p =
        test::program(head + "fee = { from = 2027-07-01, value = 80, source = \"s\" }\n");
    CHECK(p.renewal.fee.in_force(core::Date{2027_y / date::jun / 30}) == nullptr);
    CHECK(p.renewal.fee.in_force(core::Date{2027_y / date::jul / 1})->value.cents() == 8000);
  }
  SECTION("overlapping dates") {
    CHECK(refusal(rule_file(head + "fee = [\n"
                                   "  { from = 2027-07-01, value = \"70.00\", source = \"s\" },\n"
                                   "  { from = 2027-07-01, value = \"80.00\", source = \"s\" },\n"
                                   "]\n")) ==
          "t.toml:17:12: entries of \"renewal.fee\" overlap: the entry from 2027-07-01 must "
          "start after the one before it, from 2027-07-01.");
  }
  SECTION("a later entry without a from date") {
    CHECK(refusal(rule_file(head + "fee = [\n"
                                   "  { value = \"70.00\", source = \"s\" },\n"
                                   "  { value = \"80.00\", source = \"s\" },\n"
                                   "]\n"))
              .starts_with("t.toml:17:3: entry 2 of \"renewal.fee\" has no \"from\" date"));
  }
  SECTION("a floating-point fee") {
    CHECK(refusal(rule_file(head + "fee = { value = 75.0, source = \"s\" }\n")) ==
          "t.toml:15:17: \"renewal.fee\" is a floating-point number, which is not exact: write "
          "money as a string such as \"75.00\".");
  }
  SECTION("hours with three decimals") {
    CHECK(refusal(rule_file(head + "every_years = { value = 2, source = \"s\" }\n"
                                   "[[renewal.requirements]]\nid = \"total\"\n"
                                   "description = \"d\"\n"
                                   "hours = { value = \"1.255\", source = \"s\" }\n"))
              .starts_with("t.toml:19:19: \"renewal.requirements.total.hours\" must be hours"));
  }
  SECTION("a late fee without late days") {
    CHECK(refusal(rule_file(head + "late_fee = { value = \"25.00\", source = \"s\" }\n"))
              .find("\"late_fee\" needs \"late_days\"") != std::string::npos);
  }
}

TEST_CASE("CE categories, requirements and cycles are refused with the line", "[rules]") {
  using test::rule_file;
  const std::string head =
      std::string(age_criterion) + "[renewal]\n" + "every_years = { value = 2, source = \"s\" }\n";
  const auto requirement = [](const std::string& id, const std::string& filter) {
    return "[[renewal.requirements]]\nid = \"" + id + "\"\ndescription = \"d\"\n" + filter +
           "hours = { value = 3, source = \"s\" }\n";
  };
  SECTION("requirements that overlap without nesting") {
    CHECK(refusal(rule_file(head + "categories = [\"ethics\", \"general\"]\n" +
                            requirement("ethics", "category = \"ethics\"\n") +
                            requirement("live", "delivery = \"live\"\n"))) ==
          "t.toml:22:1: requirement \"live\" overlaps requirement \"ethics\" without one "
          "containing the other; requirements must nest (live ethics inside ethics inside the "
          "total) or be disjoint.");
  }
  SECTION("nested and disjoint requirements load") {
    const auto p = test::program(
        head + "categories = [\"peer_support\", \"ethics\", \"general\"]\n" +
        requirement("total", "") + requirement("peer", "category = \"peer_support\"\n") +
        requirement("ethics", "category = \"ethics\"\n") +
        requirement("live_ethics", "category = \"ethics\"\ndelivery = \"live\"\n") +
        requirement("two", "categories = [\"peer_support\", \"ethics\"]\n"));
    CHECK(p.renewal.requirements.size() == 5);
    CHECK_FALSE(p.accepts(rules::CeCategory::suicide_prevention));
  }
  SECTION("an unknown category, with the closest") {
    CHECK(refusal(rule_file(head + "categories = [\"ethics\", \"peer_suport\"]\n")) ==
          "t.toml:16:25: unknown CE category \"peer_suport\"; did you mean \"peer_support\"?");
  }
  SECTION("a requirement over a category the program does not name") {
    CHECK(refusal(rule_file(head + "categories = [\"ethics\", \"general\"]\n" +
                            requirement("x", "category = \"health_equity\"\n")))
              .starts_with("t.toml:17:1: requirement \"x\" counts category \"health_equity\", "
                           "which is not in [renewal] categories."));
  }
  SECTION("requirements without the program's categories") {
    CHECK(refusal(rule_file(head + requirement("total", ""))).find("but no \"categories\"") !=
          std::string::npos);
  }
  SECTION("an unknown cycle kind, with the closest") {
    CHECK(refusal(rule_file(head + "cycle = { kind = \"birthdays\", source = \"s\" }\n")) ==
          "t.toml:16:18: unknown cycle kind \"birthdays\"; did you mean \"birthday\"?");
  }
  SECTION("a fixed date on 29 February") {
    CHECK(refusal(rule_file(head + "cycle = { kind = \"fixed_date\", month = 2, day = 29, "
                                   "source = \"s\" }\n")) ==
          "t.toml:16:49: \"cycle.day\" must be a day that month has in every year.");
  }
  SECTION("zero training hours") {
    CHECK(refusal(rule_file(std::string(age_criterion) +
                            "[training]\nhours = { value = 0, source = \"s\" }\n")) ==
          "t.toml:15:19: \"training.hours\" must be more than 0 hours.");
  }
  SECTION("an unknown waiver") {
    CHECK(refusal(rule_file(head + "[[renewal.waivers]]\nid = \"w\"\ndescription = \"d\"\n"
                                   "when = \"newly\"\nsource = \"s\"\n"))
              .starts_with("t.toml:19:8: unknown waiver \"newly\""));
  }
}

TEST_CASE("pathway descriptions fill in values and refuse unknown ones", "[rulefile]") {
  const std::string fee = "[certification]\napplication_fee = [{ value = 75, source = \"s\" }, "
                          "{ from = 2027-01-01, value = \"80.50\", source = \"s\" }]\n";
  const std::string step = "[[pathway]]\nid = \"apply\"\ntitle = \"Apply\"\nsource = \"s\"\n";
  const auto p = test::program(std::string(age_criterion) + fee + step +
                               "description = \"Pay {application_fee} to the board.\"\n");
  CHECK(p.render(p.pathway[0].description, core::Date{2026_y / date::dec / 31}) ==
        "Pay $75.00 to the board.");
  CHECK(p.render(p.pathway[0].description, core::Date{2027_y / date::jan / 1}) ==
        "Pay $80.50 to the board.");

  CHECK(refusal(rule_file(std::string(age_criterion) + fee + step +
                          "description = \"Pay {aplication_fee}.\"\n"))
            .starts_with("t.toml:20:15: unknown value {aplication_fee} in the description"));
  CHECK(refusal(rule_file(std::string(age_criterion) + step +
                          "description = \"Pay {renewal_fee}.\"\n")) ==
        "t.toml:18:15: the description uses {renewal_fee}, which this rule file does not "
        "define.");
}

TEST_CASE("questions may be worded per program, for known facts only", "[rulefile]") {
  const auto p = test::program(std::string("[questions]\nlived_experience = \"Recovered?\"\n") +
                               age_criterion);
  CHECK(p.question(rules::FactId::lived_experience) == "Recovered?");
  CHECK(p.question(rules::FactId::education) ==
        rules::fact_info(rules::FactId::education).question);
  CHECK(refusal(rule_file(std::string("[questions]\nshoe_size = \"?\"\n") + age_criterion))
            .starts_with("t.toml:10:1: unknown fact \"shoe_size\" in [questions]"));
}

TEST_CASE("a rule test file's unknown key is refused as a rule file's is", "[rulefile]") {
  test::TempDir dir;
  const auto file = dir / "T.toml";
  std::ofstream(file) << "program = \"T\"\n[defaults]\nas_off = 2026-11-24\n";
  try {
    rules::run_rule_tests(test::program(age_criterion), file);
    FAIL("loaded");
  } catch (const core::RuleFileError& e) {
    CHECK(std::string(e.what()).ends_with(
        "T.toml:3:1: unknown key \"as_off\" in [defaults]; did you mean \"as_of\"?"));
  }
}

TEST_CASE("routes load, and a route without criteria is refused with its line", "[rulefile]") {
  const auto p = rules::parse_program(
      rule_file(std::string(age_criterion) +
                "[[routes]]\nid = \"training\"\nname = \"Training\"\n"
                "[[routes.criteria]]\nid = \"hours\"\ndescription = \"d\"\nsource = \"s\"\n"
                "at_least = { fact = \"training_hours\", value = 40 }\n"
                "[[routes]]\nid = \"experience\"\nname = \"Experience\"\n"
                "[[routes.criteria]]\nid = \"hours\"\ndescription = \"d\"\nsource = \"s\"\n"
                "at_least = { fact = \"work_experience_hours\", value = 2000 }\n"),
      "t.toml", "T");
  REQUIRE(p.routes.size() == 2);
  CHECK(p.routes[1].name == "Experience");
  CHECK(p.routes[1].criteria.at(0).id == "hours"); // ids are a route's own
  const auto facts = p.facts_used();
  CHECK(std::find(facts.begin(), facts.end(), rules::FactId::work_experience_hours) != facts.end());

  CHECK(refusal(rule_file("[[routes]]\n" // line 9
                          "id = \"training\"\nname = \"Training\"\n")) ==
        "t.toml:9:1: route \"training\" needs at least one criterion, written as "
        "[[routes.criteria]].");
  CHECK(refusal(rule_file("[[routes]]\nid = \"training\"\nname = \"Training\"\n"
                          "criteria = 3\n")) ==
        "t.toml:12:12: \"criteria\" must be written as [[routes.criteria]] tables.");
  CHECK(refusal(rule_file("[[routes]]\nid = \"a\"\nname = \"A\"\n"
                          "[[routes.criteria]]\nid = \"x\"\ndescription = \"d\"\nsource = \"s\"\n"
                          "min_age = 18\n"
                          "[[routes]]\nid = \"a\"\nname = \"B\"\n"
                          "[[routes.criteria]]\nid = \"x\"\ndescription = \"d\"\nsource = \"s\"\n"
                          "min_age = 18\n"))
            .ends_with("[[routes]] id \"a\" is used twice."));
  CHECK(refusal(rule_file("[[routes]]\nid = \"a\"\n"
                          "[[routes.criteria]]\nid = \"x\"\ndescription = \"d\"\nsource = \"s\"\n"
                          "min_age = 18\n"))
            .find("\"name\"") != std::string::npos);
}

TEST_CASE("on_or_after, age windows and deadlines load, and are refused with the line",
          "[rulefile]") {
  const auto p = rules::parse_program(
      rule_file("[[criteria]]\nid = \"age\"\ndescription = \"d\"\nsource = \"s\"\nmin_age = 18\n"
                "[[criteria]]\nid = \"limit\"\ndescription = \"d\"\nsource = \"s\"\n"
                "max_age = 30\n"
                "[[criteria]]\nid = \"trained\"\ndescription = \"d\"\nsource = \"s\"\n"
                "on_or_after = { fact = \"training_completed_on\", date = 2022-07-01 }\n"
                "[[deadlines]]\nid = \"work\"\ntext = \"t\"\nfact = \"peer_work_started_on\"\n"
                "months = 12\nsource = \"s\"\n"),
      "t.toml", "T");
  const auto& after = std::get<rules::OnOrAfter>(p.criteria.at(2).condition.node);
  CHECK(after.fact == rules::FactId::training_completed_on);
  CHECK(after.day == 2022_y / 7 / 1);
  REQUIRE(p.deadlines.size() == 1);
  CHECK(p.deadlines[0].fact == rules::FactId::peer_work_started_on);
  CHECK(p.deadlines[0].months == 12);
  CHECK(rules::names_deadlines(p));

  // Lines 9 on are the criteria and deadlines written here.
  CHECK(refusal(rule_file("[[criteria]]\nid = \"age\"\ndescription = \"d\"\nsource = \"s\"\n"
                          "min_age = 21\n"
                          "[[criteria]]\nid = \"limit\"\ndescription = \"d\"\nsource = \"s\"\n"
                          "max_age = 20\n")) ==
        "t.toml:18:11: the age window's maximum, max_age = 20, is under its minimum, "
        "min_age = 21.");
  CHECK(refusal(rule_file("[[criteria]]\nid = \"x\"\ndescription = \"d\"\nsource = \"s\"\n"
                          "on_or_after = { fact = \"training_hours\", date = 2022-07-01 }\n"))
            .starts_with("t.toml:13:"));
  CHECK(refusal(rule_file("[[criteria]]\nid = \"x\"\ndescription = \"d\"\nsource = \"s\"\n"
                          "on_or_after = { fact = \"training_completed_on\", date = \"July\" }\n"))
            .ends_with("\"on_or_after.date\" must be a date written YYYY-MM-DD."));
  CHECK(refusal(rule_file("[[deadlines]]\nid = \"work\"\ntext = \"t\"\n"
                          "fact = \"peer_work_hours_last_3_years\"\nmonths = 12\nsource = \"s\"\n"))
            .starts_with("t.toml:12:"));
  CHECK(refusal(rule_file("[[deadlines]]\nid = \"work\"\ntext = \"t\"\n"
                          "fact = \"peer_work_started_on\"\nmonths = 0\nsource = \"s\"\n"))
            .starts_with("t.toml:13:"));
}

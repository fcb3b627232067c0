#include "rules/Facts.hpp"
#include "core/Error.hpp"

#include <catch2/catch.hpp>

using namespace peercert::rules;
using namespace date::literals;
using peercert::core::InputError;

namespace {
std::string error_of(const std::string& json) {
  try {
    facts_from_json_text(json);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}
} // namespace

TEST_CASE("facts JSON of the contract parses", "[facts]") {
  const Facts f = facts_from_json_text(R"({"date_of_birth": "2001-04-09", "education": "ged",
      "lived_experience": true, "willing_to_share_story": false,
      "self_directed_recovery": true, "background_check": "passed",
      "registry_check": "pending"})");
  CHECK(*f.get_if<peercert::core::Date>(FactId::date_of_birth) ==
        peercert::core::Date{2001_y / date::apr / 9});
  CHECK(*f.get_if<Education>(FactId::education) == Education::ged);
  CHECK(*f.get_if<bool>(FactId::lived_experience));
  CHECK_FALSE(*f.get_if<bool>(FactId::willing_to_share_story));
  CHECK(*f.get_if<CheckStatus>(FactId::registry_check) == CheckStatus::pending);
}

TEST_CASE("absent and null facts are missing", "[facts]") {
  const Facts f = facts_from_json_text(R"({"education": null})");
  for (const auto& info : all_facts()) {
    CHECK_FALSE(f.has(info.id));
  }
}

TEST_CASE("bad facts JSON names the field and never the value", "[facts]") {
  CHECK(error_of(R"({"date_of_birth": "1999-02-31"})")
            .starts_with("date_of_birth is not a valid "
                         "date"));
  CHECK(error_of(R"({"date_of_birth": "1999-02-31"})").find("1999") == std::string::npos);
  CHECK(error_of(R"({"education": "phd"})").starts_with("education must be one of none, "));
  CHECK(error_of(R"({"education": "phd"})").find("phd") == std::string::npos);
  CHECK(error_of(R"({"background_check": "cleared"})")
            .starts_with("background_check must be one of passed, failed, pending, "
                         "not_started"));
  CHECK(error_of(R"({"lived_experience": "yes"})") == "lived_experience must be true or false.");
  CHECK(error_of(R"({"education": 3})") == "education must be a string.");
  CHECK(
      error_of(R"({"favourite_colour": "blue"})").starts_with("Unknown fact \"favourite_colour\""));
  CHECK(error_of(R"([1, 2])").starts_with("The facts must be one JSON object"));
  CHECK(error_of(R"({"date_of_birth": "2001-04-09")") ==
        "The facts are not valid JSON (error at byte 31).");
  CHECK(error_of("").starts_with("The facts are not valid JSON"));
}

TEST_CASE("fact text is read leniently but exactly", "[facts]") {
  CHECK(std::get<CheckStatus>(parse_fact_text(FactId::registry_check, "Not started")) ==
        CheckStatus::not_started);
  CHECK(std::get<CheckStatus>(parse_fact_text(FactId::registry_check, "not-started")) ==
        CheckStatus::not_started);
  CHECK(std::get<Education>(parse_fact_text(FactId::education, " High School Diploma ")) ==
        Education::high_school_diploma);
  CHECK(std::get<bool>(parse_fact_text(FactId::lived_experience, "YES")));
  CHECK_FALSE(std::get<bool>(parse_fact_text(FactId::lived_experience, "false")));
  CHECK(std::holds_alternative<std::monostate>(parse_fact_text(FactId::education, "  ")));
  CHECK_THROWS_AS(parse_fact_text(FactId::lived_experience, "maybe"), InputError);
}

TEST_CASE("a date of birth after the as-of date is refused", "[facts]") {
  Facts f;
  f.set(FactId::date_of_birth, peercert::core::Date{2026_y / date::nov / 25});
  CHECK_THROWS_WITH(validate_facts(f, peercert::core::Date{2026_y / date::nov / 24}),
                    "date_of_birth is after the as-of date 2026-11-24.");
  CHECK_NOTHROW(validate_facts(f, peercert::core::Date{2026_y / date::nov / 25}));
}

TEST_CASE("education ranks put a diploma and a GED together", "[facts]") {
  CHECK(education_rank(Education::ged) == education_rank(Education::high_school_diploma));
  CHECK(education_rank(Education::none) < education_rank(Education::ged));
  CHECK(education_rank(Education::associate) < education_rank(Education::doctorate));
  for (auto e : all_education_levels()) {
    CHECK(education_from_name(to_string(e)) == e);
  }
  for (auto c : all_check_statuses()) {
    CHECK(check_status_from_name(to_string(c)) == c);
  }
}

TEST_CASE("hours and counts are read from their text, exactly", "[facts]") {
  const Facts f = facts_from_json_text(
      R"({"work_experience_hours": 500, "training_hours": 46.25, "supervision_hours": "12.5",
          "references": 2, "college_credits_last_3_years": "24", "recovery_since": "2025-03-01"})");
  CHECK(*f.get_if<peercert::core::Hours>(FactId::work_experience_hours) ==
        peercert::core::Hours::whole(500));
  CHECK(f.get_if<peercert::core::Hours>(FactId::training_hours)->hundredths() == 4625);
  CHECK(f.get_if<peercert::core::Hours>(FactId::supervision_hours)->hundredths() == 1250);
  CHECK(f.get_if<Count>(FactId::references)->value == 2);
  CHECK(f.get_if<Count>(FactId::college_credits_last_3_years)->value == 24);
  CHECK(*f.get_if<peercert::core::Date>(FactId::recovery_since) ==
        peercert::core::Date{2025_y / date::mar / 1});
  // 0.1 + 0.2 is exactly 0.3 here: no floating point on the way.
  CHECK(facts_from_json_text(R"({"training_hours": 0.3})")
            .get_if<peercert::core::Hours>(FactId::training_hours)
            ->hundredths() == 30);
}

TEST_CASE("bad hours and counts name the field", "[facts]") {
  CHECK(error_of(R"({"training_hours": 1.255})") ==
        "training_hours must be a number of hours, 0 or more, with at most two decimals, such "
        "as 12.5.");
  CHECK(error_of(R"({"training_hours": -3})").starts_with("training_hours must be a number"));
  CHECK(error_of(R"({"training_hours": 1e2})").starts_with("training_hours must be a number"));
  CHECK(error_of(R"({"training_hours": 2000000})") ==
        "training_hours must be at most 1000000 hours.");
  CHECK(error_of(R"({"references": -1})") ==
        "references must be a whole number from 0 to 1000000.");
  CHECK(error_of(R"({"references": 1.5})") ==
        "references must be a whole number from 0 to 1000000.");
  CHECK(error_of(R"({"references": true})") == "references must be a whole number, such as 2.");
  CHECK(error_of(R"({"exam_passed": 1})") == "exam_passed must be true or false.");
  CHECK(error_of(R"({"date_of_birth": 1e309})") == "date_of_birth is a number out of range.");
  CHECK(error_of(R"({"training_hours": 1e309})") == "training_hours is a number out of range.");
  CHECK(error_of(R"({"references": 2, "references": 3})") == "references is given twice.");
  CHECK(error_of(R"({"education": {"level": "ged"}})") == "education must be a string.");
  CHECK(error_of(R"({"training_hours": [1]})") ==
        "training_hours must be a number of hours, such as 12.5.");
  CHECK(error_of(R"("ged")").starts_with("The facts must be one JSON object"));
  CHECK(error_of(R"(12)").starts_with("The facts must be one JSON object"));
}

TEST_CASE("a date fact after the as-of date is refused, naming the fact", "[facts]") {
  const peercert::core::Date today{2026_y / date::nov / 24};
  Facts f;
  f.set(FactId::training_completed_on, peercert::core::Date{2026_y / date::nov / 25});
  CHECK(date_after(f, today) == FactId::training_completed_on);
  CHECK_THROWS_WITH(validate_facts(f, today),
                    "training_completed_on is after the as-of date 2026-11-24.");
  f.set(FactId::training_completed_on, today);
  CHECK_FALSE(date_after(f, today));
}

TEST_CASE("count text is digits only", "[facts]") {
  CHECK(count_from_text("0")->value == 0);
  CHECK(count_from_text("1000000")->value == 1000000);
  CHECK_FALSE(count_from_text("1000001"));
  CHECK_FALSE(count_from_text("-1"));
  CHECK_FALSE(count_from_text("1.0"));
  CHECK_FALSE(count_from_text(" 1"));
  CHECK_FALSE(count_from_text(""));
}

TEST_CASE("an empty object is no facts at all", "[facts]") {
  const Facts f = facts_from_json_text("{}");
  for (const auto& info : all_facts()) {
    CHECK_FALSE(f.has(info.id));
  }
  CHECK(facts_from_json_text(" { } ").has(FactId::education) == false);
}

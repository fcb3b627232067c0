#include "TempDir.hpp"
#include "app/Applicants.hpp"
#include "app/Audit.hpp"
#include "app/Certification.hpp"
#include "app/Cohorts.hpp"
#include "app/Credentials.hpp"
#include "core/Error.hpp"
#include "store/AuditLog.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <sstream>

using namespace peercert;
using namespace date::literals;

namespace {

const core::Date today{2026_y / date::nov / 24};

struct PathwayFixture {
  store::Database db = store::Database::open_in_memory();
  rules::ProgramCatalog programs{PEERCERT_TEST_RULES_DIR};
  app::Actor actor{"tester", [] { return std::string("2026-11-24T12:00:00Z"); }};
  app::Applicants applicants{db, programs, actor};
  app::Cohorts cohorts{db, programs, actor};
  app::Certification certification{db, programs, actor};
  app::Credentials credentials{db, programs, actor};

  tracker::ApplicantId person(const std::string& name, const std::string& education = "ged") {
    app::ApplicantFields f;
    f.first_name = name;
    f.last_name = "Doe";
    f.email = name + "@example.org";
    f.facts[rules::FactId::date_of_birth] = "1990-05-01";
    f.facts[rules::FactId::education] = education;
    f.facts[rules::FactId::lived_experience] = "yes";
    f.facts[rules::FactId::background_check] = "passed";
    f.facts[rules::FactId::registry_check] = "passed";
    return applicants.add(f, today).id;
  }

  std::int64_t audit_rows() const { return store::AuditLog(db).count(); }

  /// Takes one applicant through training and exam in a new MO-CPS cohort.
  void train_and_examine(tracker::ApplicantId a) {
    const auto c = cohorts.create_cohort("MO-CPS", core::Date{2027_y / date::mar / 1}, 5);
    cohorts.apply(c.id, a, std::nullopt, today);
    cohorts.select(c.id, tracker::SelectionMethod::first_come, 0);
    for (unsigned d = 1; d <= 5; ++d) {
      cohorts.attend(c.id, a, core::Date{2027_y / date::mar / date::day{d}}, core::Hours::whole(7),
                     core::Date{2027_y / date::mar / 31});
    }
    certification.record_exam(a, "MO-CPS", core::Date{2027_y / date::mar / 8}, "R. Smith", true, 88,
                              core::Date{2027_y / date::mar / 31});
  }
};

} // namespace

TEST_CASE_METHOD(PathwayFixture, "applicant fields are checked and named, never quoted",
                 "[tracker]") {
  app::ApplicantFields f;
  f.first_name = "Jane";
  f.last_name = "Doe";
  f.email = "jane.example.org";
  CHECK_THROWS_WITH(applicants.add(f, today),
                    "email is not an email address such as name@example.org.");
  f.email = "jane@example.org";
  f.facts[rules::FactId::date_of_birth] = "2027-01-01";
  CHECK_THROWS_WITH(applicants.add(f, today), "date_of_birth is after the as-of date 2026-11-24.");
  f.facts.erase(rules::FactId::date_of_birth);
  f.facts[rules::FactId::background_check_on] = "2026-10-01";
  CHECK_THROWS_WITH(applicants.add(f, today),
                    "background_check_on needs background_check, the status it dates.");
  f.facts.erase(rules::FactId::background_check_on);
  f.phone = "call me";
  CHECK_THROWS_WITH(applicants.add(f, today), Catch::StartsWith("phone must be"));
  f.phone.reset();
  f.last_name = "";
  CHECK_THROWS_WITH(applicants.add(f, today), "last_name is required.");
  CHECK(applicants.list().empty());
  CHECK(audit_rows() == 0);
}

TEST_CASE_METHOD(PathwayFixture, "an update changes only the fields given and is audited",
                 "[tracker]") {
  const auto id = person("Ann");
  app::ApplicantFields change;
  change.phone = "573-555-0100";
  change.email = "";
  const auto after = applicants.update(id, change, today);
  CHECK(after.phone == "573-555-0100");
  CHECK(after.email.empty());
  CHECK(after.first_name == "Ann");
  const auto log = app::audit_entries(db, {"applicant", std::to_string(id.value), {}, {}, {}});
  REQUIRE(log.size() == 2);
  CHECK(log[1].action == "applicant.update");
  CHECK(log[1].before.find("Ann@example.org") != std::string::npos);
  CHECK(log[1].after.find("573-555-0100") != std::string::npos);
  CHECK(log[1].actor == "tester");
  CHECK_THROWS_WITH(applicants.update(tracker::ApplicantId{99}, change, today),
                    "There is no applicant 99.");
}

TEST_CASE_METHOD(PathwayFixture, "cohorts take their values from the rule file", "[tracker]") {
  const auto c = cohorts.create_cohort("MO-CPS", core::Date{2027_y / date::mar / 1}, std::nullopt);
  CHECK(c.capacity == 30);
  CHECK(c.training_hours == core::Hours::whole(35));
  CHECK(c.notify_days_before == 14);
  CHECK_THROWS_WITH(cohorts.create_cohort("MO-CPS", core::Date{2027_y / date::mar / 1}, 40),
                    "capacity must be from 1 to 30, the seats per training of MO-CPS.");
  CHECK_THROWS_WITH(cohorts.create_cohort("TX-MHPS", core::Date{2027_y / date::mar / 1}, 10),
                    Catch::Contains("does not define the training's hours"));
  CHECK(cohorts.cohorts().size() == 1);
}

TEST_CASE_METHOD(PathwayFixture, "an applicant the rules find not eligible cannot apply",
                 "[tracker]") {
  const auto c = cohorts.create_cohort("MO-CPS", core::Date{2027_y / date::mar / 1}, 2);
  const auto no_diploma = person("Bo", "none");
  const auto rows = audit_rows();
  try {
    cohorts.apply(c.id, no_diploma, std::nullopt, today);
    FAIL("applied");
  } catch (const core::InputError& e) {
    const std::string message = e.what();
    CHECK(message.find("not met: education") != std::string::npos);
    CHECK(message.find("--override") != std::string::npos);
  }
  CHECK(cohorts.members(c.id).empty());
  CHECK(audit_rows() == rows);

  SECTION("unless staff override it with a reason, which is audited") {
    const auto out = cohorts.apply(c.id, no_diploma, std::string("Board waiver 2026-17"), today);
    CHECK(out.verdict == rules::Verdict::not_eligible);
    CHECK(out.member.override_reason == "Board waiver 2026-17");
    const auto log = app::audit_entries(db, {"cohort_member", {}, {}, {}, {}});
    REQUIRE(log.size() == 1);
    CHECK(log[0].action == "cohort.apply.override");
    CHECK_THROWS_WITH(cohorts.apply(c.id, no_diploma, std::nullopt, today),
                      "Applicant " + std::to_string(no_diploma.value) +
                          " has already applied to cohort " + std::to_string(c.id.value) + ".");
  }
  SECTION("an override needs a reason") {
    CHECK_THROWS_AS(cohorts.apply(c.id, no_diploma, std::string("  "), today), core::InputError);
  }
}

TEST_CASE_METHOD(PathwayFixture, "a pending check is accepted and noted", "[tracker]") {
  const auto c = cohorts.create_cohort("MO-CPS", core::Date{2027_y / date::mar / 1}, 2);
  app::ApplicantFields f;
  f.first_name = "Cy";
  f.last_name = "Doe";
  f.facts[rules::FactId::date_of_birth] = "1990-01-01";
  f.facts[rules::FactId::education] = "ged";
  f.facts[rules::FactId::lived_experience] = "yes";
  f.facts[rules::FactId::background_check] = "pending";
  f.facts[rules::FactId::registry_check] = "passed";
  const auto id = applicants.add(f, today).id;
  const auto out = cohorts.apply(c.id, id, std::nullopt, today);
  CHECK(out.verdict == rules::Verdict::undetermined);
  CHECK(out.unknown == std::vector<std::string>{"background_checks"});
}

TEST_CASE_METHOD(PathwayFixture, "selection, late applications, withdrawal and notices",
                 "[tracker]") {
  const auto c = cohorts.create_cohort("MO-CPS", core::Date{2027_y / date::mar / 1}, 2);
  std::vector<tracker::ApplicantId> ids;
  for (const char* n : {"A", "B", "C"}) {
    ids.push_back(person(n));
    cohorts.apply(c.id, ids.back(), std::nullopt, today);
  }
  CHECK_THROWS_WITH(cohorts.notify(c.id, today, today), Catch::Contains("cohort select first"));
  const auto first = cohorts.select(c.id, tracker::SelectionMethod::first_come, 0);
  CHECK(first.selected == std::vector<tracker::ApplicantId>{ids[0], ids[1]});
  CHECK(first.waitlisted == std::vector<tracker::ApplicantId>{ids[2]});

  const auto late = person("D");
  const auto applied_late = cohorts.apply(c.id, late, std::nullopt, today);
  CHECK(applied_late.member.status == tracker::MemberStatus::waitlisted);
  CHECK(applied_late.member.waitlist_position == 2);

  cohorts.withdraw(c.id, ids[0]);
  const auto refill = cohorts.select(c.id, tracker::SelectionMethod::first_come, 0);
  CHECK(refill.selected == std::vector<tracker::ApplicantId>{ids[2]});
  CHECK(refill.waitlisted == std::vector<tracker::ApplicantId>{late});
  CHECK(refill.seats_taken == 2);

  const core::Date notify_day{2027_y / date::feb / 15};
  const auto on_time = cohorts.notify(c.id, notify_day, notify_day);
  CHECK(on_time.notified == 3);
  CHECK(on_time.days_late == 0);
  const auto again = cohorts.notify(c.id, core::Date{2027_y / date::feb / 20},
                                    core::Date{2027_y / date::feb / 20});
  CHECK(again.notified == 0);
  CHECK(again.days_late == 5);
}

TEST_CASE_METHOD(PathwayFixture, "attendance adds up to a complete training", "[tracker]") {
  const auto c = cohorts.create_cohort("MO-CPS", core::Date{2027_y / date::mar / 1}, 2);
  const auto a = person("E");
  cohorts.apply(c.id, a, std::nullopt, today);
  const core::Date later{2027_y / date::mar / 31};
  CHECK_THROWS_WITH(
      cohorts.attend(c.id, a, core::Date{2027_y / date::mar / 1}, core::Hours::whole(7), later),
      Catch::Contains("does not hold a seat"));
  cohorts.select(c.id, tracker::SelectionMethod::first_come, 0);
  CHECK_THROWS_WITH(
      cohorts.attend(c.id, a, core::Date{2027_y / date::feb / 28}, core::Hours::whole(7), later),
      "attended_on is before the training starts on 2027-03-01.");
  CHECK_THROWS_AS(
      cohorts.attend(c.id, a, core::Date{2027_y / date::mar / 1}, core::Hours::whole(25), later),
      core::InputError);
  CHECK_THROWS_WITH(
      cohorts.attend(c.id, a, core::Date{2027_y / date::mar / 1}, core::Hours::whole(7), today),
      "attended_on is after the as-of date 2026-11-24.");
  for (unsigned d = 1; d <= 4; ++d) {
    CHECK_FALSE(cohorts
                    .attend(c.id, a, core::Date{2027_y / date::mar / date::day{d}},
                            core::Hours::whole(8), later)
                    .complete);
  }
  CHECK_THROWS_WITH(
      cohorts.attend(c.id, a, core::Date{2027_y / date::mar / 4}, core::Hours::whole(3), later),
      Catch::Contains("is already recorded"));
  const auto done =
      cohorts.attend(c.id, a, core::Date{2027_y / date::mar / 5}, core::Hours::whole(3), later);
  CHECK(done.complete);
  CHECK(done.total == core::Hours::whole(35));
}

TEST_CASE_METHOD(PathwayFixture, "an application needs the training, a passed exam and the fee",
                 "[tracker]") {
  const auto a = person("G");
  const core::Date april{2027_y / date::apr / 1};
  CHECK_THROWS_WITH(certification.record_exam(a, "MO-CPS", core::Date{2027_y / date::mar / 8},
                                              "R. Smith", true, std::nullopt, april),
                    Catch::Contains("has not completed the MO-CPS training"));
  CHECK_THROWS_WITH(
      certification.submit_application(a, "MO-CPS", april, *core::Money::parse("75"), april),
      Catch::Contains("missing the completed training and a passed exam"));
  train_and_examine(a);
  CHECK_THROWS_WITH(
      certification.submit_application(a, "MO-CPS", april, *core::Money::parse("70.00"), april),
      "fee_paid $70.00 is below the $75.00 application fee of MO-CPS in force on 2027-04-01.");
  CHECK_THROWS_WITH(
      certification.submit_application(a, "TX-MHPS", april, *core::Money::parse("75"), april),
      Catch::Contains("does not define a certification application fee"));
  const auto app =
      certification.submit_application(a, "MO-CPS", april, *core::Money::parse("80"), april);
  CHECK(app.fee_due == *core::Money::parse("75"));
  CHECK(app.fee_paid == *core::Money::parse("80"));
  CHECK_THROWS_WITH(
      certification.submit_application(a, "MO-CPS", april, *core::Money::parse("75"), april),
      Catch::Contains("already has application"));
  const auto credential = certification.approve_application(app.id, april, april);
  CHECK(credential.number == "MO-CPS-000001");
  CHECK(credential.first_name == "G");
  CHECK(certification.application(app.id).credential_number == "MO-CPS-000001");
  CHECK_THROWS_WITH(certification.approve_application(app.id, april, april),
                    Catch::Contains("is already approved"));
}

TEST_CASE_METHOD(PathwayFixture, "credential numbers skip those already imported", "[tracker]") {
  std::istringstream csv("credential_number,program,issued_on,first_name,last_name,email\n"
                         "MO-CPS-000001,MO-CPS,2019-06-01,Old,Timer,old@example.org\n");
  credentials.import_credentials(csv, "old.csv", today);
  const auto a = person("H");
  train_and_examine(a);
  const core::Date april{2027_y / date::apr / 1};
  const auto app =
      certification.submit_application(a, "MO-CPS", april, *core::Money::parse("75"), april);
  CHECK(certification.approve_application(app.id, april, april).number == "MO-CPS-000002");
}

TEST_CASE_METHOD(PathwayFixture, "a credential import is all or nothing, and idempotent",
                 "[tracker]") {
  const std::string header = "credential_number,program,issued_on,first_name,last_name,email\n";
  const std::string good = "MO-CPS-009001,MO-CPS,2024-02-29,Lee,Park,lee@example.org\n"
                           "TX-MHPS-1,TX-MHPS,2025-01-15,Ana,Ruiz,\n";
  {
    std::istringstream csv(header + good +
                           "MO-CPS-009002,XX-CPS,2024-01-01,A,B,\n"
                           "MO-CPS-009003,MO-CPS,2024-02-30,A,B,\n"
                           "MO-CPS-009004,MO-CPS,2024-01-01,A\n"
                           "MO-CPS-009005,MO-CPS,2024-01-01,A,B,not-an-email\n");
    try {
      credentials.import_credentials(csv, "board.csv", today);
      FAIL("imported");
    } catch (const core::InputError& e) {
      CHECK(std::string(e.what()) ==
            "board.csv: 4 rows are bad, so nothing was imported:\n"
            "  line 4: program \"XX-CPS\" is not one of the programs in the rules directory "
            "(did you mean DC-CPS?).\n"
            "  line 5: issued_on is not a valid date: write it as YYYY-MM-DD, for example "
            "2001-04-09.\n"
            "  line 6: expected 6 fields, found 4.\n"
            "  line 7: email is not an email address such as name@example.org.");
    }
    CHECK(credentials.credentials().empty());
    CHECK(audit_rows() == 0);
  }
  {
    std::istringstream csv(header + good);
    const auto out = credentials.import_credentials(csv, "board.csv", today);
    CHECK(out.added == 2);
    CHECK(out.unchanged == 0);
  }
  {
    std::istringstream csv(header + good);
    const auto out = credentials.import_credentials(csv, "board.csv", today);
    CHECK(out.added == 0);
    CHECK(out.unchanged == 2);
  }
  {
    std::istringstream csv(header + "TX-MHPS-1,TX-MHPS,2025-01-16,Ana,Ruiz,\n");
    CHECK_THROWS_WITH(credentials.import_credentials(csv, "board.csv", today),
                      Catch::Contains("line 2: credential_number is already on file with other "
                                      "details."));
  }
  CHECK(credentials.credentials().size() == 2);
  CHECK(credentials.credential("MO-CPS-009001").issued_on == core::Date{2024_y / date::feb / 29});
}

namespace {

/// MO-CPS with California's exam limit and application deadline: 2 exams per application,
/// applications lapsing after 12 months.
struct LimitedFixture : PathwayFixture {
  test::TempDir dir;
  LimitedFixture() {
    std::ifstream in(std::string(PEERCERT_TEST_RULES_DIR) + "/MO-CPS.toml");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string section = "[certification]\n";
    text.insert(text.find(section) + section.size(),
                "exam_attempts = { value = 2, source = \"mo-dmh\" }\n"
                "application_months = { value = 12, source = \"mo-dmh\" }\n");
    std::ofstream(dir / "MO-CPS.toml") << text;
  }
  rules::ProgramCatalog limited{dir.path()};
  app::Cohorts limited_cohorts{db, limited, actor};
  app::Certification limited_certification{db, limited, actor};
};

} // namespace

TEST_CASE_METHOD(LimitedFixture, "exam attempts per application, and applications that lapse",
                 "[tracker]") {
  const auto a = person("Lee");
  const auto c = limited_cohorts.create_cohort("MO-CPS", core::Date{2027_y / date::mar / 1}, 5);
  limited_cohorts.apply(c.id, a, std::nullopt, today);
  limited_cohorts.select(c.id, tracker::SelectionMethod::first_come, 0);
  for (unsigned d = 1; d <= 5; ++d) {
    limited_cohorts.attend(c.id, a, core::Date{2027_y / date::mar / date::day{d}},
                           core::Hours::whole(7), core::Date{2027_y / date::mar / 31});
  }
  const core::Date april{2027_y / date::apr / 1};
  limited_certification.record_exam(a, "MO-CPS", core::Date{2027_y / date::mar / 8}, "R", false,
                                    std::nullopt, april);
  limited_certification.record_exam(a, "MO-CPS", core::Date{2027_y / date::mar / 15}, "R", true,
                                    std::nullopt, april);
  const auto rows = audit_rows();
  CHECK_THROWS_WITH(limited_certification.record_exam(a, "MO-CPS",
                                                      core::Date{2027_y / date::mar / 22}, "R",
                                                      true, std::nullopt, april),
                    Catch::Contains("has taken the 2 exams MO-CPS allows per application"));
  CHECK(audit_rows() == rows);

  const auto first = limited_certification.submit_application(a, "MO-CPS", april,
                                                              *core::Money::parse("75"), april);
  // A running application stands in the way of another; a lapsed one does not.
  CHECK_THROWS_WITH(limited_certification.submit_application(
                        a, "MO-CPS", core::Date{2028_y / date::mar / 31}, *core::Money::parse("75"),
                        core::Date{2028_y / date::mar / 31}),
                    Catch::Contains("already has application"));
  const core::Date lapsed{2028_y / date::apr / 1};
  CHECK_THROWS_WITH(
      limited_certification.approve_application(first.id, lapsed, lapsed),
      Catch::StartsWith("Application " + std::to_string(first.id.value) + " lapsed on 2028-04-01"));
  CHECK(audit_rows() == rows + 1);
  // After the lapse the attempt window opens again: one more exam, and a new application.
  limited_certification.record_exam(a, "MO-CPS", core::Date{2028_y / date::apr / 5}, "R", true,
                                    std::nullopt, core::Date{2028_y / date::apr / 5});
  const auto second = limited_certification.submit_application(
      a, "MO-CPS", core::Date{2028_y / date::apr / 6}, *core::Money::parse("75"),
      core::Date{2028_y / date::apr / 6});
  CHECK(limited_certification
            .approve_application(second.id, core::Date{2028_y / date::apr / 7},
                                 core::Date{2028_y / date::apr / 7})
            .number == "MO-CPS-000001");
}

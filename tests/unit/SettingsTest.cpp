// The board's settings (what they may hold, the verification address a certificate's QR code
// opens), the QR code itself, and the audit log's plain words.
#include "tracker/Settings.hpp"
#include "report/Certificate.hpp"
#include "report/TrackerReport.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace peercert;

TEST_CASE("a setting takes one line and the addresses are web addresses", "[settings]") {
  CHECK_FALSE(tracker::setting_problem("board_name", "Missouri Credentialing Board"));
  CHECK_FALSE(tracker::setting_problem("contact", "")); // clears it
  CHECK_FALSE(tracker::setting_problem("public_url", "https://verify.example.org/"));
  CHECK_FALSE(tracker::setting_problem("renew_url", "http://board.example/renew"));
  CHECK(*tracker::setting_problem("colour", "blue") ==
        "The setting must be one of board_name, contact, address, renew_url, public_url, "
        "second_factor.");
  CHECK(*tracker::setting_problem("public_url", "verify.example.org") ==
        "public_url must be a web address starting with https:// (or http://), without spaces.");
  CHECK(tracker::setting_problem("public_url", "https://"));
  CHECK(tracker::setting_problem("public_url", "https:///x"));
  CHECK(tracker::setting_problem("renew_url", "https://a.example/x y"));
  CHECK(tracker::setting_problem("public_url", "https://a.example/?board=mo"));
  CHECK(tracker::setting_problem("public_url", "https://a.example/#top"));
  CHECK_FALSE(tracker::setting_problem("renew_url", "https://a.example/renew?board=mo"));
  CHECK_FALSE(tracker::setting_problem("board_name", std::string(150, 'x') + "é"));
  CHECK(*tracker::setting_problem("address", "1 Main St\nSpringfield") ==
        "address must be one line, without control characters.");
  CHECK(*tracker::setting_problem("board_name", std::string(301, 'x')) ==
        "board_name must be at most 300 characters.");
}

TEST_CASE("the verification address keeps one slash and encodes the number", "[settings]") {
  CHECK(tracker::verify_url("https://verify.example.org", "MO-CPS-000101") ==
        "https://verify.example.org/verify?number=MO-CPS-000101");
  CHECK(tracker::verify_url("https://verify.example.org//", "A.B_C") ==
        "https://verify.example.org/verify?number=A.B_C");
  CHECK(tracker::verify_url("https://x.example", "A B&C") ==
        "https://x.example/verify?number=A%20B%26C");
}

TEST_CASE("settings are found by key", "[settings]") {
  tracker::BoardSettings s;
  *s.find("public_url") = "https://x.example";
  CHECK(s.public_url == "https://x.example");
  *s.find("contact") = "board@example.org";
  CHECK(s.contact == "board@example.org");
  CHECK(s.find("colour") == nullptr);
  CHECK(tracker::setting_keys().size() == 6);
}

TEST_CASE("a QR code is one path of square modules inside a quiet zone", "[settings]") {
  const auto svg = report::qr_svg("https://verify.example.org/verify?number=MO-CPS-000101", 180);
  // Version 4 at error correction M holds this address: 33 modules and 4 on each side.
  CHECK(svg.find("viewBox=\"0 0 41 41\"") != std::string::npos);
  CHECK(svg.find("width=\"180\"") != std::string::npos);
  CHECK(svg.find("<path d=\"M4 4h1v1h-1z") != std::string::npos); // the finder's corner
  CHECK(
      svg.find("aria-label=\"QR code: https://verify.example.org/verify?number=MO-CPS-000101\"") !=
      std::string::npos);
}

TEST_CASE("audit actions in plain words and an addition shows its values but a person's own facts",
          "[settings]") {
  CHECK(report::audit_action_words("ceu.log") == "CE entry logged");
  CHECK(report::audit_action_words("ce_audit.passed") == "CE audit passed");
  CHECK(report::audit_action_words("something.new") == "something.new");
  tracker::AuditEntry added;
  added.action = "applicant.add";
  added.entity = "applicant";
  added.after = R"({"id": 3, "first_name": "Jane", "date_of_birth": "1990-05-01",
                    "disqualifying_offense": false, "education": "ged"})";
  CHECK(report::audit_changes(added) == "added");
  added.action = "cohort.apply";
  added.entity = "cohort_member";
  added.after = R"({"cohort": 1, "name": "Jane Doe", "email": "j@example.org",
                    "background_check": "passed", "status": "applied"})";
  CHECK(report::audit_changes(added) == "cohort: 1; name: Jane Doe; status: applied");
  tracker::AuditEntry changed = added;
  changed.before = R"({"email": "a@example.org", "hours": 2})";
  changed.after = R"({"email": "b@example.org", "hours": 2})";
  CHECK(report::audit_changes(changed) == "email: a@example.org → b@example.org");
}

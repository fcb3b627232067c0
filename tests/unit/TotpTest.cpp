#include "core/Totp.hpp"
#include "app/SecondFactor.hpp"
#include "app/Settings.hpp"
#include "app/Users.hpp"
#include "core/Error.hpp"
#include "store/AuditLog.hpp"

#include <catch2/catch.hpp>

using namespace peercert;

namespace {
// RFC 6238, appendix B: the SHA-1 seed, and the 8-digit codes whose last six phones show.
const std::string rfc_secret = "12345678901234567890";
} // namespace

TEST_CASE("TOTP codes are RFC 6238's, with SHA-1 and six digits", "[totp]") {
  CHECK(core::totp_code(rfc_secret, core::totp_step(59)) == "287082");
  CHECK(core::totp_code(rfc_secret, core::totp_step(1111111109)) == "081804");
  CHECK(core::totp_code(rfc_secret, core::totp_step(1111111111)) == "050471");
  CHECK(core::totp_code(rfc_secret, core::totp_step(1234567890)) == "005924");
  CHECK(core::totp_code(rfc_secret, core::totp_step(2000000000)) == "279037");
  CHECK(core::totp_code(rfc_secret, core::totp_step(20000000000)) == "353130");
}

TEST_CASE("a code is taken one step either way, and only after the last one used", "[totp]") {
  const std::int64_t now = core::totp_step(1111111111);
  const auto code = core::totp_code(rfc_secret, now);
  CHECK(core::totp_match(rfc_secret, code, now, 0) == now);
  CHECK(core::totp_match(rfc_secret, code, now + 1, 0) == now); // the phone 30 s behind
  CHECK(core::totp_match(rfc_secret, code, now - 1, 0) == now); // or ahead
  CHECK_FALSE(core::totp_match(rfc_secret, code, now + 2, 0));  // a minute late
  CHECK_FALSE(core::totp_match(rfc_secret, code, now, now));    // used already
  CHECK(core::totp_match(rfc_secret, "050 471", now, 0) == now);
  CHECK_FALSE(core::totp_match(rfc_secret, "05047", now, 0));
  CHECK_FALSE(core::totp_match(rfc_secret, "05047x", now, 0));
}

TEST_CASE("secrets read and write as base32", "[totp]") {
  CHECK(core::base32_encode("12345678901234567890") == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  CHECK(core::base32_decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq") == rfc_secret);
  CHECK(core::base32_encode("f") == "MY");
  CHECK(core::base32_decode("MY======") == "f");
  CHECK_FALSE(core::base32_decode("M1"));
  CHECK(core::totp_uri("peercert", "dana smith", "ABC") ==
        "otpauth://totp/peercert:dana%20smith?secret=ABC&issuer=peercert&algorithm=SHA1&"
        "digits=6&period=30");
}

TEST_CASE("a staff user enrols, logs in with a code once, and with a recovery code",
          "[totp][users]") {
  auto db = store::Database::open_in_memory();
  const app::Actor actor{"admin", [] { return std::string("2026-12-06T12:00:00Z"); }};
  app::Users users(db, actor);
  app::SecondFactor factor(db, actor);
  users.add("dana", tracker::Role::staff, "correct horse battery");
  CHECK_FALSE(factor.enrolled("dana"));
  CHECK_FALSE(factor.required());

  const auto enrolment = factor.begin("dana");
  const auto secret = core::base32_decode(enrolment.secret);
  REQUIRE(secret);
  CHECK(secret->size() == 20);
  const std::int64_t t = 1'790'000'000;
  CHECK_THROWS_WITH(factor.confirm("dana", "000000", t), Catch::StartsWith("That is not the code"));
  CHECK_FALSE(factor.enrolled("dana"));
  const auto codes = factor.confirm("dana", core::totp_code(*secret, core::totp_step(t)), t);
  CHECK(codes.size() == 10);
  CHECK(factor.enrolled("dana"));
  CHECK(factor.recovery_codes_left("dana") == 10);

  // The code that confirmed enrolment is spent; the next step's is good once.
  CHECK_FALSE(factor.verify("dana", core::totp_code(*secret, core::totp_step(t)), t));
  const auto next = core::totp_code(*secret, core::totp_step(t + 30));
  CHECK(factor.verify("dana", next, t + 30));
  CHECK_FALSE(factor.verify("dana", next, t + 30));
  CHECK_FALSE(factor.verify("dana", "123456", t + 60));

  // A recovery code, in any case and without its hyphen, works once.
  std::string typed = codes[3];
  typed.erase(typed.find('-'), 1);
  for (auto& c : typed) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  CHECK(factor.verify("dana", typed, t + 90));
  CHECK_FALSE(factor.verify("dana", codes[3], t + 90));
  CHECK(factor.recovery_codes_left("dana") == 9);

  // A reset clears it and ends the user's sessions.
  const auto version = users.list().front().session_version;
  factor.reset("dana");
  CHECK_FALSE(factor.enrolled("dana"));
  CHECK(factor.recovery_codes_left("dana") == 0);
  CHECK_FALSE(users.session_current("dana", version));
  CHECK_THROWS_WITH(factor.reset("nobody"), "There is no user nobody.");

  app::Settings settings(db, actor);
  settings.set("second_factor", "required");
  CHECK(factor.required());
  CHECK_THROWS_AS(settings.set("second_factor", "always"), core::InputError);
}

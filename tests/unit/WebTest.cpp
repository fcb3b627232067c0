#include "TempDir.hpp"
#include "app/Users.hpp"
#include "store/Dump.hpp"
#include "web/Form.hpp"
#include "web/Server.hpp"
#include "web/Sessions.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

using namespace peercert;

TEST_CASE("form bodies decode like browsers encode them", "[web]") {
  const auto f = web::Form::parse("name=Jane+Doe&title=Ethics%20%26%20boundaries&empty=&flag"
                                  "&name=second&bad=%zz%4");
  CHECK(f.value("name") == "Jane Doe");
  CHECK(f.value("title") == "Ethics & boundaries");
  CHECK(f.has("empty"));
  CHECK(f.value("empty").empty());
  CHECK(f.has("flag"));
  CHECK(f.value("bad") == "%zz%4");
  CHECK_FALSE(f.get("missing"));
  CHECK(web::url_decode(web::url_encode("MO-CPS 000 /é?&=")) == "MO-CPS 000 /é?&=");
  CHECK(web::url_encode("/staff/") == "%2Fstaff%2F");
  CHECK(web::Form::parse("").value("x").empty());
}

TEST_CASE("tokens are random and compared in constant time", "[web]") {
  const auto a = web::random_token();
  const auto b = web::random_token();
  CHECK(a.size() == 64);
  CHECK(a != b);
  CHECK(web::same_secret(a, a));
  CHECK_FALSE(web::same_secret(a, b));
  CHECK_FALSE(web::same_secret("", ""));
  CHECK_FALSE(web::same_secret(a, a.substr(1)));
}

TEST_CASE("sessions carry a CSRF token, end and expire, and outlive the connection", "[web]") {
  test::TempDir dir;
  tracker::User dana;
  dana.name = "dana";
  dana.session_version = 4;
  const web::SessionStore store(std::chrono::seconds(3600));
  std::string token;
  {
    const auto db = store::Database::open(dir / "p.db");
    app::WebState state(db);
    token = store.start(state, dana);
    const auto s = store.find(state, token);
    REQUIRE(s);
    CHECK(s->user == "dana");
    CHECK(s->user_version == 4);
    CHECK(s->csrf.size() == 64);
    CHECK(s->csrf != token);
    CHECK_FALSE(store.find(state, "not-a-token"));
    CHECK_FALSE(store.find(state, std::string(64, '0')));
  }
  {
    // Another connection, as another process or the same one restarted, finds it.
    const auto db = store::Database::open(dir / "p.db");
    app::WebState state(db);
    REQUIRE(store.find(state, token));
    // Only the token's hash is kept.
    std::string all;
    store::dump(
        db, [](const store::DumpTable&) {},
        [&all](const std::vector<store::DumpValue>& row) {
          for (const auto& v : row) {
            all += v.value_or("") + "\t";
          }
        });
    CHECK(all.find("dana") != std::string::npos);
    CHECK(all.find(token) == std::string::npos);
    store.end(state, token);
    CHECK_FALSE(store.find(state, token));

    const web::SessionStore expired(std::chrono::seconds(0));
    CHECK_FALSE(expired.find(state, expired.start(state, dana)));
  }
}

TEST_CASE("after three tries each further one must wait, and a success clears the count", "[web]") {
  const auto db = store::Database::open_in_memory();
  app::WebState state(db);
  const web::LoginThrottle throttle(app::Counter::login_name, 3);
  for (int i = 0; i < 3; ++i) {
    CHECK(throttle.reserve(state, "x") == 0);
  }
  CHECK(throttle.reserve(state, "x") >= 1);
  CHECK(throttle.reserve(state, "y") == 0);
  // Each kind counts apart.
  CHECK(web::LoginThrottle(app::Counter::login_address, 3).reserve(state, "x") == 0);
  throttle.succeeded(state, "x");
  CHECK(throttle.reserve(state, "x") == 0);
}

TEST_CASE("a try while waiting starts the wait again, so a slow burst gets no more", "[web]") {
  const auto db = store::Database::open_in_memory();
  app::WebState state(db);
  const auto kind = app::Counter::login_name;
  for (int i = 0; i < 3; ++i) {
    CHECK(state.reserve_try(kind, "x", 3, 10'000, true) == 0);
    CHECK(state.reserve_try(kind, "y", 3, 10'000) == 0);
  }
  // Without restarting (an address's key), the wait ends on time whatever is tried in it.
  CHECK(state.reserve_try(kind, "y", 3, 10'500) == 1);
  CHECK(state.reserve_try(kind, "y", 3, 11'000) == 0);
  CHECK(state.reserve_try(kind, "x", 3, 10'900, true) == 1); // 1 s after the third: not yet
  CHECK(state.reserve_try(kind, "x", 3, 11'500, true) ==
        1); // 1 s after the third, 0.6 s after the last
  CHECK(state.reserve_try(kind, "x", 3, 12'500, true) == 0); // 1 s after the last: the fourth
  CHECK(state.reserve_try(kind, "x", 3, 14'000, true) == 2); // the fifth waits 2 s
  CHECK(state.reserve_try(kind, "x", 3, 16'000, true) == 0);
  // A stamp read before an earlier try's turn does not move the key back.
  CHECK(state.reserve_try(kind, "x", 3, 15'000, true) == 4);
  CHECK(state.reserve_try(kind, "x", 3, 19'999, true) == 4);
  CHECK(state.reserve_try(kind, "x", 3, 24'000, true) == 0);
}

TEST_CASE("tries sent all at once, from many connections, are counted as they arrive", "[web]") {
  test::TempDir dir;
  store::Database::open(dir / "p.db");
  const web::LoginThrottle throttle(app::Counter::login_name, 3);
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 40; ++i) {
    threads.emplace_back([&] {
      const auto db = store::Database::open(dir / "p.db");
      app::WebState state(db);
      if (throttle.reserve(state, "127.0.0.1 dana") == 0) {
        ++allowed;
      }
    });
  }
  for (auto& t : threads) {
    t.join();
  }
  CHECK(allowed == 3);
}

TEST_CASE("lookups are limited per minute per address and per UTC day in all", "[web]") {
  const auto db = store::Database::open_in_memory();
  app::WebState state(db);
  const web::RateLimit limit(5);
  CHECK(limit.take(state, "10.0.0.1", 3) == 0);
  CHECK(limit.take(state, "10.0.0.1", 2) == 0);
  const auto wait = limit.take(state, "10.0.0.1", 1);
  CHECK(wait >= 1);
  CHECK(wait <= 60);
  CHECK(limit.take(state, "10.0.0.2", 5) == 0);
  const web::DailyCap cap(4);
  CHECK(cap.take(state, 4) == 0);
  const auto until_tomorrow = cap.take(state, 1);
  CHECK(until_tomorrow >= 1);
  CHECK(until_tomorrow <= 24 * 60 * 60);
  CHECK(web::DailyCap(0).take(state, 1000) == 0);
}

TEST_CASE("passwords are hashed with Argon2id and checked", "[web]") {
  const auto hash = app::hash_password("correct horse battery");
  CHECK(hash.starts_with("$argon2id$"));
  CHECK(hash.find("correct horse") == std::string::npos);
  CHECK(app::password_matches(hash, "correct horse battery"));
  CHECK_FALSE(app::password_matches(hash, "correct horse batterY"));
  CHECK(app::hash_password("correct horse battery") != hash); // salted
}

TEST_CASE("only loopback addresses count as this machine", "[web]") {
  CHECK(web::is_loopback("127.0.0.1"));
  CHECK(web::is_loopback("127.1.2.3"));
  CHECK(web::is_loopback("::1"));
  CHECK(web::is_loopback("localhost"));
  CHECK_FALSE(web::is_loopback("0.0.0.0"));
  CHECK_FALSE(web::is_loopback("192.168.1.10"));
  CHECK_FALSE(web::is_loopback("::"));
}

TEST_CASE("the in-process server answers raw requests through every handler", "[web]") {
  test::TempDir dir;
  // The options go out of scope before the first request: the server keeps its own copy
  // (a fuzzing finding: it once kept a reference to the caller's).
  auto made = [&] {
    web::ServeOptions options;
    options.database = dir / "p.db";
    options.rules_dir = PEERCERT_TEST_RULES_DIR;
    options.as_of = core::Date{date::year{2026} / date::November / 24};
    options.clock = [] { return std::string("2026-11-24T12:00:00Z"); };
    options.behind_https_proxy = true;
    return std::make_unique<web::InProcessServer>(options);
  }();
  auto& server = *made;
  const auto home = server.answer("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  CHECK(home.starts_with("HTTP/1.1 200 OK\r\n"));
  CHECK(home.find("Missouri Certified Peer Specialist") != std::string::npos);
  const std::string facts = R"({"date_of_birth": 1e309})";
  const auto api = server.answer("POST /api/check?program=MO-CPS HTTP/1.1\r\nHost: x\r\n"
                                 "Content-Type: application/json\r\nContent-Length: " +
                                 std::to_string(facts.size()) + "\r\n\r\n" + facts);
  CHECK(api.starts_with("HTTP/1.1 400 Bad Request\r\n"));
  CHECK(api.find("date_of_birth is a number out of range.") != std::string::npos);
  CHECK(server.answer("garbage\r\n\r\n").starts_with("HTTP/1.1 400"));
  CHECK(server.answer("GET /staff/ HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\n\r\n")
            .starts_with("HTTP/1.1 303"));
  const auto login =
      server.answer("GET /login HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 10.0.0.1\r\n\r\n");
  CHECK(login.find("Secure") != std::string::npos);
}

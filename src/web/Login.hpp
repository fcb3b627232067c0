#pragma once

// The staff login: its form, guarded by a CSRF cookie of its own; the password checked behind
// two throttles (this name from this address, and any name from this address); and the session
// cookie it sets.

#include "tracker/Records.hpp"
#include "web/Sessions.hpp"

#include <functional>
#include <optional>
#include <string>

namespace httplib {
struct Request;
struct Response;
} // namespace httplib

namespace peercert::web {

inline constexpr const char* session_cookie_name = "peercert_session";
inline constexpr const char* login_cookie_name = "peercert_login";

/// A Set-Cookie value: HttpOnly, SameSite=Strict, and Secure behind an HTTPS proxy.
std::string set_cookie(const std::string& name, const std::string& value, long long max_age,
                       bool secure);

class Login {
public:
  /// The user whose name and password these are, or nothing (app::Users::verify).
  using Verify =
      std::function<std::optional<tracker::User>(const std::string&, const std::string&)>;

  Login(SessionStore& sessions, bool secure_cookies)
      : sessions_(sessions), secure_(secure_cookies) {}

  /// GET /login, or the form again with `error`.
  void show(const httplib::Request& req, httplib::Response& res, int status,
            const std::string& error);
  /// POST /login from the client at `address`: a session and 303 to the page asked for.
  void login(const httplib::Request& req, httplib::Response& res, const std::string& address,
             const Verify& verify);

private:
  SessionStore& sessions_;
  bool secure_;
  LoginThrottle name_throttle_{3};
  LoginThrottle address_throttle_{20};
};

} // namespace peercert::web

#pragma once

// The staff login: its form, guarded by a CSRF cookie of its own; the password checked behind
// two throttles (this name from this address, and any name from this address); and the session
// cookie it sets.

#include "app/SecondFactor.hpp"
#include "app/Users.hpp"
#include "tracker/Records.hpp"
#include "web/Sessions.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace httplib {
struct Request;
struct Response;
} // namespace httplib

namespace peercert::web {

inline constexpr const char* session_cookie_name = "peercert_session";
inline constexpr const char* login_cookie_name = "peercert_login";
/// A login whose password held and whose second factor is still to come.
inline constexpr const char* pending_cookie_name = "peercert_pending";

/// A Set-Cookie value: HttpOnly, SameSite=Strict, and Secure behind an HTTPS proxy.
std::string set_cookie(const std::string& name, const std::string& value, long long max_age,
                       bool secure);

/// The services a login step needs, acting as the user logging in.
struct LoginServices {
  app::Users& users;
  app::SecondFactor& second_factor;
  app::WebState& web_state;
};

class Login {
public:
  /// Opens the services over the database acting as `user` (the name typed, at first), and
  /// passes them to the function given while they stay open.
  using Open =
      std::function<void(const std::string& user, const std::function<void(LoginServices)>& use)>;

  Login(const SessionStore& sessions, bool secure_cookies)
      : sessions_(sessions), secure_(secure_cookies) {}

  /// GET /login, or the form again with `error`.
  void show(const httplib::Request& req, httplib::Response& res, int status,
            const std::string& error);
  /// POST /login from the client at `address`: the password, then — for a user with a second
  /// factor, or where the board requires one — the code or enrolment page; else a session and
  /// 303 to the page asked for.
  void login(const httplib::Request& req, httplib::Response& res, const std::string& address,
             const Open& open);
  /// POST /login/code: the authenticator's code or a recovery code; 403 when it is wrong,
  /// taken before or outside its window, counted as a failed login.
  void code(const httplib::Request& req, httplib::Response& res, const std::string& address,
            const Open& open);
  /// POST /login/enrol: the first code of the secret shown; then the recovery codes, once.
  void enrol(const httplib::Request& req, httplib::Response& res, const std::string& address,
             const Open& open);

private:
  /// The pending login of the request (kept in the database), if its cookie and form token
  /// agree and it is recent.
  std::optional<app::PendingLogin> pending(const httplib::Request& req, const std::string& token,
                                           const Open& open) const;
  void start_session(app::WebState& state, httplib::Response& res, const tracker::User& user);
  /// Whether the user of a pending login is as they were at its password (not disabled, no
  /// new password, no second factor cleared); if not, the login ends with 403.
  bool still_current(const httplib::Request& req, httplib::Response& res, LoginServices& s,
                     const app::PendingLogin& p);
  /// The last step of a login with a second factor: its pending entry and cookie gone, the
  /// throttles told, the session started.
  void complete(const httplib::Request& req, httplib::Response& res, LoginServices& s,
                const std::string& address, const tracker::User& user);
  /// Counts a try against both throttles; the seconds to wait, or 0.
  long long reserve(app::WebState& state, const std::string& address, const std::string& name);
  void succeeded(app::WebState& state, const std::string& address, const std::string& name);

  const SessionStore& sessions_;
  bool secure_;
  LoginThrottle name_throttle_{app::Counter::login_name, 3};
  LoginThrottle address_throttle_{app::Counter::login_address, 20};
};

} // namespace peercert::web

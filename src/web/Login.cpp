#include "web/Login.hpp"

#include "web/Form.hpp"
#include "web/Pages.hpp"
#include "web/Reply.hpp"

#include <httplib.h>
#include <spdlog/spdlog.h>

namespace peercert::web {

namespace {
/// Where to go after logging in: only a staff page of this site.
std::string safe_next(const std::string& next) {
  if (next.starts_with("/staff/") && next.find("//") == std::string::npos &&
      next.find('\\') == std::string::npos) {
    return next;
  }
  return "/staff/";
}
} // namespace

std::string set_cookie(const std::string& name, const std::string& value, long long max_age,
                       bool secure) {
  return name + "=" + value +
         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
         (secure ? "; Secure" : "");
}

void Login::show(const httplib::Request& req, httplib::Response& res, int status,
                 const std::string& error) {
  const std::string token = random_token();
  res.set_header("Set-Cookie", set_cookie(login_cookie_name, token, 3600, secure_));
  res.set_header("Cache-Control", "no-store");
  const std::string next = req.has_param("next") ? req.get_param_value("next") : "/staff/";
  send_html(res, status, page("Staff login", login_body(token, safe_next(next), error)));
}

void Login::login(const httplib::Request& req, httplib::Response& res, const std::string& address,
                  const Verify& verify) {
  const Form form = Form::parse(req.body);
  const std::string expected = cookie(req, login_cookie_name);
  if (!same_secret(expected, form.value("csrf"))) {
    send_html(
        res, 403,
        page("Form expired", error_body("This form has expired",
                                        "Go back to the login page, reload it and try again.")));
    return;
  }
  const std::string name = form.value("name");
  // Tries are counted before the password is checked, for this name from this address and
  // for any name from this address; the client's own address, not a proxy's.
  const std::string key_name = address + " " + name;
  auto wait = name_throttle_.reserve(key_name);
  if (wait == 0) {
    wait = address_throttle_.reserve(address);
  }
  if (wait > 0) {
    res.set_header("Retry-After", std::to_string(wait));
    show(req, res, 429,
         "Too many failed logins. Try again in " + std::to_string(wait) + " seconds.");
    return;
  }
  const auto user = verify(name, form.value("password"));
  if (!user) {
    spdlog::warn("failed staff login");
    show(req, res, 401, "The name or the password is wrong.");
    return;
  }
  name_throttle_.succeeded(key_name);
  address_throttle_.succeeded(address);
  const std::string token = sessions_.start(*user);
  res.set_header("Set-Cookie",
                 set_cookie(session_cookie_name, token, sessions_.lifetime().count(), secure_));
  res.set_redirect(safe_next(form.value("next")), 303);
}

} // namespace peercert::web

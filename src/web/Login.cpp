#include "web/Login.hpp"

#include "core/Error.hpp"
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

namespace {
/// How long a login may wait between its password and its second factor.
constexpr auto pending_lifetime = std::chrono::minutes(5);
} // namespace

long long Login::reserve(app::WebState& state, const std::string& address,
                         const std::string& name) {
  // Tries are counted before the password or code is checked, for this name from this
  // address and for any name from this address; the client's own address, not a proxy's.
  auto wait = name_throttle_.reserve(state, address + " " + name);
  if (wait == 0) {
    wait = address_throttle_.reserve(state, address);
  }
  return wait;
}

void Login::succeeded(app::WebState& state, const std::string& address, const std::string& name) {
  name_throttle_.succeeded(state, address + " " + name);
  address_throttle_.succeeded(state, address);
}

bool Login::still_current(const httplib::Request& req, httplib::Response& res, LoginServices& s,
                          const app::PendingLogin& p) {
  if (s.users.session_current(p.user.name, p.user.session_version)) {
    return true;
  }
  s.web_state.end_pending(cookie(req, pending_cookie_name));
  res.set_header("Set-Cookie", set_cookie(pending_cookie_name, "", 0, secure_));
  show(req, res, 403, "The account changed since its password was given: log in again.");
  return false;
}

void Login::complete(const httplib::Request& req, httplib::Response& res, LoginServices& s,
                     const std::string& address, const tracker::User& user) {
  s.web_state.end_pending(cookie(req, pending_cookie_name));
  succeeded(s.web_state, address, user.name);
  res.set_header("Set-Cookie", set_cookie(pending_cookie_name, "", 0, secure_));
  start_session(s.web_state, res, user);
}

void Login::start_session(app::WebState& state, httplib::Response& res, const tracker::User& user) {
  const std::string token = sessions_.start(state, user);
  res.set_header("Set-Cookie",
                 set_cookie(session_cookie_name, token, sessions_.lifetime().count(), secure_));
}

void Login::login(const httplib::Request& req, httplib::Response& res, const std::string& address,
                  const Open& open) {
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
  open(name, [&](LoginServices s) {
    if (const auto wait = reserve(s.web_state, address, name); wait > 0) {
      res.set_header("Retry-After", std::to_string(wait));
      show(req, res, 429,
           "Too many failed logins. Try again in " + std::to_string(wait) + " seconds.");
      return;
    }
    const auto user = s.users.verify(name, form.value("password"));
    if (!user) {
      spdlog::warn("failed staff login");
      show(req, res, 401, "The name or the password is wrong.");
      return;
    }
    const std::string next = safe_next(form.value("next"));
    const bool enrolled = s.second_factor.enrolled(user->name);
    if (!enrolled && !s.second_factor.required()) {
      succeeded(s.web_state, address, name);
      start_session(s.web_state, res, *user);
      res.set_redirect(next, 303);
      return;
    }
    std::optional<app::TotpEnrolment> enrolment;
    if (!enrolled) {
      enrolment = s.second_factor.begin(user->name);
    }
    const std::string token =
        s.web_state.start_pending({*user, next, !enrolled}, pending_lifetime, unix_seconds_now());
    res.set_header("Set-Cookie",
                   set_cookie(pending_cookie_name, token,
                              std::chrono::seconds(pending_lifetime).count(), secure_));
    res.set_header("Cache-Control", "no-store");
    if (enrolment) {
      send_html(
          res, 200,
          page("Set up a second factor", enrol_body(token, enrolment->secret, enrolment->uri, "")));
    } else {
      send_html(res, 200, page("Second factor", code_body(token, "")));
    }
  });
}

std::optional<app::PendingLogin> Login::pending(const httplib::Request& req,
                                                const std::string& token, const Open& open) const {
  const std::string expected = cookie(req, pending_cookie_name);
  if (expected.empty() || !same_secret(expected, token)) {
    return std::nullopt;
  }
  std::optional<app::PendingLogin> out;
  open("peercert",
       [&](LoginServices s) { out = s.web_state.pending(expected, unix_seconds_now()); });
  return out;
}

void Login::code(const httplib::Request& req, httplib::Response& res, const std::string& address,
                 const Open& open) {
  const Form form = Form::parse(req.body);
  const std::string token = form.value("csrf");
  const auto p = pending(req, token, open);
  if (!p) {
    show(req, res, 403, "The login took too long: give your name and password again.");
    return;
  }
  const std::string& name = p->user.name;
  open(name, [&](LoginServices s) {
    if (const auto wait = reserve(s.web_state, address, name); wait > 0) {
      res.set_header("Retry-After", std::to_string(wait));
      send_html(res, 429,
                page("Second factor", code_body(token, "Too many failed tries. Try again in " +
                                                           std::to_string(wait) + " seconds.")));
      return;
    }
    if (!still_current(req, res, s, *p)) {
      return;
    }
    if (!s.second_factor.verify(name, form.value("code"), unix_seconds_now())) {
      spdlog::warn("failed staff second factor");
      send_html(res, 403,
                page("Second factor",
                     code_body(token, "The code is wrong, already used or too old: type the six "
                                      "digits your app shows now, or a recovery code.")));
      return;
    }
    complete(req, res, s, address, p->user);
    res.set_redirect(p->next, 303);
  });
}

void Login::enrol(const httplib::Request& req, httplib::Response& res, const std::string& address,
                  const Open& open) {
  const Form form = Form::parse(req.body);
  const std::string token = form.value("csrf");
  const auto p = pending(req, token, open);
  if (!p || !p->must_enrol) {
    show(req, res, 403, "The login took too long: give your name and password again.");
    return;
  }
  const std::string& name = p->user.name;
  open(name, [&](LoginServices s) {
    const auto enrolment = s.second_factor.waiting(name);
    if (!enrolment) {
      show(req, res, 403, "The login took too long: give your name and password again.");
      return;
    }
    if (const auto wait = reserve(s.web_state, address, name); wait > 0) {
      res.set_header("Retry-After", std::to_string(wait));
      res.set_header("Cache-Control", "no-store");
      send_html(res, 429,
                page("Set up a second factor", enrol_body(token, enrolment->secret, enrolment->uri,
                                                          "Too many failed tries. Try again in " +
                                                              std::to_string(wait) + " seconds.")));
      return;
    }
    if (!still_current(req, res, s, *p)) {
      return;
    }
    std::vector<std::string> codes;
    try {
      codes = s.second_factor.confirm(name, form.value("code"), unix_seconds_now());
    } catch (const core::InputError& e) {
      res.set_header("Cache-Control", "no-store");
      send_html(res, 403,
                page("Set up a second factor",
                     enrol_body(token, enrolment->secret, enrolment->uri, said(e))));
      return;
    }
    complete(req, res, s, address, p->user);
    res.set_header("Cache-Control", "no-store");
    send_html(res, 200, page("Recovery codes", recovery_codes_body(codes, p->next)));
  });
}

} // namespace peercert::web

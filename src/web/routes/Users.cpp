#include "web/routes/Users.hpp"

#include "core/Error.hpp"
#include "web/Pages.hpp"
#include "web/Reply.hpp"
#include "web/Sessions.hpp"
#include "web/WorkPages.hpp"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <functional>

namespace peercert::web::routes {

namespace {

std::vector<StaffUser> staff_users(app::Users& users, app::SecondFactor& factor) {
  std::vector<StaffUser> out;
  for (auto& u : users.list()) {
    const bool on = factor.enrolled(u.name);
    out.push_back({std::move(u), on});
  }
  return out;
}

void send_users(const StaffRequest& r, httplib::Response& res, int status, app::Users& users,
                app::SecondFactor& factor, const Outcome& outcome) {
  send_html(res, status,
            page("Users",
                 users_body(staff_users(users, factor), factor.required(), r.session, outcome),
                 &r.session));
}

/// An admin's change to a user: refused (403) for other staff, said as done or, for bad input,
/// why nothing changed (400).
void admin_change(const StaffRequest& r, httplib::Response& res, app::Users& users,
                  app::SecondFactor& factor, const std::function<std::string()>& change) {
  Outcome outcome;
  int status = 200;
  if (r.session.role != tracker::Role::admin) {
    outcome.problem = "Only an admin can change another user.";
    status = 403;
  } else {
    try {
      outcome.notice = change();
    } catch (const core::InputError& e) {
      outcome.problem = "Nothing was changed: " + said(e);
      status = 400;
    }
  }
  send_users(r, res, status, users, factor, outcome);
}

} // namespace

void users(const StaffRequest& r, httplib::Response& res, app::Users& users,
           app::SecondFactor& factor) {
  send_users(r, res, 200, users, factor, {});
}

void disable_user(const StaffRequest& r, httplib::Response& res, app::Users& users,
                  app::SecondFactor& factor) {
  admin_change(r, res, users, factor, [&] {
    const auto u = users.disable(r.form.value("name"));
    return u.name + " is disabled: they can no longer log in.";
  });
}

void add_user(const StaffRequest& r, httplib::Response& res, app::Users& users,
              app::SecondFactor& factor) {
  admin_change(r, res, users, factor, [&] {
    const auto role = tracker::role_from_name(r.form.value("role"));
    if (!role) {
      throw core::InputError::about("role", "must be staff or admin.");
    }
    app::BoardAccess access;
    const std::string boards = r.form.value("boards");
    if (boards == "all") {
      access.all_boards = true;
    } else {
      std::size_t start = 0;
      while (start <= boards.size()) {
        const auto comma = std::min(boards.find(',', start), boards.size());
        std::string id = boards.substr(start, comma - start);
        id.erase(0, id.find_first_not_of(' '));
        id.erase(id.find_last_not_of(' ') + 1);
        if (!id.empty()) {
          access.boards.push_back(id);
        }
        start = comma + 1;
      }
    }
    const auto u = users.add(r.form.value("name"), *role, r.form.value("password"), access);
    return u.name + " is added as " + std::string(tracker::to_string(u.role)) +
           ": give them the first password yourself, in person or by phone.";
  });
}

void reset_password(const StaffRequest& r, httplib::Response& res, app::Users& users,
                    app::SecondFactor& factor) {
  admin_change(r, res, users, factor, [&] {
    const std::string name = r.form.value("name");
    users.set_password(name, r.form.value("password"));
    return "The password of " + name + " is reset, and every session they had has ended.";
  });
}

void reset_second_factor(const StaffRequest& r, httplib::Response& res, app::Users& users,
                         app::SecondFactor& factor) {
  admin_change(r, res, users, factor, [&] {
    const std::string name = r.form.value("name");
    factor.reset(name);
    return "The second factor of " + name +
           " is cleared and their sessions have ended; they set it up again at the next login "
           "where one is required.";
  });
}

void require_second_factor(const StaffRequest& r, httplib::Response& res, app::Users& users,
                           app::SecondFactor& factor, app::Settings& settings) {
  admin_change(r, res, users, factor, [&] {
    const std::string value = r.form.value("second_factor");
    settings.set("second_factor", value);
    return value == "required"
               ? std::string("A second factor is now required: users without one set it up at "
                             "their next login.")
               : std::string("A second factor is no longer required.");
  });
}

void account(const StaffRequest& r, httplib::Response& res, app::SecondFactor& factor) {
  const auto& user = r.session.user;
  send_html(
      res, 200,
      page("Your account",
           account_body(r.session, factor.enrolled(user), factor.recovery_codes_left(user), {}),
           &r.session));
}

void begin_second_factor(const StaffRequest& r, httplib::Response& res, app::SecondFactor& factor) {
  const auto enrolment = factor.begin(r.session.user);
  res.set_header("Cache-Control", "no-store");
  send_html(res, 200,
            page("Set up a second factor",
                 enrol_body(r.session.csrf, enrolment.secret, enrolment.uri, "",
                            "/staff/account/totp/confirm"),
                 &r.session));
}

void confirm_second_factor(const StaffRequest& r, httplib::Response& res,
                           app::SecondFactor& factor) {
  try {
    const auto codes = factor.confirm(r.session.user, r.form.value("code"), unix_seconds_now());
    res.set_header("Cache-Control", "no-store");
    send_html(res, 200,
              page("Recovery codes", recovery_codes_body(codes, "/staff/account"), &r.session));
  } catch (const core::InputError& e) {
    // The secret waiting for its first code is shown again (a new one if there is none).
    auto enrolment = factor.waiting(r.session.user);
    if (!enrolment) {
      enrolment = factor.begin(r.session.user);
    }
    send_html(res, 403,
              page("Set up a second factor",
                   enrol_body(r.session.csrf, enrolment->secret, enrolment->uri, said(e),
                              "/staff/account/totp/confirm"),
                   &r.session));
  }
}

} // namespace peercert::web::routes

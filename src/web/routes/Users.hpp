#pragma once

// Staff users on the web: the list, and an admin's forms that add a user, reset a password
// (which ends that user's sessions) or a second factor, disable a user and require a second
// factor of everyone; and each user's own account, where they set up their second factor.

#include "app/SecondFactor.hpp"
#include "app/Settings.hpp"
#include "app/Users.hpp"
#include "web/StaffRequest.hpp"

namespace httplib {
struct Response;
} // namespace httplib

namespace peercert::web::routes {

/// GET /staff/users.
void users(const StaffRequest& r, httplib::Response& res, app::Users& users,
           app::SecondFactor& factor);
/// POST /staff/users/disable, /add, /password and /totp-reset: admins only (403 otherwise).
void disable_user(const StaffRequest& r, httplib::Response& res, app::Users& users,
                  app::SecondFactor& factor);
void add_user(const StaffRequest& r, httplib::Response& res, app::Users& users,
              app::SecondFactor& factor);
void reset_password(const StaffRequest& r, httplib::Response& res, app::Users& users,
                    app::SecondFactor& factor);
void reset_second_factor(const StaffRequest& r, httplib::Response& res, app::Users& users,
                         app::SecondFactor& factor);
/// POST /staff/users/second-factor: required or optional, for every user (admins only).
void require_second_factor(const StaffRequest& r, httplib::Response& res, app::Users& users,
                           app::SecondFactor& factor, app::Settings& settings);

/// GET /staff/account; POST /staff/account/totp (a new secret) and /staff/account/totp/confirm
/// (its first code; then the recovery codes, once).
void account(const StaffRequest& r, httplib::Response& res, app::SecondFactor& factor);
void begin_second_factor(const StaffRequest& r, httplib::Response& res, app::SecondFactor& factor);
void confirm_second_factor(const StaffRequest& r, httplib::Response& res,
                           app::SecondFactor& factor);

} // namespace peercert::web::routes

#pragma once

// Staff routes of applicants: the list and search, a new applicant, one applicant's file with
// its eligibility in every program, corrections, and denying an application.

#include "app/Applicants.hpp"
#include "app/Certification.hpp"
#include "web/StaffRequest.hpp"

namespace httplib {
struct Response;
} // namespace httplib

namespace peercert::web::routes {

/// GET /staff/applicants[?q=TEXT].
void applicants(const StaffRequest& r, httplib::Response& res, app::Applicants& applicants);
/// GET and POST /staff/applicants/new.
void new_applicant(const StaffRequest& r, httplib::Response& res);
void add_applicant(const StaffRequest& r, httplib::Response& res, app::Applicants& applicants);
/// GET and POST /staff/applicant?id=N.
void applicant(const StaffRequest& r, httplib::Response& res, app::Applicants& applicants);
void update_applicant(const StaffRequest& r, httplib::Response& res, app::Applicants& applicants);
/// POST /staff/application/deny?id=N (the applicant's id).
void deny_application(const StaffRequest& r, httplib::Response& res, app::Applicants& applicants,
                      app::Certification& certification);

} // namespace peercert::web::routes

#pragma once

// Staff routes of the day's other work: cohorts and their attendance, CE audits, the audit
// log. Staff users are in routes/Users.hpp.

#include "app/AuditTrail.hpp"
#include "app/CeAudits.hpp"
#include "app/Cohorts.hpp"
#include "rules/ProgramCatalog.hpp"
#include "web/StaffRequest.hpp"

namespace httplib {
struct Response;
} // namespace httplib

namespace peercert::web::routes {

/// GET /staff/cohorts, GET /staff/cohort?id=N, POST /staff/cohort/attendance/remove?id=N.
void cohorts(const StaffRequest& r, httplib::Response& res, app::Cohorts& cohorts);
void cohort(const StaffRequest& r, httplib::Response& res, app::Cohorts& cohorts);
void remove_attendance(const StaffRequest& r, httplib::Response& res, app::Cohorts& cohorts);

/// GET /staff/audits[?all=1], POST /staff/audits/select and /staff/audits/advance.
void ce_audits(const StaffRequest& r, httplib::Response& res, app::CeAudits& audits,
               const rules::ProgramCatalog& programs);
void draw_audits(const StaffRequest& r, httplib::Response& res, app::CeAudits& audits,
                 const rules::ProgramCatalog& programs);
void advance_audit(const StaffRequest& r, httplib::Response& res, app::CeAudits& audits,
                   const rules::ProgramCatalog& programs);

/// GET /staff/audit with the log's filters.
void audit_log(const StaffRequest& r, httplib::Response& res, app::AuditTrail& trail);

} // namespace peercert::web::routes

#pragma once

// Staff routes of one credential: its page (or the search that finds it), the CE entries
// logged, voided, corrected or imported, the holder's details, renewals and statuses.

#include "app/CeLog.hpp"
#include "app/Certificates.hpp"
#include "app/Credentials.hpp"
#include "app/Lifecycle.hpp"
#include "web/StaffRequest.hpp"

namespace httplib {
struct Response;
} // namespace httplib

namespace peercert::web::routes {

/// GET /staff/credential?number=N (or part of a name or an email).
/// GET /staff/credential/certificate?number=…: the printable certificate and wallet card.
void certificate(const StaffRequest& r, httplib::Response& res, app::Certificates& certificates);
void credential(const StaffRequest& r, httplib::Response& res, app::Lifecycle& lifecycle,
                app::CeLog& ce_log, app::Credentials& credentials);
/// POST /staff/ceu: logs one entry, then back to the credential.
void log_ce(const StaffRequest& r, httplib::Response& res, app::Lifecycle& lifecycle,
            app::CeLog& ce_log, app::Credentials& credentials);
/// POST /staff/ceu/void and /staff/ceu/edit.
void void_ce(const StaffRequest& r, httplib::Response& res, app::Lifecycle& lifecycle,
             app::CeLog& ce_log, app::Credentials& credentials);
void edit_ce(const StaffRequest& r, httplib::Response& res, app::Lifecycle& lifecycle,
             app::CeLog& ce_log, app::Credentials& credentials);
/// POST /staff/credential/holder: names and email.
void update_holder(const StaffRequest& r, httplib::Response& res, app::Lifecycle& lifecycle,
                   app::CeLog& ce_log, app::Credentials& credentials);
/// POST /staff/renewal and /staff/credential/status.
void file_renewal(const StaffRequest& r, httplib::Response& res, app::Lifecycle& lifecycle,
                  app::CeLog& ce_log, app::Credentials& credentials);
void change_status(const StaffRequest& r, httplib::Response& res, app::Lifecycle& lifecycle,
                   app::CeLog& ce_log, app::Credentials& credentials);
/// GET and POST /staff/ceu/import: a provider's roster, all or nothing. The CSRF token of a
/// multipart upload is checked before this is called.
void import_form(const StaffRequest& r, httplib::Response& res);
void import_ce(const StaffRequest& r, httplib::Response& res, app::CeLog& ce_log);
/// GET and POST /staff/credentials/import: holders from a board's own spreadsheet, all or
/// nothing, with its mapping and date order. The CSRF token is checked before this is called.
void holders_import_form(const StaffRequest& r, httplib::Response& res);
void import_holders(const StaffRequest& r, httplib::Response& res, app::Credentials& credentials);

} // namespace peercert::web::routes

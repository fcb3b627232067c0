#pragma once

// Staff pages for the rest of the day's work: cohorts, CE audits, the audit log and users.

#include "report/TrackerReport.hpp"
#include "tracker/CeAudit.hpp"
#include "web/Form.hpp"
#include "web/Sessions.hpp"

#include <string>
#include <vector>

namespace peercert::web {

/// What a page says above its content: a notice that something was done, or why not.
struct Outcome {
  std::string notice;
  std::string problem;
};

/// Every cohort with its program, start, seats and how many are selected.
std::string cohorts_body(const std::vector<report::CohortFile>& cohorts);
/// One cohort's members with their status and hours, and the form that removes a day of
/// attendance recorded in error.
std::string cohort_body(const report::CohortFile& file, const Session& staff,
                        const Outcome& outcome);

/// Open CE audits (or all) by deadline, each with the form that moves it on; and the form
/// that draws new ones.
std::string ce_audits_body(const std::vector<tracker::CeAudit>& audits, core::Date as_of, bool all,
                           const std::vector<std::string>& programs, const Session& staff,
                           const Form& draw, const Outcome& outcome);

/// The audit log, filtered as the form asks, newest first.
std::string audit_log_body(const std::vector<tracker::AuditEntry>& entries, const Form& query,
                           const std::vector<std::string>& entities, const std::string& error);

/// A staff user as the users page lists them.
struct StaffUser {
  tracker::User user;
  bool second_factor = false; ///< has one set up
};

/// Staff users; for admins, the forms that add one, reset a password or a second factor,
/// disable a user, and require a second factor of everyone.
std::string users_body(const std::vector<StaffUser>& users, bool second_factor_required,
                       const Session& staff, const Outcome& outcome);

/// A user's own account: their second factor, on or off, and the way to set it up.
std::string account_body(const Session& staff, bool second_factor, std::size_t codes_left,
                         const Outcome& outcome);

} // namespace peercert::web

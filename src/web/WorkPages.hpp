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

/// Staff users, with a button to disable each enabled one (admins only).
std::string users_body(const std::vector<tracker::User>& users, const Session& staff,
                       const Outcome& outcome);

} // namespace peercert::web

#pragma once

// CE audits for people (`audit-ce list`, `audit-ce show`) and machines (`--format json`).

#include "report/CheckReport.hpp"
#include "tracker/CeAudit.hpp"

#include <string>
#include <vector>

namespace peercert::report {

/// An audit with its steps; `days_overdue` as of the day asked about.
Json ce_audit_json(const tracker::CeAudit& a, core::Date as_of);
/// What the audit log keeps of an audit: where it stands and its latest step, without what
/// depends on the day it is read.
Json ce_audit_record_json(const tracker::CeAudit& a);
Json ce_audit_draw_json(const tracker::AuditDraw& d);

/// One row per audit: id, credential, holder, program, renewal, state and since when, evidence
/// due and how late.
std::string ce_audits_table(const std::vector<tracker::CeAudit>& audits, core::Date as_of);

/// One audit: who, which renewal, where it stands, every step with its note, what may come next.
std::string ce_audit_text(const tracker::CeAudit& a, core::Date as_of);

} // namespace peercert::report

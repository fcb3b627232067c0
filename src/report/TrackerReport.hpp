#pragma once

#include "report/CheckReport.hpp"
#include "tracker/Records.hpp"

#include <string>
#include <vector>

namespace peercert::report {

// JSON of each record: the stable form for `--format json` and for the audit log's
// before and after values.
Json applicant_json(const tracker::Applicant& a);
Json cohort_json(const tracker::Cohort& c);
Json member_json(const tracker::CohortMember& m);
Json exam_json(const tracker::ExamResult& e);
Json application_json(const tracker::CertApplication& a);
Json credential_json(const tracker::Credential& c);
Json audit_json(const tracker::AuditEntry& e);

/// An applicant's eligibility for one program, for `applicant show`.
struct ProgramEligibility {
  const rules::Program* program = nullptr;
  rules::Assessment assessment;
};

/// Everything about one applicant: details, eligibility per program and pathway progress.
struct ApplicantFile {
  tracker::Applicant applicant;
  std::vector<ProgramEligibility> eligibility;
  std::vector<std::pair<tracker::Cohort, tracker::CohortMember>> cohorts;
  std::vector<tracker::ExamResult> exams;
  std::vector<tracker::CertApplication> applications;
};
Json applicant_file_json(const ApplicantFile& f);
std::string applicant_file_text(const ApplicantFile& f);

/// `applicant list`: one row per applicant with the outcome per program.
struct ApplicantRow {
  tracker::Applicant applicant;
  std::vector<std::pair<std::string, rules::Verdict>> outcomes; ///< program id, verdict
};
/// `programs` names the outcome columns, so an empty list still shows them.
std::string applicants_table(const std::vector<ApplicantRow>& rows);
Json applicants_json(const std::vector<ApplicantRow>& rows);
/// `applicant search`: who matched, with what to tell them apart.
std::string applicant_matches_table(const std::vector<tracker::Applicant>& list);

/// A cohort with its members.
struct CohortFile {
  tracker::Cohort cohort;
  std::vector<tracker::CohortMember> members;
};
std::string cohorts_table(const std::vector<CohortFile>& cohorts);
Json cohorts_json(const std::vector<CohortFile>& cohorts);
std::string cohort_text(const CohortFile& f);
Json cohort_file_json(const CohortFile& f);

/// `cohort notices`: who must hear by when, as a table, JSON or CSV for a mail merge.
std::string notices_table(const CohortFile& f);
Json notices_json(const CohortFile& f);
std::string notices_csv(const CohortFile& f);

std::string applications_table(const std::vector<tracker::CertApplication>& list);
std::string application_text(const tracker::CertApplication& a);

std::string credentials_table(const std::vector<tracker::Credential>& list);
std::string credential_text(const tracker::Credential& c);

std::string audit_table(const std::vector<tracker::AuditEntry>& entries);
/// What an entry changed, in a few words: "email: a@x.org → b@x.org; phone: - → 555" for a
/// change; "hours: 2; title: Ethics" for an addition ("added" for an applicant or an exam
/// result: a person's own facts); "(values erased)" once the person's data is gone.
std::string audit_changes(const tracker::AuditEntry& e);
/// An audit action in plain words: "CE entry logged" for "ceu.log"; an action it does not
/// know stays as written.
std::string audit_action_words(std::string_view action);

/// A spreadsheet would run a cell that starts with = + - @ (or a tab or carriage return) as
/// a formula: such cells get a leading apostrophe.
std::string spreadsheet_safe(std::string_view cell);

} // namespace peercert::report

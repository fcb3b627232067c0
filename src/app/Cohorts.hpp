#pragma once

#include "app/Actor.hpp"
#include "core/Hours.hpp"
#include "report/TrackerReport.hpp"
#include "rules/Eligibility.hpp"
#include "rules/ProgramCatalog.hpp"
#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace peercert::app {

struct ApplyOutcome {
  tracker::CohortMember member;
  rules::Verdict verdict = rules::Verdict::eligible;
  std::vector<std::string> unknown; ///< criteria not known yet, when accepted anyway
};

struct SelectOutcome {
  std::vector<tracker::ApplicantId> selected;   ///< newly selected
  std::vector<tracker::ApplicantId> waitlisted; ///< the whole waitlist, in order
  int seats_taken = 0;
};

struct NotifyOutcome {
  std::size_t notified = 0;
  core::Date notify_by;
  int days_late = 0; ///< after notify_by; 0 when on time
};

struct AttendOutcome {
  core::Hours total;
  core::Hours required;
  bool complete = false;
};

/// Training cohorts as staff run them: applications checked against the rule files,
/// selection, notices and attendance. Every change is written in one transaction and recorded
/// in the audit log with who and when.
class Cohorts {
public:
  Cohorts(const store::Database& db, const rules::ProgramCatalog& programs, Actor actor);

  tracker::Cohort create_cohort(const std::string& program, core::Date starts_on,
                                std::optional<int> capacity);
  tracker::Cohort cohort(tracker::CohortId id) const;
  std::vector<tracker::Cohort> cohorts() const;
  std::vector<tracker::CohortMember> members(tracker::CohortId id) const;
  report::CohortFile cohort_file(tracker::CohortId id) const;
  std::vector<report::CohortFile> cohort_files() const;
  /// A training application. Refused when the rules find the applicant not eligible, unless
  /// `override_reason` says why staff admit them anyway.
  ApplyOutcome apply(tracker::CohortId cohort, tracker::ApplicantId applicant,
                     const std::optional<std::string>& override_reason, core::Date as_of);
  SelectOutcome select(tracker::CohortId cohort, tracker::SelectionMethod method,
                       std::uint64_t seed);
  void withdraw(tracker::CohortId cohort, tracker::ApplicantId applicant);
  /// Records that the selected and wait-listed applicants were told on `on`.
  NotifyOutcome notify(tracker::CohortId cohort, core::Date on, core::Date as_of);
  AttendOutcome attend(tracker::CohortId cohort, tracker::ApplicantId applicant, core::Date on,
                       core::Hours hours, core::Date as_of);
  /// Removes a day's attendance recorded in error, audited.
  AttendOutcome remove_attendance(tracker::CohortId cohort, tracker::ApplicantId applicant,
                                  core::Date on);

private:
  /// An applicant's training application to a cohort; refused when there is none.
  tracker::CohortMember member(tracker::CohortId cohort, tracker::ApplicantId applicant) const;
  const rules::Program& program_with_training(const std::string& program) const;

  const store::Database& db_;
  const rules::ProgramCatalog& programs_;
  Actor actor_;
};

} // namespace peercert::app

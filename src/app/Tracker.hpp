#pragma once

#include "app/Actor.hpp"
#include "report/TrackerReport.hpp"
#include "rules/Eligibility.hpp"
#include "rules/ProgramCatalog.hpp"
#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace peercert::app {

/// Applicant details as a person typed them (command line or form). A field that is set
/// replaces the stored value; set to an empty text it clears it. Names are the facts JSON
/// names; errors name the field, never its value.
struct ApplicantFields {
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::map<rules::FactId, std::string> facts; ///< every fact given, as typed
  std::optional<std::string> background_check_on;
  std::optional<std::string> registry_check_on;
  std::optional<std::string> employer;
  std::optional<std::string> hired_on;
};

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

/// The certification pathway as staff run it: every change is checked against the rule files,
/// written in one transaction and recorded in the audit log with who and when.
class Tracker {
public:
  Tracker(const store::Database& db, const rules::ProgramCatalog& programs, Actor actor);

  // Applicants.
  /// Adds an applicant; refused when one on file is likely the same person (the same name
  /// and date of birth, or the same email) unless `allow_duplicate`.
  tracker::Applicant add_applicant(const ApplicantFields& fields, core::Date as_of,
                                   bool allow_duplicate = false);
  tracker::Applicant update_applicant(tracker::ApplicantId id, const ApplicantFields& fields,
                                      core::Date as_of);
  tracker::Applicant applicant(tracker::ApplicantId id) const;
  std::vector<tracker::Applicant> applicants() const;
  /// Applicants whose name or email contain every word of `text`, case- and
  /// accent-insensitively, by last name; at most `limit`.
  std::vector<tracker::Applicant> search_applicants(std::string_view text,
                                                    std::size_t limit = 100) const;
  /// An applicant with their eligibility for every program on `as_of` and their progress.
  report::ApplicantFile applicant_file(tracker::ApplicantId id, core::Date as_of) const;
  /// Every applicant with their outcome for every program on `as_of`.
  std::vector<report::ApplicantRow> applicant_rows(core::Date as_of) const;

  // Training cohorts.
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

  // Exams and certification applications.
  tracker::ExamResult record_exam(tracker::ApplicantId applicant, const std::string& program,
                                  core::Date taken_on, const std::string& proctor,
                                  std::optional<bool> passed, std::optional<int> score,
                                  core::Date as_of);
  std::vector<tracker::ExamResult> exams(tracker::ApplicantId applicant) const;
  tracker::CertApplication submit_application(tracker::ApplicantId applicant,
                                              const std::string& program, core::Date on,
                                              core::Money fee_paid, core::Date as_of);
  tracker::CertApplication application(tracker::ApplicationId id) const;
  std::vector<tracker::CertApplication>
  applications(std::optional<tracker::ApplicantId> applicant = std::nullopt) const;
  /// Approves an application and issues the next credential number of its program.
  /// Approves an application and issues the credential. Refused while a check the program
  /// requires has not passed, unless staff override it with a reason (audited).
  tracker::Credential approve_application(tracker::ApplicationId id, core::Date on,
                                          core::Date as_of,
                                          const std::optional<std::string>& override_reason = {});
  /// Denies a submitted application with the board's reason; the application stays on file.
  tracker::CertApplication deny_application(tracker::ApplicationId id, core::Date on,
                                            const std::string& reason, core::Date as_of);

  const rules::ProgramCatalog& programs() const { return programs_; }

private:
  /// Appends an audit row; `person` is whom its values are about where the entity does not
  /// say (an application is about its applicant).
  void record(const std::string& action, const std::string& entity, const std::string& id,
              const std::string& before, const std::string& after, const std::string& person = {});
  /// An applicant's training application to a cohort; refused when there is none.
  tracker::CohortMember member(tracker::CohortId cohort, tracker::ApplicantId applicant) const;
  /// The applicant, unless their data was erased: then nothing more is recorded about them.
  tracker::Applicant writable_applicant(tracker::ApplicantId id) const;
  const rules::Program& program_with_training(const std::string& program) const;
  bool completed_training(tracker::ApplicantId applicant, const std::string& program) const;

  const store::Database& db_;
  const rules::ProgramCatalog& programs_;
  Actor actor_;
};

} // namespace peercert::app

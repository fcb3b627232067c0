#pragma once

#include "app/Actor.hpp"
#include "core/Money.hpp"
#include "rules/ProgramCatalog.hpp"
#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <optional>
#include <string>
#include <vector>

namespace peercert::app {

/// The end of the certification pathway: exams after the training, applications to the board
/// and its decisions, which issue the credential. Every change is checked against the rule
/// files, written in one transaction and recorded in the audit log with who and when.
class Certification {
public:
  Certification(const store::Database& db, const rules::ProgramCatalog& programs, Actor actor);

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
  /// Approves an application and issues the credential, the next number of its program.
  /// Refused while a check the program requires has not passed, unless staff override it with
  /// a reason (audited).
  tracker::Credential approve_application(tracker::ApplicationId id, core::Date on,
                                          core::Date as_of,
                                          const std::optional<std::string>& override_reason = {});
  /// Denies a submitted application with the board's reason; the application stays on file.
  tracker::CertApplication deny_application(tracker::ApplicationId id, core::Date on,
                                            const std::string& reason, core::Date as_of);

private:
  bool completed_training(tracker::ApplicantId applicant, const std::string& program) const;

  const store::Database& db_;
  const rules::ProgramCatalog& programs_;
  Actor actor_;
};

} // namespace peercert::app

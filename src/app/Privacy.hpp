#pragma once

#include "app/Actor.hpp"
#include "report/CheckReport.hpp"
#include "rules/ProgramCatalog.hpp"
#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <cstdint>

namespace peercert::app {

/// What `applicant erase` removed.
struct Erasure {
  tracker::Applicant applicant;  ///< as it stands now: nameless, without facts
  std::int64_t audit_values = 0; ///< audit rows whose recorded values were erased
};

/// A person's rights over the data held about them: to see all of it, and to have it erased.
class Privacy {
public:
  Privacy(const store::Database& db, const rules::ProgramCatalog& programs, Actor actor);

  /// Everything held about one applicant: their details and facts, trainings, exams,
  /// applications, the credentials issued to them with CE and status history, and every audit
  /// row about them with its values. The export itself is audited.
  report::Json export_applicant(tracker::ApplicantId id, core::Date as_of);

  /// Removes an applicant's personal data: names, contact details, facts, check results,
  /// employer, the reasons staff gave for admitting them, and the values the audit log
  /// recorded about them. The rows stay, nameless, so that cohorts and exams keep their
  /// counts, and the audit log keeps when, who and what. Refused while the applicant holds a
  /// credential: a certified person's record stays on the register.
  Erasure erase_applicant(tracker::ApplicantId id);

private:
  const store::Database& db_;
  const rules::ProgramCatalog& programs_;
  Actor actor_;
};

} // namespace peercert::app

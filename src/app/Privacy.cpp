#include "app/Privacy.hpp"

#include "app/Applicants.hpp"
#include "app/Audit.hpp"
#include "app/AuditTrail.hpp"
#include "app/CeLog.hpp"
#include "app/Lifecycle.hpp"
#include "report/RenewalReport.hpp"
#include "report/TrackerReport.hpp"
#include "store/ApplicantRepository.hpp"
#include "store/AuditLog.hpp"
#include "store/CohortRepository.hpp"
#include "store/CredentialRepository.hpp"

#include <algorithm>

namespace peercert::app {

using core::InputError;

namespace {

std::string person_key(tracker::ApplicantId id) { return "applicant:" + std::to_string(id.value); }

} // namespace

Privacy::Privacy(const store::Database& db, const rules::ProgramCatalog& programs, Actor actor)
    : db_(db), programs_(programs), actor_(std::move(actor)) {}

report::Json Privacy::export_applicant(tracker::ApplicantId id, core::Date as_of) {
  return store::in_transaction(db_, [&] {
    const Applicants applicants(db_, programs_, actor_);
    const Lifecycle lifecycle(db_, programs_, actor_);
    const CeLog ce_log(db_, programs_, actor_);
    report::Json out;
    out["exported_at"] = actor_.now();
    out["applicant"] = report::applicant_file_json(applicants.applicant_file(id, as_of));

    const store::AuditLog log(db_);
    std::vector<tracker::AuditEntry> audit = log.about(person_key(id));
    out["credentials"] = report::Json::array();
    for (const auto& c : store::CredentialRepository(db_).for_applicant(id)) {
      if (!actor_.scope.sees(c.program)) {
        continue; // another board's credential: its staff export it
      }
      auto file = report::credential_file_json(lifecycle.credential_file(c.number, as_of));
      file["ce"] = report::ce_json(c, ce_log.ce_lines(c));
      out["credentials"].push_back(std::move(file));
      const auto about = log.about("credential:" + c.number);
      audit.insert(audit.end(), about.begin(), about.end());
    }
    audit = AuditTrail(db_, actor_).visible(std::move(audit));
    std::sort(audit.begin(), audit.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    out["audit"] = report::Json::array();
    for (const auto& e : audit) {
      out["audit"].push_back(report::audit_json(e));
    }
    Audit(db_, actor_).record("applicant.export", "applicant", std::to_string(id.value), "", "");
    return out;
  });
}

Erasure Privacy::erase_applicant(tracker::ApplicantId id) {
  // Erased values are overwritten in the file, not only unlinked from it.
  db_.overwrite_deleted();
  Erasure out = store::in_transaction(db_, [&] {
    const tracker::Applicant before = Applicants(db_, programs_, actor_).applicant(id);
    const std::string who = "Applicant " + std::to_string(id.value);
    if (!before.erased_at.empty()) {
      throw InputError(who + "'s personal data was already erased at " + before.erased_at + ".");
    }
    if (const auto held = store::CredentialRepository(db_).for_applicant(id); !held.empty()) {
      const bool theirs = actor_.scope.sees(held.front().program);
      throw InputError(who + " holds " +
                       (theirs ? "credential " + held.front().number : "a credential") +
                       ": a certified person's record stays on the register, so it is not "
                       "erased.");
    }
    tracker::Applicant after;
    after.id = id;
    after.first_name = "Erased";
    after.last_name = "applicant " + std::to_string(id.value);
    after.created_at = before.created_at;
    after.updated_at = after.erased_at = actor_.now();
    store::ApplicantRepository(db_).update(after);
    store::CohortRepository(db_).clear_override_reasons(id);
    Erasure e{after, store::AuditLog(db_).erase_values(person_key(id), after.erased_at)};
    Audit(db_, actor_).record("applicant.erase", "applicant", std::to_string(id.value), "", "");
    return e;
  });
  db_.flush_erased();
  return out;
}

} // namespace peercert::app

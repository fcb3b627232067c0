#include "app/Certification.hpp"

#include "app/Audit.hpp"
#include "app/Boards.hpp"
#include "app/Fields.hpp"
#include "app/History.hpp"
#include "app/Pathway.hpp"
#include "core/Error.hpp"
#include "report/TrackerReport.hpp"
#include "rules/Applications.hpp"
#include "rules/Eligibility.hpp"
#include "store/ApplicationRepository.hpp"
#include "store/CohortRepository.hpp"
#include "store/CredentialRepository.hpp"
#include "store/ExamRepository.hpp"
#include "tracker/Pathway.hpp"

#include <algorithm>

namespace peercert::app {

using core::InputError;
using rules::FactId;

namespace {

/// The applicant's applications for the program as the exam limit sees them: a denied one
/// closed on its decision, a lapsed one on its lapse day.
std::vector<rules::ApplicationSpan>
spans_of(const rules::Program& program, const std::vector<tracker::CertApplication>& applications) {
  std::vector<rules::ApplicationSpan> out;
  for (const auto& a : applications) {
    if (a.program != program.id) {
      continue;
    }
    rules::ApplicationSpan span{a.submitted_on, std::nullopt};
    if (a.status == tracker::ApplicationStatus::denied) {
      span.closed_on = a.decided_on;
    } else if (a.status == tracker::ApplicationStatus::submitted) {
      span.closed_on = rules::application_lapses_on(program, a.submitted_on);
    }
    out.push_back(span);
  }
  return out;
}

} // namespace

Certification::Certification(const store::Database& db, const rules::ProgramCatalog& programs,
                             Actor actor)
    : db_(db), programs_(programs), actor_(std::move(actor)) {}

bool Certification::completed_training(tracker::ApplicantId applicant_id,
                                       const std::string& program) const {
  for (const auto& [c, m] : store::CohortRepository(db_).memberships(applicant_id)) {
    if (c.program == program && tracker::training_complete(m, c)) {
      return true;
    }
  }
  return false;
}

tracker::ExamResult Certification::record_exam(tracker::ApplicantId applicant_id,
                                               const std::string& program, core::Date taken_on,
                                               const std::string& proctor,
                                               std::optional<bool> passed, std::optional<int> score,
                                               core::Date as_of) {
  programs_.get(program);
  require_in_scope(actor_.scope, program);
  not_after(taken_on, as_of, "taken_on");
  const std::string who = one_line(proctor, "proctor");
  if (who.empty()) {
    throw InputError::about("proctor", "is required: who monitored the exam.");
  }
  if (!passed) {
    throw InputError("Give --passed or --failed: the rule file of " + program +
                     " defines no pass mark to judge a score by.");
  }
  if (score && (*score < 0 || *score > 1000)) {
    throw InputError::about("score", "must be from 0 to 1000.");
  }
  return store::in_transaction(db_, [&] {
    const auto holder = writable_applicant(db_, applicant_id, actor_.scope);
    // The training comes first, unless the way in the person meets has none (CA-CMPSS's
    // out-of-state route).
    if (!completed_training(applicant_id, program) &&
        rules::exam_needs_training(programs_.get(program), holder.facts, taken_on)) {
      throw InputError("Applicant " + std::to_string(applicant_id.value) +
                       " has not completed the " + program + " training; the exam comes after it.");
    }
    std::vector<core::Date> taken;
    for (const auto& earlier : store::ExamRepository(db_).for_applicant(applicant_id, program)) {
      taken.push_back(earlier.taken_on);
    }
    const auto& rules_of = programs_.get(program);
    const auto spans = spans_of(rules_of, store::ApplicationRepository(db_).list(applicant_id));
    if (const auto left = rules::exam_attempts_left(rules_of, taken, spans, taken_on);
        left && *left == 0) {
      const int limit = rules_of.certification.exam_attempts.in_force(taken_on)->value;
      throw InputError("Applicant " + std::to_string(applicant_id.value) + " has taken the " +
                           std::to_string(limit) + " exams " + program +
                           " allows per application; another may be taken once an application "
                           "is denied or lapses.",
                       "taken_on");
    }
    tracker::ExamResult e;
    e.applicant = applicant_id;
    e.program = program;
    e.taken_on = taken_on;
    e.proctor = who;
    e.passed = *passed;
    e.score = score;
    e.created_at = actor_.now();
    e.id = store::ExamRepository(db_).insert(e);
    Audit(db_, actor_)
        .record("exam.record", "exam", std::to_string(e.id.value), "", report::exam_json(e).dump(),
                "applicant:" + std::to_string(e.applicant.value));
    return e;
  });
}

std::vector<tracker::ExamResult> Certification::exams(tracker::ApplicantId applicant_id) const {
  return actor_.scope.narrow(store::ExamRepository(db_).for_applicant(applicant_id));
}

tracker::CertApplication Certification::submit_application(tracker::ApplicantId applicant_id,
                                                           const std::string& program_id,
                                                           core::Date on, core::Money fee_paid,
                                                           core::Date as_of) {
  const auto& program = programs_.get(program_id);
  require_in_scope(actor_.scope, program_id);
  not_after(on, as_of, "submitted_on");
  const auto* fee = program.certification.application_fee.in_force(on);
  if (fee == nullptr) {
    throw InputError("The rule file of " + program_id +
                     " does not define a certification application fee in force on " +
                     core::format_iso(on) + ".");
  }
  if (fee_paid < fee->value) {
    throw InputError("fee_paid " + fee_paid.to_string() + " is below the " +
                     fee->value.to_string() + " application fee of " + program_id +
                     " in force on " + core::format_iso(on) + ".");
  }
  return store::in_transaction(db_, [&] {
    const auto holder = writable_applicant(db_, applicant_id, actor_.scope);
    std::vector<std::string> missing;
    if (!completed_training(applicant_id, program_id) &&
        rules::exam_needs_training(program, holder.facts, on)) {
      missing.push_back("the completed training");
    }
    const auto exams = store::ExamRepository(db_).for_applicant(applicant_id, program_id);
    const bool passed = std::any_of(exams.begin(), exams.end(),
                                    [&](const auto& e) { return e.passed && e.taken_on <= on; });
    if (!passed) {
      missing.push_back("a passed exam");
    }
    if (!missing.empty()) {
      throw InputError("Applicant " + std::to_string(applicant_id.value) + " cannot apply for " +
                       program_id + " certification yet: missing " + missing.front() +
                       (missing.size() > 1 ? " and " + missing.back() : std::string{}) + ".");
    }
    for (const auto& other : store::ApplicationRepository(db_).list(applicant_id)) {
      // A denied or lapsed application no longer stands in the way of a new one.
      const bool over = other.status == tracker::ApplicationStatus::denied ||
                        (other.status == tracker::ApplicationStatus::submitted &&
                         rules::application_lapsed(program, other.submitted_on, on));
      if (other.program == program_id && !over) {
        throw InputError("Applicant " + std::to_string(applicant_id.value) +
                         " already has application " + std::to_string(other.id.value) + " for " +
                         program_id + " (" + std::string(to_string(other.status)) + ").");
      }
    }
    tracker::CertApplication a;
    a.applicant = applicant_id;
    a.program = program_id;
    a.submitted_on = on;
    a.fee_due = fee->value;
    a.fee_paid = fee_paid;
    a.created_at = actor_.now();
    a.id = store::ApplicationRepository(db_).insert(a);
    Audit(db_, actor_)
        .record("application.submit", "application", std::to_string(a.id.value), "",
                report::application_json(a).dump(),
                "applicant:" + std::to_string(a.applicant.value));
    return a;
  });
}

tracker::CertApplication Certification::application(tracker::ApplicationId id) const {
  if (auto a = store::ApplicationRepository(db_).find(id); a && actor_.scope.sees(a->program)) {
    return *a;
  }
  throw InputError("There is no application " + std::to_string(id.value) + ".");
}

std::vector<tracker::CertApplication>
Certification::applications(std::optional<tracker::ApplicantId> applicant_id) const {
  return actor_.scope.narrow(store::ApplicationRepository(db_).list(applicant_id));
}

tracker::CertApplication Certification::deny_application(tracker::ApplicationId id, core::Date on,
                                                         const std::string& reason,
                                                         core::Date as_of) {
  not_after(on, as_of, "decided_on");
  const std::string why = one_line(reason, "reason", 500, true);
  return store::in_transaction(db_, [&] {
    const auto before = application(id);
    if (before.status != tracker::ApplicationStatus::submitted) {
      throw InputError("Application " + std::to_string(id.value) + " is already " +
                       std::string(to_string(before.status)) +
                       ": only a submitted one can be "
                       "denied.");
    }
    if (on < before.submitted_on) {
      throw InputError::about("decided_on", "is before the application was submitted on " +
                                                core::format_iso(before.submitted_on) + ".");
    }
    store::ApplicationRepository applications(db_);
    applications.deny(id, on, why, actor_.now());
    const auto after = application(id);
    Audit(db_, actor_)
        .record("application.deny", "application", std::to_string(id.value),
                report::application_json(before).dump(), report::application_json(after).dump(),
                "applicant:" + std::to_string(before.applicant.value));
    return after;
  });
}

tracker::Credential
Certification::approve_application(tracker::ApplicationId id, core::Date on, core::Date as_of,
                                   const std::optional<std::string>& override_reason) {
  not_after(on, as_of, "decided_on");
  if (override_reason && trimmed(*override_reason).empty()) {
    throw InputError::about("reason",
                            "is required with --override: say why the credential is issued.");
  }
  return store::in_transaction(db_, [&] {
    const auto before = application(id);
    if (before.status != tracker::ApplicationStatus::submitted) {
      throw InputError("Application " + std::to_string(id.value) + " is already " +
                       std::string(to_string(before.status)) + ".");
    }
    if (on < before.submitted_on) {
      throw InputError::about("decided_on", "is before the application was submitted on " +
                                                core::format_iso(before.submitted_on) + ".");
    }
    const auto& program = programs_.get(before.program);
    if (const auto lapses = rules::application_lapses_on(program, before.submitted_on);
        lapses && on >= *lapses) {
      throw InputError(
          "Application " + std::to_string(id.value) + " lapsed on " + core::format_iso(*lapses) +
              ": " + before.program + " approves an application within " +
              std::to_string(
                  program.certification.application_months.in_force(before.submitted_on)->value) +
              " months of its submission. The applicant may submit a new one.",
          "decided_on");
    }
    const auto holder = writable_applicant(db_, before.applicant, actor_.scope);
    // An age window is judged again on the day the certificate would be issued.
    if (const auto too = rules::age_refusal(program, holder.facts, on); too && !override_reason) {
      throw InputError("Application " + std::to_string(id.value) + " cannot be approved on " +
                           core::format_iso(on) + ": " + *too +
                           " Approve with --override --reason only where the board allows it.",
                       "decided_on");
    }
    const auto outstanding = rules::checks_not_passed(program, holder.facts);
    if (!outstanding.empty() && !override_reason) {
      std::string names;
      for (const auto f : outstanding) {
        names += (names.empty() ? "" : " and ") + std::string(rules::fact_info(f).name);
      }
      throw InputError("Application " + std::to_string(id.value) + " cannot be approved: the " +
                       names + " required by " + before.program +
                       " has not passed (pending, not started or not recorded). Record the "
                       "result, or approve with --override --reason.");
    }
    store::CredentialRepository credentials(db_);
    tracker::Credential c;
    c.number = credentials.next_number(before.program);
    c.program = before.program;
    c.issued_on = on;
    c.first_name = holder.first_name;
    c.last_name = holder.last_name;
    c.email = holder.email;
    c.applicant = holder.id;
    c.application = id;
    if (const auto* dob = holder.facts.get_if<core::Date>(FactId::date_of_birth)) {
      c.date_of_birth = *dob;
    }
    c.created_at = actor_.now();
    c.id = credentials.insert(c);
    start_life(db_, c, program, renewal::Began::issue, false, c.created_at);
    auto after = before;
    after.status = tracker::ApplicationStatus::approved;
    after.decided_on = on;
    after.credential_number = c.number;
    store::ApplicationRepository(db_).update(after);
    auto after_json = report::application_json(after);
    if (override_reason) {
      after_json["override_reason"] = one_line(*override_reason, "reason", 500, true);
    }
    Audit(db_, actor_)
        .record(override_reason ? "application.approve.override" : "application.approve",
                "application", std::to_string(id.value), report::application_json(before).dump(),
                after_json.dump(), "applicant:" + std::to_string(before.applicant.value));
    Audit(db_, actor_)
        .record("credential.issue", "credential", c.number, "", report::credential_json(c).dump());
    return c;
  });
}

} // namespace peercert::app

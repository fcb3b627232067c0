#include "app/Tracker.hpp"
#include "app/Audit.hpp"

#include "app/CsvImport.hpp"
#include "app/Fields.hpp"
#include "app/Lifecycle.hpp"

#include "core/Csv.hpp"
#include "core/Error.hpp"
#include "report/TrackerReport.hpp"
#include "store/ApplicantRepository.hpp"
#include "store/ApplicationRepository.hpp"
#include "store/AuditLog.hpp"
#include "store/CohortRepository.hpp"
#include "store/CredentialRepository.hpp"
#include "store/ExamRepository.hpp"
#include "store/LifecycleRepository.hpp"
#include "tracker/Pathway.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <istream>

namespace peercert::app {

namespace {

using core::InputError;
using rules::FactId;

/// Applies the set fields to `a`, checking each.
void apply_fields(tracker::Applicant& a, const ApplicantFields& f, core::Date as_of) {
  if (f.first_name) {
    a.first_name = one_line(*f.first_name, "first_name");
  }
  if (f.last_name) {
    a.last_name = one_line(*f.last_name, "last_name");
  }
  if (f.email) {
    a.email = email_address(*f.email);
  }
  if (f.phone) {
    a.phone = phone_number(*f.phone);
  }
  for (const auto& [id, text] : f.facts) {
    a.facts.set(id, rules::parse_fact_text(id, text));
  }
  if (f.background_check_on) {
    a.background_check_on = optional_date(*f.background_check_on, "background_check_on");
  }
  if (f.registry_check_on) {
    a.registry_check_on = optional_date(*f.registry_check_on, "registry_check_on");
  }
  if (f.employer) {
    a.employer = one_line(*f.employer, "employer");
  }
  if (f.hired_on) {
    a.hired_on = optional_date(*f.hired_on, "hired_on");
  }

  if (a.first_name.empty()) {
    throw InputError("first_name is required.", "first_name");
  }
  if (a.last_name.empty()) {
    throw InputError("last_name is required.", "last_name");
  }
  rules::validate_facts(a.facts, as_of);
  not_after(a.background_check_on, as_of, "background_check_on");
  not_after(a.registry_check_on, as_of, "registry_check_on");
  if (a.background_check_on && !a.facts.has(FactId::background_check)) {
    throw InputError("background_check_on needs background_check, the status it dates.",
                     "background_check_on");
  }
  if (a.registry_check_on && !a.facts.has(FactId::registry_check)) {
    throw InputError("registry_check_on needs registry_check, the status it dates.",
                     "registry_check_on");
  }
}

std::string dump(const report::Json& j) { return j.dump(); }

std::string member_key(const tracker::CohortMember& m) {
  return std::to_string(m.cohort.value) + "/" + std::to_string(m.applicant.value);
}

std::string ids_of(const rules::Assessment& a, rules::Outcome outcome) {
  std::string out;
  for (const auto& r : a.rules) {
    if (r.outcome == outcome) {
      out += (out.empty() ? "" : ", ") + r.criterion->id;
    }
  }
  return out;
}

} // namespace

Tracker::Tracker(const store::Database& db, const rules::ProgramCatalog& programs, Actor actor)
    : db_(db), programs_(programs), actor_(std::move(actor)) {}

void Tracker::record(const std::string& action, const std::string& entity, const std::string& id,
                     const std::string& before, const std::string& after,
                     const std::string& person) {
  Audit(db_, actor_).record(action, entity, id, before, after, person);
}

// --- Applicants -------------------------------------------------------------------------

tracker::Applicant Tracker::add_applicant(const ApplicantFields& fields, core::Date as_of,
                                          bool allow_duplicate) {
  tracker::Applicant a;
  apply_fields(a, fields, as_of);
  a.created_at = a.updated_at = actor_.now();
  return store::in_transaction(db_, [&] {
    store::ApplicantRepository applicants(db_);
    if (!allow_duplicate) {
      if (const auto same = applicants.likely_duplicates(a); !same.empty()) {
        throw InputError("Applicant " + std::to_string(same.front().id.value) +
                         " has the same name and date of birth, or the same email: likely the "
                         "same person. Check, and add --allow-duplicate to add another.");
      }
    }
    a.id = applicants.insert(a);
    record("applicant.add", "applicant", std::to_string(a.id.value), "",
           dump(report::applicant_json(a)));
    return a;
  });
}

tracker::Applicant Tracker::update_applicant(tracker::ApplicantId id, const ApplicantFields& fields,
                                             core::Date as_of) {
  return store::in_transaction(db_, [&] {
    const tracker::Applicant before = writable_applicant(id);
    tracker::Applicant after = before;
    apply_fields(after, fields, as_of);
    after.updated_at = actor_.now();
    store::ApplicantRepository(db_).update(after);
    record("applicant.update", "applicant", std::to_string(id.value),
           dump(report::applicant_json(before)), dump(report::applicant_json(after)));
    return after;
  });
}

tracker::Applicant Tracker::applicant(tracker::ApplicantId id) const {
  if (auto a = store::ApplicantRepository(db_).find(id)) {
    return *a;
  }
  throw InputError("There is no applicant " + std::to_string(id.value) + ".");
}

tracker::Applicant Tracker::writable_applicant(tracker::ApplicantId id) const {
  auto a = applicant(id);
  if (!a.erased_at.empty()) {
    throw InputError("Applicant " + std::to_string(id.value) + "'s personal data was erased at " +
                     a.erased_at + ": nothing more is recorded about them.");
  }
  return a;
}

std::vector<tracker::Applicant> Tracker::applicants() const {
  return store::ApplicantRepository(db_).list();
}

std::vector<tracker::Applicant> Tracker::search_applicants(std::string_view text,
                                                           std::size_t limit) const {
  return store::ApplicantRepository(db_).search(search_words(text), limit);
}

report::ApplicantFile Tracker::applicant_file(tracker::ApplicantId id, core::Date as_of) const {
  report::ApplicantFile f;
  f.applicant = applicant(id);
  for (const auto& program_id : programs_.ids()) {
    const auto& program = programs_.get(program_id);
    if (program.has_criteria()) {
      f.eligibility.push_back({&program, rules::assess(program, f.applicant.facts, as_of)});
    }
  }
  f.cohorts = store::CohortRepository(db_).memberships(id);
  f.exams = store::ExamRepository(db_).for_applicant(id);
  f.applications = store::ApplicationRepository(db_).list(id);
  return f;
}

std::vector<report::ApplicantRow> Tracker::applicant_rows(core::Date as_of) const {
  std::vector<const rules::Program*> programs;
  for (const auto& id : programs_.ids()) {
    if (const auto& p = programs_.get(id); p.has_criteria()) {
      programs.push_back(&p);
    }
  }
  std::vector<report::ApplicantRow> rows;
  for (auto& a : applicants()) {
    report::ApplicantRow row{std::move(a), {}};
    for (const auto* p : programs) {
      row.outcomes.emplace_back(
          p->id, rules::assess(*p, row.applicant.facts, as_of, rules::Explain::no).verdict);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// --- Cohorts ----------------------------------------------------------------------------

const rules::Program& Tracker::program_with_training(const std::string& id) const {
  const auto& program = programs_.get(id);
  if (!program.training.hours.defined() || !program.training.cohort_capacity.defined() ||
      !program.training.notify_days_before.defined()) {
    throw InputError("The rule file of " + id +
                     " does not define the training's hours, seats and notice period, so "
                     "peercert cannot run its cohorts.");
  }
  return program;
}

tracker::Cohort Tracker::create_cohort(const std::string& program_id, core::Date starts_on,
                                       std::optional<int> capacity) {
  const auto& program = program_with_training(program_id);
  const auto* hours = program.training.hours.in_force(starts_on);
  const auto* seats = program.training.cohort_capacity.in_force(starts_on);
  const auto* notice = program.training.notify_days_before.in_force(starts_on);
  if (hours == nullptr || seats == nullptr || notice == nullptr) {
    throw InputError("The rule file of " + program_id + " has no training values in force on " +
                     core::format_iso(starts_on) + ".");
  }
  if (capacity && (*capacity < 1 || *capacity > seats->value)) {
    throw InputError("capacity must be from 1 to " + std::to_string(seats->value) +
                     ", the seats per training of " + program_id + ".");
  }
  tracker::Cohort c;
  c.program = program_id;
  c.starts_on = starts_on;
  c.capacity = capacity.value_or(seats->value);
  c.training_hours = hours->value;
  c.notify_days_before = notice->value;
  c.created_at = actor_.now();
  return store::in_transaction(db_, [&] {
    c.id = store::CohortRepository(db_).insert(c);
    record("cohort.create", "cohort", std::to_string(c.id.value), "", dump(report::cohort_json(c)));
    return c;
  });
}

tracker::Cohort Tracker::cohort(tracker::CohortId id) const {
  if (auto c = store::CohortRepository(db_).find(id)) {
    return *c;
  }
  throw InputError("There is no cohort " + std::to_string(id.value) + ".");
}

std::vector<tracker::Cohort> Tracker::cohorts() const {
  return store::CohortRepository(db_).list();
}

std::vector<tracker::CohortMember> Tracker::members(tracker::CohortId id) const {
  return store::CohortRepository(db_).members(id);
}

report::CohortFile Tracker::cohort_file(tracker::CohortId id) const {
  return {cohort(id), members(id)};
}

std::vector<report::CohortFile> Tracker::cohort_files() const {
  std::vector<report::CohortFile> out;
  for (auto& c : cohorts()) {
    auto m = members(c.id);
    out.push_back({std::move(c), std::move(m)});
  }
  return out;
}

ApplyOutcome Tracker::apply(tracker::CohortId cohort_id, tracker::ApplicantId applicant_id,
                            const std::optional<std::string>& override_reason, core::Date as_of) {
  if (override_reason && trimmed(*override_reason).empty()) {
    throw InputError("reason is required with --override: say why the applicant is admitted.");
  }
  return store::in_transaction(db_, [&] {
    const auto c = cohort(cohort_id);
    const auto a = writable_applicant(applicant_id);
    store::CohortRepository cohorts(db_);
    if (cohorts.find_member(cohort_id, applicant_id)) {
      throw InputError("Applicant " + std::to_string(applicant_id.value) +
                       " has already applied to cohort " + std::to_string(cohort_id.value) + ".");
    }
    const auto& program = programs_.get(c.program);
    const auto assessment = rules::assess(program, a.facts, as_of, rules::Explain::no);
    if (assessment.verdict == rules::Verdict::not_eligible && !override_reason) {
      throw InputError("Applicant " + std::to_string(applicant_id.value) + " is not eligible for " +
                       c.program + " (not met: " + ids_of(assessment, rules::Outcome::not_met) +
                       "); see peercert applicant show " + std::to_string(applicant_id.value) +
                       ", or admit them with --override --reason TEXT.");
    }
    tracker::CohortMember m;
    m.cohort = cohort_id;
    m.applicant = applicant_id;
    m.applied_at = actor_.now();
    m.override_reason = override_reason ? one_line(*override_reason, "reason", 500) : "";
    cohorts.add_member(m);
    auto stored = *cohorts.find_member(cohort_id, applicant_id);
    if (c.selection) {
      // Selection has run: a late application joins the end of the waitlist.
      int last = 0;
      for (const auto& other : cohorts.members(cohort_id)) {
        last = std::max(last, other.waitlist_position.value_or(0));
      }
      stored.status = tracker::MemberStatus::waitlisted;
      stored.waitlist_position = last + 1;
      cohorts.update_member(stored);
    }
    auto after = report::member_json(stored);
    after["eligibility"] = std::string(rules::to_string(assessment.verdict));
    record(override_reason ? "cohort.apply.override" : "cohort.apply", "cohort_member",
           member_key(stored), "", dump(after));
    ApplyOutcome out{stored, assessment.verdict, {}};
    for (const auto& r : assessment.rules) {
      if (r.outcome == rules::Outcome::unknown) {
        out.unknown.push_back(r.criterion->id);
      }
    }
    return out;
  });
}

SelectOutcome Tracker::select(tracker::CohortId cohort_id, tracker::SelectionMethod method,
                              std::uint64_t seed) {
  return store::in_transaction(db_, [&] {
    const auto c = cohort(cohort_id);
    store::CohortRepository cohorts(db_);
    const auto members = cohorts.members(cohort_id);
    const auto result = tracker::select_members(members, c.capacity, method, seed);
    const auto find = [&](tracker::ApplicantId id) {
      return *std::find_if(members.begin(), members.end(),
                           [&](const tracker::CohortMember& m) { return m.applicant == id; });
    };
    const auto save = [&](tracker::CohortMember after, const tracker::CohortMember& before) {
      if (after.status == before.status && after.waitlist_position == before.waitlist_position) {
        return;
      }
      cohorts.update_member(after);
      record("cohort.select", "cohort_member", member_key(after), dump(report::member_json(before)),
             dump(report::member_json(after)));
    };
    for (auto id : result.selected) {
      const auto before = find(id);
      auto after = before;
      after.status = tracker::MemberStatus::selected;
      after.waitlist_position.reset();
      save(after, before);
    }
    int position = 0;
    for (auto id : result.waitlisted) {
      const auto before = find(id);
      auto after = before;
      after.status = tracker::MemberStatus::waitlisted;
      after.waitlist_position = ++position;
      save(after, before);
    }
    cohorts.set_selection(cohort_id, method, seed);
    const auto before_json = report::cohort_json(c);
    auto after_cohort = c;
    after_cohort.selection = method;
    if (method == tracker::SelectionMethod::lottery) {
      after_cohort.lottery_seed = seed;
    } else {
      after_cohort.lottery_seed.reset();
    }
    record("cohort.select", "cohort", std::to_string(cohort_id.value), dump(before_json),
           dump(report::cohort_json(after_cohort)));
    int taken = 0;
    for (const auto& m : cohorts.members(cohort_id)) {
      taken += m.status == tracker::MemberStatus::selected ? 1 : 0;
    }
    return SelectOutcome{result.selected, result.waitlisted, taken};
  });
}

tracker::CohortMember Tracker::member(tracker::CohortId cohort_id,
                                      tracker::ApplicantId applicant_id) const {
  if (auto found = store::CohortRepository(db_).find_member(cohort_id, applicant_id)) {
    return *found;
  }
  throw InputError("Applicant " + std::to_string(applicant_id.value) +
                   " has not applied to cohort " + std::to_string(cohort_id.value) + ".");
}

void Tracker::withdraw(tracker::CohortId cohort_id, tracker::ApplicantId applicant_id) {
  store::in_transaction(db_, [&] {
    const auto c = cohort(cohort_id);
    store::CohortRepository cohorts(db_);
    const auto before = member(cohort_id, applicant_id);
    if (before.status == tracker::MemberStatus::withdrawn) {
      throw InputError("Applicant " + std::to_string(applicant_id.value) +
                       " has already withdrawn from cohort " + std::to_string(cohort_id.value) +
                       ".");
    }
    if (tracker::training_complete(before, c)) {
      throw InputError("Applicant " + std::to_string(applicant_id.value) +
                       " has completed the training of cohort " + std::to_string(cohort_id.value) +
                       ": a finished training is not withdrawn from.");
    }
    auto after = before;
    after.status = tracker::MemberStatus::withdrawn;
    after.waitlist_position.reset();
    cohorts.update_member(after);
    record("cohort.withdraw", "cohort_member", member_key(after), dump(report::member_json(before)),
           dump(report::member_json(after)));
  });
}

NotifyOutcome Tracker::notify(tracker::CohortId cohort_id, core::Date on, core::Date as_of) {
  not_after(on, as_of, "notified_on");
  return store::in_transaction(db_, [&] {
    const auto c = cohort(cohort_id);
    if (!c.selection) {
      throw InputError("Cohort " + std::to_string(cohort_id.value) +
                       " has no selection yet: run peercert cohort select first.");
    }
    store::CohortRepository cohorts(db_);
    NotifyOutcome out;
    out.notify_by = tracker::notify_by(c);
    out.days_late = std::max(0, core::days_between(out.notify_by, on));
    for (const auto& before : cohorts.members(cohort_id)) {
      const bool to_tell = before.status == tracker::MemberStatus::selected ||
                           before.status == tracker::MemberStatus::waitlisted;
      if (!to_tell || before.notified_on) {
        continue;
      }
      auto after = before;
      after.notified_on = on;
      cohorts.update_member(after);
      record("cohort.notify", "cohort_member", member_key(after), dump(report::member_json(before)),
             dump(report::member_json(after)));
      ++out.notified;
    }
    return out;
  });
}

AttendOutcome Tracker::attend(tracker::CohortId cohort_id, tracker::ApplicantId applicant_id,
                              core::Date on, core::Hours hours, core::Date as_of) {
  if (hours <= core::Hours{} || hours > core::Hours::whole(24)) {
    throw InputError("hours must be more than 0 and at most 24 in a day.");
  }
  not_after(on, as_of, "attended_on");
  return store::in_transaction(db_, [&] {
    const auto c = cohort(cohort_id);
    store::CohortRepository cohorts(db_);
    const auto member = cohorts.find_member(cohort_id, applicant_id);
    if (!member || member->status != tracker::MemberStatus::selected) {
      throw InputError("Applicant " + std::to_string(applicant_id.value) +
                       " does not hold a seat in cohort " + std::to_string(cohort_id.value) + ".");
    }
    if (on < c.starts_on) {
      throw InputError("attended_on is before the training starts on " +
                       core::format_iso(c.starts_on) + ".");
    }
    if (cohorts.has_attendance(cohort_id, applicant_id, on)) {
      throw InputError("Attendance of applicant " + std::to_string(applicant_id.value) + " on " +
                       core::format_iso(on) + " is already recorded.");
    }
    const tracker::Attendance record_row{cohort_id, applicant_id, on, hours};
    cohorts.add_attendance(record_row);
    const auto after = *cohorts.find_member(cohort_id, applicant_id);
    report::Json entry;
    entry["attended_on"] = core::format_iso(on);
    entry["hours"] = report::exact_number(hours);
    entry["total_hours"] = report::exact_number(after.attended);
    record("cohort.attend", "cohort_member", member_key(after), "", dump(entry));
    return AttendOutcome{after.attended, c.training_hours, tracker::training_complete(after, c)};
  });
}

AttendOutcome Tracker::remove_attendance(tracker::CohortId cohort_id,
                                         tracker::ApplicantId applicant_id, core::Date on) {
  return store::in_transaction(db_, [&] {
    const auto c = cohort(cohort_id);
    store::CohortRepository cohorts(db_);
    const auto before = member(cohort_id, applicant_id);
    const auto removed = cohorts.remove_attendance(cohort_id, applicant_id, on);
    if (!removed) {
      throw InputError("No attendance of applicant " + std::to_string(applicant_id.value) + " on " +
                       core::format_iso(on) + " is recorded in cohort " +
                       std::to_string(cohort_id.value) + ".");
    }
    const auto after = *cohorts.find_member(cohort_id, applicant_id);
    report::Json was;
    was["attended_on"] = core::format_iso(on);
    was["hours"] = report::exact_number(*removed);
    was["total_hours"] = report::exact_number(before.attended);
    report::Json now;
    now["attended_on"] = core::format_iso(on);
    now["hours"] = nullptr;
    now["total_hours"] = report::exact_number(after.attended);
    record("cohort.attend.remove", "cohort_member", member_key(after), dump(was), dump(now));
    return AttendOutcome{after.attended, c.training_hours, tracker::training_complete(after, c)};
  });
}

// --- Exams and applications ------------------------------------------------------------

bool Tracker::completed_training(tracker::ApplicantId applicant_id,
                                 const std::string& program) const {
  for (const auto& [c, m] : store::CohortRepository(db_).memberships(applicant_id)) {
    if (c.program == program && tracker::training_complete(m, c)) {
      return true;
    }
  }
  return false;
}

tracker::ExamResult Tracker::record_exam(tracker::ApplicantId applicant_id,
                                         const std::string& program, core::Date taken_on,
                                         const std::string& proctor, std::optional<bool> passed,
                                         std::optional<int> score, core::Date as_of) {
  programs_.get(program);
  not_after(taken_on, as_of, "taken_on");
  const std::string who = one_line(proctor, "proctor");
  if (who.empty()) {
    throw InputError("proctor is required: who monitored the exam.");
  }
  if (!passed) {
    throw InputError("Give --passed or --failed: the rule file of " + program +
                     " defines no pass mark to judge a score by.");
  }
  if (score && (*score < 0 || *score > 1000)) {
    throw InputError("score must be from 0 to 1000.");
  }
  return store::in_transaction(db_, [&] {
    writable_applicant(applicant_id);
    if (!completed_training(applicant_id, program)) {
      throw InputError("Applicant " + std::to_string(applicant_id.value) +
                       " has not completed the " + program + " training; the exam comes after it.");
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
    record("exam.record", "exam", std::to_string(e.id.value), "", dump(report::exam_json(e)),
           "applicant:" + std::to_string(e.applicant.value));
    return e;
  });
}

std::vector<tracker::ExamResult> Tracker::exams(tracker::ApplicantId applicant_id) const {
  return store::ExamRepository(db_).for_applicant(applicant_id);
}

tracker::CertApplication Tracker::submit_application(tracker::ApplicantId applicant_id,
                                                     const std::string& program_id, core::Date on,
                                                     core::Money fee_paid, core::Date as_of) {
  const auto& program = programs_.get(program_id);
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
    writable_applicant(applicant_id);
    std::vector<std::string> missing;
    if (!completed_training(applicant_id, program_id)) {
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
      if (other.program == program_id) {
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
    record("application.submit", "application", std::to_string(a.id.value), "",
           dump(report::application_json(a)), "applicant:" + std::to_string(a.applicant.value));
    return a;
  });
}

tracker::CertApplication Tracker::application(tracker::ApplicationId id) const {
  if (auto a = store::ApplicationRepository(db_).find(id)) {
    return *a;
  }
  throw InputError("There is no application " + std::to_string(id.value) + ".");
}

std::vector<tracker::CertApplication>
Tracker::applications(std::optional<tracker::ApplicantId> applicant_id) const {
  return store::ApplicationRepository(db_).list(applicant_id);
}

tracker::CertApplication Tracker::deny_application(tracker::ApplicationId id, core::Date on,
                                                   const std::string& reason, core::Date as_of) {
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
      throw InputError("decided_on is before the application was submitted on " +
                       core::format_iso(before.submitted_on) + ".");
    }
    store::ApplicationRepository applications(db_);
    applications.deny(id, on, why, actor_.now());
    const auto after = application(id);
    record("application.deny", "application", std::to_string(id.value),
           dump(report::application_json(before)), dump(report::application_json(after)),
           "applicant:" + std::to_string(before.applicant.value));
    return after;
  });
}

tracker::Credential
Tracker::approve_application(tracker::ApplicationId id, core::Date on, core::Date as_of,
                             const std::optional<std::string>& override_reason) {
  not_after(on, as_of, "decided_on");
  if (override_reason && trimmed(*override_reason).empty()) {
    throw InputError("reason is required with --override: say why the credential is issued.");
  }
  return store::in_transaction(db_, [&] {
    const auto before = application(id);
    if (before.status != tracker::ApplicationStatus::submitted) {
      throw InputError("Application " + std::to_string(id.value) + " is already " +
                       std::string(to_string(before.status)) + ".");
    }
    if (on < before.submitted_on) {
      throw InputError("decided_on is before the application was submitted on " +
                       core::format_iso(before.submitted_on) + ".");
    }
    const auto holder = writable_applicant(before.applicant);
    const auto outstanding = rules::checks_not_passed(programs_.get(before.program), holder.facts);
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
    start_life(db_, c, programs_.get(c.program), renewal::Began::issue, false, c.created_at);
    auto after = before;
    after.status = tracker::ApplicationStatus::approved;
    after.decided_on = on;
    after.credential_number = c.number;
    store::ApplicationRepository(db_).update(after);
    auto after_json = report::application_json(after);
    if (override_reason) {
      after_json["override_reason"] = one_line(*override_reason, "reason", 500, true);
    }
    record(override_reason ? "application.approve.override" : "application.approve", "application",
           std::to_string(id.value), dump(report::application_json(before)), dump(after_json),
           "applicant:" + std::to_string(before.applicant.value));
    record("credential.issue", "credential", c.number, "", dump(report::credential_json(c)));
    return c;
  });
}

} // namespace peercert::app

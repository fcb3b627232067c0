#include "app/Applicants.hpp"

#include "app/Audit.hpp"
#include "app/Fields.hpp"
#include "app/Pathway.hpp"
#include "core/Error.hpp"
#include "rules/Compare.hpp"
#include "store/ApplicantRepository.hpp"
#include "store/ApplicationRepository.hpp"
#include "store/CohortRepository.hpp"
#include "store/ExamRepository.hpp"

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
    throw InputError::about("first_name", "is required.");
  }
  if (a.last_name.empty()) {
    throw InputError::about("last_name", "is required.");
  }
  rules::validate_facts(a.facts, as_of);
  not_after(a.registry_check_on, as_of, "registry_check_on");
  if (a.facts.has(FactId::background_check_on) && !a.facts.has(FactId::background_check)) {
    throw InputError("background_check_on needs background_check, the status it dates.",
                     "background_check_on");
  }
  if (a.registry_check_on && !a.facts.has(FactId::registry_check)) {
    throw InputError("registry_check_on needs registry_check, the status it dates.",
                     "registry_check_on");
  }
}

} // namespace

Applicants::Applicants(const store::Database& db, const rules::ProgramCatalog& programs,
                       Actor actor)
    : db_(db), programs_(programs), actor_(std::move(actor)) {}

tracker::Applicant Applicants::add(const ApplicantFields& fields, core::Date as_of,
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
    Audit(db_, actor_)
        .record("applicant.add", "applicant", std::to_string(a.id.value), "",
                report::applicant_json(a).dump());
    return a;
  });
}

tracker::Applicant Applicants::update(tracker::ApplicantId id, const ApplicantFields& fields,
                                      core::Date as_of) {
  return store::in_transaction(db_, [&] {
    const tracker::Applicant before = writable_applicant(db_, id, actor_.scope);
    tracker::Applicant after = before;
    apply_fields(after, fields, as_of);
    after.updated_at = actor_.now();
    store::ApplicantRepository(db_).update(after);
    Audit(db_, actor_)
        .record("applicant.update", "applicant", std::to_string(id.value),
                report::applicant_json(before).dump(), report::applicant_json(after).dump());
    return after;
  });
}

tracker::Applicant Applicants::applicant(tracker::ApplicantId id) const {
  return applicant_on_file(db_, id, actor_.scope);
}

std::vector<tracker::Applicant> Applicants::seen(std::vector<tracker::Applicant> all) const {
  if (!actor_.scope.everything()) {
    std::erase_if(all, [&](const auto& a) { return !applicant_in_scope(db_, a.id, actor_.scope); });
  }
  return all;
}

std::vector<tracker::Applicant> Applicants::list() const {
  return seen(store::ApplicantRepository(db_).list());
}

std::vector<tracker::Applicant> Applicants::search(std::string_view text, std::size_t limit) const {
  return seen(store::ApplicantRepository(db_).search(search_words(text), limit));
}

report::ApplicantFile Applicants::applicant_file(tracker::ApplicantId id, core::Date as_of) const {
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
  // A person on file with several boards: only this actor's boards' records of them.
  const auto& scope = actor_.scope;
  std::erase_if(f.cohorts, [&](const auto& m) { return !scope.sees(m.first.program); });
  f.exams = scope.narrow(std::move(f.exams));
  f.applications = scope.narrow(std::move(f.applications));
  return f;
}

std::vector<report::ApplicantRow> Applicants::applicant_rows(core::Date as_of) const {
  const auto programs = rules::checkable_programs(programs_);
  std::vector<report::ApplicantRow> rows;
  for (auto& a : list()) {
    report::ApplicantRow row{std::move(a), {}};
    for (const auto* p : programs) {
      row.outcomes.emplace_back(
          p->id, rules::assess(*p, row.applicant.facts, as_of, rules::Explain::no).verdict);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

} // namespace peercert::app

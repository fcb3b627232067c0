// The renderers of the pathway's records: applicants, cohorts, exams, applications,
// credentials and the audit log, each as JSON and as a table or text. One file of small
// renderers, one per record, that share the date, fact and verdict words.
#include "report/TrackerReport.hpp"

#include "core/Csv.hpp"
#include "report/Text.hpp"
#include "tracker/Pathway.hpp"

#include <algorithm>
#include <array>
#include <map>

namespace peercert::report {

namespace {

Json text_or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json date_or_null(const std::optional<core::Date>& d) {
  return d ? Json(core::format_iso(*d)) : Json(nullptr);
}

std::string date_or_dash(const std::optional<core::Date>& d) {
  return d ? core::format_iso(*d) : "-";
}

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

Json fact_json(const rules::FactValue& v) {
  return std::visit(
      [](const auto& x) -> Json {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return nullptr;
        } else if constexpr (std::is_same_v<T, core::Date>) {
          return core::format_iso(x);
        } else if constexpr (std::is_same_v<T, bool>) {
          return x;
        } else if constexpr (std::is_same_v<T, core::Hours>) {
          return exact_number(x);
        } else if constexpr (std::is_same_v<T, rules::Count>) {
          return x.value;
        } else {
          return std::string(rules::to_string(x));
        }
      },
      v);
}

std::string fact_text(const rules::FactValue& v) {
  const Json j = fact_json(v);
  if (j.is_null()) {
    return "-";
  }
  if (j.is_boolean()) {
    return j.get<bool>() ? "yes" : "no";
  }
  if (const auto* h = std::get_if<core::Hours>(&v)) {
    return h->to_short_string() + " h";
  }
  if (j.is_number()) {
    return j.dump();
  }
  return j.get<std::string>();
}

std::string verdict_words(rules::Verdict v) {
  switch (v) {
  case rules::Verdict::eligible:
    return "eligible";
  case rules::Verdict::not_eligible:
    return "not eligible";
  case rules::Verdict::undetermined:
    return "not known yet";
  }
  return "";
}

} // namespace

Json applicant_json(const tracker::Applicant& a) {
  Json out;
  out["id"] = a.id.value;
  out["first_name"] = a.first_name;
  out["last_name"] = a.last_name;
  out["email"] = text_or_null(a.email);
  out["phone"] = text_or_null(a.phone);
  for (const auto& f : rules::all_facts()) {
    out[std::string(f.name)] = fact_json(a.facts.get(f.id));
    if (f.id == rules::FactId::registry_check) {
      out["registry_check_on"] = date_or_null(a.registry_check_on);
    }
  }
  out["employer"] = text_or_null(a.employer);
  out["hired_on"] = date_or_null(a.hired_on);
  out["created_at"] = a.created_at;
  out["updated_at"] = a.updated_at;
  out["erased_at"] = text_or_null(a.erased_at);
  return out;
}

Json cohort_json(const tracker::Cohort& c) {
  Json out;
  out["id"] = c.id.value;
  out["program"] = c.program;
  out["starts_on"] = core::format_iso(c.starts_on);
  out["capacity"] = c.capacity;
  out["training_hours"] = exact_number(c.training_hours);
  out["notify_days_before"] = c.notify_days_before;
  out["notify_by"] = core::format_iso(tracker::notify_by(c));
  out["selection"] = c.selection ? Json(std::string(tracker::to_string(*c.selection))) : nullptr;
  out["lottery_seed"] = c.lottery_seed ? Json(std::to_string(*c.lottery_seed)) : nullptr;
  out["created_at"] = c.created_at;
  return out;
}

Json member_json(const tracker::CohortMember& m) {
  Json out;
  out["cohort"] = m.cohort.value;
  out["applicant"] = m.applicant.value;
  out["name"] = m.first_name + " " + m.last_name;
  out["email"] = text_or_null(m.email);
  out["status"] = std::string(tracker::to_string(m.status));
  out["waitlist_position"] = m.waitlist_position ? Json(*m.waitlist_position) : nullptr;
  out["applied_at"] = m.applied_at;
  out["override_reason"] = text_or_null(m.override_reason);
  out["notified_on"] = date_or_null(m.notified_on);
  out["hours_attended"] = exact_number(m.attended);
  return out;
}

Json exam_json(const tracker::ExamResult& e) {
  Json out;
  out["id"] = e.id.value;
  out["applicant"] = e.applicant.value;
  out["program"] = e.program;
  out["taken_on"] = core::format_iso(e.taken_on);
  out["proctor"] = e.proctor;
  out["passed"] = e.passed;
  out["score"] = e.score ? Json(*e.score) : nullptr;
  return out;
}

Json application_json(const tracker::CertApplication& a) {
  Json out;
  out["id"] = a.id.value;
  out["applicant"] = a.applicant.value;
  out["program"] = a.program;
  out["submitted_on"] = core::format_iso(a.submitted_on);
  out["fee_due"] = exact_number(a.fee_due);
  out["fee_paid"] = exact_number(a.fee_paid);
  out["status"] = std::string(tracker::to_string(a.status));
  out["decided_on"] = date_or_null(a.decided_on);
  out["credential_number"] = text_or_null(a.credential_number);
  out["denial_reason"] = text_or_null(a.denial_reason);
  return out;
}

Json credential_json(const tracker::Credential& c) {
  Json out;
  out["credential_number"] = c.number;
  out["program"] = c.program;
  out["issued_on"] = core::format_iso(c.issued_on);
  out["first_name"] = c.first_name;
  out["last_name"] = c.last_name;
  out["email"] = text_or_null(c.email);
  out["applicant"] = c.applicant ? Json(c.applicant->value) : nullptr;
  out["application"] = c.application ? Json(c.application->value) : nullptr;
  out["date_of_birth"] = date_or_null(c.date_of_birth);
  out["imported_expires_on"] = date_or_null(c.imported_expires_on);
  return out;
}

Json audit_json(const tracker::AuditEntry& e) {
  Json out;
  out["id"] = e.id;
  out["at"] = e.at;
  out["actor"] = e.actor;
  out["action"] = e.action;
  out["entity"] = e.entity;
  out["entity_id"] = e.entity_id;
  out["before"] = e.before.empty() ? Json(nullptr) : Json::parse(e.before);
  out["after"] = e.after.empty() ? Json(nullptr) : Json::parse(e.after);
  out["erased"] = e.erased; // the values went with the person's data
  return out;
}

Json applicant_file_json(const ApplicantFile& f) {
  Json out = applicant_json(f.applicant);
  out["eligibility"] = Json::array();
  for (const auto& e : f.eligibility) {
    Json program;
    program["program"] = e.program->id;
    program["outcome"] = std::string(rules::to_string(e.assessment.verdict));
    program["eligible_on"] = date_or_null(e.assessment.eligible_on);
    program["rules"] = Json::array();
    for (const auto& r : e.assessment.rules) {
      Json rule;
      rule["id"] = r.criterion->id;
      rule["outcome"] = std::string(rules::to_string(r.outcome));
      rule["reason"] = r.reason;
      program["rules"].push_back(std::move(rule));
    }
    out["eligibility"].push_back(std::move(program));
  }
  out["cohorts"] = Json::array();
  for (const auto& [cohort, member] : f.cohorts) {
    Json m = member_json(member);
    m["program"] = cohort.program;
    m["starts_on"] = core::format_iso(cohort.starts_on);
    m["training_complete"] = tracker::training_complete(member, cohort);
    out["cohorts"].push_back(std::move(m));
  }
  out["exams"] = Json::array();
  for (const auto& e : f.exams) {
    out["exams"].push_back(exam_json(e));
  }
  out["applications"] = Json::array();
  for (const auto& a : f.applications) {
    out["applications"].push_back(application_json(a));
  }
  return out;
}

std::string applicant_file_text(const ApplicantFile& f) {
  const auto& a = f.applicant;
  std::string out = "Applicant " + std::to_string(a.id.value) + ": " + a.full_name() + "\n";
  if (!a.erased_at.empty()) {
    out += "  personal data erased at " + a.erased_at + "\n";
  }
  out += "  email:                          " + or_dash(a.email) + "\n";
  out += "  phone:                          " + or_dash(a.phone) + "\n";
  out += "  employer:                       " + or_dash(a.employer) +
         (a.hired_on ? ", hired " + core::format_iso(*a.hired_on) : std::string{}) + "\n";
  std::string not_given;
  const auto* check_on = a.facts.get_if<core::Date>(rules::FactId::background_check_on);
  for (const auto& info : rules::all_facts()) {
    if (info.id == rules::FactId::background_check_on &&
        a.facts.has(rules::FactId::background_check)) {
      continue; // said with the check: "passed on 2026-10-01"
    }
    if (!a.facts.has(info.id)) {
      not_given += (not_given.empty() ? "" : ", ") + std::string(info.name);
      continue;
    }
    std::string label(info.name);
    label += ":";
    label.resize(32, ' ');
    std::string value = fact_text(a.facts.get(info.id));
    if (info.id == rules::FactId::background_check && check_on != nullptr) {
      value += " on " + core::format_iso(*check_on);
    } else if (info.id == rules::FactId::registry_check && a.registry_check_on) {
      value += " on " + core::format_iso(*a.registry_check_on);
    }
    out += "  " + label + value + "\n";
  }
  if (!not_given.empty()) {
    out += "  " + wrap("not given: " + not_given, 76, "    ") + "\n";
  }

  out += "\nEligibility\n";
  for (const auto& e : f.eligibility) {
    out += "  " + e.program->id + ": " + verdict_words(e.assessment.verdict);
    if (e.assessment.eligible_on) {
      out += " (eligible on " + core::format_iso(*e.assessment.eligible_on) + ")";
    }
    out += "\n";
    for (const auto& r : e.assessment.rules) {
      if (r.outcome != rules::Outcome::met) {
        out += "    " + wrap(r.criterion->id + ": " + r.reason, 74, "      ") + "\n";
      }
    }
  }

  out += "\nTraining\n";
  if (f.cohorts.empty()) {
    out += "  no training applications\n";
  }
  for (const auto& [cohort, member] : f.cohorts) {
    out += "  cohort " + std::to_string(cohort.id.value) + " (" + cohort.program + ", starts " +
           core::format_iso(cohort.starts_on) + "): " + std::string(to_string(member.status));
    if (member.status == tracker::MemberStatus::waitlisted && member.waitlist_position) {
      out += " #" + std::to_string(*member.waitlist_position);
    }
    out += ", " + member.attended.to_string() + " of " + cohort.training_hours.to_string() +
           " hours" + (tracker::training_complete(member, cohort) ? ", complete" : "") + "\n";
  }
  out += "\nExams\n";
  if (f.exams.empty()) {
    out += "  none recorded\n";
  }
  for (const auto& e : f.exams) {
    out += "  " + core::format_iso(e.taken_on) + " " + e.program + ": " +
           (e.passed ? "passed" : "failed") +
           (e.score ? " (score " + std::to_string(*e.score) + ")" : std::string{}) + ", proctor " +
           e.proctor + "\n";
  }
  out += "\nCertification applications\n";
  if (f.applications.empty()) {
    out += "  none\n";
  }
  for (const auto& p : f.applications) {
    out += "  " + std::to_string(p.id.value) + ": " + p.program + ", submitted " +
           core::format_iso(p.submitted_on) + ", " + std::string(to_string(p.status)) +
           (p.credential_number.empty() ? std::string{} : ", credential " + p.credential_number) +
           "\n";
  }
  return out;
}

std::string applicants_table(const std::vector<ApplicantRow>& rows) {
  std::vector<std::string> header{"ID", "NAME", "EMAIL"};
  if (!rows.empty()) {
    for (const auto& [program, verdict] : rows.front().outcomes) {
      header.push_back(program);
    }
  }
  std::vector<std::vector<std::string>> cells;
  for (const auto& r : rows) {
    std::vector<std::string> line{std::to_string(r.applicant.id.value), r.applicant.full_name(),
                                  or_dash(r.applicant.email)};
    for (const auto& [program, verdict] : r.outcomes) {
      line.push_back(verdict_words(verdict));
    }
    cells.push_back(std::move(line));
  }
  return render_table(header, cells);
}

Json applicants_json(const std::vector<ApplicantRow>& rows) {
  Json out = Json::array();
  for (const auto& r : rows) {
    Json a = applicant_json(r.applicant);
    Json outcomes = Json::object();
    for (const auto& [program, verdict] : r.outcomes) {
      outcomes[program] = std::string(rules::to_string(verdict));
    }
    a["eligibility"] = std::move(outcomes);
    out.push_back(std::move(a));
  }
  return out;
}

namespace {
std::size_t count_status(const CohortFile& f, tracker::MemberStatus s) {
  return static_cast<std::size_t>(
      std::count_if(f.members.begin(), f.members.end(),
                    [s](const tracker::CohortMember& m) { return m.status == s; }));
}
} // namespace

std::string cohorts_table(const std::vector<CohortFile>& cohorts) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& f : cohorts) {
    const auto& c = f.cohort;
    rows.push_back({std::to_string(c.id.value), c.program, core::format_iso(c.starts_on),
                    std::to_string(c.capacity), std::to_string(f.members.size()),
                    std::to_string(count_status(f, tracker::MemberStatus::selected)),
                    std::to_string(count_status(f, tracker::MemberStatus::waitlisted)),
                    core::format_iso(tracker::notify_by(c))});
  }
  return render_table(
      {"ID", "PROGRAM", "STARTS", "SEATS", "APPLIED", "SELECTED", "WAITLIST", "NOTIFY BY"}, rows);
}

Json cohort_file_json(const CohortFile& f) {
  Json out = cohort_json(f.cohort);
  out["members"] = Json::array();
  for (const auto& m : f.members) {
    Json member = member_json(m);
    member["training_complete"] = tracker::training_complete(m, f.cohort);
    out["members"].push_back(std::move(member));
  }
  return out;
}

Json cohorts_json(const std::vector<CohortFile>& cohorts) {
  Json out = Json::array();
  for (const auto& f : cohorts) {
    Json c = cohort_json(f.cohort);
    c["applied"] = f.members.size();
    c["selected"] = count_status(f, tracker::MemberStatus::selected);
    c["waitlisted"] = count_status(f, tracker::MemberStatus::waitlisted);
    out.push_back(std::move(c));
  }
  return out;
}

std::string cohort_text(const CohortFile& f) {
  const auto& c = f.cohort;
  std::string out = "Cohort " + std::to_string(c.id.value) + ": " + c.program + ", starts " +
                    core::format_long(c.starts_on) + "\n";
  out += "  seats " + std::to_string(c.capacity) + ", training " +
         c.training_hours.to_short_string() + " hours, notices by " +
         core::format_long(tracker::notify_by(c)) + " (" + std::to_string(c.notify_days_before) +
         " days before)\n";
  out += "  selection: " +
         (c.selection ? std::string(tracker::to_string(*c.selection)) +
                            (c.lottery_seed ? ", seed " + std::to_string(*c.lottery_seed) : "")
                      : std::string("not run yet")) +
         "\n\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& m : f.members) {
    std::string status(to_string(m.status));
    if (m.waitlist_position) {
      status += " #" + std::to_string(*m.waitlist_position);
    }
    rows.push_back({std::to_string(m.applicant.value), m.first_name + " " + m.last_name, status,
                    m.attended.to_string() + (tracker::training_complete(m, c) ? " complete" : ""),
                    date_or_dash(m.notified_on), m.override_reason.empty() ? "" : "override"});
  }
  out += render_table({"APPLICANT", "NAME", "STATUS", "HOURS", "NOTIFIED", "NOTE"}, rows, "  ");
  return out;
}

namespace {
std::vector<const tracker::CohortMember*> to_notify(const CohortFile& f) {
  std::vector<const tracker::CohortMember*> out;
  for (const auto& m : f.members) {
    if (m.status == tracker::MemberStatus::selected) {
      out.push_back(&m);
    }
  }
  const auto first_waiting = out.size();
  for (const auto& m : f.members) {
    if (m.status == tracker::MemberStatus::waitlisted) {
      out.push_back(&m);
    }
  }
  std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(first_waiting), out.end(),
                   [](const tracker::CohortMember* a, const tracker::CohortMember* b) {
                     return a->waitlist_position.value_or(0) < b->waitlist_position.value_or(0);
                   });
  return out;
}
} // namespace

std::string notices_table(const CohortFile& f) {
  const std::string by = core::format_iso(tracker::notify_by(f.cohort));
  std::vector<std::vector<std::string>> rows;
  for (const auto* m : to_notify(f)) {
    rows.push_back(
        {std::to_string(m->applicant.value), m->first_name + " " + m->last_name, or_dash(m->email),
         std::string(to_string(m->status)) +
             (m->waitlist_position ? " #" + std::to_string(*m->waitlist_position) : std::string{}),
         by, date_or_dash(m->notified_on)});
  }
  return render_table({"APPLICANT", "NAME", "EMAIL", "STATUS", "NOTIFY BY", "NOTIFIED"}, rows);
}

Json notices_json(const CohortFile& f) {
  Json out = Json::array();
  for (const auto* m : to_notify(f)) {
    Json n = member_json(*m);
    n["program"] = f.cohort.program;
    n["starts_on"] = core::format_iso(f.cohort.starts_on);
    n["notify_by"] = core::format_iso(tracker::notify_by(f.cohort));
    out.push_back(std::move(n));
  }
  return out;
}

std::string notices_csv(const CohortFile& f) {
  std::string out;
  core::append_csv_record(out, {"applicant", "first_name", "last_name", "email", "status",
                                "waitlist_position", "program", "training_starts", "notify_by",
                                "notified_on"});
  for (const auto* m : to_notify(f)) {
    core::append_csv_record(out, {std::to_string(m->applicant.value),
                                  spreadsheet_safe(m->first_name), spreadsheet_safe(m->last_name),
                                  spreadsheet_safe(m->email), std::string(to_string(m->status)),
                                  m->waitlist_position ? std::to_string(*m->waitlist_position) : "",
                                  f.cohort.program, core::format_iso(f.cohort.starts_on),
                                  core::format_iso(tracker::notify_by(f.cohort)),
                                  m->notified_on ? core::format_iso(*m->notified_on) : ""});
  }
  return out;
}

std::string applications_table(const std::vector<tracker::CertApplication>& list) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& a : list) {
    rows.push_back({std::to_string(a.id.value), std::to_string(a.applicant.value), a.program,
                    core::format_iso(a.submitted_on), a.fee_paid.to_string(),
                    std::string(to_string(a.status)), or_dash(a.credential_number)});
  }
  return render_table(
      {"ID", "APPLICANT", "PROGRAM", "SUBMITTED", "FEE PAID", "STATUS", "CREDENTIAL"}, rows);
}

std::string application_text(const tracker::CertApplication& a) {
  std::string out = "Application " + std::to_string(a.id.value) + ": applicant " +
                    std::to_string(a.applicant.value) + ", " + a.program + "\n";
  out += "  submitted " + core::format_iso(a.submitted_on) + ", fee " + a.fee_due.to_string() +
         ", paid " + a.fee_paid.to_string() + "\n";
  out += "  status: " + std::string(to_string(a.status));
  if (a.decided_on) {
    out += " on " + core::format_iso(*a.decided_on);
  }
  if (!a.credential_number.empty()) {
    out += ", credential " + a.credential_number;
  }
  return out + "\n";
}

std::string applicant_matches_table(const std::vector<tracker::Applicant>& list) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(list.size());
  for (const auto& a : list) {
    rows.push_back({std::to_string(a.id.value), a.full_name(), or_dash(a.email), or_dash(a.phone),
                    a.created_at.substr(0, 10)});
  }
  return render_table({"ID", "NAME", "EMAIL", "PHONE", "ADDED"}, rows);
}

std::string credentials_table(const std::vector<tracker::Credential>& list) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(list.size());
  for (const auto& c : list) {
    rows.push_back({c.number, c.program, core::format_iso(c.issued_on),
                    c.first_name + " " + c.last_name, or_dash(c.email)});
  }
  return render_table({"CREDENTIAL", "PROGRAM", "ISSUED", "HOLDER", "EMAIL"}, rows);
}

std::string credential_text(const tracker::Credential& c) {
  std::string out = "Credential " + c.number + " (" + c.program + ")\n";
  out += "  holder:  " + c.first_name + " " + c.last_name + "\n";
  out += "  email:   " + or_dash(c.email) + "\n";
  out += "  issued:  " + core::format_long(c.issued_on) + "\n";
  out += "  through: " +
         (c.application ? "application " + std::to_string(c.application->value) + " of applicant " +
                              std::to_string(c.applicant ? c.applicant->value : 0)
                        : std::string("import")) +
         "\n";
  return out;
}

namespace {

std::string json_words(const Json& v) {
  if (v.is_null()) {
    return "-";
  }
  return v.is_string() ? v.get<std::string>() : v.dump();
}

} // namespace

std::string audit_changes(const tracker::AuditEntry& e) {
  if (e.erased) {
    return "(values erased)";
  }
  if (e.after.empty()) {
    return {};
  }
  const Json before = e.before.empty() ? Json::object() : Json::parse(e.before, nullptr, false);
  const Json after = Json::parse(e.after, nullptr, false);
  if (!before.is_object() || !after.is_object()) {
    return {};
  }
  std::string out;
  if (e.before.empty()) {
    // An addition: the values it was added with. An applicant's record and an exam result are
    // a person's own facts (a date of birth, offences, checks, a score): the record shows them
    // to those allowed, the log only that they were added.
    if (e.entity == "applicant" || e.entity == "exam") {
      return "added";
    }
    const auto personal = [](const std::string& key) {
      return key == "date_of_birth" || key == "phone" || key == "email" ||
             key == "lived_experience" || key.find("check") != std::string::npos;
    };
    for (const auto& [key, value] : after.items()) {
      if (!value.is_null() && !value.is_object() && !value.is_array() && key != "id" &&
          key != "created_at" && key != "updated_at" && !personal(key)) {
        out += (out.empty() ? "" : "; ") + key + ": " + json_words(value);
      }
    }
    return out;
  }
  for (const auto& [key, value] : after.items()) {
    const Json old = before.contains(key) ? before[key] : Json(nullptr);
    if (old != value && key != "updated_at") {
      out += (out.empty() ? "" : "; ") + key + ": " + json_words(old) + " → " + json_words(value);
    }
  }
  return out;
}

std::string audit_action_words(std::string_view action) {
  static const std::map<std::string_view, std::string_view> words{
      {"applicant.add", "Applicant added"},
      {"applicant.update", "Applicant's details changed"},
      {"applicant.erase", "Applicant's personal data erased"},
      {"applicant.export", "Applicant's data exported"},
      {"application.submit", "Application submitted"},
      {"application.approve", "Application approved"},
      {"application.approve.override", "Application approved by override"},
      {"application.deny", "Application denied"},
      {"ce_audit.select", "Drawn for a CE audit"},
      {"ce_audit.evidence_requested", "CE audit: evidence requested"},
      {"ce_audit.submitted", "CE audit: evidence received"},
      {"ce_audit.passed", "CE audit passed"},
      {"ce_audit.failed", "CE audit failed"},
      {"ceu.log", "CE entry logged"},
      {"ceu.edit", "CE entry corrected"},
      {"ceu.void", "CE entry voided"},
      {"ceu.import", "CE roster imported"},
      {"cohort.create", "Training cohort created"},
      {"cohort.apply", "Applied to a cohort"},
      {"cohort.apply.override", "Applied to a cohort by override"},
      {"cohort.select", "Cohort places drawn"},
      {"cohort.withdraw", "Withdrawn from a cohort"},
      {"cohort.notify", "Cohort notices sent"},
      {"cohort.attend", "Training attendance recorded"},
      {"cohort.attend.remove", "Training attendance removed"},
      {"credential.issue", "Credential issued"},
      {"credential.import", "Credential imported"},
      {"credential.update", "Holder's details changed"},
      {"credential.renumber", "Credential renumbered"},
      {"credential.set_status", "Status changed"},
      {"credential.reinstate", "Credential reinstated"},
      {"credential.endorse", "Specialty added"},
      {"credential.specialty_end", "Specialty ended"},
      {"renewal.file", "Renewal filed"},
      {"renewal.extend", "Initial certificate extended"},
      {"exam.record", "Exam result recorded"},
      {"user.add", "Staff user added"},
      {"user.password", "Password changed"},
      {"user.disable", "Staff user disabled"},
      {"setting.set", "Setting changed"},
      {"db.rebuild_totals", "CE totals rebuilt"},
  };
  const auto found = words.find(action);
  return std::string(found != words.end() ? found->second : action);
}

std::string audit_table(const std::vector<tracker::AuditEntry>& entries) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(entries.size());
  for (const auto& e : entries) {
    rows.push_back({std::to_string(e.id), e.at, e.actor, e.action, e.entity + " " + e.entity_id,
                    audit_changes(e)});
  }
  return render_table({"ID", "AT (UTC)", "ACTOR", "ACTION", "ENTITY", "CHANGES"}, rows);
}

std::string spreadsheet_safe(std::string_view cell) {
  // Spreadsheets skip leading spaces of any kind (a no-break space too) and read the
  // full-width forms of = + - @ as formula signs, so look past the one and for the other.
  static constexpr std::array<std::string_view, 4> spaces{" ", "\xC2\xA0", "\xE2\x80\x8B",
                                                          "\xE3\x80\x80"};
  static constexpr std::array<std::string_view, 10> signs{
      "=",           "+", "-", "@", "\t", "\r", "\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D",
      "\xEF\xBC\xA0"};
  std::string_view rest = cell;
  bool skipped = true;
  while (skipped) {
    skipped = false;
    for (const auto space : spaces) {
      if (rest.starts_with(space)) {
        rest.remove_prefix(space.size());
        skipped = true;
      }
    }
  }
  for (const auto sign : signs) {
    if (rest.starts_with(sign)) {
      return "'" + std::string(cell);
    }
  }
  return std::string(cell);
}

} // namespace peercert::report

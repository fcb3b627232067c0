// The renderers of one credential: where it stands (status text and JSON, the public
// verification record), its file of periods and status changes, and its CE entries.
#include "report/RenewalReport.hpp"

#include "core/Csv.hpp"
#include "report/Text.hpp"
#include "report/TrackerReport.hpp"
#include "report/detail/RenewalWords.hpp"
#include "rules/ToConfirm.hpp"

#include <algorithm>
#include <array>
#include <sstream>
#include <tuple>

namespace peercert::report {

using namespace detail;

std::string status_words(renewal::Status s) {
  switch (s) {
  case renewal::Status::initial:
    return "initial certificate";
  case renewal::Status::active:
    return "active";
  case renewal::Status::due_soon:
    return "due soon";
  case renewal::Status::expired:
    return "expired";
  case renewal::Status::inactive:
    return "inactive";
  case renewal::Status::suspended:
    return "suspended";
  case renewal::Status::revoked:
    return "revoked";
  }
  return "";
}

Json public_credential_json(const PublicCredential& c) {
  Json out;
  out["name"] = c.first_name + " " + c.last_name;
  out["credential_number"] = c.number;
  out["program"] = c.program;
  out["program_name"] = c.program_name;
  out["status"] = std::string(renewal::to_string(c.status));
  out["issued_on"] = core::format_iso(c.issued_on);
  out["expires_on"] = core::format_iso(c.expires_on);
  if (c.specialties) {
    out["specialties"] = Json::array();
    for (const auto& [id, name] : *c.specialties) {
      out["specialties"].push_back({{"id", id}, {"name", name}});
    }
  }
  return out;
}

std::string fee_due_words(const renewal::CredentialStatus& s) { return fee_due_text(s); }

Json status_json(const StatusView& v) {
  const auto& s = v.status;
  const auto& p = s.current;
  Json out;
  out["credential_number"] = v.credential.number;
  out["program"] = v.credential.program;
  out["as_of"] = core::format_iso(v.as_of);
  out["status"] = std::string(renewal::to_string(s.status));
  out["cycle"] = s.period.number;
  out["cycle_began"] = std::string(renewal::to_string(s.period.began));
  out["cycle_start"] = core::format_iso(p.cycle.start);
  out["expires_on"] = core::format_iso(p.cycle.expires_on);
  out["days_until_expiry"] = s.days_until_expiry;
  out["hours_required"] = hours_or_null(p, p.hours_required);
  out["hours_completed"] = hours_or_null(p, p.hours_completed);
  out["hours_needed"] = hours_or_null(p, p.hours_needed);
  out["needed"] = needed_words(p);
  // One shape for the base's requirements and a specialty's ("family.family_hours").
  const auto requirement_json = [](const renewal::RequirementProgress& r, const std::string& id,
                                   const rules::Specialty* specialty) {
    Json req;
    req["id"] = id;
    if (specialty != nullptr) {
      req["specialty"] = specialty->id;
    }
    req["description"] = r.requirement->description;
    req["required"] = exact_number(r.required);
    req["completed"] = exact_number(r.completed);
    req["waived_by"] = r.waived_by != nullptr ? Json(r.waived_by->id) : Json(nullptr);
    return req;
  };
  out["requirements"] = Json::array();
  for (const auto& r : p.requirements) {
    out["requirements"].push_back(requirement_json(r, r.requirement->id, nullptr));
  }
  // A specialty's requirements, beside the base's and never counted in its figures.
  for (const auto& held : s.specialties) {
    for (const auto& r : held.current.requirements) {
      out["requirements"].push_back(
          requirement_json(r, held.specialty->id + "." + r.requirement->id, held.specialty));
    }
  }
  if (s.renewable_years) {
    out["renewable_years"] = *s.renewable_years;
  }
  if (v.program != nullptr && !v.program->specialties.empty()) {
    out["specialties"] = Json::array();
    for (const auto& held : s.specialties) {
      out["specialties"].push_back({{"id", held.specialty->id},
                                    {"name", held.specialty->name},
                                    {"since", core::format_iso(held.since)},
                                    {"requirements_met", held.requirements_met()}});
    }
  }
  out["renewal_fee"] = s.renewal_fee ? exact_number(*s.renewal_fee) : Json(nullptr);
  out["requirements_met"] = p.defined ? Json(p.requirements_met()) : Json(nullptr);
  out["reminder_days"] = s.reminder_days;
  out["late_until"] = s.late_until ? Json(core::format_iso(*s.late_until)) : Json(nullptr);
  out["late_fee"] = s.late_fee ? exact_number(*s.late_fee) : Json(nullptr);
  const auto due = renewal::fee_due(s);
  out["fee_due"] = due ? exact_number(*due) : Json(nullptr);
  out["status_since"] = s.set              ? Json(core::format_iso(s.set->on))
                        : s.inactive_since ? Json(core::format_iso(*s.inactive_since))
                                           : Json(nullptr);
  out["status_reason"] = v.change ? Json(v.change->reason) : Json(nullptr);
  out["extensions_left"] = s.extensions_left ? Json(*s.extensions_left) : Json(nullptr);
  if (v.program != nullptr) {
    if (const auto confirm = rules::values_to_confirm(*v.program, v.as_of); !confirm.empty()) {
      out["to_confirm"] = confirm;
      out["confirm_note"] = v.program->confirm_note;
    }
  }
  return out;
}

std::string status_text(const StatusView& v) {
  const auto& s = v.status;
  const auto& p = s.current;
  std::string out = "Credential " + v.credential.number + " (" + v.credential.program + "), " +
                    holder(v.credential) + ", as of " + core::format_long(v.as_of) + "\n";
  out += "  status:     " + status_words(s.status) + ", " + days_text(s.days_until_expiry) + "\n";
  if (s.set) {
    out += "              since " + core::format_iso(s.set->on) +
           (v.change ? ": " + v.change->reason : std::string{}) + "\n";
  } else if (s.inactive_since) {
    out += "              since " + core::format_iso(*s.inactive_since) +
           ", after its late renewal window closed\n";
  }
  out += "  cycle " + std::to_string(s.period.number) + ":    " + core::format_iso(p.cycle.start) +
         " to " + core::format_iso(p.cycle.expires_on) + " (" +
         std::string(renewal::to_string(s.period.began)) + ")\n";
  if (s.extensions_left) {
    out += "  extensions: " + std::to_string(*s.extensions_left) + " left\n";
  }
  if (p.defined) {
    out += "  hours:      " + p.hours_completed.to_string() + " of " +
           p.hours_required.to_string() + " completed\n";
  } else {
    out += "  hours:      " + std::string(not_defined) + "\n";
  }
  for (const auto& r : p.requirements) {
    out += "    " + r.requirement->id + ": " + r.completed.to_string() + " of " +
           r.required.to_string() + " (" + r.requirement->description + ")" +
           (r.waived_by != nullptr ? " — waived: " + r.waived_by->description : std::string{}) +
           "\n";
  }
  out += "  still needed: " + needed_words(p) + "\n";
  if (s.renewable_years) {
    out += "  renewable:    " +
           (*s.renewable_years == 0 ? std::string("not yet for any length")
                                    : "for up to " + std::to_string(*s.renewable_years) +
                                          (*s.renewable_years == 1 ? " year" : " years")) +
           " (" + p.hours_required.to_string() + " h a year)\n";
  }
  for (const auto& held : s.specialties) {
    out += "  specialty:    " + held.specialty->name + " (" + held.specialty->id + "), since " +
           core::format_iso(held.since);
    if (held.specialty->requirements.empty()) {
      out += "\n";
      continue;
    }
    if (!held.applies) {
      out += "; its CE applies from the next cycle\n";
      continue;
    }
    out +=
        held.requirements_met()
            ? "; its CE is met\n"
            : "\n                still needed: " + renewal::describe_needed(held.current.needed) +
                  "; a renewal filed without them ends the specialty\n";
    for (const auto& r : held.current.requirements) {
      out += "    " + held.specialty->id + "." + r.requirement->id + ": " +
             r.completed.to_string() + " of " + r.required.to_string() + " (" +
             r.requirement->description + ")\n";
    }
  }
  out += "  renewal fee:  " + fee_text(s.renewal_fee) + "\n";
  if (s.late_fee && *s.late_fee > core::Money{}) {
    out += "  late fee:     " + s.late_fee->to_string() + ", owed by a renewal filed now\n";
  }
  out += "  fee due now:  " + fee_due_text(s) + "\n";
  if (s.late_until) {
    const auto later = v.program != nullptr
                           ? renewal::late_fee_after_expiry(*v.program, s.period.cycle)
                           : std::nullopt;
    out += "  late renewal: until " + core::format_long(*s.late_until) +
           (later ? " with a " + later->to_string() + " late fee" : std::string{}) + "\n";
  }
  if (p.defined) {
    out += "  requirements " + std::string(p.requirements_met() ? "met" : "not met yet") + ".\n";
  }
  if (v.program != nullptr) {
    if (const auto confirm = rules::values_to_confirm(*v.program, v.as_of); !confirm.empty()) {
      std::string names;
      for (const auto& name : confirm) {
        names += (names.empty() ? "" : ", ") + name;
      }
      out +=
          "  " + wrap("to confirm: " + names + ". " + v.program->confirm_note, 76, "    ") + "\n";
    }
  }
  return out;
}

Json credential_file_json(const CredentialFile& f) {
  Json out = credential_json(f.status.credential);
  out["standing"] = status_json(f.status);
  out["cycles"] = Json::array();
  for (const auto& row : f.cycles) {
    const auto& p = row.progress;
    Json c;
    c["number"] = row.period.number;
    c["began"] = std::string(renewal::to_string(row.period.began));
    c["starts_on"] = core::format_iso(row.period.cycle.start);
    c["expires_on"] = core::format_iso(row.period.cycle.expires_on);
    c["counts_from"] = core::format_iso(row.period.cycle.counts_from);
    c["current"] = row.current;
    c["hours_required"] = hours_or_null(p, p.hours_required);
    c["hours_completed"] = hours_or_null(p, p.hours_completed);
    c["requirements_met"] = p.defined ? Json(p.requirements_met()) : Json(nullptr);
    out["cycles"].push_back(std::move(c));
  }
  out["status_changes"] = Json::array();
  for (const auto& change : f.changes) {
    out["status_changes"].push_back(status_change_json(change));
  }
  return out;
}

Json status_change_json(const tracker::StatusChange& change) {
  Json c;
  c["status"] = change.status;
  c["on"] = core::format_iso(change.on);
  c["reason"] = change.reason;
  c["reinstatement"] = change.reinstatement;
  c["fee_paid"] = change.fee_paid ? exact_number(*change.fee_paid) : Json(nullptr);
  return c;
}

std::string credential_file_text(const CredentialFile& f) {
  const auto& c = f.status.credential;
  std::string out = credential_text(c) + "\n" + status_text(f.status) + "\nCertificate periods\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : f.cycles) {
    const auto& p = row.progress;
    rows.push_back({std::to_string(row.period.number),
                    std::string(renewal::to_string(row.period.began)),
                    core::format_iso(row.period.cycle.start),
                    core::format_iso(row.period.cycle.expires_on), hours_fraction(p),
                    row.current ? "current"
                    : p.defined ? (p.requirements_met() ? "met" : "not met")
                                : "-"});
  }
  out += render_table({"CYCLE", "BEGAN", "FROM", "TO", "HOURS", "REQUIREMENTS"}, rows, "  ");
  if (!f.changes.empty()) {
    out += "\nStatus changes\n";
    for (const auto& change : f.changes) {
      out += "  " + core::format_iso(change.on) + "  " + change.status +
             (change.reinstatement ? " (reinstated)" : "") + ": " + change.reason + "\n";
    }
  }
  return out;
}

std::string ce_table(const tracker::Credential& c, const std::vector<CeLine>& lines,
                     const std::optional<renewal::Cycle>& only) {
  std::string out =
      "Continuing education of " + c.number + " (" + c.first_name + " " + c.last_name + ")";
  if (only) {
    out += ", cycle " + std::to_string(only->index) + ": " + core::format_iso(only->start) +
           " to " + core::format_iso(only->expires_on);
  }
  out += "\n";
  std::vector<std::vector<std::string>> rows;
  core::Hours total{};
  std::size_t counted = 0;
  std::size_t voided = 0;
  for (const auto& l : lines) {
    if (only && l.cycle_index() != only->index) {
      continue;
    }
    std::string cycle = l.cycle ? std::to_string(l.cycle->index) : "none: counts for no cycle";
    if (l.entry.voided()) {
      ++voided;
      cycle = "voided: " + l.entry.void_reason;
    } else {
      ++counted;
      total += l.entry.hours;
    }
    rows.push_back({std::to_string(l.entry.id), core::format_iso(l.entry.completed_on),
                    l.entry.hours.to_string(), std::string(rules::to_string(l.entry.category)),
                    std::string(rules::to_string(l.entry.delivery)), l.entry.provider,
                    l.entry.title, cycle});
  }
  out += render_table({"ID", "DATE", "HOURS", "CATEGORY", "DELIVERY", "PROVIDER", "TITLE", "CYCLE"},
                      rows);
  out += std::to_string(counted) + (counted == 1 ? " entry, " : " entries, ") + total.to_string() +
         " hours";
  if (voided > 0) {
    out += "; " + std::to_string(voided) + " voided, not counted";
  }
  out += ".\n";
  return out;
}

Json ce_json(const tracker::Credential& c, const std::vector<CeLine>& lines) {
  Json out = Json::array();
  for (const auto& l : lines) {
    Json j;
    j["id"] = l.entry.id;
    j["credential_number"] = c.number;
    j["completed_on"] = core::format_iso(l.entry.completed_on);
    j["hours"] = exact_number(l.entry.hours);
    j["category"] = std::string(rules::to_string(l.entry.category));
    j["delivery"] = std::string(rules::to_string(l.entry.delivery));
    j["provider"] = l.entry.provider;
    j["title"] = l.entry.title;
    j["cycle"] = l.cycle ? Json(l.cycle->index) : Json(nullptr);
    if (l.cycle) {
      j["cycle_start"] = core::format_iso(l.cycle->start);
      j["cycle_expires_on"] = core::format_iso(l.cycle->expires_on);
    } else {
      j["note"] = "before the credential was issued, or before its CE starts counting: counts "
                  "for no cycle";
    }
    if (l.entry.voided()) {
      j["voided_at"] = l.entry.voided_at;
      j["void_reason"] = l.entry.void_reason;
    }
    out.push_back(std::move(j));
  }
  return out;
}

} // namespace peercert::report

#include "report/CeAuditReport.hpp"

#include "core/Decimal.hpp"
#include "report/Text.hpp"

namespace peercert::report {

namespace {

std::string since(const tracker::CeAudit& a) {
  return a.steps.empty() ? std::string("-") : core::format_iso(a.steps.back().on);
}

std::string lateness(const tracker::CeAudit& a, core::Date as_of) {
  const int late = tracker::days_overdue(a, as_of);
  if (late > 0) {
    return std::to_string(late) + (late == 1 ? " day overdue" : " days overdue");
  }
  if (!tracker::is_open(a.state)) {
    return "decided";
  }
  if (a.state == tracker::AuditState::submitted) {
    return "evidence in";
  }
  const int left = core::days_between(as_of, a.due_on);
  return left == 0 ? std::string("due today")
                   : std::to_string(left) + (left == 1 ? " day left" : " days left");
}

} // namespace

Json ce_audit_json(const tracker::CeAudit& a, core::Date as_of) {
  Json steps = Json::array();
  for (const auto& s : a.steps) {
    steps.push_back({{"state", std::string(tracker::to_string(s.state))},
                     {"on", core::format_iso(s.on)},
                     {"note", s.note.empty() ? Json(nullptr) : Json(s.note)},
                     {"actor", s.actor},
                     {"at", s.created_at}});
  }
  Json next = Json::array();
  for (const auto s : tracker::next_states(a.state)) {
    next.push_back(std::string(tracker::to_string(s)));
  }
  return {{"id", a.id},
          {"draw", a.draw},
          {"credential_number", a.credential_number},
          {"name", a.first_name + " " + a.last_name},
          {"program", a.program},
          {"renewed_on", core::format_iso(a.renewed_on)},
          {"cycle", a.cycle},
          {"due_on", core::format_iso(a.due_on)},
          {"state", std::string(tracker::to_string(a.state))},
          {"open", tracker::is_open(a.state)},
          {"days_overdue", tracker::days_overdue(a, as_of)},
          {"next", next},
          {"steps", steps}};
}

Json ce_audit_record_json(const tracker::CeAudit& a) {
  Json out = {{"id", a.id},
              {"credential_number", a.credential_number},
              {"renewed_on", core::format_iso(a.renewed_on)},
              {"cycle", a.cycle},
              {"due_on", core::format_iso(a.due_on)},
              {"state", std::string(tracker::to_string(a.state))}};
  if (!a.steps.empty()) {
    out["on"] = core::format_iso(a.steps.back().on);
    out["note"] = a.steps.back().note.empty() ? Json(nullptr) : Json(a.steps.back().note);
  }
  return out;
}

Json ce_audit_draw_json(const tracker::AuditDraw& d) {
  return {{"id", d.id},
          {"program", d.program},
          {"share_percent", core::format_hundredths_short(d.share_hundredths)},
          {"seed", std::to_string(d.seed)},
          {"from", core::format_iso(d.from)},
          {"to", core::format_iso(d.to)},
          {"due_on", core::format_iso(d.due_on)},
          {"drawn_on", core::format_iso(d.drawn_on)},
          {"renewals", d.candidates}};
}

std::string ce_audits_table(const std::vector<tracker::CeAudit>& audits, core::Date as_of) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(audits.size());
  for (const auto& a : audits) {
    rows.push_back({std::to_string(a.id), a.credential_number, a.first_name + " " + a.last_name,
                    a.program, core::format_iso(a.renewed_on),
                    std::string(tracker::to_string(a.state)), since(a), core::format_iso(a.due_on),
                    lateness(a, as_of)});
  }
  return render_table(
      {"ID", "CREDENTIAL", "HOLDER", "PROGRAM", "RENEWED", "STATE", "SINCE", "DUE", "DEADLINE"},
      rows);
}

std::string ce_audit_text(const tracker::CeAudit& a, core::Date as_of) {
  std::string out =
      "CE audit " + std::to_string(a.id) + " of " + a.credential_number + " (" + a.program + ")\n";
  out += "  holder:   " + a.first_name + " " + a.last_name + "\n";
  out += "  renewal:  filed " + core::format_long(a.renewed_on) + " for cycle " +
         std::to_string(a.cycle) + "\n";
  out += "  state:    " + std::string(tracker::to_string(a.state)) + "\n";
  out += "  evidence: due " + core::format_long(a.due_on) + " (" + lateness(a, as_of) + ")\n";
  out += "Steps:\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : a.steps) {
    rows.push_back({core::format_iso(s.on), std::string(tracker::to_string(s.state)), s.actor,
                    s.note.empty() ? std::string("-") : s.note});
  }
  out += render_table({"ON", "STATE", "BY", "NOTE"}, rows, "  ");
  const auto next = tracker::next_states(a.state);
  if (!next.empty()) {
    out += "Next: ";
    for (std::size_t i = 0; i < next.size(); ++i) {
      out += (i == 0 ? "" : " or ") + std::string(tracker::to_string(next[i]));
    }
    out += " (peercert audit-ce advance " + std::to_string(a.id) + " --to STATE)\n";
  }
  return out;
}

} // namespace peercert::report

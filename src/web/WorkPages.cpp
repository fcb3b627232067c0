#include "web/WorkPages.hpp"

#include "core/Text.hpp"
#include "report/CeAuditReport.hpp"
#include "web/Html.hpp"

#include <algorithm>

namespace peercert::web {

namespace {

using html::e;
using html::hidden_csrf;
using html::select_input;
using html::text_input;

std::string outcome_html(const Outcome& o) {
  std::string out;
  if (!o.notice.empty()) {
    out += "<p class=\"notice\" role=\"status\">" + e(o.notice) + "</p>\n";
  }
  if (!o.problem.empty()) {
    out += "<p class=\"problem\" role=\"alert\">" + e(o.problem) + "</p>\n";
  }
  return out;
}

std::string td(const std::string& label, const std::string& html) {
  return "<td data-label=\"" + label + "\">" + html + "</td>";
}

std::string deadline_words(const tracker::CeAudit& a, core::Date as_of) {
  const int late = tracker::days_overdue(a, as_of);
  if (late > 0) {
    return "<span class=\"expired\">" + std::to_string(late) +
           (late == 1 ? " day overdue" : " days overdue") + "</span>";
  }
  if (!tracker::is_open(a.state) || a.state == tracker::AuditState::submitted) {
    return e(core::format_iso(a.due_on));
  }
  const int left = core::days_between(as_of, a.due_on);
  return e(core::format_iso(a.due_on)) + " <span class=\"small\">(" + std::to_string(left) +
         (left == 1 ? " day left" : " days left") + ")</span>";
}

} // namespace

std::string cohorts_body(const std::vector<report::CohortFile>& cohorts) {
  std::string out = "<h1>Training cohorts</h1>\n<div class=\"wide\"><table class=\"stack\">\n"
                    "<thead><tr><th>Cohort</th><th>Program</th><th>Starts</th><th>Seats</th>"
                    "<th>Selected</th><th>Wait-listed</th><th>Selection</th></tr></thead>\n"
                    "<tbody>\n";
  for (const auto& f : cohorts) {
    const auto count = [&](tracker::MemberStatus s) {
      return std::to_string(std::count_if(f.members.begin(), f.members.end(),
                                          [s](const auto& m) { return m.status == s; }));
    };
    const std::string id = std::to_string(f.cohort.id.value);
    out +=
        "<tr>" + td("Cohort", "<a href=\"/staff/cohort?id=" + id + "\">Cohort " + id + "</a>") +
        td("Program", e(f.cohort.program)) + td("Starts", e(core::format_iso(f.cohort.starts_on))) +
        td("Seats", std::to_string(f.cohort.capacity)) +
        td("Selected", count(tracker::MemberStatus::selected)) +
        td("Wait-listed", count(tracker::MemberStatus::waitlisted)) +
        td("Selection", f.cohort.selection ? e(std::string(tracker::to_string(*f.cohort.selection)))
                                           : std::string("not yet")) +
        "</tr>\n";
  }
  if (cohorts.empty()) {
    out += "<tr><td colspan=\"7\">No cohorts yet.</td></tr>\n";
  }
  return out + "</tbody>\n</table></div>\n";
}

std::string cohort_body(const report::CohortFile& file, const Session& staff,
                        const Outcome& outcome) {
  const auto& c = file.cohort;
  const std::string id = std::to_string(c.id.value);
  std::string out = "<h1>Cohort " + id + ": " + e(c.program) + " from " +
                    e(core::format_long(c.starts_on)) + "</h1>\n" + outcome_html(outcome);
  out += "<p>" + std::to_string(c.capacity) + " seats; " + e(c.training_hours.to_string()) +
         " hours of training to complete.</p>\n";
  out += "<div class=\"wide\"><table class=\"stack\">\n<thead><tr><th>Applicant</th>"
         "<th>Status</th><th>Hours attended</th><th>Told on</th></tr></thead>\n<tbody>\n";
  for (const auto& m : file.members) {
    const std::string aid = std::to_string(m.applicant.value);
    std::string status(tracker::to_string(m.status));
    if (m.waitlist_position) {
      status += " (" + std::to_string(*m.waitlist_position) + ")";
    }
    out +=
        "<tr>" +
        td("Applicant", "<a href=\"/staff/applicant?id=" + aid + "\">" +
                            e(m.first_name + " " + m.last_name) + "</a>") +
        td("Status", e(status)) +
        td("Hours attended", e(m.attended.to_string()) + " of " + e(c.training_hours.to_string())) +
        td("Told on", m.notified_on ? e(core::format_iso(*m.notified_on)) : "-") + "</tr>\n";
  }
  if (file.members.empty()) {
    out += "<tr><td colspan=\"4\">No one has applied yet.</td></tr>\n";
  }
  out += "</tbody>\n</table></div>\n";
  std::vector<std::pair<std::string, std::string>> members;
  for (const auto& m : file.members) {
    if (m.attended.hundredths() > 0) {
      members.emplace_back(std::to_string(m.applicant.value), m.first_name + " " + m.last_name);
    }
  }
  if (!members.empty()) {
    out += "<h2 id=\"attendance\">Remove a day of attendance recorded in error</h2>\n"
           "<form method=\"post\" action=\"/staff/cohort/attendance/remove?id=" +
           id + "\">" + hidden_csrf(staff.csrf) +
           select_input("applicant", "Applicant", members, "", {}, {}) +
           text_input("date", "Day", "", "date") +
           "<br><button type=\"submit\">Remove the day</button></form>\n";
  }
  return out;
}

std::string ce_audits_body(const std::vector<tracker::CeAudit>& audits, core::Date as_of, bool all,
                           const std::vector<std::string>& programs, const Session& staff,
                           const Form& draw, const Outcome& outcome) {
  std::string out = "<h1>CE audits</h1>\n" + outcome_html(outcome);
  out += std::string("<p>") +
         (all ? "Every audit. <a href=\"/staff/audits\">Only the open ones</a>"
              : "Open audits, the soonest evidence due first. <a href=\"/staff/audits?all=1\">"
                "Every audit, decided ones too</a>") +
         ".</p>\n";
  out += "<div class=\"wide\"><table class=\"stack\">\n<thead><tr><th>Audit</th>"
         "<th>Credential</th><th>Holder</th><th>Renewed</th><th>State</th><th>Evidence "
         "due</th><th>Next step</th></tr></thead>\n<tbody>\n";
  for (const auto& a : audits) {
    const std::string id = std::to_string(a.id);
    std::string since;
    if (!a.steps.empty()) {
      since = " <span class=\"small\">since " + e(core::format_iso(a.steps.back().on)) +
              (a.steps.back().note.empty() ? "" : ": " + e(a.steps.back().note)) + "</span>";
    }
    std::string next;
    const auto states = tracker::next_states(a.state);
    if (!states.empty()) {
      next = "<form method=\"post\" action=\"/staff/audits/advance\">" + hidden_csrf(staff.csrf) +
             "<input type=\"hidden\" name=\"audit\" value=\"" + id +
             "\"><select name=\"to\" aria-label=\"Next state of audit " + id + "\">";
      for (const auto s : states) {
        const std::string name(tracker::to_string(s));
        next += "<option value=\"" + name + "\">" + name + "</option>";
      }
      next += "</select> <input type=\"date\" name=\"on\" value=\"" + core::format_iso(as_of) +
              "\" aria-label=\"Day of the step\"> <input type=\"text\" name=\"note\" "
              "aria-label=\"Note on audit " +
              id + "\" placeholder=\"Note\"> <button type=\"submit\">Record</button></form>";
    } else {
      next = "decided";
    }
    out += "<tr>" + td("Audit", id) +
           td("Credential",
              "<a href=\"/staff/credential?number=" + e(url_encode(a.credential_number)) + "\">" +
                  e(a.credential_number) + "</a>") +
           td("Holder", e(a.first_name + " " + a.last_name)) +
           td("Renewed", e(core::format_iso(a.renewed_on))) +
           td("State", e(std::string(tracker::to_string(a.state))) + since) +
           td("Evidence due", deadline_words(a, as_of)) + td("Next step", next) + "</tr>\n";
  }
  if (audits.empty()) {
    out += std::string("<tr><td colspan=\"7\">") + (all ? "No audits yet." : "No open audits.") +
           "</td></tr>\n";
  }
  out += "</tbody>\n</table></div>\n";
  std::vector<std::pair<std::string, std::string>> program_options;
  for (const auto& p : programs) {
    program_options.emplace_back(p, p);
  }
  out += "<h2 id=\"draw\">Draw renewals to audit</h2>\n<p class=\"small\">A share of the "
         "credentials that renewed in the period, drawn from the seed: the same seed draws the "
         "same credentials again.</p>\n<form method=\"post\" action=\"/staff/audits/select\">" +
         hidden_csrf(staff.csrf) +
         select_input("program", "Program", program_options, draw.value("program"), {}, {}) +
         text_input("share", "Share to audit, percent", draw.value("share"), "text",
                    "Such as 10 or 2.5.", {}, " inputmode=\"decimal\"") +
         text_input("seed", "Seed", draw.value("seed"), "text",
                    "Any whole number; keep it with the audit's records.", {},
                    " inputmode=\"numeric\"") +
         text_input("from", "Renewals filed from", draw.value("from"), "date") +
         text_input("to", "Renewals filed to", draw.value("to"), "date") +
         text_input("due", "Evidence due by", draw.value("due"), "date") +
         "<br><button type=\"submit\">Draw</button></form>\n";
  return out;
}

std::string audit_log_body(const std::vector<tracker::AuditEntry>& entries, const Form& query,
                           const std::vector<std::string>& entities, const std::string& error) {
  std::string out = "<h1>Audit log</h1>\n";
  if (!error.empty()) {
    out += "<p class=\"problem\" role=\"alert\">" + e(error) + "</p>\n";
  }
  std::vector<std::pair<std::string, std::string>> kinds{{"", "Any"}};
  for (const auto& k : entities) {
    kinds.emplace_back(k, k);
  }
  out += "<form method=\"get\" action=\"/staff/audit\" role=\"search\">" +
         select_input("entity", "Kind of record", kinds, query.value("entity"), {}, {}) +
         text_input("id", "Which one", query.value("id"), "text",
                    "A credential number, an applicant's id…; a credential's include its CE, "
                    "renewals and audits.") +
         text_input("actor", "Changed by", query.value("actor")) +
         text_input("from", "From (UTC day)", query.value("from"), "date") +
         text_input("to", "To (UTC day)", query.value("to"), "date") +
         "<br><button type=\"submit\">Show</button></form>\n";
  out += "<p>" + std::to_string(entries.size()) + (entries.size() == 1 ? " entry" : " entries") +
         (entries.size() > 500 ? ", the newest 500 shown" : std::string{}) + ".</p>\n";
  out += "<div class=\"wide\"><table class=\"stack\">\n<thead><tr><th>When (UTC)</th><th>By</th>"
         "<th>What</th><th>Record</th><th>Changes</th></tr></thead>\n<tbody>\n";
  std::size_t shown = 0;
  for (auto it = entries.rbegin(); it != entries.rend() && shown < 500; ++it, ++shown) {
    out += "<tr>" + td("When (UTC)", e(it->at)) + td("By", e(it->actor)) +
           td("What", e(report::audit_action_words(it->action)) + " <span class=\"small\">(" +
                          e(it->action) + ")</span>") +
           td("Record", e(it->entity + " " + it->entity_id)) +
           td("Changes", e(report::audit_changes(*it))) + "</tr>\n";
  }
  return out + "</tbody>\n</table></div>\n";
}

std::string users_body(const std::vector<StaffUser>& users, bool second_factor_required,
                       const Session& staff, const Outcome& outcome) {
  const bool admin = staff.role == tracker::Role::admin;
  std::string out = "<h1>Staff users</h1>\n" + outcome_html(outcome);
  out += std::string("<p>A second factor is ") +
         (second_factor_required ? "<strong>required</strong> of every user: one without is "
                                   "asked to set it up at the next login."
                                 : "up to each user (<a href=\"/staff/account\">your own</a>).") +
         "</p>\n";
  out += "<div class=\"wide\"><table class=\"stack\">\n<thead><tr><th>User</th><th>Role</th>"
         "<th>Boards</th><th>Since</th><th>Second factor</th><th>Access</th></tr></thead>\n"
         "<tbody>\n";
  for (const auto& row : users) {
    // Plain references, not a structured binding: the lambda below captures them (clang).
    const tracker::User& u = row.user;
    const bool factor = row.second_factor;
    // Each button says whom it acts on to a screen reader: "Disable dana".
    const auto form = [&](const std::string& action, const std::string& fields,
                          const std::string& button, const std::string& label) {
      return "<form method=\"post\" action=\"" + action + "\">" + hidden_csrf(staff.csrf) +
             "<input type=\"hidden\" name=\"name\" value=\"" + e(u.name) + "\">" + fields +
             "<button type=\"submit\" aria-label=\"" + e(label) + "\">" + e(button) +
             "</button></form>";
    };
    std::string access;
    std::string second = factor ? "on" : "off";
    if (!u.disabled_at.empty()) {
      access = "disabled " + e(u.disabled_at.substr(0, 10));
    } else if (admin && u.name != staff.user) {
      const std::string id = "password-" + e(u.name);
      access = form("/staff/users/password",
                    "<label for=\"" + id + "\">New password for " + e(u.name) +
                        "</label><input type=\"password\" id=\"" + id +
                        "\" name=\"password\" autocomplete=\"new-password\" minlength=\"12\">",
                    "Reset password", "Reset password of " + u.name) +
               form("/staff/users/disable", "", "Disable", "Disable " + u.name);
      if (factor) {
        second += form("/staff/users/totp-reset", "", "Clear second factor",
                       "Clear second factor of " + u.name);
      }
    } else {
      access = "enabled";
    }
    out += "<tr>" + td("User", e(u.name)) + td("Role", e(std::string(tracker::to_string(u.role)))) +
           td("Boards", e(u.all_boards ? std::string("all") : core::join(u.boards, ", "))) +
           td("Since", e(u.created_at.substr(0, 10))) + td("Second factor", second) +
           td("Access", access) + "</tr>\n";
  }
  out += "</tbody>\n</table></div>\n";
  if (!admin) {
    out += "<p class=\"small\">Only an admin can add, reset or disable a user.</p>\n";
    return out;
  }
  out +=
      "<h2>Add a user</h2>\n<form method=\"post\" action=\"/staff/users/add\">" +
      hidden_csrf(staff.csrf) +
      text_input("name", "User name", "", "text", "Letters, digits, dots, hyphens and underscores.",
                 {}, " autocomplete=\"off\"") +
      select_input("role", "Role", {{"staff", "staff"}, {"admin", "admin"}}, "staff", "", "") +
      text_input("boards", "Boards", "", "text",
                 "The ids of the boards whose records they see, comma-separated, or all; "
                 "needed once boards exist.",
                 {}, " autocomplete=\"off\"") +
      text_input("password", "First password", "", "password",
                 "At least 12 characters; give it to them in person or by phone.", {},
                 " autocomplete=\"new-password\"") +
      "<br><button type=\"submit\">Add user</button></form>\n";
  out += "<h2>Second factor for everyone</h2>\n<form method=\"post\" "
         "action=\"/staff/users/second-factor\">" +
         hidden_csrf(staff.csrf) + "<input type=\"hidden\" name=\"second_factor\" value=\"" +
         (second_factor_required ? "optional" : "required") + "\"><button type=\"submit\">" +
         (second_factor_required ? "Stop requiring a second factor"
                                 : "Require a second factor of every user") +
         "</button></form>\n";
  return out;
}

std::string account_body(const Session& staff, bool second_factor, std::size_t codes_left,
                         const Outcome& outcome) {
  std::string out = "<h1>Your account</h1>\n" + outcome_html(outcome);
  out += "<p>Logged in as <strong>" + e(staff.user) + "</strong> (" +
         e(std::string(tracker::to_string(staff.role))) + ").</p>\n<h2>Second factor</h2>\n";
  if (second_factor) {
    out += "<p>On: you log in with your password and the code of your authenticator app. " +
           std::to_string(codes_left) +
           (codes_left == 1 ? " recovery code is" : " recovery codes are") +
           " left. Setting it up again replaces the app's secret and the recovery codes.</p>\n";
  } else {
    out += "<p>Off: you log in with your password alone.</p>\n";
  }
  out += "<form method=\"post\" action=\"/staff/account/totp\">" + hidden_csrf(staff.csrf) +
         "<button type=\"submit\">" +
         (second_factor ? "Set up a new second factor" : "Set up a second factor") +
         "</button></form>\n";
  return out;
}

} // namespace peercert::web

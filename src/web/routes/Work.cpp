#include "web/routes/Work.hpp"

#include "app/Audit.hpp"
#include "app/Fields.hpp"
#include "core/Text.hpp"
#include "web/Pages.hpp"
#include "web/Reply.hpp"
#include "web/WorkPages.hpp"

#include <httplib.h>

namespace peercert::web::routes {

namespace {

void show_cohort(httplib::Response& res, const StaffRequest& r, app::Cohorts& cohorts,
                 const std::string& id_text, int status, const Outcome& outcome) {
  const auto& s = r.session;
  const auto id = core::parse_number<std::int64_t>(id_text);
  if (!id) {
    send_html(res, 404, page("Not found", error_body("No such cohort", "Give a cohort's id."), &s));
    return;
  }
  try {
    const auto file = cohorts.cohort_file({*id});
    send_html(res, status, page("Cohort " + id_text, cohort_body(file, s, outcome), &s));
  } catch (const core::InputError& e) {
    send_html(res, 404, page("Not found", error_body("No such cohort", said(e)), &s));
  }
}

void show_audits(httplib::Response& res, const StaffRequest& r, app::CeAudits& audits,
                 const rules::ProgramCatalog& programs, bool all, int status, const Form& draw,
                 const Outcome& outcome) {
  store::CeAuditQuery query;
  query.open_only = !all;
  const auto list = audits.list(query);
  send_html(res, status,
            page("CE audits",
                 ce_audits_body(list, r.today, all, programs.ids(), r.session, draw, outcome),
                 &r.session));
}

} // namespace

void cohorts(const StaffRequest& r, httplib::Response& res, app::Cohorts& cohorts) {
  send_html(res, 200, page("Cohorts", cohorts_body(cohorts.cohort_files()), &r.session));
}

void cohort(const StaffRequest& r, httplib::Response& res, app::Cohorts& cohorts) {
  show_cohort(res, r, cohorts, r.http.get_param_value("id"), 200, {});
}

void remove_attendance(const StaffRequest& r, httplib::Response& res, app::Cohorts& cohorts) {
  const std::string cohort_id = r.http.get_param_value("id");
  try {
    const auto cohort = core::parse_number<std::int64_t>(cohort_id);
    if (!cohort) {
      throw core::InputError::about("cohort", "is not an id.");
    }
    const auto day = app::optional_date(r.form.value("date"), "date");
    if (!day) {
      throw core::InputError::about("date", "is required: the day to remove.");
    }
    const auto out = cohorts.remove_attendance({*cohort}, {form_id(r.form, "applicant")}, *day);
    show_cohort(res, r, cohorts, cohort_id, 200,
                {"The day is removed: " + out.total.to_string() + " of " +
                     out.required.to_string() + " hours attended.",
                 ""});
  } catch (const core::InputError& e) {
    show_cohort(res, r, cohorts, cohort_id, 400, {"", "Nothing was changed: " + said(e)});
  }
}

void ce_audits(const StaffRequest& r, httplib::Response& res, app::CeAudits& audits,
               const rules::ProgramCatalog& programs) {
  show_audits(res, r, audits, programs, r.http.get_param_value("all") == "1", 200, Form{}, {});
}

void draw_audits(const StaffRequest& r, httplib::Response& res, app::CeAudits& audits,
                 const rules::ProgramCatalog& programs) {
  const auto& form = r.form;
  try {
    app::DrawRequest request;
    request.program = form.value("program");
    request.share_hundredths = app::audit_share(form.value("share"));
    const auto seed = core::parse_number<std::uint64_t>(form.value("seed"));
    if (!seed) {
      throw core::InputError::about("seed", "must be a whole number, such as 20260301.");
    }
    request.seed = *seed;
    request.from = core::parse_date_field(form.value("from"), "from");
    request.to = core::parse_date_field(form.value("to"), "to");
    request.due = core::parse_date_field(form.value("due"), "due");
    const auto out = audits.select(request, r.today);
    std::string notice = "Drew " +
                         std::to_string(out.selected.size() + out.already_audited.size()) + " of " +
                         std::to_string(out.draw.candidates) + " renewals";
    notice += out.selected.empty() ? "; nothing new to audit."
                                   : ": " + std::to_string(out.selected.size()) + " new audits.";
    show_audits(res, r, audits, programs, false, 200, Form{}, {notice, ""});
  } catch (const core::InputError& e) {
    show_audits(res, r, audits, programs, false, 400, form, {"", "Nothing was drawn: " + said(e)});
  }
}

void advance_audit(const StaffRequest& r, httplib::Response& res, app::CeAudits& audits,
                   const rules::ProgramCatalog& programs) {
  const auto& form = r.form;
  try {
    const auto to = tracker::audit_state_from_name(form.value("to"));
    if (!to) {
      throw core::InputError::about("to", "must be " + tracker::audit_state_names() + ".");
    }
    const auto on = app::optional_date(form.value("on"), "on").value_or(r.today);
    const auto a = audits.advance(form_id(form, "audit"), *to, on, form.value("note"), r.today);
    show_audits(res, r, audits, programs, false, 200, Form{},
                {"Audit " + std::to_string(a.id) + " of " + a.credential_number + " is now " +
                     std::string(tracker::to_string(a.state)) + ".",
                 ""});
  } catch (const core::InputError& e) {
    show_audits(res, r, audits, programs, false, 400, Form{},
                {"", "Nothing was saved: " + said(e)});
  }
}

void audit_log(const StaffRequest& r, httplib::Response& res, app::AuditTrail& trail) {
  std::string encoded;
  for (const auto* name : {"entity", "id", "actor", "from", "to"}) {
    encoded += std::string(encoded.empty() ? "" : "&") + name + "=" +
               url_encode(r.http.get_param_value(name));
  }
  const Form query = Form::parse(encoded);
  try {
    store::AuditQuery filter{query.value("entity"), query.value("id"), query.value("actor"),
                             app::optional_date(query.value("from"), "from"),
                             app::optional_date(query.value("to"), "to")};
    send_html(res, 200,
              page("Audit log",
                   audit_log_body(trail.entries(filter), query, app::audit_entities(), ""),
                   &r.session));
  } catch (const core::InputError& e) {
    send_html(
        res, 400,
        page("Audit log", audit_log_body({}, query, app::audit_entities(), said(e)), &r.session));
  }
}

} // namespace peercert::web::routes

#include "web/routes/Applicants.hpp"

#include "core/Text.hpp"
#include "rules/Fact.hpp"
#include "web/Pages.hpp"
#include "web/Reply.hpp"

#include <httplib.h>

namespace peercert::web::routes {

namespace {

/// The applicant fields a staff form sent: each one present replaces the stored value (an
/// empty one clears it).
app::ApplicantFields applicant_fields(const Form& form) {
  app::ApplicantFields f;
  const auto take = [&](const char* name, std::optional<std::string>& into) {
    into = form.get(name);
  };
  take("first_name", f.first_name);
  take("last_name", f.last_name);
  take("email", f.email);
  take("phone", f.phone);
  for (const auto& info : rules::all_facts()) {
    if (auto v = form.get(std::string(info.name))) {
      f.facts[info.id] = *v;
    }
  }
  take("registry_check_on", f.registry_check_on);
  take("employer", f.employer);
  take("hired_on", f.hired_on);
  return f;
}

/// The applicant a ?id= names, or nothing after answering 404.
std::optional<tracker::ApplicantId> applicant_id(const StaffRequest& r, httplib::Response& res) {
  const auto n = core::parse_number<std::int64_t>(r.http.get_param_value("id"));
  if (!n || *n <= 0) {
    send_html(
        res, 404,
        page("Not found", error_body("No such applicant", "Give an applicant's id."), &r.session));
    return std::nullopt;
  }
  return tracker::ApplicantId{*n};
}

void show_applicant(httplib::Response& res, const StaffRequest& r, app::Applicants& applicants,
                    tracker::ApplicantId id, int status, const std::optional<Form>& typed,
                    const std::map<std::string, std::string>& errors, const std::string& notice,
                    const std::string& problem) {
  const auto& s = r.session;
  report::ApplicantFile file;
  try {
    file = applicants.applicant_file(id, r.today);
  } catch (const core::InputError& e) {
    send_html(res, 404, page("Not found", error_body("No such applicant", said(e)), &s));
    return;
  }
  const Form values = typed ? *typed : applicant_form_values(file.applicant);
  send_html(res, status,
            page(file.applicant.full_name(),
                 applicant_body(file, s, values, errors, notice, problem), &s));
}

} // namespace

void applicants(const StaffRequest& r, httplib::Response& res, app::Applicants& applicants) {
  const auto& s = r.session;
  const std::string query = r.http.get_param_value("q");
  if (query.empty()) {
    send_html(res, 200, page("Applicants", applicants_body(applicants.list(), "", ""), &s));
    return;
  }
  try {
    send_html(res, 200,
              page("Applicants", applicants_body(applicants.search(query, 200), query, ""), &s));
  } catch (const core::InputError& e) {
    send_html(res, 400, page("Applicants", applicants_body({}, query, said(e)), &s));
  }
}

void new_applicant(const StaffRequest& r, httplib::Response& res) {
  send_html(res, 200,
            page("Add an applicant", new_applicant_body(r.session, Form{}, {}, ""), &r.session));
}

void add_applicant(const StaffRequest& r, httplib::Response& res, app::Applicants& applicants) {
  try {
    const auto a = applicants.add(applicant_fields(r.form), r.today);
    res.set_redirect("/staff/applicant?id=" + std::to_string(a.id.value) + "&saved=1", 303);
  } catch (const core::InputError& e) {
    send_html(res, 400,
              page("Add an applicant",
                   new_applicant_body(r.session, r.form, field_errors(e),
                                      "Nothing was saved: " + said(e)),
                   &r.session));
  }
}

void applicant(const StaffRequest& r, httplib::Response& res, app::Applicants& applicants) {
  if (const auto id = applicant_id(r, res)) {
    show_applicant(res, r, applicants, *id, 200, std::nullopt, {},
                   r.http.get_param_value("saved") == "1" ? "Saved." : "", "");
  }
}

void update_applicant(const StaffRequest& r, httplib::Response& res, app::Applicants& applicants) {
  const auto id = applicant_id(r, res);
  if (!id) {
    return;
  }
  try {
    applicants.update(*id, applicant_fields(r.form), r.today);
    res.set_redirect("/staff/applicant?id=" + std::to_string(id->value) + "&saved=1", 303);
  } catch (const core::InputError& e) {
    show_applicant(res, r, applicants, *id, 400, r.form, field_errors(e), "",
                   "Nothing was saved: " + said(e));
  }
}

void deny_application(const StaffRequest& r, httplib::Response& res, app::Applicants& applicants,
                      app::Certification& certification) {
  const auto id = applicant_id(r, res);
  if (!id) {
    return;
  }
  try {
    certification.deny_application(tracker::ApplicationId{form_id(r.form, "application")}, r.today,
                                   r.form.value("reason"), r.today);
    show_applicant(res, r, applicants, *id, 200, std::nullopt, {}, "The application is denied.",
                   "");
  } catch (const core::InputError& e) {
    show_applicant(res, r, applicants, *id, 400, std::nullopt, {}, "",
                   "Nothing was saved: " + said(e));
  }
}

} // namespace peercert::web::routes

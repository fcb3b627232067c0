#include "web/routes/Credentials.hpp"

#include "app/CsvImport.hpp"
#include "app/Fields.hpp"
#include "renewal/Renewal.hpp"
#include "report/Certificate.hpp"
#include "report/ImportReport.hpp"
#include "web/Pages.hpp"
#include "web/Reply.hpp"

#include <httplib.h>

#include <sstream>

namespace peercert::web::routes {

namespace {

/// The services a credential page shows.
struct CredentialServices {
  app::Lifecycle& lifecycle;
  app::CeLog& ce_log;
  app::Credentials& credentials;
};

/// The credential page, or the search page with why not.
void show_credential(httplib::Response& res, const StaffRequest& r, const CredentialServices& s,
                     const std::string& number, int status, const std::string& notice,
                     const Form& entry, const std::string& error) {
  report::StatusView view;
  try {
    view = s.lifecycle.status(number, r.today);
  } catch (const core::InputError& e) {
    // Not a number on file: staff may have typed part of a name or an email.
    if (!number.empty()) {
      std::vector<tracker::Credential> matches;
      try {
        matches = s.credentials.search(number, 200);
      } catch (const core::InputError&) {
        // Nothing searchable in it either: say there is no such credential.
      }
      if (matches.size() == 1) {
        show_credential(res, r, s, matches.front().number, status, notice, entry, error);
        return;
      }
      if (matches.size() > 1) {
        send_html(res, 200,
                  page("Credentials", credential_matches_body(number, matches), &r.session));
        return;
      }
    }
    send_html(res, number.empty() ? 400 : 404,
              page("Credentials",
                   credential_search_body(number, number.empty() ? "Give a credential number."
                                                                 : std::string(e.what())),
                   &r.session));
    return;
  }
  const auto lines = s.ce_log.ce_lines(view.credential, true);
  const auto cycles = s.lifecycle.history(view.credential, r.today);
  send_html(res, status,
            page(view.credential.number,
                 credential_body(view, cycles, lines, r.session, notice, entry, error),
                 &r.session));
}

/// A correction from the credential page: `change` does it; the page shows again with `done`,
/// or with the sentence that refused it.
template <class Change>
void correct_credential(const StaffRequest& r, httplib::Response& res, const CredentialServices& s,
                        const std::string& done, Change change) {
  const std::string number = r.form.value("credential_number");
  try {
    change();
    show_credential(res, r, s, number, 200, done, Form{}, "");
  } catch (const core::InputError& e) {
    show_credential(res, r, s, number, 400, "", r.form, said(e));
  }
}

} // namespace

void certificate(const StaffRequest& r, httplib::Response& res, app::Certificates& certificates) {
  try {
    const auto view = certificates.of(r.http.get_param_value("number"), r.today);
    send_html(res, 200, report::certificate_html(view));
  } catch (const core::InputError& e) {
    send_html(res, 400, page("Certificate", error_body("No certificate", said(e)), &r.session));
  }
}

void credential(const StaffRequest& r, httplib::Response& res, app::Lifecycle& lifecycle,
                app::CeLog& ce_log, app::Credentials& credentials) {
  const std::string number = r.http.get_param_value("number");
  std::string notice;
  if (r.http.get_param_value("logged") == "1") {
    notice = "The entry is logged.";
  } else if (r.http.get_param_value("logged") == "0") {
    notice = "That entry was already on file; nothing was added.";
  }
  show_credential(res, r, {lifecycle, ce_log, credentials}, number, 200, notice, Form{}, "");
}

void log_ce(const StaffRequest& r, httplib::Response& res, app::Lifecycle& lifecycle,
            app::CeLog& ce_log, app::Credentials& credentials) {
  const auto& form = r.form;
  const app::CeText text{form.value("credential_number"),
                         form.value("completed_on"),
                         form.value("hours"),
                         form.value("category"),
                         form.value("delivery"),
                         form.value("provider"),
                         form.value("title")};
  try {
    const bool added = ce_log.log_ce(text, r.today);
    res.set_redirect("/staff/credential?number=" + url_encode(text.credential_number) +
                         "&logged=" + (added ? "1" : "0"),
                     303);
  } catch (const core::InputError& e) {
    show_credential(res, r, {lifecycle, ce_log, credentials}, text.credential_number, 400, "", form,
                    said(e));
  }
}

void void_ce(const StaffRequest& r, httplib::Response& res, app::Lifecycle& lifecycle,
             app::CeLog& ce_log, app::Credentials& credentials) {
  correct_credential(r, res, {lifecycle, ce_log, credentials},
                     "The entry is voided; it no longer counts.",
                     [&] { ce_log.void_ce(form_id(r.form, "entry"), r.form.value("reason")); });
}

void edit_ce(const StaffRequest& r, httplib::Response& res, app::Lifecycle& lifecycle,
             app::CeLog& ce_log, app::Credentials& credentials) {
  correct_credential(r, res, {lifecycle, ce_log, credentials}, "The entry is corrected.", [&] {
    const auto given = [&](const char* name) -> std::optional<std::string> {
      auto v = r.form.value(name);
      return v.empty() ? std::nullopt : std::optional(std::move(v));
    };
    ce_log.edit_ce(form_id(r.form, "edit_entry"),
                   {given("edit_completed_on"), given("edit_hours"), given("edit_category"),
                    given("edit_delivery"), given("edit_title")},
                   r.today);
  });
}

void update_holder(const StaffRequest& r, httplib::Response& res, app::Lifecycle& lifecycle,
                   app::CeLog& ce_log, app::Credentials& credentials) {
  correct_credential(r, res, {lifecycle, ce_log, credentials}, "The holder's details are saved.",
                     [&] {
                       credentials.update_holder(r.form.value("credential_number"),
                                                 {r.form.get("first_name"), r.form.get("last_name"),
                                                  r.form.get("email")});
                     });
}

void file_renewal(const StaffRequest& r, httplib::Response& res, app::Lifecycle& lifecycle,
                  app::CeLog& ce_log, app::Credentials& credentials) {
  correct_credential(r, res, {lifecycle, ce_log, credentials}, "The renewal is filed.", [&] {
    const auto paid = core::Money::parse(r.form.value("fee_paid"));
    if (!paid) {
      throw core::InputError::about("fee_paid", "must be an amount of dollars with at most two "
                                                "decimals, such as 70.00.");
    }
    const auto on = app::optional_date(r.form.value("renewed_on"), "renewed_on").value_or(r.today);
    std::optional<int> years;
    if (const auto chosen = r.form.value("years"); !chosen.empty()) {
      if (chosen.size() != 1 || chosen[0] < '1' || chosen[0] > '9') {
        throw core::InputError::about("years", "must be a number of years, such as 2.");
      }
      years = chosen[0] - '0';
    }
    lifecycle.file({r.form.value("credential_number"), on, *paid, r.form.value("extend") == "1",
                    std::nullopt, std::nullopt, years},
                   r.today);
  });
}

void change_status(const StaffRequest& r, httplib::Response& res, app::Lifecycle& lifecycle,
                   app::CeLog& ce_log, app::Credentials& credentials) {
  correct_credential(r, res, {lifecycle, ce_log, credentials}, "The status is changed.", [&] {
    const auto state = renewal::state_from_name(r.form.value("status"));
    if (!state) {
      throw core::InputError::about("status", "must be inactive, suspended, revoked or active.");
    }
    const auto on = app::optional_date(r.form.value("changed_on"), "changed_on").value_or(r.today);
    lifecycle.set_status(r.form.value("credential_number"), *state, on,
                         r.form.value("status_reason"), r.today);
  });
}

void import_form(const StaffRequest& r, httplib::Response& res) {
  send_html(res, 200, page("Import a CE roster", import_body(r.session, "", {}), &r.session));
}

void import_ce(const StaffRequest& r, httplib::Response& res, app::CeLog& ce_log) {
  const auto& req = r.http;
  const auto& s = r.session;
  if (!req.is_multipart_form_data()) {
    send_html(res, 400,
              page("Import a CE roster",
                   import_body(s, "", {"Send the roster with the form below."}), &s));
    return;
  }
  if (!req.has_file("roster") || req.get_file_value("roster").content.empty()) {
    send_html(res, 400,
              page("Import a CE roster", import_body(s, "", {"Choose a roster file."}), &s));
    return;
  }
  const auto file = req.get_file_value("roster");
  const std::string name = file.filename.empty() ? "the roster" : file.filename;
  std::istringstream csv(file.content);
  try {
    const auto out = ce_log.import_ce(csv, name, r.today, {});
    send_html(res, 200,
              page("Import a CE roster",
                   import_body(s,
                               "Imported " + std::to_string(out.added) + " of " +
                                   std::to_string(out.rows) + " rows from " + name + "; " +
                                   std::to_string(out.unchanged) + " already on file.",
                               {}),
                   &s));
  } catch (const app::ImportError& e) {
    std::vector<std::string> problems;
    for (const auto& p : e.problems()) {
      problems.push_back("line " + std::to_string(p.line) + ": " + p.reason);
    }
    send_html(res, 400, page("Import a CE roster", import_body(s, "", problems), &s));
  } catch (const core::InputError& e) {
    const std::vector<std::string> problems{said(e)};
    send_html(res, 400, page("Import a CE roster", import_body(s, "", problems), &s));
  }
}

void holders_import_form(const StaffRequest& r, httplib::Response& res) {
  send_html(res, 200,
            page("Import credential holders", holders_import_body(r.session, {}), &r.session));
}

void import_holders(const StaffRequest& r, httplib::Response& res, app::Credentials& credentials) {
  const auto& req = r.http;
  const auto& s = r.session;
  const auto part = [&](const char* name) {
    return req.has_file(name) ? req.get_file_value(name).content : std::string{};
  };
  HolderImportForm form;
  const auto answer = [&](int status) {
    send_html(res, status, page("Import credential holders", holders_import_body(s, form), &s));
  };
  if (!req.is_multipart_form_data()) {
    form.problems = {"Send the holders file with the form below."};
    answer(400);
    return;
  }
  form.map = part("map");
  if (!part("date_format").empty()) {
    form.date_format = part("date_format");
  }
  form.dry_run = part("dry_run") == "yes";
  if (!req.has_file("holders") || req.get_file_value("holders").content.empty()) {
    form.problems = {"Choose a holders file."};
    answer(400);
    return;
  }
  const auto file = req.get_file_value("holders");
  const std::string name = file.filename.empty() ? "the holders file" : file.filename;
  try {
    app::ImportOptions options;
    options.dry_run = form.dry_run;
    options.dialect = app::read_dialect(form.map, false, "Column mapping", form.date_format,
                                        "\"Dates in the file\"");
    std::istringstream csv(file.content);
    const auto out = credentials.import_credentials(csv, name, r.today, options);
    form.result = report::import_summary(out, r.today, form.dry_run);
    if (form.dry_run) {
      form.result.emplace_back("Nothing was written: this was a check only.");
    }
    form.warning = report::without_expiry_warning(out);
    answer(200);
  } catch (const app::ImportError& e) {
    for (const auto& p : e.problems()) {
      form.problems.push_back("line " + std::to_string(p.line) + ": " + p.reason);
    }
    answer(400);
  } catch (const core::InputError& e) {
    form.problems = {said(e)};
    answer(400);
  }
}

} // namespace peercert::web::routes

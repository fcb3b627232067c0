#include "cli/Commands.hpp"

#include "app/Certificates.hpp"
#include "app/Credentials.hpp"

#include "app/Fields.hpp"
#include "app/Lifecycle.hpp"
#include "cli/Import.hpp"
#include "core/Error.hpp"
#include "report/RenewalReport.hpp"
#include "report/Text.hpp"
#include "report/TrackerReport.hpp"

#include <fstream>
#include <iostream>
#include <map>
#include <memory>

namespace peercert::cli {

namespace {
struct CredentialOptions {
  std::string number;
  std::string text;
  std::size_t limit = 100;
  std::string first_name;
  std::string last_name;
  std::string email;
  std::string program;
  std::string file;
  std::string format;
  std::string status;
  std::string on;
  std::string reason;
  std::string fee_paid;
  std::string encoding;
  std::string specialty;
  bool remove = false;
  ImportFlags import;
};
void print_credentials(const std::vector<tracker::Credential>& list, const std::string& format) {
  if (format == "json") {
    report::Json j = report::Json::array();
    for (const auto& c : list) {
      j.push_back(report::credential_json(c));
    }
    std::cout << j.dump(2) << '\n';
  } else {
    std::cout << report::credentials_table(list);
  }
}

int run_credential_show(const CredentialOptions& opts, app::Lifecycle& lifecycle,
                        core::Date today) {
  const auto file = lifecycle.credential_file(opts.number, today);
  std::cout << (opts.format == "json" ? report::credential_file_json(file).dump(2) + "\n"
                                      : report::credential_file_text(file));
  return 0;
}

int run_credential_set_status(const CredentialOptions& opts, app::Lifecycle& lifecycle,
                              core::Date today) {
  const auto state = renewal::state_from_name(opts.status);
  if (!state) {
    throw core::InputError("--status must be inactive, suspended, revoked or active.");
  }
  const auto on = app::optional_date(opts.on, "--on").value_or(today);
  const auto view = lifecycle.set_status(opts.number, *state, on, opts.reason, today);
  if (opts.format == "json") {
    std::cout << report::status_json(view).dump(2) << '\n';
  } else {
    std::cout << opts.number << " is " << opts.status << " from " << core::format_iso(on) << ".\n";
  }
  return 0;
}

int run_credential_endorse(const CredentialOptions& opts, app::Lifecycle& lifecycle,
                           core::Date today) {
  const auto on = app::optional_date(opts.on, "--on").value_or(today);
  if (!opts.remove && !opts.reason.empty()) {
    throw core::InputError("--reason is given only with --remove: an endorsement needs none.",
                           "reason");
  }
  const auto view =
      opts.remove ? lifecycle.end_specialty(opts.number, opts.specialty, on, opts.reason, today)
                  : lifecycle.endorse(opts.number, opts.specialty, on, today);
  if (opts.format == "json") {
    std::cout << report::status_json(view).dump(2) << '\n';
    return 0;
  }
  const auto* specialty =
      view.program != nullptr ? view.program->specialty(opts.specialty) : nullptr;
  const std::string name =
      specialty != nullptr ? specialty->name + " (" + specialty->id + ")" : opts.specialty;
  std::cout << opts.number << (opts.remove ? " no longer holds " : " holds ") << name << " from "
            << core::format_iso(on) << ".\n";
  return 0;
}

int run_credential_reinstate(const CredentialOptions& opts, app::Lifecycle& lifecycle,
                             core::Date today) {
  const auto paid = core::Money::parse(opts.fee_paid);
  if (!paid) {
    throw core::InputError("--fee-paid must be an amount of dollars with at most two "
                           "decimals, such as 105.00.");
  }
  const auto on = app::optional_date(opts.on, "--on").value_or(today);
  const auto out = lifecycle.reinstate(opts.number, on, *paid, today);
  if (opts.format == "json") {
    std::cout << report::status_json(out.now).dump(2) << '\n';
  } else {
    std::cout << "Reinstated " << opts.number << " on " << core::format_iso(on) << " (fee "
              << out.fee_due.to_string() << ", paid " << paid->to_string() << "): cycle "
              << out.now.status.period.number << " runs from "
              << core::format_iso(out.now.status.period.cycle.start) << " to "
              << core::format_iso(out.now.status.period.cycle.expires_on) << ".\n";
  }
  return 0;
}

int run_credential_search(const CredentialOptions& opts, app::Credentials& credentials) {
  const auto list = credentials.search(opts.text, opts.limit);
  if (list.empty() && opts.format != "json") {
    std::cout << "No credential matches.\n";
  } else {
    print_credentials(list, opts.format);
  }
  return 0;
}

int run_credential_renumber(const CredentialOptions& opts, app::Credentials& credentials) {
  const auto c = credentials.renumber(opts.number, opts.text);
  if (opts.format == "json") {
    std::cout << report::credential_json(c).dump(2) << '\n';
  } else {
    std::cout << "Renumbered " << opts.number << " to " << c.number << " (" << c.first_name << " "
              << c.last_name << ").\n";
  }
  return 0;
}

int run_credential_certificate(const CredentialOptions& opts, const app::Certificates& certificates,
                               core::Date today) {
  const auto view = certificates.of(opts.number, today);
  std::cout << (opts.format == "svg" ? report::certificate_svg(view)
                                     : report::certificate_html(view));
  return 0;
}

/// The register: each credential with where it stands on `today` (its status and last valid
/// day), "-" for one whose program's rule file is gone.
int run_credential_list(const CredentialOptions& opts, app::Credentials& credentials,
                        app::Lifecycle& lifecycle, core::Date today) {
  const auto list = credentials.credentials(opts.program);
  std::map<std::int64_t, report::StatusView> standing;
  for (auto& v : lifecycle.reminders(today, {std::nullopt, {}, opts.program, true})) {
    const auto id = v.credential.id.value;
    standing.emplace(id, std::move(v));
  }
  const auto found = [&](const tracker::Credential& c) -> const report::StatusView* {
    const auto it = standing.find(c.id.value);
    return it == standing.end() ? nullptr : &it->second;
  };
  if (opts.format == "json") {
    report::Json j = report::Json::array();
    for (const auto& c : list) {
      auto row = report::credential_json(c);
      const auto* v = found(c);
      row["status"] = v != nullptr ? report::Json(std::string(renewal::to_string(v->status.status)))
                                   : report::Json(nullptr);
      row["expires_on"] = v != nullptr
                              ? report::Json(core::format_iso(v->status.current.cycle.expires_on))
                              : report::Json(nullptr);
      j.push_back(std::move(row));
    }
    std::cout << j.dump(2) << '\n';
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  rows.reserve(list.size());
  for (const auto& c : list) {
    const auto* v = found(c);
    rows.push_back({c.number, c.program,
                    v != nullptr ? report::status_words(v->status.status) : "-",
                    v != nullptr ? core::format_iso(v->status.current.cycle.expires_on) : "-",
                    core::format_iso(c.issued_on), c.first_name + " " + c.last_name,
                    c.email.empty() ? "-" : c.email});
  }
  std::cout << report::render_table(
      {"CREDENTIAL", "PROGRAM", "STATUS", "EXPIRES", "ISSUED", "HOLDER", "EMAIL"}, rows);
  return 0;
}

int run_credential_import(const ImportFlags& flags, app::Credentials& credentials,
                          core::Date today) {
  std::ofstream rejects;
  const auto options = import_options(flags, rejects);
  app::ImportOutcome out;
  read_input(flags.file, flags.encoding, [&](std::istream& in, const std::string& name) {
    out = credentials.import_credentials(in, name, today, options);
  });
  say_rejected(flags, out.rejected);
  if (const auto warning = report::without_expiry_warning(out); !warning.empty()) {
    std::cerr << "peercert: warning: " << warning << '\n';
  }
  if (flags.format == "json") {
    auto json = report::import_json(out, flags.dry_run);
    json["rejects"] = flags.rejects.empty() || out.rejected == 0 ? report::Json(nullptr)
                                                                 : report::Json(flags.rejects);
    std::cout << json.dump(2) << '\n';
    return 0;
  }
  for (const auto& line : report::import_summary(out, today, flags.dry_run)) {
    std::cout << line << '\n';
  }
  if (flags.dry_run) {
    std::cout << "Nothing was written (--dry-run).\n";
  }
  return 0;
}

int run_credential_update(const CredentialOptions& opts, const app::HolderFields& fields,
                          app::Credentials& credentials) {
  const auto c = credentials.update_holder(opts.number, fields);
  if (opts.format == "json") {
    std::cout << report::credential_json(c).dump(2) << '\n';
  } else {
    std::cout << "Updated " << c.number << ": " << c.first_name << " " << c.last_name
              << (c.email.empty() ? "" : ", " + c.email) << ".\n";
  }
  return 0;
}

} // namespace

void setup_credential(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto* cmd =
      app.add_subcommand("credential", "Look up, import and change the status of credentials")
          ->require_subcommand(1);
  {
    auto o = std::make_shared<CredentialOptions>();
    auto* sub = cmd->add_subcommand(
        "show", "Show a credential: its holder, where it stands --as-of, its certificate "
                "periods and status changes");
    sub->add_option("number", o->number, "Credential number, such as MO-CPS-000123")->required();
    add_format(sub, o->format, {"text", "json"});
    on_run(sub, o, global, action, [](const CredentialOptions& opts, const GlobalOptions& g) {
      Opened s(g, Access::read);
      return run_credential_show(opts, s.services.lifecycle, as_of(g));
    });
  }
  {
    auto o = std::make_shared<CredentialOptions>();
    auto* sub = cmd->add_subcommand(
        "set-status", "Set a credential inactive, suspended or revoked, or active again, with "
                      "the reason; revoked is final");
    sub->add_option("number", o->number, "Credential number")->required();
    sub->add_option("--status", o->status, "inactive, suspended, revoked or active")->required();
    sub->add_option("--on", o->on, "Day it takes effect (default: --as-of)");
    sub->add_option("--reason", o->reason, "Why, for the audit log and the holder's record")
        ->required();
    add_format(sub, o->format, {"text", "json"});
    on_run(sub, o, global, action, [](const CredentialOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_credential_set_status(opts, s.services.lifecycle, as_of(g));
    });
  }
  {
    auto o = std::make_shared<CredentialOptions>();
    auto* sub = cmd->add_subcommand(
        "endorse", "Record a specialty held on top of a credential (NY CRPA-Family, NC's "
                   "veteran designation), or with --remove end one");
    sub->add_option("number", o->number, "Credential number")->required();
    sub->add_option("--specialty", o->specialty,
                    "The specialty's id in the rule file, such as "
                    "family")
        ->required();
    sub->add_option("--on", o->on, "Day it takes effect (default: --as-of)");
    auto* remove = sub->add_flag("--remove", o->remove, "End the specialty instead");
    sub->add_option("--reason", o->reason, "Why it ends, for the audit log (with --remove)")
        ->needs(remove);
    sub->footer("A specialty is endorsed only on an active, due-soon or initial credential. Its "
                "CE\nrequirements apply from the first cycle that starts on or after it; "
                "a renewal\nfiled while they are short renews the credential and ends the "
                "specialty.");
    add_format(sub, o->format, {"text", "json"});
    on_run(sub, o, global, action, [](const CredentialOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_credential_endorse(opts, s.services.lifecycle, as_of(g));
    });
  }
  {
    auto o = std::make_shared<CredentialOptions>();
    auto* sub = cmd->add_subcommand(
        "reinstate", "Reactivate an inactive credential where the program defines it (Georgia: "
                     "$105, within 2 years)");
    sub->add_option("number", o->number, "Credential number")->required();
    sub->add_option("--on", o->on, "Day of the reinstatement (default: --as-of)");
    sub->add_option("--fee-paid", o->fee_paid, "Amount paid, such as 105.00")->required();
    add_format(sub, o->format, {"text", "json"});
    on_run(sub, o, global, action, [](const CredentialOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_credential_reinstate(opts, s.services.lifecycle, as_of(g));
    });
  }
  {
    auto o = std::make_shared<CredentialOptions>();
    auto* sub = cmd->add_subcommand(
        "search", "Find holders by any part of their name, email or number, ignoring case and "
                  "accents (\"nunez\" finds Núñez)");
    sub->add_option("text", o->text, "Words every match contains, such as \"jose nun\"")
        ->required();
    whole_number(sub->add_option("--limit", o->limit, "At most this many (default 100)"), 1,
                 10'000);
    add_format(sub, o->format, {"table", "json"});
    on_run(sub, o, global, action, [](const CredentialOptions& opts, const GlobalOptions& g) {
      Opened s(g, Access::read);
      return run_credential_search(opts, s.services.credentials);
    });
  }
  {
    auto o = std::make_shared<CredentialOptions>();
    auto* sub = cmd->add_subcommand("update", "Change a holder's names or email; the rest stay");
    sub->add_option("number", o->number, "Credential number")->required();
    auto* first = sub->add_option("--first-name", o->first_name, "First name");
    auto* last = sub->add_option("--last-name", o->last_name, "Last name");
    auto* email = sub->add_option("--email", o->email, "Email (\"\" clears it)");
    add_format(sub, o->format, {"text", "json"});
    on_run(sub, o, global, action,
           [first, last, email](const CredentialOptions& opts, const GlobalOptions& g) {
             app::HolderFields fields;
             if (first->count() > 0) {
               fields.first_name = opts.first_name;
             }
             if (last->count() > 0) {
               fields.last_name = opts.last_name;
             }
             if (email->count() > 0) {
               fields.email = opts.email;
             }
             Opened s(g);
             return run_credential_update(opts, fields, s.services.credentials);
           });
  }
  {
    auto o = std::make_shared<CredentialOptions>();
    auto* sub = cmd->add_subcommand(
        "renumber", "Give a credential another number, such as one of two numbers that differ "
                    "only in case (peercert db check lists them)");
    sub->add_option("OLD", o->number,
                    "The number on file, exactly as stored where two differ only in case")
        ->required();
    sub->add_option("NEW", o->text,
                    "The new number: letters and digits with one - _ or . between them")
        ->required();
    add_format(sub, o->format, {"text", "json"});
    sub->footer("Numbers are stored upper-case. The audit log's entries about the old number "
                "stay as written and are found under the new one too.");
    on_run(sub, o, global, action, [](const CredentialOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_credential_renumber(opts, s.services.credentials);
    });
  }
  {
    auto o = std::make_shared<CredentialOptions>();
    auto* sub = cmd->add_subcommand(
        "certificate", "A printable certificate and wallet card, with a QR code that opens the "
                       "board's public verification");
    sub->add_option("number", o->number, "Credential number")->required();
    add_format(sub, o->format, {"html", "svg"});
    sub->footer("html: one page with the certificate and, on a page of its own, the wallet "
                "card,\nready to print or save as a PDF (A4 or US Letter, landscape); svg: the "
                "certificate\nalone. The QR code opens public_url + /verify?number=…: set it "
                "first with\n`peercert settings set public_url https://…`. Only a credential in "
                "force (active or\ninitial) gets a certificate.");
    on_run(sub, o, global, action, [](const CredentialOptions& opts, const GlobalOptions& g) {
      Opened s(g, Access::read);
      return run_credential_certificate(opts, s.services.certificates, as_of(g));
    });
  }
  {
    auto o = std::make_shared<CredentialOptions>();
    auto* sub = cmd->add_subcommand(
        "list", "List credentials with where each stands --as-of: status and last valid day");
    program_id(sub->add_option("--program", o->program, "Only this program's"));
    add_format(sub, o->format, {"table", "json"});
    on_run(sub, o, global, action, [](const CredentialOptions& opts, const GlobalOptions& g) {
      Opened s(g, Access::read, opts.program);
      return run_credential_list(opts, s.services.credentials, s.services.lifecycle, as_of(g));
    });
  }
  {
    auto o = std::make_shared<CredentialOptions>();
    auto* sub = cmd->add_subcommand(
        "import", "Bring in existing credential holders from a CSV: all rows or none (unless "
                  "--skip-invalid); rows already on file are left alone");
    add_import_flags(sub, o->import,
                     "CSV: credential_number,program,issued_on,first_name,last_name,email and "
                     "any of expires_on,status,date_of_birth,cycle_years");
    sub->footer(
        "Columns may come in any order, with another sheet's headers given by --map.\n"
        "expires_on: the last valid day of the certificate the holder has now (its cycle\n"
        "must be able to end on it; without it, the first cycle runs from issued_on);\n"
        "status: active (default), initial, inactive, suspended or revoked; date_of_birth:\n"
        "needed where certificates end on the holder's birthday (WA-CPSS); cycle_years:\n"
        "1, 2 or 3 where the holder chose the length (NY-CPS). The summary names the\n"
        "holders imported as already expired, in a late window or due soon.");
    on_run(sub, o, global, action, [](const CredentialOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_credential_import(opts.import, s.services.credentials, as_of(g));
    });
  }
}

} // namespace peercert::cli

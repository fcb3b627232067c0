#include "cli/Commands.hpp"

#include "report/TrackerReport.hpp"

#include <algorithm>
#include <iostream>
#include <memory>

namespace peercert::cli {

namespace {

struct Field {
  const char* flag;
  std::optional<std::string> app::ApplicantFields::*member;
  const char* help;
};

constexpr std::array<Field, 7> fields{{
    {"--first-name", &app::ApplicantFields::first_name, "First name"},
    {"--last-name", &app::ApplicantFields::last_name, "Last name"},
    {"--email", &app::ApplicantFields::email, "Email address"},
    {"--phone", &app::ApplicantFields::phone, "Telephone number"},
    {"--registry-check-on", &app::ApplicantFields::registry_check_on,
     "Date the registry check reached its status"},
    {"--employer", &app::ApplicantFields::employer, "Employer, if hired"},
    {"--hired-on", &app::ApplicantFields::hired_on, "Hire date, YYYY-MM-DD"},
}};

/// "--recovery-since" for recovery_since.
std::string fact_flag(const rules::FactInfo& f) {
  std::string flag = "--" + std::string(f.name);
  std::replace(flag.begin(), flag.end(), '_', '-');
  return flag;
}

std::string fact_help(const rules::FactInfo& f) {
  std::string help(f.label);
  switch (f.kind) {
  case rules::FactKind::date:
    return help + ", YYYY-MM-DD";
  case rules::FactKind::education:
    return help + ": none, high_school_diploma, ged, associate, bachelor, master or doctorate";
  case rules::FactKind::yes_no:
    return help + ": yes or no";
  case rules::FactKind::check:
    return help + ": passed, failed, pending or not_started";
  case rules::FactKind::hours:
    return help + ", at most two decimals";
  case rules::FactKind::count:
    return help + ", a whole number";
  }
  return help;
}

struct ApplicantOptions {
  std::int64_t id = 0;
  bool allow_duplicate = false;
  std::string text;
  std::size_t limit = 100;
  std::string format;
  std::array<std::string, fields.size()> values;
  std::array<CLI::Option*, fields.size()> options{};
  std::array<std::string, rules::fact_count> fact_values;
  std::array<CLI::Option*, rules::fact_count> fact_options{};

  app::ApplicantFields to_fields() const {
    app::ApplicantFields out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (options.at(i)->count() > 0) {
        out.*(fields.at(i).member) = values.at(i);
      }
    }
    for (const auto& f : rules::all_facts()) {
      const auto i = static_cast<std::size_t>(f.id);
      if (fact_options.at(i)->count() > 0) {
        out.facts[f.id] = fact_values.at(i);
      }
    }
    return out;
  }
};

void add_field_options(CLI::App* sub, ApplicantOptions& o) {
  for (std::size_t i = 0; i < 4; ++i) {
    o.options.at(i) = sub->add_option(fields.at(i).flag, o.values.at(i), fields.at(i).help);
  }
  for (const auto& f : rules::all_facts()) {
    const auto i = static_cast<std::size_t>(f.id);
    o.fact_options.at(i) = sub->add_option(fact_flag(f), o.fact_values.at(i), fact_help(f));
  }
  for (std::size_t i = 4; i < fields.size(); ++i) {
    o.options.at(i) = sub->add_option(fields.at(i).flag, o.values.at(i), fields.at(i).help);
  }
}

void print_saved(const tracker::Applicant& a, const std::string& format, const char* verb) {
  if (format == "json") {
    std::cout << report::applicant_json(a).dump(2) << '\n';
  } else {
    std::cout << verb << " applicant " << a.id.value << ": " << a.full_name() << ".\n";
  }
}

int run_applicant_add(const ApplicantOptions& opts, app::Applicants& applicants, core::Date today) {
  print_saved(applicants.add(opts.to_fields(), today, opts.allow_duplicate), opts.format, "Added");
  return 0;
}

int run_applicant_update(const ApplicantOptions& opts, app::Applicants& applicants,
                         core::Date today) {
  print_saved(applicants.update(tracker::ApplicantId{opts.id}, opts.to_fields(), today),
              opts.format, "Updated");
  return 0;
}

int run_applicant_show(const ApplicantOptions& opts, app::Applicants& applicants,
                       core::Date today) {
  const auto file = applicants.applicant_file(tracker::ApplicantId{opts.id}, today);
  if (opts.format == "json") {
    std::cout << report::applicant_file_json(file).dump(2) << '\n';
  } else {
    std::cout << report::applicant_file_text(file);
  }
  return 0;
}

int run_applicant_list(const ApplicantOptions& opts, app::Applicants& applicants,
                       core::Date today) {
  const auto rows = applicants.applicant_rows(today);
  if (opts.format == "json") {
    std::cout << report::applicants_json(rows).dump(2) << '\n';
  } else {
    std::cout << report::applicants_table(rows);
  }
  return 0;
}

int run_applicant_search(const ApplicantOptions& opts, app::Applicants& applicants) {
  const auto found = applicants.search(opts.text, opts.limit);
  if (found.empty() && opts.format != "json") {
    std::cout << "No applicant matches.\n";
  } else if (opts.format == "json") {
    report::Json list = report::Json::array();
    for (const auto& a : found) {
      list.push_back(report::applicant_json(a));
    }
    std::cout << list.dump(2) << '\n';
  } else {
    std::cout << report::applicant_matches_table(found);
  }
  return 0;
}

int run_applicant_export(const ApplicantOptions& opts, app::Privacy& privacy, core::Date today) {
  std::cout << privacy.export_applicant(tracker::ApplicantId{opts.id}, today).dump(2) << '\n';
  return 0;
}

struct EraseOptions {
  std::int64_t id = 0;
  bool yes = false;
  std::string format;
};

int run_applicant_erase(const EraseOptions& opts, app::Privacy& privacy) {
  const auto erased = privacy.erase_applicant(tracker::ApplicantId{opts.id});
  if (opts.format == "json") {
    report::Json out = report::applicant_json(erased.applicant);
    out["audit_values_erased"] = erased.audit_values;
    std::cout << out.dump(2) << '\n';
  } else {
    std::cout << "Erased the personal data of applicant " << opts.id << " and the values of "
              << erased.audit_values << " audit row" << (erased.audit_values == 1 ? "" : "s")
              << " about them.\n";
  }
  return 0;
}

} // namespace

void setup_applicant(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto* cmd =
      app.add_subcommand("applicant", "Add, change and look up applicants")->require_subcommand(1);
  cmd->footer("A field set to \"\" is cleared. Errors name the field, never its value.");

  {
    auto o = std::make_shared<ApplicantOptions>();
    auto* sub = cmd->add_subcommand("add", "Add an applicant; first and last name are required");
    add_field_options(sub, *o);
    sub->add_flag("--allow-duplicate", o->allow_duplicate,
                  "Add even when someone on file has the same name and date of birth, or the "
                  "same email");
    add_format(sub, o->format, {"text", "json"});
    on_run(sub, o, global, action, [](const ApplicantOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_applicant_add(opts, s.services.applicants, as_of(g));
    });
  }
  {
    auto o = std::make_shared<ApplicantOptions>();
    auto* sub = cmd->add_subcommand("update", "Change an applicant's details; others stay");
    sub->add_option("id", o->id, "Applicant id")->required();
    add_field_options(sub, *o);
    add_format(sub, o->format, {"text", "json"});
    on_run(sub, o, global, action, [](const ApplicantOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_applicant_update(opts, s.services.applicants, as_of(g));
    });
  }
  {
    auto o = std::make_shared<ApplicantOptions>();
    auto* sub = cmd->add_subcommand(
        "show", "Show an applicant: details, eligibility for each program --as-of, progress");
    sub->add_option("id", o->id, "Applicant id")->required();
    add_format(sub, o->format, {"text", "json"});
    on_run(sub, o, global, action, [](const ApplicantOptions& opts, const GlobalOptions& g) {
      Opened s(g, Access::read);
      return run_applicant_show(opts, s.services.applicants, as_of(g));
    });
  }
  {
    auto o = std::make_shared<ApplicantOptions>();
    auto* sub = cmd->add_subcommand("list", "List applicants with their eligibility --as-of");
    add_format(sub, o->format, {"table", "json"});
    on_run(sub, o, global, action, [](const ApplicantOptions& opts, const GlobalOptions& g) {
      Opened s(g, Access::read);
      return run_applicant_list(opts, s.services.applicants, as_of(g));
    });
  }
  {
    auto o = std::make_shared<ApplicantOptions>();
    auto* sub = cmd->add_subcommand(
        "search", "Find applicants by any part of their name or email, ignoring case and accents");
    sub->add_option("text", o->text, "Words every match contains, such as \"jose nun\"")
        ->required();
    whole_number(sub->add_option("--limit", o->limit, "At most this many (default 100)"), 1,
                 10'000);
    add_format(sub, o->format, {"table", "json"});
    on_run(sub, o, global, action, [](const ApplicantOptions& opts, const GlobalOptions& g) {
      Opened s(g, Access::read);
      return run_applicant_search(opts, s.services.applicants);
    });
  }
  {
    auto o = std::make_shared<ApplicantOptions>();
    auto* sub = cmd->add_subcommand(
        "export", "Everything held about one applicant, as JSON: details, facts, training, exams, "
                  "applications, credentials and the audit rows about them");
    sub->add_option("id", o->id, "Applicant id")->required();
    sub->footer("For a person's request to see their data. The export is audited.");
    on_run(sub, o, global, action, [](const ApplicantOptions& opts, const GlobalOptions& g) {
      Opened s(g, Access::read);
      return run_applicant_export(opts, s.services.privacy, as_of(g));
    });
  }
  {
    auto o = std::make_shared<EraseOptions>();
    auto* sub = cmd->add_subcommand(
        "erase", "Erase an applicant's personal data, keeping an anonymised audit trail");
    sub->add_option("id", o->id, "Applicant id")->required();
    sub->add_flag("--yes", o->yes, "Confirm: erasure cannot be undone");
    add_format(sub, o->format, {"text", "json"});
    sub->footer("Removes names, contact details, facts, check results, employer, staff's "
                "admission reasons and the values the audit log recorded about them; the "
                "records stay, nameless. Refused while they hold a credential. Backups made "
                "before keep what they held.");
    on_run(sub, o, global, action, [](const EraseOptions& opts, const GlobalOptions& g) {
      if (!opts.yes) {
        throw core::UsageError("Erasing applicant " + std::to_string(opts.id) +
                               "'s personal data cannot be undone: add --yes to go ahead.");
      }
      Opened s(g);
      return run_applicant_erase(opts, s.services.privacy);
    });
  }
}

} // namespace peercert::cli

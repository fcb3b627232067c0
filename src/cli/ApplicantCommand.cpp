#include "cli/Commands.hpp"

#include "report/TrackerReport.hpp"

#include <iostream>
#include <memory>

namespace peercert::cli {

namespace {

struct Field {
  const char* flag;
  std::optional<std::string> app::ApplicantFields::*member;
  const char* help;
};

constexpr std::array<Field, 15> fields{{
    {"--first-name", &app::ApplicantFields::first_name, "First name"},
    {"--last-name", &app::ApplicantFields::last_name, "Last name"},
    {"--email", &app::ApplicantFields::email, "Email address"},
    {"--phone", &app::ApplicantFields::phone, "Telephone number"},
    {"--date-of-birth", &app::ApplicantFields::date_of_birth, "Date of birth, YYYY-MM-DD"},
    {"--education", &app::ApplicantFields::education,
     "none, high_school_diploma, ged, associate, bachelor, master or doctorate"},
    {"--lived-experience", &app::ApplicantFields::lived_experience,
     "yes or no: lived experience of recovery"},
    {"--willing-to-share-story", &app::ApplicantFields::willing_to_share_story,
     "yes or no: willing to share their recovery story"},
    {"--self-directed-recovery", &app::ApplicantFields::self_directed_recovery,
     "yes or no: can show current self-directed recovery"},
    {"--background-check", &app::ApplicantFields::background_check,
     "Criminal history check: passed, failed, pending or not_started"},
    {"--background-check-on", &app::ApplicantFields::background_check_on,
     "Date the criminal history check reached that status"},
    {"--registry-check", &app::ApplicantFields::registry_check,
     "Registry check: passed, failed, pending or not_started"},
    {"--registry-check-on", &app::ApplicantFields::registry_check_on,
     "Date the registry check reached that status"},
    {"--employer", &app::ApplicantFields::employer, "Employer, if hired"},
    {"--hired-on", &app::ApplicantFields::hired_on, "Hire date, YYYY-MM-DD"},
}};

struct ApplicantOptions {
  std::int64_t id = 0;
  std::string format;
  std::array<std::string, fields.size()> values;
  std::array<CLI::Option*, fields.size()> options{};

  app::ApplicantFields to_fields() const {
    app::ApplicantFields out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (options.at(i)->count() > 0) {
        out.*(fields.at(i).member) = values.at(i);
      }
    }
    return out;
  }
};

void add_field_options(CLI::App* sub, ApplicantOptions& o) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
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

} // namespace

void setup_applicant(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto* cmd =
      app.add_subcommand("applicant", "Add, change and look up applicants")->require_subcommand(1);
  cmd->footer("A field set to \"\" is cleared. Errors name the field, never its value.");

  {
    auto o = std::make_shared<ApplicantOptions>();
    auto* sub = cmd->add_subcommand("add", "Add an applicant; first and last name are required");
    add_field_options(sub, *o);
    add_format(sub, o->format, {"text", "json"});
    on_run(sub, o, global, action, [](const ApplicantOptions& opts, const GlobalOptions& g) {
      Session s(g);
      print_saved(s.tracker.add_applicant(opts.to_fields(), as_of(g)), opts.format, "Added");
      return 0;
    });
  }
  {
    auto o = std::make_shared<ApplicantOptions>();
    auto* sub = cmd->add_subcommand("update", "Change an applicant's details; others stay");
    sub->add_option("id", o->id, "Applicant id")->required();
    add_field_options(sub, *o);
    add_format(sub, o->format, {"text", "json"});
    on_run(sub, o, global, action, [](const ApplicantOptions& opts, const GlobalOptions& g) {
      Session s(g);
      print_saved(
          s.tracker.update_applicant(tracker::ApplicantId{opts.id}, opts.to_fields(), as_of(g)),
          opts.format, "Updated");
      return 0;
    });
  }
  {
    auto o = std::make_shared<ApplicantOptions>();
    auto* sub = cmd->add_subcommand(
        "show", "Show an applicant: details, eligibility for each program --as-of, progress");
    sub->add_option("id", o->id, "Applicant id")->required();
    add_format(sub, o->format, {"text", "json"});
    on_run(sub, o, global, action, [](const ApplicantOptions& opts, const GlobalOptions& g) {
      Session s(g);
      const auto file = s.tracker.applicant_file(tracker::ApplicantId{opts.id}, as_of(g));
      if (opts.format == "json") {
        std::cout << report::applicant_file_json(file).dump(2) << '\n';
      } else {
        std::cout << report::applicant_file_text(file);
      }
      return 0;
    });
  }
  {
    auto o = std::make_shared<ApplicantOptions>();
    auto* sub = cmd->add_subcommand("list", "List applicants with their eligibility --as-of");
    add_format(sub, o->format, {"table", "json"});
    on_run(sub, o, global, action, [](const ApplicantOptions& opts, const GlobalOptions& g) {
      Session s(g);
      const auto rows = s.tracker.applicant_rows(as_of(g));
      if (opts.format == "json") {
        std::cout << report::applicants_json(rows).dump(2) << '\n';
      } else {
        std::cout << report::applicants_table(rows, s.programs.ids());
      }
      return 0;
    });
  }
}

} // namespace peercert::cli

#include "cli/Commands.hpp"

#include "app/Fields.hpp"

#include "core/Error.hpp"
#include "report/TrackerReport.hpp"

#include <iostream>
#include <memory>

namespace peercert::cli {

namespace {
struct ApplicationOptions {
  std::int64_t id = 0;
  std::int64_t applicant = 0;
  CLI::Option* applicant_option = nullptr;
  std::string program;
  std::string on;
  std::string fee_paid;
  std::string format;
  bool override_checks = false;
  std::string reason;
};

int run_application_submit(const ApplicationOptions& opts, app::Certification& certification,
                           core::Date today) {
  const auto paid = core::Money::parse(opts.fee_paid);
  if (!paid) {
    throw core::InputError("--fee-paid must be an amount of dollars with at most two "
                           "decimals, such as 75.00.");
  }
  const auto a = certification.submit_application(
      tracker::ApplicantId{opts.applicant}, opts.program,
      app::optional_date(opts.on, "--on").value_or(today), *paid, today);
  if (opts.format == "json") {
    std::cout << report::application_json(a).dump(2) << '\n';
  } else {
    std::cout << "Submitted application " << a.id.value << ": applicant " << opts.applicant << ", "
              << a.program << ", fee " << a.fee_due.to_string() << " paid "
              << a.fee_paid.to_string() << ".\n";
  }
  return 0;
}

int run_application_approve(const ApplicationOptions& opts, app::Certification& certification,
                            core::Date today) {
  const auto c = certification.approve_application(
      tracker::ApplicationId{opts.id}, app::optional_date(opts.on, "--on").value_or(today), today,
      opts.override_checks ? std::optional(opts.reason) : std::nullopt);
  if (opts.format == "json") {
    std::cout << report::credential_json(c).dump(2) << '\n';
  } else {
    std::cout << "Approved application " << opts.id << ": credential " << c.number << " issued to "
              << c.first_name << " " << c.last_name << " on " << core::format_iso(c.issued_on)
              << ".\n";
  }
  return 0;
}

int run_application_deny(const ApplicationOptions& opts, app::Certification& certification,
                         core::Date today) {
  const auto a = certification.deny_application(tracker::ApplicationId{opts.id},
                                                app::optional_date(opts.on, "--on").value_or(today),
                                                opts.reason, today);
  if (opts.format == "json") {
    std::cout << report::application_json(a).dump(2) << '\n';
  } else {
    std::cout << "Denied application " << a.id.value << " on " << core::format_iso(*a.decided_on)
              << ".\n";
  }
  return 0;
}

int run_application_show(const ApplicationOptions& opts, app::Certification& certification) {
  const auto a = certification.application(tracker::ApplicationId{opts.id});
  std::cout << (opts.format == "json" ? report::application_json(a).dump(2) + "\n"
                                      : report::application_text(a));
  return 0;
}

int run_application_list(const ApplicationOptions& opts, app::Certification& certification) {
  const auto list = certification.applications(
      opts.applicant_option->count() > 0 ? std::optional(tracker::ApplicantId{opts.applicant})
                                         : std::nullopt);
  if (opts.format == "json") {
    report::Json j = report::Json::array();
    for (const auto& a : list) {
      j.push_back(report::application_json(a));
    }
    std::cout << j.dump(2) << '\n';
  } else {
    std::cout << report::applications_table(list);
  }
  return 0;
}

} // namespace

void setup_application(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto* cmd = app.add_subcommand("application", "Certification applications to the board")
                  ->require_subcommand(1);
  {
    auto o = std::make_shared<ApplicationOptions>();
    auto* sub = cmd->add_subcommand(
        "submit", "Submit a certification application with its fee; needs the completed "
                  "training and a passed exam");
    sub->add_option("--applicant", o->applicant, "Applicant id")->required();
    program_id(sub->add_option("--program", o->program, "Program id, such as MO-CPS"))->required();
    sub->add_option("--on", o->on, "Day submitted (default: --as-of)");
    sub->add_option("--fee-paid", o->fee_paid, "Amount paid, such as 75 or 75.00")->required();
    add_format(sub, o->format, {"text", "json"});
    on_run(sub, o, global, action, [](const ApplicationOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_application_submit(opts, s.services.certification, as_of(g));
    });
  }
  {
    auto o = std::make_shared<ApplicationOptions>();
    auto* sub = cmd->add_subcommand(
        "approve", "Approve an application: issues the program's next credential number");
    sub->add_option("id", o->id, "Application id")->required();
    sub->add_option("--on", o->on, "Day of the decision and issue date (default: --as-of)");
    auto* reason = sub->add_option("--reason", o->reason,
                                   "Why staff issue the credential before the checks pass");
    sub->add_flag("--override", o->override_checks,
                  "Approve although a required check has not passed (audited)")
        ->needs(reason);
    reason->needs(sub->get_option("--override"));
    add_format(sub, o->format, {"text", "json"});
    sub->footer("Refused while a background or registry check the program requires is pending, "
                "not started or not recorded.");
    on_run(sub, o, global, action, [](const ApplicationOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_application_approve(opts, s.services.certification, as_of(g));
    });
  }
  {
    auto o = std::make_shared<ApplicationOptions>();
    auto* sub = cmd->add_subcommand(
        "deny", "Deny a submitted application with the board's reason; it stays on file");
    sub->add_option("id", o->id, "Application id")->required();
    sub->add_option("--reason", o->reason, "The board's reason, for the record")->required();
    sub->add_option("--on", o->on, "Day of the decision (default: --as-of)");
    add_format(sub, o->format, {"text", "json"});
    on_run(sub, o, global, action, [](const ApplicationOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_application_deny(opts, s.services.certification, as_of(g));
    });
  }
  {
    auto o = std::make_shared<ApplicationOptions>();
    auto* sub = cmd->add_subcommand("show", "Show an application");
    sub->add_option("id", o->id, "Application id")->required();
    add_format(sub, o->format, {"text", "json"});
    on_run(sub, o, global, action, [](const ApplicationOptions& opts, const GlobalOptions& g) {
      Opened s(g, Access::read);
      return run_application_show(opts, s.services.certification);
    });
  }
  {
    auto o = std::make_shared<ApplicationOptions>();
    auto* sub = cmd->add_subcommand("list", "List applications");
    o->applicant_option = sub->add_option("--applicant", o->applicant, "Only this applicant's");
    add_format(sub, o->format, {"table", "json"});
    on_run(sub, o, global, action, [](const ApplicationOptions& opts, const GlobalOptions& g) {
      Opened s(g, Access::read);
      return run_application_list(opts, s.services.certification);
    });
  }
}

} // namespace peercert::cli

#include "cli/Commands.hpp"

#include "app/Fields.hpp"

#include "core/Error.hpp"
#include "report/TrackerReport.hpp"
#include "tracker/Pathway.hpp"

#include <iostream>
#include <memory>

namespace peercert::cli {

namespace {

struct CohortOptions {
  std::int64_t cohort = 0;
  std::int64_t applicant = 0;
  std::string program;
  std::string starts;
  int capacity = 0;
  CLI::Option* capacity_option = nullptr;
  bool override_rules = false;
  std::string reason;
  bool lottery = false;
  bool remove = false;
  std::uint64_t seed = 0;
  std::string on;
  std::string date;
  std::string hours;
  std::string format;
};

core::Hours hours_option(const std::string& text) {
  if (auto h = core::Hours::parse(text)) {
    return *h;
  }
  throw core::InputError("--hours must be a number of hours with at most two decimals, such as "
                         "7.5.");
}

void print_cohort_created(const tracker::Cohort& c, const std::string& format) {
  if (format == "json") {
    std::cout << report::cohort_json(c).dump(2) << '\n';
    return;
  }
  std::cout << "Created cohort " << c.id.value << ": " << c.program << ", starts "
            << core::format_iso(c.starts_on) << ", " << c.capacity << " seats, "
            << c.training_hours.to_short_string() << " hours of training; applicants hear by "
            << core::format_iso(tracker::notify_by(c)) << ".\n";
}

int run_cohort_create(const CohortOptions& opts, app::Cohorts& cohorts) {
  const auto starts = core::parse_date_field(opts.starts, "--starts");
  const auto capacity =
      opts.capacity_option->count() > 0 ? std::optional<int>(opts.capacity) : std::nullopt;
  print_cohort_created(cohorts.create_cohort(opts.program, starts, capacity), opts.format);
  return 0;
}

int run_cohort_list(const CohortOptions& opts, app::Cohorts& cohorts) {
  const auto files = cohorts.cohort_files();
  std::cout << (opts.format == "json" ? report::cohorts_json(files).dump(2) + "\n"
                                      : report::cohorts_table(files));
  return 0;
}

int run_cohort_show(const CohortOptions& opts, app::Cohorts& cohorts) {
  const auto file = cohorts.cohort_file(tracker::CohortId{opts.cohort});
  std::cout << (opts.format == "json" ? report::cohort_file_json(file).dump(2) + "\n"
                                      : report::cohort_text(file));
  return 0;
}

int run_cohort_apply(const CohortOptions& opts, app::Cohorts& cohorts, core::Date today) {
  const auto out =
      cohorts.apply(tracker::CohortId{opts.cohort}, tracker::ApplicantId{opts.applicant},
                    opts.override_rules ? std::optional(opts.reason) : std::nullopt, today);
  if (opts.format == "json") {
    auto j = report::member_json(out.member);
    j["eligibility"] = std::string(rules::to_string(out.verdict));
    std::cout << j.dump(2) << '\n';
  } else {
    std::cout << "Applicant " << opts.applicant << " applied to cohort " << opts.cohort;
    if (out.member.status == tracker::MemberStatus::waitlisted) {
      std::cout << "; selection has run, so they are number "
                << out.member.waitlist_position.value_or(0) << " on the waitlist";
    }
    if (opts.override_rules) {
      std::cout << " (admitted by override)";
    }
    std::cout << ".\n";
  }
  if (!out.unknown.empty()) {
    std::string ids;
    for (const auto& id : out.unknown) {
      ids += (ids.empty() ? "" : ", ") + id;
    }
    std::cerr << "peercert: note: eligibility is not known yet (" << ids
              << "); the application is accepted.\n";
  }
  return 0;
}

int run_cohort_select(const CohortOptions& opts, app::Cohorts& cohorts) {
  const auto method =
      opts.lottery ? tracker::SelectionMethod::lottery : tracker::SelectionMethod::first_come;
  const auto out = cohorts.select(tracker::CohortId{opts.cohort}, method, opts.seed);
  if (opts.format == "json") {
    report::Json j;
    j["cohort"] = opts.cohort;
    j["selection"] = std::string(tracker::to_string(method));
    j["seats_taken"] = out.seats_taken;
    j["selected"] = report::Json::array();
    for (auto id : out.selected) {
      j["selected"].push_back(id.value);
    }
    j["waitlisted"] = report::Json::array();
    for (auto id : out.waitlisted) {
      j["waitlisted"].push_back(id.value);
    }
    std::cout << j.dump(2) << '\n';
  } else {
    std::cout << "Cohort " << opts.cohort << ": " << out.selected.size() << " newly selected; "
              << out.seats_taken << " of "
              << cohorts.cohort(tracker::CohortId{opts.cohort}).capacity << " seats taken; "
              << out.waitlisted.size() << " on the waitlist.\n";
  }
  return 0;
}

int run_cohort_withdraw(const CohortOptions& opts, app::Cohorts& cohorts) {
  cohorts.withdraw(tracker::CohortId{opts.cohort}, tracker::ApplicantId{opts.applicant});
  std::cout << "Applicant " << opts.applicant << " withdrew from cohort " << opts.cohort
            << ". Run peercert cohort select to fill the seat.\n";
  return 0;
}

int run_cohort_notices(const CohortOptions& opts, app::Cohorts& cohorts) {
  const auto file = cohorts.cohort_file(tracker::CohortId{opts.cohort});
  if (opts.format == "json") {
    std::cout << report::notices_json(file).dump(2) << '\n';
  } else if (opts.format == "csv") {
    std::cout << report::notices_csv(file);
  } else {
    std::cout << report::notices_table(file);
  }
  return 0;
}

int run_cohort_notify(const CohortOptions& opts, app::Cohorts& cohorts, core::Date today) {
  const auto on = app::optional_date(opts.on, "--on").value_or(today);
  const auto out = cohorts.notify(tracker::CohortId{opts.cohort}, on, today);
  std::cout << "Recorded notices to " << out.notified
            << (out.notified == 1 ? " applicant" : " applicants") << " of cohort " << opts.cohort
            << " on " << core::format_iso(on) << ".\n";
  if (out.days_late > 0) {
    std::cerr << "peercert: warning: the notices went out " << out.days_late
              << (out.days_late == 1 ? " day" : " days") << " after "
              << core::format_iso(out.notify_by)
              << ", the day by which the rule file asks that applicants be told.\n";
  }
  return 0;
}

int run_cohort_attend(const CohortOptions& opts, app::Cohorts& cohorts, core::Date today) {
  const auto on = core::parse_date_field(opts.date, "--date");
  if (opts.remove) {
    const auto out = cohorts.remove_attendance(tracker::CohortId{opts.cohort},
                                               tracker::ApplicantId{opts.applicant}, on);
    std::cout << "Removed the attendance of applicant " << opts.applicant << " on "
              << core::format_iso(on) << ": " << out.total.to_string() << " of "
              << out.required.to_string() << " hours.\n";
    return 0;
  }
  if (opts.hours.empty()) {
    throw core::UsageError("--hours is required: how many hours were attended that day.");
  }
  const auto hours = hours_option(opts.hours);
  const auto out = cohorts.attend(tracker::CohortId{opts.cohort},
                                  tracker::ApplicantId{opts.applicant}, on, hours, today);
  std::cout << "Applicant " << opts.applicant << " attended " << hours.to_string() << " hours on "
            << core::format_iso(on) << ": " << out.total.to_string() << " of "
            << out.required.to_string() << " hours"
            << (out.complete ? "; the training is complete" : "") << ".\n";
  return 0;
}

} // namespace

void setup_cohort(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto* cmd = app.add_subcommand("cohort", "Run training cohorts: applications, selection, "
                                           "notices and attendance")
                  ->require_subcommand(1);

  {
    auto o = std::make_shared<CohortOptions>();
    auto* sub = cmd->add_subcommand(
        "create", "Create a training cohort; seats, hours and notice come from the rule file");
    program_id(sub->add_option("--program", o->program, "Program id, such as MO-CPS"))->required();
    sub->add_option("--starts", o->starts, "First day of the training, YYYY-MM-DD")->required();
    o->capacity_option =
        sub->add_option("--capacity", o->capacity, "Fewer seats than the rule file allows");
    add_format(sub, o->format, {"text", "json"});
    on_run(sub, o, global, action, [](const CohortOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_cohort_create(opts, s.services.cohorts);
    });
  }
  {
    auto o = std::make_shared<CohortOptions>();
    auto* sub = cmd->add_subcommand("list", "List the cohorts");
    add_format(sub, o->format, {"table", "json"});
    on_run(sub, o, global, action, [](const CohortOptions& opts, const GlobalOptions& g) {
      Opened s(g, Access::read);
      return run_cohort_list(opts, s.services.cohorts);
    });
  }
  {
    auto o = std::make_shared<CohortOptions>();
    auto* sub = cmd->add_subcommand("show", "Show a cohort and its members");
    sub->add_option("id", o->cohort, "Cohort id")->required();
    add_format(sub, o->format, {"text", "json"});
    on_run(sub, o, global, action, [](const CohortOptions& opts, const GlobalOptions& g) {
      Opened s(g, Access::read);
      return run_cohort_show(opts, s.services.cohorts);
    });
  }
  {
    auto o = std::make_shared<CohortOptions>();
    auto* sub = cmd->add_subcommand(
        "apply", "Apply for an applicant to a cohort; refused when the rules find them not "
                 "eligible --as-of");
    sub->add_option("--cohort", o->cohort, "Cohort id")->required();
    sub->add_option("--applicant", o->applicant, "Applicant id")->required();
    auto* reason =
        sub->add_option("--reason", o->reason, "Why staff admit an applicant the rules do not");
    sub->add_flag("--override", o->override_rules,
                  "Admit the applicant although the rules find them not eligible (audited)")
        ->needs(reason);
    reason->needs(sub->get_option("--override"));
    add_format(sub, o->format, {"text", "json"});
    on_run(sub, o, global, action, [](const CohortOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_cohort_apply(opts, s.services.cohorts, as_of(g));
    });
  }
  {
    auto o = std::make_shared<CohortOptions>();
    auto* sub = cmd->add_subcommand(
        "select", "Fill the seats: first come, first served, or a lottery reproducible by seed");
    sub->add_option("--cohort", o->cohort, "Cohort id")->required();
    auto* seed = sub->add_option("--seed", o->seed, "Lottery seed; the same seed draws the same");
    sub->add_flag("--lottery", o->lottery, "Draw the seats by lottery (needs --seed)")->needs(seed);
    seed->needs(sub->get_option("--lottery"));
    add_format(sub, o->format, {"text", "json"});
    on_run(sub, o, global, action, [](const CohortOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_cohort_select(opts, s.services.cohorts);
    });
  }
  {
    auto o = std::make_shared<CohortOptions>();
    auto* sub = cmd->add_subcommand("withdraw", "Withdraw an applicant; their seat opens");
    sub->add_option("--cohort", o->cohort, "Cohort id")->required();
    sub->add_option("--applicant", o->applicant, "Applicant id")->required();
    on_run(sub, o, global, action, [](const CohortOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_cohort_withdraw(opts, s.services.cohorts);
    });
  }
  {
    auto o = std::make_shared<CohortOptions>();
    auto* sub = cmd->add_subcommand(
        "notices", "Who must be told whether they were selected, and by when (csv: mail merge)");
    sub->add_option("--cohort", o->cohort, "Cohort id")->required();
    add_format(sub, o->format, {"table", "csv", "json"});
    on_run(sub, o, global, action, [](const CohortOptions& opts, const GlobalOptions& g) {
      Opened s(g, Access::read);
      return run_cohort_notices(opts, s.services.cohorts);
    });
  }
  {
    auto o = std::make_shared<CohortOptions>();
    auto* sub = cmd->add_subcommand(
        "notify", "Record that the selected and wait-listed applicants were told; warns when "
                  "late");
    sub->add_option("--cohort", o->cohort, "Cohort id")->required();
    sub->add_option("--on", o->on, "When the notices went out (default: --as-of)");
    on_run(sub, o, global, action, [](const CohortOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_cohort_notify(opts, s.services.cohorts, as_of(g));
    });
  }
  {
    auto o = std::make_shared<CohortOptions>();
    auto* sub = cmd->add_subcommand("attend", "Record hours of training attended on a day");
    sub->add_option("--cohort", o->cohort, "Cohort id")->required();
    sub->add_option("--applicant", o->applicant, "Applicant id")->required();
    sub->add_option("--date", o->date, "Day attended, YYYY-MM-DD")->required();
    auto* hours_given =
        sub->add_option("--hours", o->hours, "Hours attended that day, such as 7 or 7.5");
    sub->add_flag("--remove", o->remove, "Remove that day's attendance, recorded in error")
        ->excludes(hours_given);
    on_run(sub, o, global, action, [](const CohortOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_cohort_attend(opts, s.services.cohorts, as_of(g));
    });
  }
}

} // namespace peercert::cli

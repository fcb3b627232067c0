#include "cli/Commands.hpp"

#include "app/Fields.hpp"

#include "core/Error.hpp"
#include "report/ReminderReport.hpp"
#include "report/ReminderXlsx.hpp"
#include "report/RenewalReport.hpp"

#include <iostream>
#include <memory>
#include <unistd.h>

namespace peercert::cli {

namespace {
struct RenewalOptions {
  std::string credential;
  std::string on;
  std::string fee_paid;
  std::string background_check_on;
  std::string registry_check_on;
  bool extend = false;
  std::optional<int> years;
  std::optional<int> within;
  std::vector<std::string> statuses;
  std::string program;
  std::string format;
  std::string sort;
  bool bom = false;
};

/// The statuses of DESIGN.md, as --status takes them.
std::vector<std::string> status_names() {
  std::vector<std::string> out;
  for (const auto s : renewal::all_statuses()) {
    out.emplace_back(renewal::to_string(s));
  }
  return out;
}

/// The --status values, each checked by the option already.
std::vector<renewal::Status> parse_statuses(const std::vector<std::string>& names) {
  std::vector<renewal::Status> out;
  for (const auto& name : names) {
    out.push_back(renewal::status_from_name(name).value());
  }
  return out;
}

/// What `report reminders` and `report summary` cover, as their options ask.
app::ReminderQuery coverage(const RenewalOptions& opts) {
  return {opts.within, parse_statuses(opts.statuses), opts.program};
}

std::vector<report::StatusView> covered(const RenewalOptions& opts, app::Lifecycle& lifecycle,
                                        core::Date today) {
  return lifecycle.reminders(today, coverage(opts));
}

/// --within, --status and --program, shared by the two reports.
void add_coverage(CLI::App* sub, RenewalOptions& o) {
  whole_number(
      sub->add_option("--within", o.within,
                      "Days ahead of --as-of, and back for the expired (default: each program's "
                      "reminder window, 90 days unless its rule file says otherwise)"),
      0, 3650, "days");
  one_of(sub->add_option("--status", o.statuses,
                         "Only credentials of this status (repeatable): initial, active, "
                         "due_soon, expired, inactive, suspended, revoked"),
         status_names())
      ->type_name("STATUS");
  program_id(sub->add_option("--program", o.program, "Only this program's credentials"))
      ->type_name("ID");
}

int run_renewal_status(const RenewalOptions& opts, app::Lifecycle& lifecycle, core::Date today) {
  const auto view = lifecycle.status(opts.credential, today);
  std::cout << (opts.format == "json" ? report::status_json(view).dump(2) + "\n"
                                      : report::status_text(view));
  return 0;
}

int run_renewal_file(const RenewalOptions& opts, app::Lifecycle& lifecycle, core::Date today) {
  const auto paid = core::Money::parse(opts.fee_paid);
  if (!paid) {
    throw core::InputError("--fee-paid must be an amount of dollars with at most two "
                           "decimals, such as 70.00.");
  }
  const auto on = app::optional_date(opts.on, "--on").value_or(today);
  const auto out = lifecycle.file(
      {opts.credential, on, *paid, opts.extend,
       app::optional_date(opts.background_check_on, "--background-check-on"),
       app::optional_date(opts.registry_check_on, "--registry-check-on"), opts.years},
      today);
  for (const auto& note : out.notes) {
    std::cerr << "peercert: note: " << note << '\n';
  }
  if (opts.format == "json") {
    report::Json j;
    j["credential_number"] = opts.credential;
    j["renewed_cycle"] = out.record.cycle;
    j["filed_on"] = core::format_iso(out.record.filed_on);
    j["late"] = out.record.late;
    j["fee_due"] =
        out.record.fee_due ? report::exact_number(*out.record.fee_due) : report::Json(nullptr);
    j["fee_paid"] = report::exact_number(out.record.fee_paid);
    j["next_cycle"] = out.next.number;
    j["next_cycle_began"] = std::string(renewal::to_string(out.next.began));
    j["next_cycle_start"] = core::format_iso(out.next.cycle.start);
    j["expires_on"] = core::format_iso(out.next.cycle.expires_on);
    if (opts.years) {
      j["years"] = *opts.years;
    }
    if (!out.specialties_ended.empty()) {
      j["specialties_ended"] = report::Json::array();
      for (const auto* s : out.specialties_ended) {
        j["specialties_ended"].push_back(s->id);
      }
    }
    std::cout << j.dump(2) << '\n';
  } else {
    std::cout << (opts.extend ? "Extended " : "Renewed ") << opts.credential << " on "
              << core::format_iso(on) << (out.record.late ? " (late)" : "") << ": cycle "
              << out.next.number << " runs from " << core::format_iso(out.next.cycle.start)
              << " to " << core::format_iso(out.next.cycle.expires_on) << ".";
    if (out.record.fee_due) {
      std::cout << " Fee due " << out.record.fee_due->to_string() << ", paid "
                << out.record.fee_paid.to_string() << ".";
    }
    std::cout << '\n';
    for (const auto* s : out.specialties_ended) {
      std::cout << "The specialty " << s->name << " (" << s->id << ") ended on "
                << core::format_iso(on) << ": its continuing education was short.\n";
    }
  }
  return 0;
}

/// `report reminders`; `now` is the audit clock, for the calendar's stamp.
int run_report_reminders(const RenewalOptions& opts, app::Lifecycle& lifecycle, core::Date today,
                         const std::function<std::string()>& now) {
  const auto stream = opts.sort == "expires"
                          ? report::reminder_stream(opts.format, opts.bom,
                                                    opts.format == "ics" ? now() : std::string{})
                          : std::nullopt;
  if (stream) {
    // In the order the reminders come: each row written as it is judged, never all held.
    std::string out = stream->head;
    bool any = false;
    lifecycle.reminders(today, coverage(opts), [&](report::StatusView&& v) {
      stream->row(out, v, !any);
      any = true;
      if (out.size() >= 64U * 1024U) {
        std::cout << out;
        out.clear();
      }
    });
    stream->tail(out, any);
    std::cout << out;
    return 0;
  }
  auto rows = covered(opts, lifecycle, today);
  report::sort_reminders(rows, opts.sort);
  if (opts.format == "json") {
    report::write_reminders_json(std::cout, rows);
  } else if (opts.format == "csv") {
    std::cout << (opts.bom ? "\xEF\xBB\xBF" : "") << report::reminders_csv(rows);
  } else if (opts.format == "xlsx") {
    std::cout << report::reminders_xlsx(rows);
  } else if (opts.format == "ics") {
    report::write_reminders_ics(std::cout, rows, now());
  } else if (opts.format == "html") {
    // The chart counts the next 12 months under the same programs and statuses, whatever
    // --within is.
    const auto chart = lifecycle.reminders(today, app::chart_query(today, coverage(opts)));
    std::cout << report::reminders_html(rows, chart, today, opts.within.value_or(-1));
  } else {
    std::cout << report::reminders_table(rows) << '\n'
              << report::summary_table(report::summarize(rows));
  }
  return 0;
}

int run_report_summary(const RenewalOptions& opts, app::Lifecycle& lifecycle, core::Date today) {
  report::ReminderSummary summary;
  lifecycle.reminders(today, coverage(opts),
                      [&summary](report::StatusView&& v) { summary.add(v); });
  // Beside the credentials covered, the program's holders in the whole register.
  const auto holders =
      report::headcounts(lifecycle.reminders(today, {std::nullopt, {}, opts.program, true}));
  if (opts.format == "json") {
    auto j = report::summary_json(summary);
    j["holders"] = report::headcounts_json(holders);
    std::cout << j.dump(2) << '\n';
  } else {
    std::cout << report::summary_table(summary) << '\n' << report::headcounts_table(holders);
  }
  return 0;
}

} // namespace

void setup_renewal(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto* cmd = app.add_subcommand("renewal", "Where a credential stands, and filing its renewal")
                  ->require_subcommand(1);
  {
    auto o = std::make_shared<RenewalOptions>();
    auto* sub = cmd->add_subcommand(
        "status", "A credential's cycle, expiry, hours done and still needed, and fee --as-of");
    sub->add_option("--credential", o->credential, "Credential number")->required();
    add_format(sub, o->format, {"text", "json"});
    on_run(sub, o, global, action, [](const RenewalOptions& opts, const GlobalOptions& g) {
      Opened s(g, Access::read);
      return run_renewal_status(opts, s.services.lifecycle, as_of(g));
    });
  }
  {
    auto o = std::make_shared<RenewalOptions>();
    auto* sub = cmd->add_subcommand(
        "file", "File the renewal of the current cycle (or, with --extend, extend an initial "
                "certificate); refused, with what is missing, unless every requirement is met "
                "and the fee paid");
    sub->add_option("--credential", o->credential, "Credential number")->required();
    sub->add_option("--on", o->on, "Day filed (default: --as-of)");
    sub->add_option("--fee-paid", o->fee_paid, "Amount paid, such as 70 or 70.00")->required();
    sub->add_option("--background-check-on", o->background_check_on,
                    "Day a fresh criminal history check passed, where the program asks for one");
    sub->add_option("--registry-check-on", o->registry_check_on,
                    "Day a fresh registry check passed, where the program asks for one");
    sub->add_flag("--extend", o->extend,
                  "Extend an initial certificate by one more, where the program allows it");
    whole_number(sub->add_option("--years", o->years,
                                 "The length the holder renews for, where the program lets "
                                 "holders choose (NY-CPS: 1, 2 or 3, 10 hours a year)"),
                 1, 99, "years");
    sub->footer("An initial certificate (Texas, Washington's trainee) becomes the full one when "
                "its\nhours are met; the full certificate starts the day after it ends. Inside a "
                "late\nwindow the late fee is added to the renewal fee.");
    add_format(sub, o->format, {"text", "json"});
    on_run(sub, o, global, action, [](const RenewalOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_renewal_file(opts, s.services.lifecycle, as_of(g));
    });
  }

  auto* report_cmd =
      app.add_subcommand("report", "Reports for staff and managers")->require_subcommand(1);
  {
    auto o = std::make_shared<RenewalOptions>();
    auto* sub = report_cmd->add_subcommand(
        "reminders", "Who must renew soon and what each still lacks: expired first, then "
                     "soonest first");
    add_coverage(sub, *o);
    o->sort = "expires";
    one_of(sub->add_option("--sort", o->sort,
                           "Order: expires (default: expired first, then soonest), name, program, "
                           "status or needed (most hours still needed first)"),
           report::reminder_sort_keys())
        ->type_name("KEY");
    sub->add_flag("--bom", o->bom,
                  "With --format csv: start with a UTF-8 byte order mark, so that Excel shows "
                  "accented names right");
    add_format(sub, o->format, {"table", "csv", "json", "ics", "html", "xlsx"});
    sub->footer("Covers the credentials expiring within the window, those expired within it or\n"
                "still inside a late window; inactive, suspended and revoked ones, and older\n"
                "expired ones, only when --status asks for them.\n"
                "csv: RFC 4180 for a mail merge; ics: an RFC 5545 calendar, one event per\n"
                "credential on its expiry day with alarms 90, 60 and 30 days before; html: one\n"
                "self-contained page; xlsx: an Excel workbook with the CSV's columns, dates as\n"
                "dates and hours and fees as numbers (redirect it to a file).");
    on_run(sub, o, global, action, [](const RenewalOptions& opts, const GlobalOptions& g) {
      if (opts.bom && opts.format != "csv") {
        throw core::UsageError("--bom is for --format csv only.");
      }
      if (opts.format == "xlsx" && isatty(STDOUT_FILENO) != 0) {
        throw core::UsageError("--format xlsx writes a spreadsheet file: redirect it, as in "
                               "`peercert report reminders --format xlsx > reminders.xlsx`.");
      }
      Opened s(g, Access::read, opts.program);
      return run_report_reminders(opts, s.services.lifecycle, as_of(g), s.who.now);
    });
  }
  {
    auto o = std::make_shared<RenewalOptions>();
    auto* sub = report_cmd->add_subcommand(
        "summary", "How many credentials of each status, per program: the reminders at a glance");
    add_coverage(sub, *o);
    add_format(sub, o->format, {"table", "json"});
    sub->footer("Counts the credentials `report reminders` lists with the same options.");
    on_run(sub, o, global, action, [](const RenewalOptions& opts, const GlobalOptions& g) {
      Opened s(g, Access::read, opts.program);
      return run_report_summary(opts, s.services.lifecycle, as_of(g));
    });
  }
}

} // namespace peercert::cli

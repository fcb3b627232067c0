#include "cli/Commands.hpp"

#include "app/Fields.hpp"

#include "core/Error.hpp"
#include "report/RenewalReport.hpp"

#include <iostream>
#include <memory>

namespace peercert::cli {

namespace {
struct RenewalOptions {
  std::string credential;
  std::string on;
  std::string fee_paid;
  std::string background_check_on;
  std::string registry_check_on;
  int within = 90;
  std::string format;
};

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
      Session s(g);
      const auto view = s.renewals.status(opts.credential, as_of(g));
      std::cout << (opts.format == "json" ? report::status_json(view).dump(2) + "\n"
                                          : report::status_text(view));
      return 0;
    });
  }
  {
    auto o = std::make_shared<RenewalOptions>();
    auto* sub = cmd->add_subcommand(
        "file", "File the renewal of the current cycle; refused, with what is missing, unless "
                "every requirement is met and the fee paid");
    sub->add_option("--credential", o->credential, "Credential number")->required();
    sub->add_option("--on", o->on, "Day filed (default: --as-of)");
    sub->add_option("--fee-paid", o->fee_paid, "Amount paid, such as 70 or 70.00")->required();
    sub->add_option("--background-check-on", o->background_check_on,
                    "Day a fresh criminal history check passed, where the program asks for one");
    sub->add_option("--registry-check-on", o->registry_check_on,
                    "Day a fresh registry check passed, where the program asks for one");
    add_format(sub, o->format, {"text", "json"});
    on_run(sub, o, global, action, [](const RenewalOptions& opts, const GlobalOptions& g) {
      Session s(g);
      const auto today = as_of(g);
      const auto paid = core::Money::parse(opts.fee_paid);
      if (!paid) {
        throw core::InputError("--fee-paid must be an amount of dollars with at most two "
                               "decimals, such as 70.00.");
      }
      const auto on = app::optional_date(opts.on, "--on").value_or(today);
      const auto out =
          s.renewals.file(opts.credential, on, *paid,
                          app::optional_date(opts.background_check_on, "--background-check-on"),
                          app::optional_date(opts.registry_check_on, "--registry-check-on"), today);
      for (const auto& note : out.notes) {
        std::cerr << "peercert: note: " << note << '\n';
      }
      if (opts.format == "json") {
        report::Json j;
        j["credential_number"] = opts.credential;
        j["renewed_cycle"] = out.record.cycle;
        j["filed_on"] = core::format_iso(out.record.filed_on);
        j["late"] = out.record.late;
        j["fee_paid"] = report::exact_number(out.record.fee_paid);
        j["next_cycle"] = out.next.index;
        j["next_cycle_start"] = core::format_iso(out.next.start);
        j["expires_on"] = core::format_iso(out.next.expires_on);
        std::cout << j.dump(2) << '\n';
      } else {
        std::cout << "Renewed " << opts.credential << " on " << core::format_iso(on)
                  << (out.record.late ? " (late)" : "") << ": cycle " << out.next.index
                  << " runs from " << core::format_iso(out.next.start) << " to "
                  << core::format_iso(out.next.expires_on) << ".\n";
      }
      return 0;
    });
  }

  auto* report_cmd =
      app.add_subcommand("report", "Reports for staff and managers")->require_subcommand(1);
  {
    auto o = std::make_shared<RenewalOptions>();
    auto* sub = report_cmd->add_subcommand(
        "reminders", "Who must renew soon and what each still lacks: expired first, then "
                     "soonest first");
    sub->add_option("--within", o->within, "Days ahead of --as-of (default 90)")
        ->check(CLI::Range(0, 3650));
    add_format(sub, o->format, {"table", "csv", "json", "ics", "html"});
    sub->footer("csv: RFC 4180 for a mail merge; ics: an RFC 5545 calendar, one event per\n"
                "credential on its expiry day with alarms 90, 60 and 30 days before; html: one\n"
                "self-contained page.");
    on_run(sub, o, global, action, [](const RenewalOptions& opts, const GlobalOptions& g) {
      Session s(g);
      const auto today = as_of(g);
      const auto rows = s.renewals.reminders(today, opts.within);
      if (opts.format == "json") {
        report::write_reminders_json(std::cout, rows);
      } else if (opts.format == "csv") {
        std::cout << report::reminders_csv(rows);
      } else if (opts.format == "ics") {
        report::write_reminders_ics(std::cout, rows, actor(g).now());
      } else if (opts.format == "html") {
        std::cout << report::reminders_html(rows, today, opts.within);
      } else {
        std::cout << report::reminders_table(rows);
      }
      return 0;
    });
  }
}

} // namespace peercert::cli

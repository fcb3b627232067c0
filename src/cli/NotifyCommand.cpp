#include "cli/Commands.hpp"

#include "app/Notify.hpp"
#include "core/Error.hpp"
#include "renewal/Reminders.hpp"
#include "report/CheckReport.hpp"

#include <iostream>
#include <memory>

namespace peercert::cli {

namespace {
struct NotifyOptions {
  std::string smtp;
  std::string credentials;
  std::string from;
  bool dry_run = false;
  std::string outbox;
  std::string program;
  std::string thresholds;
  std::string format;
  std::int64_t claim_lease = 900;
};

/// Where a dry run writes: --outbox, or peercert-outbox.
std::string outbox_folder(const NotifyOptions& opts) {
  return opts.outbox.empty() ? "peercert-outbox" : opts.outbox;
}

std::string threshold_words(int threshold) {
  return threshold == renewal::expired_threshold ? std::string("expired")
                                                 : std::to_string(threshold) + " days";
}
int run_notify_reminders(const NotifyOptions& opts, const app::NotifyRequest& request,
                         mail::Mailer& mailer, app::Notifier& notifier, core::Date today) {
  const auto run = notifier.send(request, mailer, today);
  for (const auto& number : run.without_email) {
    std::cerr << "peercert: " << number << " is due a reminder but has no email on file.\n";
  }
  if (opts.format == "json") {
    report::Json sent = report::Json::array();
    for (const auto& r : run.sent) {
      sent.push_back({{"credential_number", r.credential_number},
                      {"program", r.program},
                      {"threshold", r.threshold},
                      {"days_until_expiry", r.days_until_expiry},
                      {"hours_needed", r.hours_needed.empty() ? report::Json(nullptr)
                                                              : report::Json(r.hours_needed)}});
    }
    std::cout << report::Json{{"dry_run", opts.dry_run},
                              {"sent", sent},
                              {"already_sent", run.already_sent},
                              {"sending_elsewhere", run.sending_elsewhere},
                              {"without_email", run.without_email}}
                     .dump(2)
              << '\n';
    return 0;
  }
  for (const auto& r : run.sent) {
    std::cout << (opts.dry_run ? "Wrote " : "Sent ") << r.credential_number << " ("
              << threshold_words(r.threshold) << "): "
              << (r.days_until_expiry < 0
                      ? "expired " + std::to_string(-r.days_until_expiry) + " days ago"
                      : "expires in " + std::to_string(r.days_until_expiry) + " days")
              << (r.hours_needed.empty() ? "" : "; still needed " + r.hours_needed) << ".\n";
  }
  std::cout << (opts.dry_run ? "Wrote " : "Sent ") << run.sent.size()
            << (run.sent.size() == 1 ? " reminder" : " reminders")
            << (opts.dry_run ? " to " + outbox_folder(opts) + "/ (nothing recorded as sent)" : "")
            << "; " << run.already_sent << " sent before; "
            << (run.sending_elsewhere == 0
                    ? std::string()
                    : std::to_string(run.sending_elsewhere) + " being sent by another run; ")
            << run.without_email.size() << " without an email.\n";
  return 0;
}

} // namespace

void setup_notify(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto* cmd = app.add_subcommand("notify", "Send holders their renewal reminders by email")
                  ->require_subcommand(1);
  auto o = std::make_shared<NotifyOptions>();
  auto* sub = cmd->add_subcommand(
      "reminders", "Email each holder due a renewal reminder, once per threshold and cycle");
  sub->add_option("--smtp", o->smtp,
                  "The board's mail server, smtp://HOST:PORT (STARTTLS where offered) or "
                  "smtps://HOST:PORT");
  sub->add_option("--smtp-credentials", o->credentials,
                  "A private file (chmod 600) whose first line is USER:PASSWORD; without it, "
                  "$PEERCERT_SMTP_USER and $PEERCERT_SMTP_PASSWORD");
  sub->add_option("--from", o->from, "The board's address the reminders come from")->required();
  auto* dry = sub->add_flag("--dry-run", o->dry_run,
                            "Write the messages to --outbox instead of sending them; nothing is "
                            "recorded as sent");
  sub->add_option("--outbox", o->outbox, "With --dry-run: the folder (default: peercert-outbox)")
      ->needs(dry);
  program_id(sub->add_option("--program", o->program, "Only this program's holders"));
  sub->add_option("--thresholds", o->thresholds,
                  "Days before expiry, descending, such as 90,60,30 (default: each program's "
                  "reminder window, then 90, 60 and 30 days)");
  whole_number(sub->add_option("--claim-lease", o->claim_lease,
                               "Seconds after which a message another run claimed but never "
                               "recorded is taken to be a crashed run's and sent again (default "
                               "900)"),
               1, 7 * 24 * 3600, "seconds");
  add_format(sub, o->format, {"text", "json"});
  sub->footer(
      "Each holder gets the message of the nearest threshold reached that was not sent\n"
      "for the current cycle yet, and one message once expired. Holders without an\n"
      "email are listed on standard error. A second run the same day sends nothing, and two\n"
      "runs at once send each message once: each claims a message before sending it.");
  on_run(sub, o, global, action, [](const NotifyOptions& opts, const GlobalOptions& g) {
    app::NotifyRequest request;
    request.from = opts.from;
    request.program = opts.program;
    request.record = !opts.dry_run;
    request.claim_lease = opts.claim_lease;
    if (!opts.thresholds.empty()) {
      request.thresholds = renewal::parse_thresholds(opts.thresholds, "--thresholds");
    }
    std::unique_ptr<mail::Mailer> mailer;
    if (opts.dry_run) {
      mailer = mail::folder_mailer(outbox_folder(opts));
    } else if (opts.smtp.empty()) {
      throw core::InputError("--smtp is required to send: give the board's mail server, or "
                             "--dry-run to write the messages to a folder.",
                             "smtp");
    } else {
      mailer = mail::smtp_mailer(mail::smtp_settings(opts.smtp, opts.credentials));
    }
    const auto today = as_of(g);
    Opened s(g, Access::read, opts.program);
    return run_notify_reminders(opts, request, *mailer, s.services.notifier, today);
  });
}

} // namespace peercert::cli

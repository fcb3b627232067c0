#include "cli/Commands.hpp"

#include "app/CeAudits.hpp"
#include "core/Decimal.hpp"
#include "core/Error.hpp"
#include "core/Text.hpp"
#include "report/CeAuditReport.hpp"

#include <iostream>
#include <memory>

namespace peercert::cli {

namespace {
struct AuditCeOptions {
  std::string program;
  std::string share;
  std::uint64_t seed = 0;
  std::string from;
  std::string to;
  std::string due;
  std::int64_t id = 0;
  std::string state;
  std::string on;
  std::string note;
  std::string credential;
  bool open = false;
  std::string format;
};

tracker::AuditState state_named(const std::string& name, const char* field) {
  if (const auto s = tracker::audit_state_from_name(name)) {
    return *s;
  }
  throw core::InputError(std::string(field) + " must be " + tracker::audit_state_names() + ".",
                         field);
}

void print_audits(const std::vector<tracker::CeAudit>& audits, core::Date today,
                  const std::string& format) {
  if (format == "json") {
    report::Json list = report::Json::array();
    for (const auto& a : audits) {
      list.push_back(report::ce_audit_json(a, today));
    }
    std::cout << list.dump(2) << '\n';
  } else {
    std::cout << report::ce_audits_table(audits, today);
  }
}
int run_audit_ce_select(const AuditCeOptions& opts, const app::DrawRequest& request,
                        app::CeAudits& ce_audits, core::Date today) {
  const auto out = ce_audits.select(request, today);
  if (opts.format == "json") {
    report::Json drawn = report::Json::array();
    for (const auto& a : out.selected) {
      drawn.push_back(report::ce_audit_json(a, today));
    }
    std::cout << report::Json{{"draw", report::ce_audit_draw_json(out.draw)},
                              {"selected", drawn},
                              {"already_audited", out.already_audited}}
                     .dump(2)
              << '\n';
    return 0;
  }
  const std::size_t drawn = out.selected.size() + out.already_audited.size();
  std::cout << "Drew " << drawn << " of " << out.draw.candidates << " " << opts.program
            << " credentials renewed " << opts.from << " to " << opts.to << " ("
            << core::format_hundredths_short(request.share_hundredths) << "%, seed " << opts.seed
            << "); evidence due " << opts.due << ".\n";
  if (!out.already_audited.empty()) {
    std::cout << "Already under audit, not drawn again: " << core::join(out.already_audited, ", ")
              << ".\n";
  }
  if (!out.selected.empty()) {
    std::cout << report::ce_audits_table(out.selected, today);
  } else if (!out.already_audited.empty()) {
    std::cout << "Nothing new to audit; nothing written.\n";
  } else if (out.draw.candidates == 0) {
    std::cout << "No credential of " << opts.program
              << " filed a renewal in the period; nothing to audit.\n";
  }
  return 0;
}

int run_audit_ce_list(const AuditCeOptions& opts, store::CeAuditQuery query,
                      app::Credentials& credentials, app::CeAudits& ce_audits, core::Date today) {
  if (!opts.credential.empty()) {
    query.credential = credentials.credential(opts.credential).id;
  }
  print_audits(ce_audits.list(query), today, opts.format);
  return 0;
}

int run_audit_ce_show(const AuditCeOptions& opts, app::CeAudits& ce_audits, core::Date today) {
  const auto a = ce_audits.audit(opts.id);
  std::cout << (opts.format == "json" ? report::ce_audit_json(a, today).dump(2) + "\n"
                                      : report::ce_audit_text(a, today));
  return 0;
}

int run_audit_ce_advance(const AuditCeOptions& opts, tracker::AuditState to, core::Date on,
                         app::CeAudits& ce_audits, core::Date today) {
  const auto a = ce_audits.advance(opts.id, to, on, opts.note, today);
  if (opts.format == "json") {
    std::cout << report::ce_audit_json(a, today).dump(2) << '\n';
  } else {
    std::cout << "CE audit " << a.id << " of " << a.credential_number << " is now "
              << tracker::to_string(a.state) << " (" << core::format_iso(on) << ").\n";
  }
  return 0;
}

} // namespace

void setup_audit_ce(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto* cmd = app.add_subcommand("audit-ce", "Audit a random share of renewals for CE evidence")
                  ->require_subcommand(1);
  cmd->footer("An audit moves selected -> evidence_requested -> submitted -> passed | failed,\n"
              "one dated step at a time, each with a staff note.");
  {
    auto o = std::make_shared<AuditCeOptions>();
    auto* sub = cmd->add_subcommand(
        "select", "Draw a reproducible random share of the credentials renewed in a period");
    program_id(sub->add_option("--program", o->program, "Program id, such as PA-CPS"))->required();
    sub->add_option("--share", o->share, "Percent of the renewals to audit, such as 10 or 2.5")
        ->required();
    sub->add_option("--seed", o->seed, "Draw seed; the same seed and period draw the same")
        ->required();
    sub->add_option("--from", o->from, "First day of the renewal period, YYYY-MM-DD")->required();
    sub->add_option("--to", o->to, "Last day of the renewal period, YYYY-MM-DD")->required();
    sub->add_option("--due", o->due, "Evidence due by this day, YYYY-MM-DD")->required();
    add_format(sub, o->format, {"table", "json"});
    sub->footer("Each credential that filed a renewal in the period is one candidate (its latest\n"
                "renewal there); ceil(share x candidates) are drawn. A renewal drawn again is not\n"
                "audited twice.");
    on_run(sub, o, global, action, [](const AuditCeOptions& opts, const GlobalOptions& g) {
      app::DrawRequest request;
      request.program = opts.program;
      request.share_hundredths = app::audit_share(opts.share);
      request.seed = opts.seed;
      request.from = core::parse_date_field(opts.from, "from");
      request.to = core::parse_date_field(opts.to, "to");
      request.due = core::parse_date_field(opts.due, "due");
      const auto today = as_of(g);
      Opened s(g, Access::write, opts.program);
      return run_audit_ce_select(opts, request, s.services.ce_audits, today);
    });
  }
  {
    auto o = std::make_shared<AuditCeOptions>();
    auto* sub = cmd->add_subcommand("list", "List CE audits, the soonest evidence due first");
    program_id(sub->add_option("--program", o->program, "Only this program's"));
    sub->add_option("--state", o->state,
                    "Only audits in this state: " + tracker::audit_state_names());
    sub->add_option("--credential", o->credential, "Only this credential's");
    sub->add_flag("--open", o->open, "Only audits not yet passed or failed");
    add_format(sub, o->format, {"table", "json"});
    on_run(sub, o, global, action, [](const AuditCeOptions& opts, const GlobalOptions& g) {
      store::CeAuditQuery query;
      query.program = opts.program;
      if (!opts.state.empty()) {
        query.state = state_named(opts.state, "state");
      }
      query.open_only = opts.open;
      const auto today = as_of(g);
      Opened s(g, Access::read, opts.program);
      return run_audit_ce_list(opts, query, s.services.credentials, s.services.ce_audits, today);
    });
  }
  {
    auto o = std::make_shared<AuditCeOptions>();
    auto* sub = cmd->add_subcommand("show", "Show one CE audit with every step");
    sub->add_option("id", o->id, "Audit id, from audit-ce list")->required();
    add_format(sub, o->format, {"text", "json"});
    on_run(sub, o, global, action, [](const AuditCeOptions& opts, const GlobalOptions& g) {
      const auto today = as_of(g);
      Opened s(g, Access::read);
      return run_audit_ce_show(opts, s.services.ce_audits, today);
    });
  }
  {
    auto o = std::make_shared<AuditCeOptions>();
    auto* sub = cmd->add_subcommand("advance", "Move a CE audit to its next state, with a note");
    sub->add_option("id", o->id, "Audit id, from audit-ce list")->required();
    sub->add_option("--to", o->state, "evidence_requested, submitted, then passed or failed")
        ->required();
    sub->add_option("--on", o->on, "Day of the step (default: --as-of)");
    sub->add_option("--note", o->note, "What was asked, received or decided (required to fail)");
    add_format(sub, o->format, {"text", "json"});
    on_run(sub, o, global, action, [](const AuditCeOptions& opts, const GlobalOptions& g) {
      const auto to = state_named(opts.state, "to");
      const auto today = as_of(g);
      const auto on = opts.on.empty() ? today : core::parse_date_field(opts.on, "on");
      Opened s(g);
      return run_audit_ce_advance(opts, to, on, s.services.ce_audits, today);
    });
  }
}

} // namespace peercert::cli

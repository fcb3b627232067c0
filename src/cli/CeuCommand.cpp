#include "cli/Commands.hpp"

#include "cli/Import.hpp"
#include "core/Error.hpp"
#include "report/RenewalReport.hpp"

#include <fstream>
#include <iostream>
#include <memory>
#include <unistd.h>

namespace peercert::cli {

namespace {
struct CeuOptions {
  app::CeText entry;
  std::int64_t id = 0;
  bool all = false;
  std::string reason;
  app::CeEdit edit;
  ImportFlags import;
  std::string cycle;
  std::string format;
  std::string encoding;
};

int run_ceu_log(const CeuOptions& opts, app::CeLog& ce_log, core::Date today) {
  const bool added = ce_log.log_ce(opts.entry, today);
  std::cout << (added ? "Logged " : "Already on file, nothing added: ") << opts.entry.hours
            << " hours for " << opts.entry.credential_number << " on " << opts.entry.completed_on
            << ".\n";
  return 0;
}

int run_ceu_import(const ImportFlags& flags, app::CeLog& ce_log, core::Date today) {
  std::ofstream rejects;
  auto options = import_options(flags, rejects);
  const bool terminal = isatty(STDERR_FILENO) != 0;
  if (terminal) {
    options.progress = [](std::size_t rows) {
      std::cerr << "\rpeercert: " << rows << " rows read…" << std::flush;
    };
  }
  app::CeImportOutcome out;
  const auto run = [&](std::istream& in, const std::string& name) {
    try {
      out = ce_log.import_ce(in, name, today, options);
    } catch (...) {
      if (terminal) {
        std::cerr << '\r' << std::string(40, ' ') << '\r';
      }
      throw;
    }
  };
  read_input(flags.file, flags.encoding, run);
  if (terminal && out.rows >= 100'000) {
    std::cerr << '\n';
  }
  say_rejected(flags, out.rejected);
  if (flags.format == "json") {
    std::cout << report::Json{{"rows", out.rows},
                              {"added", out.added},
                              {"unchanged", out.unchanged},
                              {"rejected", out.rejected},
                              {"rejects", flags.rejects.empty() || out.rejected == 0
                                              ? report::Json(nullptr)
                                              : report::Json(flags.rejects)},
                              {"dry_run", flags.dry_run}}
                     .dump(2)
              << '\n';
    return 0;
  }
  std::cout << (flags.dry_run ? "Would import " : "Imported ") << out.added << " of " << out.rows
            << " rows; " << out.unchanged << " already on file";
  if (flags.skip_invalid) {
    std::cout << "; " << out.rejected << " set aside"
              << (flags.rejects.empty() || out.rejected == 0 ? "" : " in " + flags.rejects);
  }
  std::cout << (flags.dry_run ? ". Nothing was written (--dry-run).\n" : ".\n");
  return 0;
}

int run_ceu_list(const CeuOptions& opts, app::CeLog& ce_log, app::Lifecycle& lifecycle,
                 core::Date today) {
  const auto view = lifecycle.status(opts.entry.credential_number, today);
  auto lines = ce_log.ce_lines(view.credential, opts.all);
  const bool current = opts.cycle != "all";
  if (opts.format == "json") {
    if (current) {
      std::erase_if(lines, [&](const report::CeLine& l) {
        return l.cycle_index() != view.status.current.cycle.index;
      });
    }
    std::cout << report::ce_json(view.credential, lines).dump(2) << '\n';
  } else {
    std::cout << report::ce_table(
        view.credential, lines, current ? std::optional(view.status.current.cycle) : std::nullopt);
  }
  return 0;
}

int run_ceu_void(const CeuOptions& opts, app::CeLog& ce_log) {
  const auto e = ce_log.void_ce(opts.id, opts.reason);
  std::cout << "Voided CE entry " << e.id << " (" << e.hours.to_string() << " hours on "
            << core::format_iso(e.completed_on) << "); it no longer counts.\n";
  return 0;
}

int run_ceu_edit(const CeuOptions& opts, app::CeLog& ce_log, core::Date today) {
  const auto e = ce_log.edit_ce(opts.id, opts.edit, today);
  std::cout << "Corrected CE entry " << e.id << ": " << e.hours.to_string() << " hours of "
            << rules::to_string(e.category) << ", " << rules::to_string(e.delivery) << ", on "
            << core::format_iso(e.completed_on) << ".\n";
  return 0;
}

} // namespace

void setup_ceu(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto* cmd = app.add_subcommand("ceu", "Log and list continuing-education hours of credentials")
                  ->require_subcommand(1);
  {
    auto o = std::make_shared<CeuOptions>();
    auto* sub = cmd->add_subcommand("log", "Log one continuing-education entry");
    sub->add_option("--credential", o->entry.credential_number, "Credential number")->required();
    sub->add_option("--date", o->entry.completed_on, "Day completed, YYYY-MM-DD")->required();
    sub->add_option("--hours", o->entry.hours, "Hours, at most two decimals, such as 1.5")
        ->required();
    sub->add_option("--category", o->entry.category,
                    "A category the credential's program names (peercert rules show lists "
                    "them), such as ethics or general")
        ->required();
    sub->add_option("--delivery", o->entry.delivery, "live or self_study")->required();
    sub->add_option("--provider", o->entry.provider, "Who gave it")->required();
    sub->add_option("--title", o->entry.title, "Course or session title")->required();
    on_run(sub, o, global, action, [](const CeuOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_ceu_log(opts, s.services.ce_log, as_of(g));
    });
  }
  {
    auto o = std::make_shared<CeuOptions>();
    auto* sub = cmd->add_subcommand(
        "import", "Import a provider's roster; all or nothing unless --skip-invalid");
    sub->footer("Columns: credential_number,completed_on,hours,category,delivery,provider,title\n"
                "(in any order; another sheet's headers with --map). Categories and deliveries\n"
                "are read in any case, with spaces or hyphens for _ (Peer Support). The same\n"
                "credential, day, provider, title and hours are the same entry: importing the\n"
                "same rows again adds nothing.");
    add_import_flags(sub, o->import, "The roster, a CSV");
    on_run(sub, o, global, action, [](const CeuOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_ceu_import(opts.import, s.services.ce_log, as_of(g));
    });
  }
  {
    auto o = std::make_shared<CeuOptions>();
    auto* sub = cmd->add_subcommand("list", "List a credential's entries and the cycle each "
                                            "counts for");
    sub->add_option("--credential", o->entry.credential_number, "Credential number")->required();
    one_of(sub->add_option("--cycle", o->cycle, "current (default) or all"), {"current", "all"});
    sub->add_flag("--all", o->all, "Voided entries too, with why they were voided");
    add_format(sub, o->format, {"table", "json"});
    on_run(sub, o, global, action, [](const CeuOptions& opts, const GlobalOptions& g) {
      Opened s(g, Access::read);
      return run_ceu_list(opts, s.services.ce_log, s.services.lifecycle, as_of(g));
    });
  }
  {
    auto o = std::make_shared<CeuOptions>();
    auto* sub = cmd->add_subcommand(
        "void", "Void an entry logged in error: it stops counting and stays on file");
    sub->add_option("id", o->id, "Entry id, as ceu list shows it")->required();
    sub->add_option("--reason", o->reason, "Why, for the audit log and ceu list --all")->required();
    on_run(sub, o, global, action, [](const CeuOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_ceu_void(opts, s.services.ce_log);
    });
  }
  {
    auto o = std::make_shared<CeuOptions>();
    auto* sub = cmd->add_subcommand(
        "edit", "Correct an entry's day, hours, category, delivery or title; the rest stay");
    sub->add_option("id", o->id, "Entry id, as ceu list shows it")->required();
    sub->add_option("--date", o->edit.completed_on, "Day completed, YYYY-MM-DD");
    sub->add_option("--hours", o->edit.hours, "Hours, at most two decimals, such as 1.5");
    sub->add_option("--category", o->edit.category, "A category the credential's program names");
    sub->add_option("--delivery", o->edit.delivery, "live or self_study");
    sub->add_option("--title", o->edit.title, "What it was");
    on_run(sub, o, global, action, [](const CeuOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_ceu_edit(opts, s.services.ce_log, as_of(g));
    });
  }
}

} // namespace peercert::cli

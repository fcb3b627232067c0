#include "cli/App.hpp"

#include "cli/Check.hpp"
#include "cli/Commands.hpp"
#include "cli/Context.hpp"
#include "cli/RulesCommand.hpp"
#include "core/Error.hpp"
#include "core/Suggest.hpp"
#include "core/Text.hpp"
#include "store/Database.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>

namespace peercert::cli {

namespace {

constexpr const char* description =
    "peercert tells a person whether they can become a certified peer specialist, and why,\n"
    "and tracks every applicant through training, exam and certification.\n"
    "Rules come from the rule files in the rules directory; see rules/README.md.";

constexpr const char* footer =
    R"(Exit status: 0 success (check: eligible), 1 check: not eligible, 3 check: not known yet
(facts missing or pending), 2 bad input or usage.

Examples:
  peercert check --program MO-CPS                       ask the questions on this terminal
  peercert check --program TX-MHPS --facts me.json --format json
  peercert check --program MO-CPS --batch applicants.csv --as-of 2026-11-24
  peercert rules show MO-CPS
  peercert applicant add --first-name Jane --last-name Doe --date-of-birth 1990-05-01
  peercert cohort create --program MO-CPS --starts 2027-03-01)";

void setup_logging(bool verbose) {
  auto logger = spdlog::stderr_color_mt("peercert");
  logger->set_pattern("peercert: %l: %v");
  logger->set_level(verbose ? spdlog::level::debug : spdlog::level::warn);
  spdlog::set_default_logger(logger);
}

/// The deepest subcommand the command line chose, and its words ("peercert ceu").
std::pair<const CLI::App*, std::string> chosen(const CLI::App& app) {
  const CLI::App* cur = &app;
  std::string words = "peercert";
  for (;;) {
    const auto subs = cur->get_subcommands();
    if (subs.empty()) {
      return {cur, words};
    }
    cur = subs.front();
    words += " " + cur->get_name();
  }
}

/// A plain sentence for a command line CLI11 refused, with "did you mean" for a mistyped
/// command or option; empty when there is nothing better to say than CLI11's own words.
std::string explain(const CLI::App& app, const CLI::ParseError& error, int argc, char** argv) {
  const auto [cur, words] = chosen(app);
  std::vector<std::string> args(argv + 1, argv + argc);
  // The words after the chosen commands' names.
  std::size_t start = 0;
  const CLI::App* at = &app;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto subs = at->get_subcommands();
    if (subs.empty()) {
      break;
    }
    if (args[i] == subs.front()->get_name()) {
      at = subs.front();
      start = i + 1;
    }
  }
  const auto subcommands = cur->get_subcommands({});
  const auto help = " Run " + words + " --help to see " +
                    (subcommands.empty() ? std::string("its options.") : "them all.");
  for (std::size_t i = start; i < args.size(); ++i) {
    const std::string& token = args[i];
    if (token == "--") {
      break;
    }
    if (token.starts_with("--")) {
      const std::string name = token.substr(0, token.find('='));
      if (cur->get_option_no_throw(name) != nullptr || app.get_option_no_throw(name) != nullptr) {
        continue;
      }
      std::vector<std::string> names;
      for (const auto* a : {cur, &app}) {
        for (const auto* o : a->get_options()) {
          for (const auto& l : o->get_lnames()) {
            names.push_back("--" + l);
          }
        }
      }
      const std::vector<std::string_view> candidates(names.begin(), names.end());
      const auto best = core::closest(name, candidates);
      return words + " has no option " + name +
             (best ? "; did you mean " + std::string(*best) + "?" : ".") + help;
    }
    if (!token.starts_with("-") && !subcommands.empty() && cur->get_subcommands().empty()) {
      std::vector<std::string> names;
      for (const auto* sub : subcommands) {
        names.push_back(sub->get_name());
      }
      const std::vector<std::string_view> candidates(names.begin(), names.end());
      const auto best = core::closest(token, candidates);
      return "\"" + token + "\" is not a command of " + words +
             (best ? "; did you mean \"" + std::string(*best) + "\"?" : ".") + help;
    }
  }
  if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr && !subcommands.empty() &&
      std::string(error.what()).find("subcommand") != std::string::npos) {
    std::vector<std::string> names;
    for (const auto* sub : subcommands) {
      names.push_back(sub->get_name());
    }
    return words + " needs a command: " + core::join(names, ", ") + "." + help;
  }
  return {};
}

} // namespace

int run(int argc, char** argv) {
  CLI::App app{description, "peercert"};
  app.footer(footer);
  app.set_version_flag("--version", PEERCERT_VERSION);
  app.require_subcommand(0, 1);
  app.fallthrough();

  GlobalOptions global;
  app.add_option("--db", global.db,
                 "Database file (default: $PEERCERT_DB, else "
                 "$XDG_DATA_HOME/peercert/peercert.db)")
      ->type_name("PATH");
  app.add_option("--actor", global.actor,
                 "Name recorded in the audit log for changes (default: $PEERCERT_ACTOR, else "
                 "the OS user)")
      ->type_name("NAME");
  app.add_option("--rules", global.rules_dir,
                 "Directory of rule files (default: $PEERCERT_RULES, else the installed rules)")
      ->type_name("DIR");
  app.add_option("--as-of", global.as_of,
                 "Judge everything as on this date, YYYY-MM-DD (default: today)")
      ->type_name("DATE");
  app.add_flag("-v,--verbose", global.verbose, "Log what peercert loads and does on stderr");

  // Each subcommand's callback only chooses what to run; it runs after parsing is complete
  // and logging is set up.
  Action action;
  setup_check(app, global, action);
  setup_rules(app, global, action);
  setup_applicant(app, global, action);
  setup_cohort(app, global, action);
  setup_exam(app, global, action);
  setup_application(app, global, action);
  setup_credential(app, global, action);
  setup_ceu(app, global, action);
  setup_renewal(app, global, action);
  setup_audit(app, global, action);
  setup_audit_ce(app, global, action);
  setup_notify(app, global, action);
  setup_serve(app, global, action);
  setup_user(app, global, action);

  try {
    app.parse(argc, argv);
    if (!action) {
      throw core::UsageError(
          "give a command, such as check or applicant. Run peercert --help to see them all.");
    }
    setup_logging(global.verbose);
    return action();
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    if (const auto sentence = explain(app, e, argc, argv); !sentence.empty()) {
      std::cerr << "peercert: " << sentence << '\n';
    } else {
      std::cerr << "peercert: " << e.what() << ". Run peercert --help for more information.\n";
    }
    return core::to_int(core::ExitStatus::bad_input);
  } catch (const core::Error& e) {
    std::cout.flush();
    std::cerr << "peercert: " << e.what() << '\n';
    return core::to_int(e.status());
  } catch (const std::exception& e) {
    std::cout.flush();
    // A full disk, a read-only or damaged file: said in plain words, exit status 4.
    if (const auto failure = store::environment_error(e, database_path(global))) {
      std::cerr << "peercert: " << failure->what() << '\n';
      return core::to_int(failure->status());
    }
    std::cerr << "peercert: internal error: " << e.what() << '\n';
    return core::to_int(core::ExitStatus::bad_input);
  }
}

} // namespace peercert::cli

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

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

/// Each group's examples, shown on its help page after its own notes.
const std::vector<std::pair<std::string, std::string>>& group_examples() {
  static const std::vector<std::pair<std::string, std::string>> examples{
      {"rules", R"(  peercert rules list
  peercert rules show MO-CPS --as-of 2026-11-24
  peercert rules test)"},
      {"applicant",
       R"(  peercert applicant add --first-name Jane --last-name Doe --date-of-birth 1990-05-01
  peercert applicant update 7 --lived-experience yes --recovery-since 2022-01-15
  peercert applicant show 7
  peercert applicant search "jane do")"},
      {"cohort", R"(  peercert cohort create --program MO-CPS --starts 2027-03-01
  peercert cohort apply --cohort 1 --applicant 7
  peercert cohort select --cohort 1 --lottery --seed 20270301
  peercert cohort attend --cohort 1 --applicant 7 --date 2027-03-01 --hours 7.5)"},
      {"exam",
       R"(  peercert exam record --applicant 7 --program MO-CPS --date 2027-04-02 --proctor "R. Lee" --passed
  peercert exam list --applicant 7)"},
      {"application", R"(  peercert application submit --applicant 7 --program MO-CPS --fee-paid 75
  peercert application approve 3
  peercert application deny 3 --reason "No passed exam on file")"},
      {"credential", R"(  peercert credential import holders.csv
  peercert credential search nunez
  peercert credential show MO-CPS-000123
  peercert credential set-status MO-CPS-000123 --status inactive --reason "Asked to go inactive"
  peercert credential renumber mo-cps-000900 MO-CPS-000900B)"},
      {"ceu", R"(  peercert ceu log --credential MO-CPS-000123 --date 2026-10-02 --hours 3 \
      --category ethics --delivery live --provider "MCB" --title "Boundaries"
  peercert ceu import roster.csv
  peercert ceu list --credential MO-CPS-000123
  peercert ceu void 42 --reason "Logged twice")"},
      {"renewal", R"(  peercert renewal status --credential MO-CPS-000123
  peercert renewal file --credential MO-CPS-000123 --fee-paid 70)"},
      {"report", R"(  peercert report reminders
  peercert report reminders --program MO-CPS --status due_soon --sort name
  peercert report reminders --format csv --bom > reminders.csv
  peercert report summary --format json)"},
      {"audit", R"(  peercert audit --entity credential --id MO-CPS-000123
  peercert audit --actor alice --from 2026-11-01 --to 2026-11-30)"},
      {"audit-ce",
       R"(  peercert audit-ce select --program GA-CPS --share 10 --seed 7 --from 2026-01-01 \
      --to 2026-06-30 --due 2026-12-31
  peercert audit-ce list
  peercert audit-ce advance 1 --to evidence_requested --note "Letter sent")"},
      {"notify",
       R"(  peercert notify reminders --from renewals@board.example --dry-run --outbox outbox/
  PEERCERT_SMTP_USER=board PEERCERT_SMTP_PASSWORD=... \
      peercert notify reminders --from renewals@board.example --smtp smtp://mail.board.example:587)"},
      {"serve", R"(  peercert serve
  peercert serve --listen 0.0.0.0:8080 --behind-https-proxy)"},
      {"user", R"(  peercert user add --name alice --role admin
  peercert user list)"},
      {"db", R"(  peercert db check
  peercert db migrate --dry-run
  peercert db rebuild-totals
  peercert db dump > before.txt)"},
  };
  return examples;
}

void setup_logging(bool verbose) {
  auto logger = spdlog::stderr_color_mt("peercert");
  logger->set_pattern("peercert: %l: %v");
  logger->set_level(verbose ? spdlog::level::debug : spdlog::level::warn);
  spdlog::set_default_logger(logger);
}

std::string to_upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
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
  const auto options = cur->get_options();
  if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr) {
    std::vector<std::string> missing;
    for (const auto* o : options) {
      if (o->get_required() && o->count() == 0) {
        missing.push_back(o->get_positional() && !o->nonpositional()
                              ? to_upper(o->get_name())
                              : "--" + o->get_lnames().front());
      }
    }
    if (!missing.empty()) {
      return words + " needs " + core::join(missing, ", ") + "." + help;
    }
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr) {
    // An option given last, or followed by another option, with no value of its own.
    for (std::size_t i = start; i < args.size(); ++i) {
      const auto* o = cur->get_option_no_throw(args[i]);
      o = o != nullptr ? o : app.get_option_no_throw(args[i]);
      if (o != nullptr && o->get_items_expected_min() > 0 &&
          (i + 1 == args.size() || args[i + 1].starts_with("--"))) {
        return args[i] + " needs a value." + help;
      }
    }
  }
  if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
    return words + " was given more words than it takes; put a value with spaces between " +
           "quotes." + help;
  }
  for (const auto* o : options) {
    if (o->count() == 0) {
      continue;
    }
    for (const auto* other : o->get_excludes()) {
      if (other->count() > 0) {
        return "Give " + o->get_name() + " or " + other->get_name() + ", not both." + help;
      }
    }
    for (const auto* other : o->get_needs()) {
      if (other->count() == 0) {
        return o->get_name() + " needs " + other->get_name() + " as well." + help;
      }
    }
  }
  return {};
}

/// The option of the chosen command that gave `field` ("completed_on" is --date for
/// `ceu log`), or empty where the value came from elsewhere (a CSV column, a facts file).
std::string flag_for(const CLI::App& app, const std::string& field) {
  if (field.empty() || field.starts_with("-")) {
    return {};
  }
  // Fields the commands take under a shorter flag than the field's own name.
  static const std::map<std::string, std::string, std::less<>> shorter{
      {"completed_on", "--date"},
      {"attended_on", "--date"},
      {"decided_on", "--on"},
      {"submitted_on", "--on"},
      {"credential_number", "--credential"}};
  std::string dashed = "--" + field;
  std::replace(dashed.begin(), dashed.end(), '_', '-');
  const auto [cur, words] = chosen(app);
  for (const auto& flag : {shorter.count(field) > 0 ? shorter.at(field) : dashed, dashed}) {
    if (cur->get_option_no_throw(flag) != nullptr || app.get_option_no_throw(flag) != nullptr) {
      return flag;
    }
  }
  // A positional argument is named as its help names it: `board add ID`.
  if (const auto* positional = cur->get_option_no_throw(field); positional != nullptr &&
                                                                positional->get_lnames().empty() &&
                                                                positional->get_snames().empty()) {
    std::string upper = field;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return upper;
  }
  return {};
}

/// Adds one or more top-level commands to the app.
using Setup = void (*)(CLI::App& app, const GlobalOptions& global, Action& action,
                       const Serve& serve);

template <void (*setup)(CLI::App&, const GlobalOptions&, Action&)>
void without_serve(CLI::App& app, const GlobalOptions& global, Action& action,
                   const Serve& /*serve*/) {
  setup(app, global, action);
}

/// Each setup and the top-level commands it adds, in the order `peercert --help` lists them. A
/// command missing here still works, only slower: a word this table does not know builds them all.
struct CommandSetup {
  std::vector<std::string_view> names;
  Setup setup;
};

const std::vector<CommandSetup>& command_setups() {
  static const std::vector<CommandSetup> setups{
      {{"check"}, without_serve<setup_check>},
      {{"rules"}, without_serve<setup_rules>},
      {{"applicant"}, without_serve<setup_applicant>},
      {{"cohort"}, without_serve<setup_cohort>},
      {{"exam"}, without_serve<setup_exam>},
      {{"application"}, without_serve<setup_application>},
      {{"credential"}, without_serve<setup_credential>},
      {{"ceu"}, without_serve<setup_ceu>},
      {{"renewal", "report"}, without_serve<setup_renewal>},
      {{"audit", "backup", "db"}, without_serve<setup_audit>},
      {{"audit-ce"}, without_serve<setup_audit_ce>},
      {{"notify"}, without_serve<setup_notify>},
      {{"serve"}, setup_serve},
      {{"board"}, without_serve<setup_board>},
      {{"user"}, without_serve<setup_user>},
      {{"settings"}, without_serve<setup_settings>},
  };
  return setups;
}

/// What the command line needs built, read from its words before CLI11 parses them: building
/// every command's options is a good part of a short command's start-up.
struct Needed {
  enum class Kind : std::uint8_t { every_command, one_command, no_command };
  Kind kind = Kind::every_command;
  std::string_view command; ///< the top-level command, for one_command
};

/// Reads the global options `app` already has, as CLI11 will, up to the first word. A known
/// command there needs only its own setup; only --version needs none. Anything else (help, no
/// command, an unknown word or option) needs every command, so that help lists them all and a
/// mistyped command gets "did you mean".
Needed needed(const CLI::App& app, int argc, char** argv) {
  const Needed every{};
  bool version = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view word = argv[i];
    if (!word.starts_with("-")) {
      for (const auto& setup : command_setups()) {
        if (std::find(setup.names.begin(), setup.names.end(), word) != setup.names.end()) {
          return {Needed::Kind::one_command, word};
        }
      }
      return every;
    }
    const bool long_name = word.starts_with("--");
    if (!long_name && word.size() != 2) {
      return every; // several short flags in one word, or a value glued to one
    }
    const auto equals = word.find('=');
    const auto* option =
        app.get_option_no_throw(std::string(long_name ? word.substr(0, equals) : word));
    if (option == nullptr || option == app.get_help_ptr()) {
      return every;
    }
    if (option == app.get_version_ptr()) {
      version = true;
    } else if (equals == std::string_view::npos && option->get_items_expected_min() > 0) {
      ++i; // CLI11 takes the next word as the value, whatever it looks like
      if (i == argc) {
        return every;
      }
    }
  }
  return version ? Needed{Needed::Kind::no_command, {}} : every;
}

bool has_command(CLI::App& app, std::string_view name) {
  return !app.get_subcommands([name](CLI::App* sub) { return sub->get_name() == name; }).empty();
}

/// The peercert command line with its global options and, of its commands, those `argv` needs.
std::unique_ptr<CLI::App> make_app(GlobalOptions& global, Action& action, const Serve& serve,
                                   int argc, char** argv, bool every_command = false) {
  auto made = std::make_unique<CLI::App>(description, "peercert");
  CLI::App& app = *made;
  app.set_version_flag("--version", PEERCERT_VERSION);
  app.require_subcommand(0, 1);
  app.fallthrough();

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
  app.add_option("--board", global.board,
                 "Act on this board's programs only: other boards' records are not found and "
                 "cannot be changed; with serve, the public pages show only this board's "
                 "(default: every board)")
      ->type_name("ID");
  app.add_option("--as-of", global.as_of,
                 "Judge everything as on this date, YYYY-MM-DD (default: today)")
      ->type_name("DATE");
  app.add_flag("-v,--verbose", global.verbose, "Log what peercert loads and does on stderr");

  // Each subcommand's callback only chooses what to run; it runs after parsing is complete
  // and logging is set up.
  const auto need = every_command ? Needed{} : needed(app, argc, argv);
  for (const auto& setup : command_setups()) {
    if (need.kind == Needed::Kind::every_command ||
        (need.kind == Needed::Kind::one_command &&
         std::find(setup.names.begin(), setup.names.end(), need.command) != setup.names.end())) {
      setup.setup(app, global, action, serve);
    }
  }
  if (need.kind == Needed::Kind::one_command && !has_command(app, need.command)) {
    // The table above no longer says which setup adds this command: build them all.
    return make_app(global, action, serve, argc, argv, true);
  }
  check_numbers(app);
  // Footers are set last, so that a command does not inherit the one of the command above it.
  for (const auto& [name, examples] : group_examples()) {
    if (!has_command(app, name)) {
      continue;
    }
    auto* group = app.get_subcommand(name);
    const auto own = group->get_footer();
    group->footer((own.empty() ? "" : own + "\n\n") + "Examples:\n" + examples);
  }
  app.footer(footer);
  return made;
}

} // namespace

int run(int argc, char** argv, const Serve& serve) {
  GlobalOptions global;
  Action action;
  const auto made = make_app(global, action, serve, argc, argv);
  CLI::App& app = *made;

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
      std::cerr << "peercert: " << core::terminal_safe(sentence) << '\n';
    } else {
      std::cerr << "peercert: " << core::terminal_safe(e.what()) << ". Run " << chosen(app).second
                << " --help for more information.\n";
    }
    return core::to_int(core::ExitStatus::bad_input);
  } catch (const core::InputError& e) {
    std::cout.flush();
    const auto flag = flag_for(app, e.field());
    std::cerr << "peercert: "
              << core::terminal_safe(flag.empty() ? std::string(e.what()) : e.said_of(flag))
              << '\n';
    return core::to_int(e.status());
  } catch (const core::Error& e) {
    std::cout.flush();
    std::cerr << "peercert: " << core::terminal_safe(e.what()) << '\n';
    return core::to_int(e.status());
  } catch (const std::exception& e) {
    std::cout.flush();
    // A full disk, a read-only or damaged file: said in plain words, exit status 4.
    if (const auto failure = store::environment_error(e, database_location(global))) {
      std::cerr << "peercert: " << core::terminal_safe(failure->what()) << '\n';
      return core::to_int(failure->status());
    }
    std::cerr << "peercert: internal error: " << core::terminal_safe(e.what()) << '\n';
    return core::to_int(core::ExitStatus::bad_input);
  }
}

} // namespace peercert::cli

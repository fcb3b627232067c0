#pragma once

#include "app/Services.hpp"
#include "core/Date.hpp"
#include "rules/ProgramCatalog.hpp"
#include "store/Database.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace peercert::cli {

/// Options every command takes (DESIGN.md, "CLI contract").
struct GlobalOptions {
  std::string db;        ///< empty: $PEERCERT_DB, else $XDG_DATA_HOME/peercert/peercert.db
  std::string rules_dir; ///< empty: $PEERCERT_RULES, else the installed or source rules/
  std::string as_of;     ///< empty: today's local date
  std::string actor;     ///< empty: $PEERCERT_ACTOR, else the OS user
  std::string board;     ///< empty: every board; else only this board's records
  bool verbose = false;
};

/// What the chosen subcommand runs once parsing is done; returns the exit status.
using Action = std::function<int()>;

/// The rules directory to use: --rules, $PEERCERT_RULES, the installed one, the source one.
std::filesystem::path rules_dir(const GlobalOptions& options);

/// The --as-of date, or today's local date. A malformed date is a UsageError.
core::Date as_of(const GlobalOptions& options);

/// The database file: --db, $PEERCERT_DB, $XDG_DATA_HOME/peercert/peercert.db, or
/// ~/.local/share/peercert/peercert.db.
store::Location database_location(const GlobalOptions& options);

/// Who writes: --actor, else $PEERCERT_ACTOR, else the OS user. The clock is UTC, or $PEERCERT_NOW
/// when set (so tests can fix the audit log's times).
app::Actor actor(const GlobalOptions& options);

/// What a command does with the database. A command that only reads refuses a database that
/// does not exist yet rather than making an empty one (and reporting that nobody is due).
enum class Access : std::uint8_t { read, write };

/// What a command runs over, opened once after parsing: the rules, the database (brought
/// forward) and the services the composition root (app::Services) builds over them. No
/// command receives it: the glue in each setup_x hands the command's run_x function only the
/// services it calls.
struct Opened {
  /// `program`: the --program the command was given, if any: one the rules directory does not
  /// define is refused, naming it, before the database is opened.
  explicit Opened(const GlobalOptions& options, Access access = Access::write,
                  std::string_view program = {});
  Opened(const Opened&) = delete;
  Opened& operator=(const Opened&) = delete;

  rules::ProgramCatalog programs;
  store::Database db;
  app::Actor who; ///< looked up once: the OS user may take a file read
  app::Services services;
};

/// Registers what a subcommand runs, so that it runs after parsing and logging set-up.
template <class Options, class Run>
void on_run(CLI::App* sub, std::shared_ptr<Options> options, const GlobalOptions& global,
            Action& action, Run run) {
  sub->callback([options, &global, &action, run] {
    action = [options, &global, run] { return run(*options, global); };
  });
}

/// Allows only `allowed` as the option's value; anything else is refused with one sentence
/// naming the option and its values ("--sort must be expires, name or status.").
CLI::Option* one_of(CLI::Option* option, std::vector<std::string> allowed);
/// A --program option: program ids are upper-case in every rule file, so "pa-cps" is read
/// as PA-CPS.
CLI::Option* program_id(CLI::Option* option);

/// Allows only a whole number from `low` to `high`, refused as "--within must be a whole
/// number of days from 0 to 3650." (`unit` "days"; empty for a plain number).
CLI::Option* whole_number(CLI::Option* option, long long low, long long high,
                          const std::string& unit = {});

/// Allows only a number from `low` to `high`, refused as "--header-seconds must be a number
/// of seconds from 0.1 to 600."
CLI::Option* number_between(CLI::Option* option, double low, double high,
                            const std::string& unit = {});

/// Gives every numeric option of `app` and its commands that has no check of its own one that
/// refuses what is not a number in one sentence naming the option.
void check_numbers(CLI::App& app);

/// Adds `--encoding utf-8|windows-1252` (default utf-8) to a command that reads a file.
CLI::Option* add_encoding(CLI::App* sub, std::string& encoding);

/// Opens `path` (or standard input for "-") and hands it to `read` as UTF-8, converting it
/// from Windows-1252 when `encoding` says so; `read` gets the name to use in messages.
void read_input(const std::string& path, const std::string& encoding,
                const std::function<void(std::istream&, const std::string&)>& read);

/// Adds `--format` with its allowed values; the first is the default.
CLI::Option* add_format(CLI::App* sub, std::string& format,
                        std::initializer_list<std::string> allowed);

} // namespace peercert::cli

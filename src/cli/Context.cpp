#include "cli/Context.hpp"
#include "rules/ProgramId.hpp"

#include "core/Text.hpp"

#include <fstream>
#include <iostream>

#include "app/History.hpp"

#include "core/Error.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <optional>
#include <pwd.h>
#include <sstream>
#include <unistd.h>

namespace peercert::cli {

namespace {
std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string{} : std::string(v);
}
} // namespace

std::filesystem::path rules_dir(const GlobalOptions& options) {
  if (!options.rules_dir.empty()) {
    return options.rules_dir;
  }
  if (auto dir = env("PEERCERT_RULES"); !dir.empty()) {
    return dir;
  }
  std::error_code ec;
  if (std::filesystem::is_directory(PEERCERT_INSTALLED_RULES_DIR, ec)) {
    return PEERCERT_INSTALLED_RULES_DIR;
  }
  return PEERCERT_SOURCE_RULES_DIR;
}

core::Date as_of(const GlobalOptions& options) {
  if (options.as_of.empty()) {
    return core::today_local();
  }
  if (auto d = core::parse_date(options.as_of)) {
    return *d;
  }
  throw core::UsageError("--as-of must be a real date written YYYY-MM-DD, such as 2026-11-24.");
}

store::Location database_location(const GlobalOptions& options) {
  if (!options.db.empty()) {
    return store::Location::parse(options.db);
  }
  if (auto db = env("PEERCERT_DB"); !db.empty()) {
    return store::Location::parse(db);
  }
  if (auto data = env("XDG_DATA_HOME"); !data.empty()) {
    return std::filesystem::path(data) / "peercert" / "peercert.db";
  }
  if (auto home = env("HOME"); !home.empty()) {
    return std::filesystem::path(home) / ".local" / "share" / "peercert" / "peercert.db";
  }
  throw core::UsageError("Say where the database is: --db PATH or $PEERCERT_DB.");
}

app::Actor actor(const GlobalOptions& options) {
  app::Actor out;
  out.name = options.actor.empty() ? env("PEERCERT_ACTOR") : options.actor;
  if (out.name.empty()) {
    if (const passwd* pw = getpwuid(geteuid()); pw != nullptr && pw->pw_name != nullptr) {
      out.name = pw->pw_name;
    } else if (auto user = env("USER"); !user.empty()) {
      out.name = user;
    } else {
      out.name = "uid " + std::to_string(geteuid());
    }
  }
  if (auto fixed = env("PEERCERT_NOW"); !fixed.empty()) {
    out.now = [fixed] { return fixed; };
  } else {
    out.now = app::utc_now;
  }
  return out;
}

namespace {

/// The database for a command: made on first use by a command that writes; refused, naming
/// the path, for one that only reads.
store::Database open_database(const GlobalOptions& options, Access access) {
  const auto path = database_location(options);
  if (access == Access::read && !store::exists(path)) {
    throw core::InputError("There is no database at " + path.shown() +
                               " yet; peercert makes one with the first command that records "
                               "something, such as peercert credential import FILE or peercert "
                               "applicant add. Give --db for another file.",
                           "db");
  }
  return store::Database::open(path);
}

/// The database, once a --program the command was given is known to be one of `programs`:
/// a mistyped program is refused before anything is opened or made.
store::Database open_for(const rules::ProgramCatalog& programs, std::string_view program,
                         const GlobalOptions& options, Access access) {
  if (!program.empty() && !programs.has(program)) {
    throw core::InputError::about("program", "is not a program of the rules directory (" +
                                                 core::join(programs.ids(), ", ") + ").");
  }
  return open_database(options, access);
}

} // namespace

namespace {

/// The actor of a command, seeing only the records of --board's programs when it is given.
app::Actor actor_on(const GlobalOptions& options, const store::Database& db,
                    const rules::ProgramCatalog& programs) {
  auto out = actor(options);
  if (!options.board.empty()) {
    out.scope = app::Boards(db, programs, out).scope_of_board(options.board, "--board");
  }
  return out;
}

} // namespace

Opened::Opened(const GlobalOptions& options, Access access, std::string_view program)
    : programs(rules_dir(options)), db(open_for(programs, program, options, access)),
      who(actor_on(options, db, programs)), services(db, programs, who) {
  app::bring_forward(db, programs, who);
}

namespace {

/// "a, b or c".
std::string or_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == items.size() ? " or " : ", ") + items[i];
  }
  return out;
}

/// The name a person types for `option`: its long flag, or its name as a positional.
std::string typed_name(const CLI::Option* option) {
  const auto& longs = option->get_lnames();
  if (!longs.empty()) {
    return "--" + longs.front();
  }
  std::string name = option->get_name();
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return name;
}

/// A validator that refuses by throwing: CLI11 lets other exceptions than its own through, so
/// the sentence reaches the person as written, not behind "NAME: ".
CLI::Validator refusing(std::function<bool(const std::string&)> ok, std::string sentence,
                        std::string description) {
  return {[ok = std::move(ok), sentence = std::move(sentence)](std::string& value) -> std::string {
            if (!ok(value)) {
              throw core::UsageError(sentence);
            }
            return {};
          },
          std::move(description)};
}

} // namespace

CLI::Option* one_of(CLI::Option* option, std::vector<std::string> allowed) {
  const std::string sentence = typed_name(option) + " must be " + or_list(allowed) + ".";
  return option->check(refusing(
      [allowed](const std::string& v) {
        return std::find(allowed.begin(), allowed.end(), v) != allowed.end();
      },
      sentence, "{" + core::join(allowed, ",") + "}"));
}

CLI::Option* program_id(CLI::Option* option) {
  return option->transform([](const std::string& v) { return rules::program_id(v); }, "", "");
}

CLI::Option* whole_number(CLI::Option* option, long long low, long long high,
                          const std::string& unit) {
  const std::string sentence = typed_name(option) + " must be a whole number" +
                               (unit.empty() ? "" : " of " + unit) + " from " +
                               std::to_string(low) + " to " + std::to_string(high) + ".";
  return option->check(refusing(
      [low, high](const std::string& v) {
        const auto n = core::parse_number<long long>(v);
        return n && *n >= low && *n <= high;
      },
      sentence, "in [" + std::to_string(low) + " - " + std::to_string(high) + "]"));
}

CLI::Option* number_between(CLI::Option* option, double low, double high, const std::string& unit) {
  std::ostringstream range;
  range << low << " to " << high;
  const std::string sentence = typed_name(option) + " must be a number" +
                               (unit.empty() ? "" : " of " + unit) + " from " + range.str() + ".";
  return option->check(refusing(
      [low, high](const std::string& v) {
        const auto n = core::parse_number<double>(v);
        return n && *n >= low && *n <= high;
      },
      sentence, "in [" + range.str() + "]"));
}

void check_numbers(CLI::App& app) {
  for (auto* option : app.get_options()) {
    const auto type = option->get_type_name();
    if (type == "INT" || type == "UINT") {
      option->check(refusing(
          [](const std::string& v) { return core::parse_number<long long>(v).has_value(); },
          typed_name(option) + " must be a whole number, such as 3.", {}));
    } else if (type == "FLOAT") {
      option->check(
          refusing([](const std::string& v) { return core::parse_number<double>(v).has_value(); },
                   typed_name(option) + " must be a number, such as 2.5.", {}));
    }
  }
  for (auto* sub : app.get_subcommands({})) {
    check_numbers(*sub);
  }
}

CLI::Option* add_encoding(CLI::App* sub, std::string& encoding) {
  encoding = "utf-8";
  return one_of(sub->add_option("--encoding", encoding,
                                "The file's text: utf-8 (default) or "
                                "windows-1252 (Excel's \"ANSI\" CSV)"),
                {"utf-8", "windows-1252"})
      ->type_name("ENCODING");
}

void read_input(const std::string& path, const std::string& encoding,
                const std::function<void(std::istream&, const std::string&)>& read) {
  std::ifstream file;
  std::istream* in = &std::cin;
  std::string name = "standard input";
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) {
      throw core::InputError("The file " + path + " cannot be read.");
    }
    in = &file;
    name = path;
  }
  if (encoding == "windows-1252") {
    core::Windows1252Reader converted(*in);
    read(converted, name);
  } else {
    read(*in, name);
  }
}

CLI::Option* add_format(CLI::App* sub, std::string& format,
                        std::initializer_list<std::string> allowed) {
  format = *allowed.begin();
  std::string help = "Output: ";
  for (const auto& a : allowed) {
    help += (a == *allowed.begin() ? "" : ", ") + a;
  }
  help += " (default " + *allowed.begin() + ")";
  return one_of(sub->add_option("--format", format, help), allowed)->type_name("FORMAT");
}

} // namespace peercert::cli

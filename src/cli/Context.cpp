#include "cli/Context.hpp"

#include "core/Text.hpp"

#include <fstream>
#include <iostream>

#include "app/Lifecycle.hpp"

#include "core/Error.hpp"

#include <cstdlib>
#include <pwd.h>
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

std::filesystem::path database_path(const GlobalOptions& options) {
  if (!options.db.empty()) {
    return options.db;
  }
  if (auto db = env("PEERCERT_DB"); !db.empty()) {
    return db;
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
  const auto path = database_path(options);
  std::error_code ec;
  if (access == Access::read && !std::filesystem::exists(path, ec)) {
    throw core::InputError("There is no database at " + path.string() +
                               " yet; peercert makes one with the first command that records "
                               "something, such as peercert credential import FILE or peercert "
                               "applicant add. Give --db for another file.",
                           "db");
  }
  return store::Database::open(path);
}

} // namespace

Session::Session(const GlobalOptions& options, Access access)
    : programs(rules_dir(options)), db(open_database(options, access)),
      applicants(db, programs, actor(options)), cohorts(db, programs, actor(options)),
      certification(db, programs, actor(options)), credentials(db, programs, actor(options)),
      renewals(db, programs, actor(options)), privacy(db, programs, actor(options)) {
  app::bring_forward(db, programs, actor(options));
}

CLI::Option* add_encoding(CLI::App* sub, std::string& encoding) {
  encoding = "utf-8";
  return sub
      ->add_option("--encoding", encoding,
                   "The file's text: utf-8 (default) or windows-1252 (Excel's \"ANSI\" CSV)")
      ->check(CLI::IsMember({"utf-8", "windows-1252"}))
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
  return sub->add_option("--format", format, help)
      ->check(CLI::IsMember(allowed))
      ->type_name("FORMAT");
}

} // namespace peercert::cli

#include "cli/Commands.hpp"

#include "app/Audit.hpp"
#include "app/CeLog.hpp"
#include "app/Credentials.hpp"
#include "report/TrackerReport.hpp"
#include "store/Copy.hpp"
#include "store/Dump.hpp"

#include <iostream>
#include <memory>

namespace peercert::cli {

namespace {
struct AuditOptions {
  bool dry_run = false;
  std::string entity;
  std::string id;
  std::string actor;
  std::string from;
  std::string to;
  std::string file;
  std::string format;
};

int run_backup(const AuditOptions& opts, const store::Database& db) {
  db.backup_to(opts.file);
  std::cout << "Backed up " << db.location().shown() << " to " << opts.file << ".\n";
  return 0;
}

int run_db_migrate(const AuditOptions& opts, const store::Location& path) {
  if (!store::exists(path)) {
    throw core::InputError("There is no database at " + path.shown() +
                           ": peercert makes one, at the newest schema, on first use.");
  }
  auto db = store::Database::open(path, store::Database::Schema::as_it_is);
  const int from = db.schema_version();
  const auto steps = opts.dry_run ? db.pending_migrations() : db.migrate();
  const int to = steps.empty() ? from : steps.back().version;
  if (opts.format == "json") {
    report::Json names = report::Json::array();
    for (const auto& m : steps) {
      names.push_back(m.name);
    }
    std::cout << report::Json{{"database", path.shown()},
                              {"from", from},
                              {"to", to},
                              {"migrations", names},
                              {"dry_run", opts.dry_run}}
                     .dump(2)
              << '\n';
    return 0;
  }
  if (steps.empty()) {
    std::cout << path.shown() << " is at schema " << from
              << ", the newest this peercert knows: nothing to do.\n";
    return 0;
  }
  std::cout << (opts.dry_run ? "Would bring " : "Brought ") << path.shown() << " from schema "
            << from << " to " << to << ":\n";
  for (const auto& m : steps) {
    std::cout << "  " << m.name << '\n';
  }
  if (opts.dry_run) {
    std::cout << "Nothing was written (--dry-run). Back up first: peercert backup FILE.\n";
  }
  return 0;
}

/// A value as PostgreSQL's COPY text format writes one: \N for NULL; backslash, tab, line feed
/// and carriage return escaped.
std::string dump_text(const store::DumpValue& value) {
  if (!value) {
    return "\\N";
  }
  std::string out;
  for (char c : *value) {
    switch (c) {
    case '\\':
      out += "\\\\";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    default:
      out += c;
    }
  }
  return out;
}

int run_db_dump(const store::Location& path) {
  if (!store::exists(path)) {
    throw core::InputError("There is no database at " + path.shown() + " to dump.");
  }
  // As it is: a dump never brings the file forward or writes to it.
  const auto db = store::Database::open(path, store::Database::Schema::as_it_is);
  std::string out = "schema " + std::to_string(db.schema_version()) + "\n";
  store::dump(
      db,
      [&out](const store::DumpTable& t) {
        out += "\ntable " + t.name + ":";
        for (std::size_t i = 0; i < t.columns.size(); ++i) {
          out += (i == 0 ? " " : "\t") + t.columns[i];
        }
        out += '\n';
      },
      [&out](const std::vector<store::DumpValue>& row) {
        for (std::size_t i = 0; i < row.size(); ++i) {
          if (i > 0) {
            out += '\t';
          }
          out += dump_text(row[i]);
        }
        out += '\n';
        if (out.size() >= 64U * 1024U) {
          std::cout << out;
          out.clear();
        }
      });
  std::cout << out;
  return 0;
}

int run_db_copy(const AuditOptions& opts, const store::Location& source) {
  if (!store::exists(source)) {
    throw core::InputError("There is no database at " + source.shown() + " to copy.");
  }
  const auto target = store::Location::parse(opts.to);
  if (!target.is_server() && !source.is_server() &&
      std::filesystem::weakly_canonical(target.file()) ==
          std::filesystem::weakly_canonical(source.file())) {
    throw core::InputError("--to names the database being copied; give another one.", "to");
  }
  const auto from = store::Database::open(source);
  const bool made_here = !store::exists(target);
  std::vector<store::CopiedTable> tables;
  try {
    const auto to = store::Database::open(target);
    tables = store::copy_database(from, to);
  } catch (...) {
    // A file made for the copy goes with it: a copy that did not happen leaves nothing.
    if (made_here) {
      std::error_code ec;
      std::filesystem::remove(target.file(), ec);
      std::filesystem::remove(target.file().string() + "-wal", ec);
      std::filesystem::remove(target.file().string() + "-shm", ec);
    }
    throw;
  }
  std::int64_t rows = 0;
  for (const auto& t : tables) {
    rows += t.rows;
  }
  if (opts.format == "json") {
    report::Json list = report::Json::array();
    for (const auto& t : tables) {
      list.push_back({{"table", t.name}, {"rows", t.rows}});
    }
    std::cout << report::Json{{"from", source.shown()},
                              {"to", target.shown()},
                              {"tables", list},
                              {"rows", rows}}
                     .dump(2)
              << '\n';
    return 0;
  }
  std::size_t width = 0;
  for (const auto& t : tables) {
    width = std::max(width, t.name.size());
  }
  std::cout << "Copied " << source.shown() << " to " << target.shown() << ":\n";
  for (const auto& t : tables) {
    std::cout << "  " << t.name << std::string(width - t.name.size() + 2, ' ') << t.rows << '\n';
  }
  std::cout << tables.size() << " tables, " << rows << (rows == 1 ? " row" : " rows")
            << " in all; sessions, login counts and reminder claims stay behind.\n";
  return 0;
}

int run_db_check(const AuditOptions& opts, app::Credentials& credentials,
                 const store::Database& db) {
  db.require_intact();
  const auto pairs = credentials.look_alikes();
  if (opts.format == "json") {
    report::Json list = report::Json::array();
    for (const auto& [a, b] : pairs) {
      list.push_back(
          {{"credential_numbers", {a.number, b.number}}, {"programs", {a.program, b.program}}});
    }
    std::cout << report::Json{{"intact", true}, {"look_alike_numbers", list}}.dump(2) << '\n';
  } else {
    std::cout << (db.is_server() ? "The database is a PostgreSQL server's: its pages are the "
                                   "server's to check.\n"
                                 : "The file's pages and indexes hold together.\n");
    if (pairs.empty()) {
      std::cout << "No credential numbers differ only in case.\n";
    } else {
      std::cout << pairs.size()
                << (pairs.size() == 1 ? " pair of credential numbers differs"
                                      : " pairs of credential numbers differ")
                << " only in case; give one of each pair another number with peercert "
                   "credential renumber OLD NEW:\n";
      for (const auto& [a, b] : pairs) {
        std::cout << "  " << a.number << " (" << a.program << ")  " << b.number << " (" << b.program
                  << ")\n";
      }
    }
  }
  return pairs.empty() ? 0 : 1;
}

int run_db_rebuild_totals(const AuditOptions& opts, app::CeLog& ce_log) {
  const auto done = ce_log.rebuild_totals();
  if (opts.format == "json") {
    std::cout << app::totals_rebuild_json(done).dump(2) << '\n';
  } else {
    std::cout << "Counted the CE totals of " << done.credentials << " credential"
              << (done.credentials == 1 ? "" : "s") << " again from their entries: " << done.rows
              << " total" << (done.rows == 1 ? "" : "s") << ", "
              << (done.stale == 0 ? std::string("all as kept")
                                  : std::to_string(done.stale) + " kept one" +
                                        (done.stale == 1 ? "" : "s") + " differed") +
                     ".\n";
    std::cout << "Made the reminder layout of " << done.layout.rows << " credential"
              << (done.layout.rows == 1 ? "" : "s") << " again: "
              << (done.layout.stale == 0 ? std::string("all as kept")
                                         : std::to_string(done.layout.stale) + " kept row" +
                                               (done.layout.stale == 1 ? "" : "s") + " differed")
              << ".\n";
  }
  return 0;
}

int run_audit(const AuditOptions& opts, const store::AuditQuery& filter,
              app::AuditTrail& audit_trail) {
  const auto entries = audit_trail.entries(filter);
  if (opts.format == "json") {
    report::Json list = report::Json::array();
    for (const auto& e : entries) {
      list.push_back(report::audit_json(e));
    }
    std::cout << list.dump(2) << '\n';
  } else {
    std::cout << report::audit_table(entries);
  }
  return 0;
}

} // namespace

namespace {

/// Refuses --board for a command that reads or copies every board's records at once.
void whole_installation(const GlobalOptions& g, const std::string& command) {
  if (!g.board.empty()) {
    throw core::UsageError(command + " covers every board's records: it takes no --board.");
  }
}

} // namespace

void setup_audit(CLI::App& app, const GlobalOptions& global, Action& action) {
  {
    auto o = std::make_shared<AuditOptions>();
    auto* sub = app.add_subcommand("audit", "Who changed what and when: the append-only log");
    sub->add_option("--entity", o->entity,
                    "Only entries about this kind of record: " + app::audit_entities_text());
    sub->add_option("--id", o->id,
                    "Only entries about this one (with --entity); a credential's include its CE "
                    "entries, roster imports, renewals and status changes");
    sub->add_option("--actor", o->actor, "Only changes made by this staff user or OS user");
    sub->add_option("--from", o->from, "Only changes on or after this UTC day, YYYY-MM-DD");
    sub->add_option("--to", o->to, "Only changes on or before this UTC day, YYYY-MM-DD");
    add_format(sub, o->format, {"table", "json"});
    sub->footer("The table shows what each change changed; --format json gives the values "
                "before and after in full.");
    on_run(sub, o, global, action, [](const AuditOptions& opts, const GlobalOptions& g) {
      store::AuditQuery filter{opts.entity, opts.id, opts.actor, std::nullopt, std::nullopt};
      if (!opts.from.empty()) {
        filter.from = core::parse_date_field(opts.from, "from");
      }
      if (!opts.to.empty()) {
        filter.to = core::parse_date_field(opts.to, "to");
      }
      Opened s(g, Access::read);
      return run_audit(opts, filter, s.services.audit_trail);
    });
  }
  {
    auto o = std::make_shared<AuditOptions>();
    auto* sub = app.add_subcommand(
        "backup", "Copy the database consistently, even while staff write, to a new file");
    sub->add_option("file", o->file, "The new file (it must not exist yet)")->required();
    on_run(sub, o, global, action, [](const AuditOptions& opts, const GlobalOptions& g) {
      whole_installation(g, "backup");
      Opened s(g, Access::read);
      return run_backup(opts, s.db);
    });
  }
  {
    auto* db = app.add_subcommand("db", "Look after the database")->require_subcommand(1);
    {
      auto o = std::make_shared<AuditOptions>();
      auto* sub = db->add_subcommand(
          "check", "Check the file's integrity and list what staff must mend: credential "
                   "numbers that differ only in case");
      add_format(sub, o->format, {"table", "json"});
      sub->footer("Exit status 0 when there is nothing to mend, 1 when something is listed, 4 "
                  "when the file is damaged. Mend a look-alike pair with peercert credential "
                  "renumber OLD NEW.");
      on_run(sub, o, global, action, [](const AuditOptions& opts, const GlobalOptions& g) {
        Opened s(g, Access::read);
        return run_db_check(opts, s.services.credentials, s.db);
      });
    }
    {
      auto o = std::make_shared<AuditOptions>();
      auto* sub = db->add_subcommand(
          "migrate", "Bring the database's schema forward to this peercert's, and say how");
      sub->add_flag("--dry-run", o->dry_run, "Say which migrations would run; change nothing");
      add_format(sub, o->format, {"text", "json"});
      sub->footer("peercert also brings a database forward the first time a newer peercert opens "
                  "it; this does it\nexplicitly, as an upgrade's second step: back up, migrate, "
                  "restart (README, \"Upgrading\").\nEach migration runs in its own transaction; "
                  "a database newer than this peercert is refused.");
      on_run(sub, o, global, action, [](const AuditOptions& opts, const GlobalOptions& g) {
        const int status = run_db_migrate(opts, database_location(g));
        if (!opts.dry_run) {
          // The records an older schema lacked (certificate periods of first-edition
          // credentials) are written now too, from the rule files, rather than at next use.
          const Opened done(g);
        }
        return status;
      });
    }
    {
      auto o = std::make_shared<AuditOptions>();
      auto* sub = db->add_subcommand(
          "copy", "Copy the whole database into an empty one: SQLite to PostgreSQL and back");
      sub->add_option("--to", o->to,
                      "The empty database to copy into: a file path (made if missing) or a "
                      "postgresql:// URL")
          ->required();
      add_format(sub, o->format, {"text", "json"});
      sub->footer(
          "Every table is read from one snapshot and written in one transaction, ids kept: "
          "every record,\nthe audit log and the reminders sent. Sessions, login counts and "
          "reminder claims stay behind.\nThe target must hold no records; a copy that fails "
          "writes nothing. Both databases are\nbrought to this peercert's schema first.");
      on_run(sub, o, global, action, [](const AuditOptions& opts, const GlobalOptions& g) {
        whole_installation(g, "db copy");
        return run_db_copy(opts, database_location(g));
      });
    }
    {
      auto o = std::make_shared<AuditOptions>();
      auto* sub = db->add_subcommand(
          "dump", "Print every table's rows in a fixed order, to compare two databases");
      sub->footer(
          "The tables by name, each as a line \"table NAME: COLUMNS\" and then its rows, one "
          "a line,\ncolumns by name and rows in the order of their values, in PostgreSQL COPY's "
          "text form (tab between\nvalues, \\N for none): two databases holding the same data "
          "dump the same, however it was\nwritten. It prints personal data (dates of birth, "
          "contact details, check results):\nkeep and delete what it writes as you do backups. "
          "The database is only read.");
      on_run(sub, o, global, action, [](const AuditOptions&, const GlobalOptions& g) {
        whole_installation(g, "db dump");
        return run_db_dump(database_location(g));
      });
    }
    auto o = std::make_shared<AuditOptions>();
    auto* sub = db->add_subcommand(
        "rebuild-totals", "Count every certificate period's CE hours again from the entries");
    add_format(sub, o->format, {"table", "json"});
    sub->footer("peercert keeps each period's CE hours per kind in step with every entry "
                "logged, imported, voided or edited, and reads them for the reminder report. "
                "This counts them again from the entries themselves and says how many kept "
                "totals differed; it is safe to run at any time.");
    on_run(sub, o, global, action, [](const AuditOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_db_rebuild_totals(opts, s.services.ce_log);
    });
  }
}

} // namespace peercert::cli

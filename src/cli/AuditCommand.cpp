#include "cli/Commands.hpp"

#include "report/TrackerReport.hpp"

#include <iostream>
#include <memory>

namespace peercert::cli {

namespace {
struct AuditOptions {
  std::string entity;
  std::string id;
  std::string file;
  std::string format;
};
} // namespace

void setup_audit(CLI::App& app, const GlobalOptions& global, Action& action) {
  {
    auto o = std::make_shared<AuditOptions>();
    auto* sub = app.add_subcommand("audit", "Who changed what and when: the append-only log");
    sub->add_option("--entity", o->entity,
                    "Only this kind: applicant, cohort, cohort_member, exam, application, "
                    "credential");
    sub->add_option("--id", o->id, "Only this one (with --entity)")->needs("--entity");
    add_format(sub, o->format, {"table", "json"});
    on_run(sub, o, global, action, [](const AuditOptions& opts, const GlobalOptions& g) {
      Session s(g);
      const auto entries = s.tracker.audit(opts.entity, opts.id);
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
    });
  }
  {
    auto o = std::make_shared<AuditOptions>();
    auto* sub = app.add_subcommand(
        "backup", "Copy the database consistently, even while staff write, to a new file");
    sub->add_option("file", o->file, "The new file (it must not exist yet)")->required();
    on_run(sub, o, global, action, [](const AuditOptions& opts, const GlobalOptions& g) {
      Session s(g);
      s.db.backup_to(opts.file);
      std::cout << "Backed up " << database_path(g).string() << " to " << opts.file << ".\n";
      return 0;
    });
  }
}

} // namespace peercert::cli

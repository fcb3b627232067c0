#include "cli/Commands.hpp"

#include "core/Error.hpp"
#include "report/TrackerReport.hpp"

#include <fstream>
#include <iostream>
#include <memory>

namespace peercert::cli {

namespace {
struct CredentialOptions {
  std::string number;
  std::string program;
  std::string file;
  std::string format;
};
} // namespace

void setup_credential(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto* cmd =
      app.add_subcommand("credential", "Look up and import credentials")->require_subcommand(1);
  {
    auto o = std::make_shared<CredentialOptions>();
    auto* sub = cmd->add_subcommand("show", "Show a credential");
    sub->add_option("number", o->number, "Credential number, such as MO-CPS-000123")->required();
    add_format(sub, o->format, {"text", "json"});
    on_run(sub, o, global, action, [](const CredentialOptions& opts, const GlobalOptions& g) {
      Session s(g);
      const auto c = s.tracker.credential(opts.number);
      std::cout << (opts.format == "json" ? report::credential_json(c).dump(2) + "\n"
                                          : report::credential_text(c));
      return 0;
    });
  }
  {
    auto o = std::make_shared<CredentialOptions>();
    auto* sub = cmd->add_subcommand("list", "List credentials");
    sub->add_option("--program", o->program, "Only this program's");
    add_format(sub, o->format, {"table", "json"});
    on_run(sub, o, global, action, [](const CredentialOptions& opts, const GlobalOptions& g) {
      Session s(g);
      const auto list = s.tracker.credentials(opts.program);
      if (opts.format == "json") {
        report::Json j = report::Json::array();
        for (const auto& c : list) {
          j.push_back(report::credential_json(c));
        }
        std::cout << j.dump(2) << '\n';
      } else {
        std::cout << report::credentials_table(list);
      }
      return 0;
    });
  }
  {
    auto o = std::make_shared<CredentialOptions>();
    auto* sub = cmd->add_subcommand(
        "import", "Bring in existing credential holders from a CSV: all rows or none; rows "
                  "already on file are left alone");
    sub->add_option("file", o->file,
                    "CSV: credential_number,program,issued_on,first_name,"
                    "last_name,email (- for standard input)")
        ->required();
    on_run(sub, o, global, action, [](const CredentialOptions& opts, const GlobalOptions& g) {
      Session s(g);
      app::ImportOutcome out;
      if (opts.file == "-") {
        out = s.tracker.import_credentials(std::cin, "standard input", as_of(g));
      } else {
        std::ifstream in(opts.file, std::ios::binary);
        if (!in) {
          throw core::InputError("The file " + opts.file + " cannot be read.");
        }
        out = s.tracker.import_credentials(in, opts.file, as_of(g));
      }
      std::cout << "Imported " << out.added << (out.added == 1 ? " credential" : " credentials")
                << "; " << out.unchanged << " already on file.\n";
      return 0;
    });
  }
}

} // namespace peercert::cli

#include "cli/Import.hpp"

#include "cli/Context.hpp"
#include "core/Error.hpp"

#include <iostream>
#include <iterator>

namespace peercert::cli {

void add_import_flags(CLI::App* sub, ImportFlags& flags, const std::string& columns) {
  sub->add_option("file", flags.file, columns + " (- for standard input)")->required();
  auto* skip = sub->add_flag("--skip-invalid", flags.skip_invalid,
                             "Keep the good rows and set the bad ones aside");
  sub->add_option("--rejects", flags.rejects,
                  "With --skip-invalid: write the bad rows, with line and reason, here")
      ->needs(skip);
  auto* map = sub->add_option("--map", flags.map,
                              "The board's own headers: \"Cert #=credential_number,Issued="
                              "issued_on\"; Header=- leaves a column out")
                  ->type_name("MAPPING");
  sub->add_option("--map-file", flags.map_file,
                  "The mapping saved in a file, one Header=column per line (# comments)")
      ->type_name("FILE")
      ->excludes(map);
  sub->add_option("--date-format", flags.date_format,
                  "How the file writes dates: YYYY-MM-DD (default), MM/DD/YYYY (3/15/2018) or "
                  "DD/MM/YYYY")
      ->type_name("ORDER");
  sub->add_flag("--dry-run", flags.dry_run,
                "Read and judge every row and say what would be imported; write nothing");
  add_encoding(sub, flags.encoding);
  add_format(sub, flags.format, {"text", "json"});
}

app::ImportOptions import_options(const ImportFlags& flags, std::ofstream& rejects) {
  app::ImportOptions options;
  options.skip_invalid = flags.skip_invalid;
  options.dry_run = flags.dry_run;
  if (!flags.map_file.empty()) {
    std::ifstream in(flags.map_file, std::ios::binary);
    if (!in) {
      throw core::InputError("--map-file: the file " + flags.map_file + " cannot be read.");
    }
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    options.dialect = app::read_dialect(text, true, "--map-file " + flags.map_file,
                                        flags.date_format, "--date-format");
  } else {
    options.dialect =
        app::read_dialect(flags.map, false, "--map", flags.date_format, "--date-format");
  }
  if (!flags.rejects.empty()) {
    rejects.open(flags.rejects, std::ios::binary | std::ios::trunc);
    if (!rejects) {
      throw core::InputError("--rejects: the file " + flags.rejects + " cannot be written.");
    }
    options.rejects = &rejects;
  }
  return options;
}

void say_rejected(const ImportFlags& flags, std::size_t rejected) {
  if (!flags.skip_invalid) {
    return;
  }
  std::cerr << "peercert: " << rejected << (rejected == 1 ? " row was" : " rows were")
            << " rejected"
            << (rejected == 0           ? ""
                : flags.rejects.empty() ? " and not kept (give --rejects FILE to keep them)"
                                        : " and written to " + flags.rejects)
            << ".\n";
}

} // namespace peercert::cli

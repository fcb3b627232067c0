#pragma once

// The options `credential import` and `ceu import` share: how a board's own sheet is read
// (--map, --map-file, --date-format, --encoding), what becomes of its bad rows (--skip-invalid,
// --rejects) and --dry-run.

#include "app/CsvImport.hpp"

#include <CLI/CLI.hpp>

#include <cstddef>
#include <fstream>
#include <string>

namespace peercert::cli {

struct ImportFlags {
  std::string file;
  std::string encoding;
  std::string map;
  std::string map_file;
  std::string date_format;
  bool skip_invalid = false;
  std::string rejects;
  bool dry_run = false;
  std::string format;
};

/// Adds the file argument and every option of an import to `sub`.
void add_import_flags(CLI::App* sub, ImportFlags& flags, const std::string& columns);

/// The import's options from its flags: the mapping read and checked, the rejects file opened
/// (into `rejects`, which must outlive the import) — a bad one refused before anything is read.
app::ImportOptions import_options(const ImportFlags& flags, std::ofstream& rejects);

/// Says on stderr, whatever the output format, how many rows --skip-invalid set aside and
/// where they went, so that a script reading standard output cannot miss them.
void say_rejected(const ImportFlags& flags, std::size_t rejected);

} // namespace peercert::cli

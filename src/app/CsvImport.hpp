#pragma once

// The all-or-nothing reading of an import file shared by the credential and CE imports.

#include "core/Date.hpp"
#include "core/Error.hpp"

#include <functional>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace peercert::app {

/// A row that could not be taken, with its line and fields.
struct CsvProblem {
  std::size_t line = 0;
  std::string reason;
  std::vector<std::string> fields;
};

/// What reading an import file found.
struct ImportRead {
  std::size_t records = 0; ///< records read after the header
  std::vector<CsvProblem> problems;
};

/// The columns of an import file: those it must have, those it may add, and which of them
/// hold dates.
struct ImportColumns {
  std::span<const std::string_view> required;
  std::span<const std::string_view> optional{};
  std::span<const std::string_view> dates{};
};

/// How a board's own sheet is read (DESIGN.md, "Moving in"): its headers renamed to
/// peercert's columns, and the order of its dates' parts.
struct ImportDialect {
  /// A header as the file writes it, and the column it is; an empty column leaves it out.
  std::vector<std::pair<std::string, std::string>> map;
  core::DateOrder dates = core::DateOrder::iso;
  std::string map_name = "--map";          ///< what the person calls the mapping, for messages
  std::string date_name = "--date-format"; ///< and the order of the dates
};

/// The mapping `--map` gives: `Header=column` pairs separated by commas ("Cert #=
/// credential_number,Issued=issued_on"), or one pair per line in a mapping file (which may
/// have `#` comment lines and headers with commas). A header split from its column at the
/// last `=`; `Header=-` leaves that column of the file out. Refused, naming `field`, when a
/// pair has no `=` or a header is given twice.
std::vector<std::pair<std::string, std::string>>
parse_mapping(std::string_view text, std::string_view field, bool lines = false);

/// The dialect a person gave: a mapping's text (pairs by commas, or by lines from a file; empty
/// for none), called `map_name` in messages, and the name of a date order (empty for ISO),
/// called `date_name`. Refused in one sentence naming them.
ImportDialect read_dialect(std::string_view map, bool map_lines, std::string map_name,
                           std::string_view date_order, std::string date_name);

/// What an import is asked to do beyond reading its columns.
struct ImportOptions {
  bool skip_invalid = false;       ///< keep the good rows instead of refusing the file
  std::ostream* rejects = nullptr; ///< with skip_invalid: bad rows, with line and reason
  ImportDialect dialect;
  bool dry_run = false;                      ///< judge and count everything, then write nothing
  std::function<void(std::size_t)> progress; ///< called every `progress_every` rows read
  std::size_t progress_every = 100'000;
};

/// Reads `csv`, whose header names every required column and any optional ones, in any order
/// (nothing else) — its own headers where the dialect maps them, and in any case, with spaces
/// and hyphens for `_` — and calls `row` for each record with its fields — the required
/// columns in their order, then the optional ones, empty where the file leaves one out; dates
/// rewritten YYYY-MM-DD from the dialect's order — and its line. A record with the wrong
/// number of fields, or for which `row` throws core::InputError, becomes a problem (said of the
/// file's header where it maps a column); a quote never closed ends the reading as a problem.
/// `options.progress`, when given, hears the count of records every `progress_every`.
ImportRead read_import(std::istream& csv, const std::string& name, ImportColumns columns,
                       const std::function<void(const std::vector<std::string>&, std::size_t)>& row,
                       const ImportOptions& options = {});

/// Writes the rows an import set aside, as `--rejects FILE` keeps them: line, reason and the
/// row's fields under the columns' names.
void write_rejects(std::ostream& out, ImportColumns columns,
                   const std::vector<CsvProblem>& problems);

/// A refused import file: the message for a terminal, and the bad rows themselves for a page
/// that lists them.
class ImportError : public core::InputError {
public:
  ImportError(const std::string& message, std::vector<CsvProblem> problems)
      : core::InputError(message), problems_(std::move(problems)) {}
  const std::vector<CsvProblem>& problems() const noexcept { return problems_; }

private:
  std::vector<CsvProblem> problems_;
};

/// Throws ImportError: "NAME: 2 rows are bad, so nothing was imported:" and one indented line
/// per problem.
[[noreturn]] void refuse_import(const std::string& name, const std::vector<CsvProblem>& problems);

} // namespace peercert::app

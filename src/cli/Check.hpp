#pragma once

#include "cli/Context.hpp"
#include "core/Csv.hpp"

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <string>

namespace peercert::rules {
struct Program;
}

namespace peercert::cli {

struct CheckOptions {
  std::string program;
  std::string specialty; ///< judge this specialty of the program instead
  std::string facts;     ///< a file, or "-" for standard input
  std::string batch;     ///< a CSV file, or "-" for standard input
  std::string encoding;  ///< of the batch file
  std::string format;
  bool ask = false;
  bool all_programs = false; ///< judge the facts against every program
};

/// `peercert check`: one person's eligibility from a facts file, from questions asked on a
/// terminal, or a whole CSV of applicants with --batch.
void setup_check(CLI::App& app, const GlobalOptions& global, Action& action);
/// Judges the facts against the rule file of `options.program` in `rules` on `today`.
int run_check(const CheckOptions& options, const std::filesystem::path& rules, core::Date today);

/// Streams `check --batch`: reads applicants from `in`, writes one row per applicant to `out`
/// and one line per bad row to `err`. Returns the exit status: 0, or 2 if any row was bad.
/// With ReadAhead::yes (a file, not a pipe) the input is read on a second thread.
int run_batch(const rules::Program& program, std::istream& in, const std::string& name,
              core::Date as_of, const std::string& format, std::ostream& out, std::ostream& err,
              core::ReadAhead read_ahead = core::ReadAhead::no);

} // namespace peercert::cli

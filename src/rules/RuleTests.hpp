#pragma once

#include "rules/Program.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace peercert::rules {

/// What running one program's rule tests found.
struct RuleTestReport {
  std::string program_id;
  std::string test_file;
  std::size_t cases = 0;
  std::vector<std::string> failures; ///< one line each: `case "18 tomorrow": outcome …`
};

/// Runs the cases of a rule-test file (rules/README.md, "Rule tests") against `program`.
/// A malformed test file throws core::RuleFileError with its line and column.
RuleTestReport run_rule_tests(const Program& program, const std::filesystem::path& test_file);

/// Checks what the program cites: every document exists in `sources_dir` and every quote
/// appears in its document (spacing aside). Returns one line per problem.
std::vector<std::string> check_citations(const Program& program,
                                         const std::filesystem::path& sources_dir);

} // namespace peercert::rules

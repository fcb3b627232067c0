#pragma once

#include "core/Date.hpp"

#include <filesystem>
#include <functional>
#include <string>

namespace peercert::cli {

/// Options every command takes (DESIGN.md, "CLI contract": --rules, --as-of).
struct GlobalOptions {
  std::string rules_dir; ///< empty: $PEERCERT_RULES, else the installed or source rules/
  std::string as_of;     ///< empty: today's local date
  bool verbose = false;
};

/// What the chosen subcommand runs once parsing is done; returns the exit status.
using Action = std::function<int()>;

/// The rules directory to use: --rules, $PEERCERT_RULES, the installed one, the source one.
std::filesystem::path rules_dir(const GlobalOptions &options);

/// The --as-of date, or today's local date. A malformed date is a UsageError.
core::Date as_of(const GlobalOptions &options);

} // namespace peercert::cli

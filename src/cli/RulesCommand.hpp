#pragma once

#include "cli/Context.hpp"

#include <CLI/CLI.hpp>

namespace peercert::cli {

/// `peercert rules list | show ID | test`: what the rule files say, and their own tests.
void setup_rules(CLI::App& app, const GlobalOptions& global, Action& action);

} // namespace peercert::cli

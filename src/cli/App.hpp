#pragma once

namespace peercert::cli {

/// Runs the peercert command line and returns the process exit status. Every peercert error
/// is caught here, once, and printed as one sentence on standard error.
int run(int argc, char** argv);

} // namespace peercert::cli

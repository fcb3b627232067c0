#pragma once

#include <functional>

namespace peercert::web {
struct ServeOptions;
}

namespace peercert::cli {

/// How `peercert serve` starts the web server once its options are read. peercert-serve, the
/// only executable that links the web layer, serves; peercert hands `serve` over to it, so
/// that no other command loads the web layer's libraries (OpenSSL, zlib, Brotli) at start.
using Serve = std::function<int(const web::ServeOptions& options, bool verbose)>;

/// Runs the peercert command line and returns the process exit status. Every peercert error
/// is caught here, once, and printed as one sentence on standard error.
int run(int argc, char** argv, const Serve& serve);

/// peercert's Serve: runs peercert-serve, from the folder peercert itself was started from,
/// with the same arguments. Returns only by throwing when it cannot.
int hand_over_serve(char** argv);

/// peercert-serve's Serve: the server in this process until SIGINT or SIGTERM.
int serve_here(const web::ServeOptions& options, bool verbose);

} // namespace peercert::cli

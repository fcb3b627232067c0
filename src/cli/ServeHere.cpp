#include "cli/App.hpp"

#include "web/Server.hpp"

#include <spdlog/async.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace peercert::cli {

int serve_here(const web::ServeOptions& options, bool verbose) {
  web::block_stop_signals(); // before the log's thread starts, so it never takes them
  // The request log is written by a background thread, so that a busy server never
  // waits on standard error; if it falls far behind, the oldest lines go first.
  spdlog::init_thread_pool(65536, 1);
  auto log = spdlog::create_async_nb<spdlog::sinks::stderr_color_sink_mt>("peercert-serve");
  log->set_pattern("peercert: %l: %v");
  log->set_level(verbose ? spdlog::level::debug : spdlog::level::info);
  spdlog::set_default_logger(log);
  web::serve(options);
  spdlog::shutdown(); // writes what is queued
  return 0;
}

} // namespace peercert::cli

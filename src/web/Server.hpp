#pragma once

#include "core/Date.hpp"
#include "store/Location.hpp"

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace peercert::web {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080; ///< 0: any free port
  store::Location database = std::filesystem::path{};
  std::filesystem::path rules_dir;
  std::optional<core::Date> as_of;    ///< empty: the server's local date per request
  std::function<std::string()> clock; ///< the audit log's UTC time
  std::size_t max_body_bytes = 8 * 1024 * 1024;
  std::size_t max_api_body_bytes = 64 * 1024;
  std::chrono::seconds session_lifetime{8 * 60 * 60};
  std::size_t workers = 64; ///< threads serving connections at once
  /// Behind an HTTPS proxy (nginx, Caddy): cookies are Secure, and a client's address is the
  /// one the proxy adds to X-Forwarded-For, not the proxy's own.
  bool behind_https_proxy = false;
  std::chrono::milliseconds header_deadline{10'000}; ///< a request's line and headers in full
  std::size_t connections_per_address = 16;          ///< 0: no cap (the default behind a proxy)
  std::size_t waiting_connections = 256;             ///< waiting for a worker; past it, 503
  /// Public verification lookups answered per UTC day from all addresses together (0: no
  /// cap): numbers run in sequence, so a per-address limit alone lets many addresses list
  /// the register.
  std::size_t verify_per_day = 0;
  /// Empty: the public pages verify every board's credentials; else only this board's.
  std::string board;
};

/// Serves the self-check and the staff pages until SIGINT or SIGTERM, then finishes the
/// requests under way and returns. Throws core::Error when it cannot listen.
void serve(const ServeOptions& options);

/// The server without a socket: every route and handler of serve(), answering one raw HTTP
/// request at a time in this process — for fuzzing the handlers and for tests.
class InProcessServer {
public:
  explicit InProcessServer(const ServeOptions& options);
  ~InProcessServer();
  InProcessServer(const InProcessServer&) = delete;
  InProcessServer& operator=(const InProcessServer&) = delete;
  /// The whole response, status line to body, to the bytes of one request.
  std::string answer(std::string_view request);

private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

/// Blocks SIGINT and SIGTERM in this thread and every thread it starts afterwards, so that
/// serve() receives them and stops gracefully. Call it before starting any thread.
void block_stop_signals();

/// Whether `host` is a loopback address, reachable only from this machine.
bool is_loopback(const std::string& host);

} // namespace peercert::web

#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>

namespace peercert::web {

/// How much of the server one client may hold (Debian's cpp-httplib 0.11 gives each
/// connection a worker for as long as it stays open, and reads headers with a timeout per
/// read only, so a client sending one header line every few seconds holds a worker forever).
struct ConnectionLimits {
  std::size_t workers = 64;
  /// A request's line and headers must arrive whole within this time.
  std::chrono::milliseconds header_deadline{10'000};
  /// Connections one client address may hold at once; 0: no limit (behind a proxy, whose own
  /// address every connection has, and which reads the headers itself).
  std::size_t per_address = 16;
  /// Connections waiting for a worker; past it, a new one is answered 503 at once.
  std::size_t waiting = 256;
};

/// cpp-httplib's server with the connection loop of its own: a whole-header deadline, a cap
/// per client address and a bounded wait for a worker. Everything else — routing, handlers,
/// keep-alive — is httplib's.
class GuardedServer : public httplib::Server {
public:
  explicit GuardedServer(ConnectionLimits limits);

  /// When the request served on this thread began: the first byte of its request line.
  static std::chrono::steady_clock::time_point request_started();

  /// Answers the bytes of one request in this process, through the same handlers a connection
  /// reaches, and returns the whole response.
  std::string answer(std::string_view request);

  /// Connections turned away since the start: over the cap of their address, or with the
  /// wait for a worker full.
  std::size_t turned_away() const;

private:
  bool process_and_close_socket(socket_t sock) override;
  /// Answers 503 and closes, without a worker: for a client over its share.
  static void turn_away(socket_t sock);

  ConnectionLimits limits_;
  mutable std::mutex mutex_;
  std::map<std::string, std::size_t> open_by_address_;
  std::size_t turned_away_ = 0;
};

} // namespace peercert::web

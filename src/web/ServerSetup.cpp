#include "web/ServerSetup.hpp"

#include "core/Error.hpp"
#include "core/Text.hpp"
#include "store/Database.hpp"
#include "web/Pages.hpp"
#include "web/Reply.hpp"

#include <spdlog/spdlog.h>

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>

namespace peercert::web {

namespace {
constexpr const char* security_policy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'";
} // namespace

/// Debian's cpp-httplib is built to listen with a backlog of 5 connections, so a burst of
/// clients overflows it and their connections wait a second or more for SYN retries. Linux
/// lets listen() be called again on a listening socket to raise its backlog: find the
/// server's socket (the one accepting on `port`) and do that.
void raise_listen_backlog(int port) {
  for (int fd = 3; fd < 1024; ++fd) {
    int accepting = 0;
    socklen_t size = sizeof(accepting);
    if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &size) != 0 || accepting == 0) {
      continue;
    }
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      continue;
    }
    int bound = -1;
    if (address.ss_family == AF_INET) {
      bound = ntohs(reinterpret_cast<const sockaddr_in*>(&address)->sin_port);
    } else if (address.ss_family == AF_INET6) {
      bound = ntohs(reinterpret_cast<const sockaddr_in6*>(&address)->sin6_port);
    }
    if (bound == port && ::listen(fd, SOMAXCONN) != 0) {
      spdlog::warn("could not raise the listen backlog");
    }
  }
}

ConnectionLimits connection_limits(const ServeOptions& options) {
  ConnectionLimits limits;
  limits.workers = options.workers;
  limits.header_deadline = options.header_deadline;
  limits.per_address = options.connections_per_address;
  limits.waiting = options.waiting_connections;
  return limits;
}

void configure_server(GuardedServer& svr, const ServeOptions& options) {
  svr.set_payload_max_length(options.max_body_bytes);
  svr.set_read_timeout(10, 0);
  svr.set_write_timeout(30, 0);
  // Answers are small: send them at once rather than wait for the client's ACK (Nagle).
  svr.set_tcp_nodelay(true);
  // Each open connection holds a worker while it is kept alive, so keep enough workers for
  // a room of staff and a crowd of applicants, and let idle connections go soon.
  svr.set_keep_alive_timeout(2);
  svr.set_keep_alive_max_count(1000);
  svr.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Security-Policy", security_policy);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("X-Frame-Options", "DENY");
  });
  svr.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
        // Only for answers no route wrote: unknown paths, and httplib's own 4xx.
        if (!res.body.empty() || res.has_header("Location")) {
          return httplib::Server::HandlerResponse::Handled;
        }
        std::string title = "Bad request";
        std::string message = "peercert could not read the request.";
        if (res.status == 404) {
          title = "Not found";
          message = "There is no such page.";
        } else if (res.status == 405) {
          title = "Method not allowed";
          message = "This address does not take that kind of request.";
        } else if (res.status == 413) {
          title = "Too large";
          message = "The request is larger than peercert accepts.";
        } else if (res.status >= 500) {
          title = "Something went wrong";
          message = "peercert could not answer this request. Nothing was changed.";
        }
        if (wants_html(req)) {
          res.set_content(page(title, error_body(title, message)), "text/html; charset=utf-8");
        } else {
          res.set_content(error_json(message).dump() + "\n", "application/json");
        }
        return httplib::Server::HandlerResponse::Handled;
      }));
  svr.set_exception_handler([database = options.database](const httplib::Request&,
                                                          httplib::Response& res,
                                                          std::exception_ptr ep) {
    std::string what = "unknown";
    try {
      std::rethrow_exception(ep);
    } catch (const core::EnvironmentError& e) {
      what = e.what();
      spdlog::error("{}", what);
      res.status = 503;
      res.set_content(page("Not available", error_body("Not available", what)),
                      "text/html; charset=utf-8");
      return;
    } catch (const std::exception& e) {
      if (const auto failure = store::environment_error(e, database)) {
        spdlog::error("{}", failure->what());
        res.status = 503;
        res.set_content(page("Not available", error_body("Not available", failure->what())),
                        "text/html; charset=utf-8");
        return;
      }
      what = e.what();
    } catch (...) {
    }
    // Error texts name fields, never values, so they may be logged.
    spdlog::error("internal error: {}", what);
    res.status = 500;
    res.set_content(page("Something went wrong",
                         error_body("Something went wrong",
                                    "peercert could not answer this request. Nothing was "
                                    "changed. Try again, or tell the staff who run it.")),
                    "text/html; charset=utf-8");
  });
  // The request log: method, path, status and time; never a query, a body or a cookie.
  svr.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                              GuardedServer::request_started())
                        .count();
    spdlog::info("{} {} {} {:.1f} ms", core::log_safe(req.method), core::log_safe(req.path),
                 res.status, ms);
  });
}

void block_stop_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

} // namespace peercert::web

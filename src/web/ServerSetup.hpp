#pragma once

// What a peercert server is, apart from its routes: its connection limits, the headers every
// answer carries, the error pages, what an exception becomes, and the request log.

#include "web/GuardedServer.hpp"
#include "web/Server.hpp"

namespace peercert::web {

ConnectionLimits connection_limits(const ServeOptions& options);

/// Limits, headers, error pages, the exception handler and the request log (method, path,
/// status and time; never a query, a body or a cookie).
void configure_server(GuardedServer& svr, const ServeOptions& options);

/// Debian's cpp-httplib listens with a backlog of 5; this raises it on the socket accepting on
/// `port`.
void raise_listen_backlog(int port);

} // namespace peercert::web

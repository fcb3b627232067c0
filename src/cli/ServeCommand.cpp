#include "cli/Commands.hpp"

#include "core/Error.hpp"
#include "web/Server.hpp"

#include <memory>

namespace peercert::cli {

namespace {
struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  bool behind_https_proxy = false;
  long long per_address = -1; ///< -1: not given
  long long verify_per_day = 0;

  double header_seconds = 10;
};

/// "HOST:PORT", "[::1]:PORT" or ":PORT".
std::pair<std::string, int> parse_listen(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) {
    throw core::UsageError("--listen must be HOST:PORT, such as 127.0.0.1:8080.");
  }
  std::string host = text.substr(0, colon);
  if (host.starts_with('[') && host.ends_with(']')) {
    host = host.substr(1, host.size() - 2);
  }
  if (host.empty()) {
    host = "127.0.0.1";
  }
  const std::string port = text.substr(colon + 1);
  int value = -1;
  try {
    std::size_t used = 0;
    value = std::stoi(port, &used);
    if (used != port.size()) {
      value = -1;
    }
  } catch (const std::exception&) {
    value = -1;
  }
  if (value < 0 || value > 65535) {
    throw core::UsageError("--listen must end in a port from 0 to 65535 (0: any free port).");
  }
  return {host, value};
}
} // namespace

void setup_serve(CLI::App& app, const GlobalOptions& global, Action& action, const Serve& serve) {
  auto o = std::make_shared<ServeOptions>();
  auto* sub =
      app.add_subcommand("serve", "Serve the eligibility self-check and the staff pages over HTTP");
  sub->add_option("--listen", o->listen,
                  "HOST:PORT to listen on (default 127.0.0.1:8080, this machine only)")
      ->type_name("HOST:PORT");
  sub->add_flag("--behind-https-proxy", o->behind_https_proxy,
                "Served through an HTTPS proxy: cookies are Secure, and a client's address is "
                "the last one the proxy adds to X-Forwarded-For");
  whole_number(
      sub->add_option("--connections-per-address", o->per_address,
                      "Connections one client address may hold at once (default 16; 0: no cap, "
                      "the default behind a proxy)"),
      0, 100000);
  whole_number(sub->add_option("--verify-per-day", o->verify_per_day,
                               "Public verification lookups the whole register answers in one "
                               "day (UTC), from every address together (default 0: no cap; "
                               "each address may make 30 a minute)"),
               0, 100'000'000);
  number_between(
      sub->add_option("--header-seconds", o->header_seconds,
                      "Seconds a request's line and headers may take to arrive (default 10)"),
      0.1, 600.0, "seconds");
  sub->footer("Public: / and /check/PROGRAM (the self-check), GET /api/programs, POST "
              "/api/check?program=ID.\nStaff (log in; add users with peercert user add): "
              "/staff/. SIGINT or SIGTERM stops the server.\nWithout --as-of, each request is "
              "judged on the server's local date.");
  on_run(sub, o, global, action, [&serve](const ServeOptions& opts, const GlobalOptions& g) {
    const auto [host, port] = parse_listen(opts.listen);
    web::ServeOptions options;
    options.host = host;
    options.port = port;
    options.database = database_location(g);
    options.rules_dir = rules_dir(g);
    options.board = g.board;
    if (!g.as_of.empty()) {
      options.as_of = as_of(g);
    }
    options.clock = actor(g).now;
    options.behind_https_proxy = opts.behind_https_proxy;
    options.verify_per_day = static_cast<std::size_t>(opts.verify_per_day);
    options.header_deadline =
        std::chrono::milliseconds(static_cast<long long>(opts.header_seconds * 1000));
    options.connections_per_address = opts.per_address >= 0
                                          ? static_cast<std::size_t>(opts.per_address)
                                          : (opts.behind_https_proxy ? 0 : 16);
    return serve(options, g.verbose);
  });
}

} // namespace peercert::cli

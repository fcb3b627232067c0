#include "web/Server.hpp"

// The server: sessions, the CSRF check, the login, and which route answers which request with
// which services. The routes themselves are in web/routes/, the pages in web/Pages.cpp and
// web/WorkPages.cpp, what every answer carries in web/ServerSetup.cpp.

#include "app/History.hpp"
#include "app/Services.hpp"
#include "core/Error.hpp"
#include "store/Database.hpp"
#include "web/Form.hpp"
#include "web/GuardedServer.hpp"
#include "web/Login.hpp"
#include "web/Pages.hpp"
#include "web/Reply.hpp"
#include "web/ServerSetup.hpp"
#include "web/Sessions.hpp"
#include "web/StaffRequest.hpp"
#include "web/routes/Applicants.hpp"
#include "web/routes/Credentials.hpp"
#include "web/routes/Public.hpp"
#include "web/routes/Reminders.hpp"
#include "web/routes/Users.hpp"
#include "web/routes/Work.hpp"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <functional>
#include <iostream>
#include <memory>
#include <pthread.h>
#include <thread>

namespace peercert::web {

namespace {

/// An IPv4 or IPv6 address as text: digits, hex letters, dots and colons.
bool looks_like_address(std::string_view text) {
  return !text.empty() && text.size() <= 45 && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) != 0 || c == '.' || c == ':';
  });
}

/// One request's database, brought forward, and the services the composition root
/// (app::Services) builds over it; shared so that a page sent as it is made keeps them.
struct Opened {
  Opened(store::Database database, const rules::ProgramCatalog& programs, const app::Actor& actor)
      : db(std::move(database)), services(db, programs, actor) {}
  Opened(const Opened&) = delete;
  Opened& operator=(const Opened&) = delete;
  store::Database db;
  app::Services services;
};
using OpenedPtr = std::shared_ptr<Opened>;

class Site {
public:
  explicit Site(const ServeOptions& options)
      : options_(options), programs_(options.rules_dir), sessions_(options.session_lifetime),
        login_(sessions_, options.behind_https_proxy), verify_per_day_(options.verify_per_day) {
    // Every rule file loads now: a broken one stops the server before it serves anyone.
    for (const auto& id : programs_.ids()) {
      programs_.get(id);
    }
    const auto opened = open("peercert"); // refuses a foreign or newer file at start
    if (!options.board.empty()) {
      // An unknown board stops the server before it serves anyone.
      public_scope_ = opened->services.boards.scope_of_board(options.board, "--board");
    }
  }

  void routes(httplib::Server& svr) {
    const auto& programs = programs_;
    svr.Get("/", [&programs](const auto&, auto& res) { routes::home(res, programs); });
    // For a load balancer or a monitor: whether the database opens and answers a read.
    // Nothing personal is read or said.
    svr.Get("/healthz", [this](const auto&, auto& res) {
      if (damaged_) {
        send_json(res, 503, {{"status", "unavailable"}, {"database", "damaged"}});
        return;
      }
      try {
        open("healthz")->services.settings.show();
        send_json(res, 200, {{"status", "ok"}, {"database", "ok"}});
      } catch (const std::exception& e) {
        const auto failure = store::environment_error(e, options_.database);
        // Error texts name files and fields, never values, so they may be logged.
        spdlog::error("healthz: {}", failure ? failure->what() : e.what());
        send_json(res, 503, {{"status", "unavailable"}, {"database", "unavailable"}});
      }
    });
    svr.Get(R"(/check/([A-Za-z0-9_.-]+))",
            [&programs](const auto& req, auto& res) { routes::check_form(req, res, programs); });
    svr.Post(R"(/check/([A-Za-z0-9_.-]+))", [this](const auto& req, auto& res) {
      routes::check_answer(req, res, programs_, today());
    });
    svr.Get("/compare",
            [&programs](const auto&, auto& res) { routes::compare_form(res, programs); });
    svr.Post("/compare", [this](const auto& req, auto& res) {
      routes::compare_answer(req, res, programs_, today());
    });
    svr.Get("/api/programs",
            [this](const auto&, auto& res) { routes::api_programs(res, programs_, today()); });
    svr.Post("/api/check", [this](const auto& req, auto& res) {
      routes::api_check(req, res, programs_, today(), options_.max_api_body_bytes);
    });
    svr.Get("/verify", [this](const auto& req, auto& res) { verify(req, res, false); });
    svr.Get("/api/verify", [this](const auto& req, auto& res) { verify(req, res, true); });
    svr.Get("/login", [this](const auto& req, auto& res) { login_.show(req, res, 200, ""); });
    // The login's steps act as the user logging in, on services opened for each step.
    const Login::Open login_open = [this](const std::string& user,
                                          const std::function<void(LoginServices)>& use) {
      const auto o = open(user);
      use({o->services.users, o->services.second_factor, o->services.web_state});
    };
    svr.Post("/login", [this, login_open](const auto& req, auto& res) {
      login_.login(req, res, client_address(req), login_open);
    });
    svr.Post("/login/code", [this, login_open](const auto& req, auto& res) {
      login_.code(req, res, client_address(req), login_open);
    });
    svr.Post("/login/enrol", [this, login_open](const auto& req, auto& res) {
      login_.enrol(req, res, client_address(req), login_open);
    });
    svr.Post("/logout", [this](const auto& req, auto& res) { logout(req, res); });
    svr.Get("/staff", [](const auto&, auto& res) { res.set_redirect("/staff/", 303); });
    get(svr, "/staff/", [](const StaffRequest& r, auto& res, const OpenedPtr&) {
      send_html(res, 200, page("Credentials", staff_home_body(), &r.session));
    });

    // One credential: its page, its CE entries, its holder, renewals and statuses.
    constexpr auto lifecycle = &app::Services::lifecycle;
    constexpr auto ce_log = &app::Services::ce_log;
    constexpr auto credentials = &app::Services::credentials;
    get(svr, "/staff/credential", routes::credential, lifecycle, ce_log, credentials);
    get(svr, "/staff/credential/certificate", routes::certificate, &app::Services::certificates);
    post(svr, "/staff/ceu", routes::log_ce, lifecycle, ce_log, credentials);
    post(svr, "/staff/ceu/void", routes::void_ce, lifecycle, ce_log, credentials);
    post(svr, "/staff/ceu/edit", routes::edit_ce, lifecycle, ce_log, credentials);
    post(svr, "/staff/credential/holder", routes::update_holder, lifecycle, ce_log, credentials);
    post(svr, "/staff/renewal", routes::file_renewal, lifecycle, ce_log, credentials);
    post(svr, "/staff/credential/status", routes::change_status, lifecycle, ce_log, credentials);
    get(svr, "/staff/ceu/import",
        [](const StaffRequest& r, auto& res, const OpenedPtr&) { routes::import_form(r, res); });
    // A roster or a holders file comes as a multipart upload: its CSRF token is one of its
    // parts (a request that is not multipart is answered 400 by the route, writing nothing).
    upload(svr, "/staff/ceu/import", [](const StaffRequest& r, auto& res, const OpenedPtr& o) {
      routes::import_ce(r, res, o->services.ce_log);
    });
    get(svr, "/staff/credentials/import", [](const StaffRequest& r, auto& res, const OpenedPtr&) {
      routes::holders_import_form(r, res);
    });
    upload(svr, "/staff/credentials/import",
           [](const StaffRequest& r, auto& res, const OpenedPtr& o) {
             routes::import_holders(r, res, o->services.credentials);
           });

    // Applicants.
    get(svr, "/staff/applicants", routes::applicants, &app::Services::applicants);
    get(svr, "/staff/applicants/new",
        [](const StaffRequest& r, auto& res, const OpenedPtr&) { routes::new_applicant(r, res); });
    post(svr, "/staff/applicants/new", routes::add_applicant, &app::Services::applicants);
    get(svr, "/staff/applicant", routes::applicant, &app::Services::applicants);
    post(svr, "/staff/applicant", routes::update_applicant, &app::Services::applicants);
    post(svr, "/staff/application/deny", routes::deny_application, &app::Services::applicants,
         &app::Services::certification);

    // Cohorts, CE audits, the audit log, users.
    get(svr, "/staff/cohorts", routes::cohorts, &app::Services::cohorts);
    get(svr, "/staff/cohort", routes::cohort, &app::Services::cohorts);
    post(svr, "/staff/cohort/attendance/remove", routes::remove_attendance,
         &app::Services::cohorts);
    get(svr, "/staff/audits", [this](const StaffRequest& r, auto& res, const OpenedPtr& o) {
      routes::ce_audits(r, res, o->services.ce_audits, programs_);
    });
    post(svr, "/staff/audits/select", [this](const StaffRequest& r, auto& res, const OpenedPtr& o) {
      routes::draw_audits(r, res, o->services.ce_audits, programs_);
    });
    post(svr, "/staff/audits/advance",
         [this](const StaffRequest& r, auto& res, const OpenedPtr& o) {
           routes::advance_audit(r, res, o->services.ce_audits, programs_);
         });
    get(svr, "/staff/audit", routes::audit_log, &app::Services::audit_trail);
    get(svr, "/staff/users", routes::users, &app::Services::users, &app::Services::second_factor);
    post(svr, "/staff/users/disable", routes::disable_user, &app::Services::users,
         &app::Services::second_factor);
    post(svr, "/staff/users/add", routes::add_user, &app::Services::users,
         &app::Services::second_factor);
    post(svr, "/staff/users/password", routes::reset_password, &app::Services::users,
         &app::Services::second_factor);
    post(svr, "/staff/users/totp-reset", routes::reset_second_factor, &app::Services::users,
         &app::Services::second_factor);
    post(svr, "/staff/users/second-factor", routes::require_second_factor, &app::Services::users,
         &app::Services::second_factor, &app::Services::settings);
    get(svr, "/staff/account", routes::account, &app::Services::second_factor);
    post(svr, "/staff/account/totp", routes::begin_second_factor, &app::Services::second_factor);
    post(svr, "/staff/account/totp/confirm", routes::confirm_second_factor,
         &app::Services::second_factor);

    // The reminders, kept with the request's services while the page is sent.
    get(svr, R"(/staff/reminders(\.csv|\.excel\.csv|\.xlsx|\.ics|\.html|\.json)?)",
        [this](const StaffRequest& r, auto& res, const OpenedPtr& o) {
          routes::reminders(r, res,
                            std::shared_ptr<const app::Lifecycle>(o, &o->services.lifecycle),
                            programs_, options_.clock, options_.database);
        });

    // Anything else under /staff/ answers as a staff page: login first, then "not found".
    const auto not_found = [](const StaffRequest& r, auto& res, const OpenedPtr&) {
      send_html(res, 404,
                page("Not found", error_body("Not found", "There is no such page."), &r.session));
    };
    get(svr, R"(/staff/.*)", not_found);
    svr.Post(R"(/staff/.*)", [this, not_found](const httplib::Request& req, auto& res) {
      if (auto a = staff(req, res)) {
        const Form none;
        not_found({req, a->session, none, today()}, res, a->opened);
      }
    });
  }

private:
  /// A request that passed the session check, and the services opened for it.
  struct Authorised {
    Session session;
    OpenedPtr opened;
  };

  core::Date today() const { return options_.as_of ? *options_.as_of : core::today_local(); }

  app::Actor actor_for(const std::string& user) const { return {user, options_.clock}; }

  /// The database, with the periods of credentials from an older peercert written first, and
  /// the services over it acting as `user`.
  OpenedPtr open(const std::string& user, const app::Scope& scope = {}) const {
    return open(open_database(), user, scope);
  }
  OpenedPtr open(store::Database db, const std::string& user, const app::Scope& scope = {}) const {
    auto actor = actor_for(user);
    actor.scope = scope;
    return std::make_shared<Opened>(std::move(db), programs_, actor);
  }
  store::Database open_database() const {
    auto db = store::Database::open(options_.database);
    app::bring_forward(db, programs_, actor_for("peercert"));
    return db;
  }

  /// The client's address: behind the HTTPS proxy, the last one in X-Forwarded-For, which the
  /// proxy itself adds (anything before it the client may have written); else the peer's.
  std::string client_address(const httplib::Request& req) const {
    if (options_.behind_https_proxy) {
      const std::string forwarded = req.get_header_value("X-Forwarded-For");
      const auto comma = forwarded.rfind(',');
      std::string last = forwarded.substr(comma == std::string::npos ? 0 : comma + 1);
      last.erase(0, last.find_first_not_of(' '));
      last.erase(last.find_last_not_of(' ') + 1);
      if (looks_like_address(last)) {
        return last;
      }
    }
    return req.remote_addr;
  }

  /// The session of a request, with the services opened for it, or the answer to one
  /// without: 303 to the login page for a browser, 401 for an API client.
  std::optional<Authorised> staff(const httplib::Request& req, httplib::Response& res) {
    const std::string token = cookie(req, session_cookie_name);
    if (!token.empty()) {
      auto db = open_database();
      auto s = sessions_.find(app::WebState(db), token);
      if (s) {
        // Staff of some boards see only their programs' records (DESIGN.md, "Boards").
        const auto scope = app::Boards(db, programs_, actor_for(s->user)).scope_of_user(s->user);
        auto opened = open(std::move(db), s->user, scope);
        // A user disabled, or whose password changed, since logging in is logged out at the
        // next request.
        if (opened->services.users.session_current(s->user, s->user_version)) {
          res.set_header("Cache-Control", "no-store");
          s->database_damaged = damaged_;
          return Authorised{*s, std::move(opened)};
        }
        sessions_.end(opened->services.web_state, token);
      }
    }
    if (wants_html(req)) {
      const std::string next = req.method == "GET" ? req.path : "/staff/";
      res.set_redirect("/login?next=" + url_encode(next), 303);
    } else {
      send_json(res, 401, error_json("Log in first: staff pages need a session."));
    }
    return std::nullopt;
  }

  /// A staff page: `route(StaffRequest, Response, OpenedPtr)` once the session holds.
  template <class Route> void get(httplib::Server& svr, const std::string& path, Route route) {
    svr.Get(path, [this, route](const httplib::Request& req, httplib::Response& res) {
      if (auto a = staff(req, res)) {
        const Form none;
        route(StaffRequest{req, a->session, none, today()}, res, a->opened);
      }
    });
  }

  /// A staff form: the same once its CSRF token holds too.
  template <class Route> void post(httplib::Server& svr, const std::string& path, Route route) {
    svr.Post(path, [this, route](const httplib::Request& req, httplib::Response& res) {
      if (auto a = staff(req, res)) {
        const Form form = Form::parse(req.body);
        if (csrf_ok(a->session, form.value("csrf"), res) && writable(a->session, res)) {
          route(StaffRequest{req, a->session, form, today()}, res, a->opened);
        }
      }
    });
  }

  /// A staff upload (multipart): the same checks as a form, the token read from its part.
  template <class Route> void upload(httplib::Server& svr, const std::string& path, Route route) {
    svr.Post(path, [this, route](const httplib::Request& req, httplib::Response& res) {
      if (auto a = staff(req, res)) {
        if (req.is_multipart_form_data() &&
            !csrf_ok(a->session, req.has_file("csrf") ? req.get_file_value("csrf").content : "",
                     res)) {
          return;
        }
        if (writable(a->session, res)) {
          const Form none;
          route(StaffRequest{req, a->session, none, today()}, res, a->opened);
        }
      }
    });
  }

  /// A staff page or form whose route takes exactly the services `members` name.
  template <class... Services>
  void get(httplib::Server& svr, const std::string& path,
           void (*route)(const StaffRequest&, httplib::Response&, Services&...),
           Services app::Services::*... members) {
    get(svr, path, [route, members...](const StaffRequest& r, auto& res, const OpenedPtr& o) {
      route(r, res, (o->services.*members)...);
    });
  }
  template <class... Services>
  void post(httplib::Server& svr, const std::string& path,
            void (*route)(const StaffRequest&, httplib::Response&, Services&...),
            Services app::Services::*... members) {
    post(svr, path, [route, members...](const StaffRequest& r, auto& res, const OpenedPtr& o) {
      route(r, res, (o->services.*members)...);
    });
  }

  /// Whether a form may be taken: not once the database failed its integrity check (503).
  bool writable(const Session& s, httplib::Response& res) {
    if (!damaged_) {
      return true;
    }
    send_html(res, 503,
              page("Nothing can be saved",
                   error_body("Nothing can be saved", damaged_database_words), &s));
    return false;
  }

  bool csrf_ok(const Session& s, const std::string& token, httplib::Response& res) {
    if (same_secret(s.csrf, token)) {
      return true;
    }
    send_html(res, 403,
              page("Form expired",
                   error_body("This form has expired",
                              "The form was not sent from a current peercert page. Go back, "
                              "reload the page and send it again."),
                   &s));
    return false;
  }

  /// Public verification, rate-limited per client address and, where the board asks, per day.
  void verify(const httplib::Request& req, httplib::Response& res, bool api) {
    if (!api && !routes::verify_asks(req)) {
      routes::verify_form(req, res);
      return;
    }
    // A name lookup can list several people, so it costs three lookups of the minute's 30.
    const int cost = routes::verify_by_name(req) ? 3 : 1;
    const auto opened = open("verification", public_scope_);
    auto& state = opened->services.web_state;
    if (const auto wait = verify_limit_.take(state, client_address(req), cost); wait > 0) {
      res.set_header("Retry-After", std::to_string(wait));
      routes::verify_refused(req, res, api,
                             "Too many lookups from this address: try again in " +
                                 std::to_string(wait) + " seconds.");
      return;
    }
    if (const auto wait = verify_per_day_.take(state, static_cast<std::size_t>(cost)); wait > 0) {
      res.set_header("Retry-After", std::to_string(wait));
      routes::verify_refused(req, res, api,
                             "The register has answered all the lookups it answers in one day: "
                             "try again tomorrow.");
      return;
    }
    routes::verify(req, res, api, opened->services.verification, today());
  }

  void logout(const httplib::Request& req, httplib::Response& res) {
    const std::string token = cookie(req, session_cookie_name);
    if (!token.empty()) {
      const auto opened = open("peercert");
      auto& state = opened->services.web_state;
      if (const auto s = sessions_.find(state, token)) {
        if (!csrf_ok(*s, Form::parse(req.body).value("csrf"), res)) {
          return;
        }
        sessions_.end(state, token);
      }
    }
    res.set_header("Set-Cookie",
                   set_cookie(session_cookie_name, "", 0, options_.behind_https_proxy));
    res.set_redirect("/", 303);
  }

public:
  /// The integrity check running beside the server found the database damaged.
  void mark_damaged() { damaged_ = true; }

private:
  const ServeOptions& options_;
  std::atomic<bool> damaged_{false};
  rules::ProgramCatalog programs_;
  SessionStore sessions_;
  Login login_;
  RateLimit verify_limit_{30}; ///< public lookups per client address per minute
  DailyCap verify_per_day_;    ///< public lookups from all addresses per UTC day
  app::Scope public_scope_;    ///< the credentials the public pages verify (serve --board)
};

/// Files this size and larger are served before their quick check, which would take minutes.
constexpr std::uintmax_t quick_check_below = 256U * 1024U * 1024U;

/// PRAGMA integrity_check on its own connection and thread while the server serves; calls
/// `damaged` if it finds the file damaged (any other failure is only logged). Stopping ends it.
class IntegrityCheck {
public:
  IntegrityCheck(const store::Location& database, std::function<void()> damaged)
      : db_(store::Database::open(database)), thread_([this, damaged = std::move(damaged)] {
          try {
            const auto intact = db_.fully_intact(&stopping_);
            if (!intact) {
              return; // stopped first
            }
            if (*intact) {
              spdlog::debug("the database passed its integrity check");
              return;
            }
            spdlog::error("the database failed its integrity check: the staff pages take no "
                          "more forms until it is restored from a backup");
            damaged();
          } catch (const std::exception& e) {
            spdlog::error("the integrity check could not run: {}", e.what());
          }
        }) {}
  IntegrityCheck(const IntegrityCheck&) = delete;
  IntegrityCheck& operator=(const IntegrityCheck&) = delete;
  ~IntegrityCheck() {
    stopping_ = true;
    thread_.join();
  }

private:
  store::Database db_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

} // namespace

struct InProcessServer::Parts {
  explicit Parts(const ServeOptions& given)
      : options(given), site(options), server(connection_limits(options)) {
    configure_server(server, options);
    site.routes(server);
  }
  ServeOptions options; // the site keeps a reference: the caller's may not outlive this
  Site site;
  GuardedServer server;
};

InProcessServer::InProcessServer(const ServeOptions& options)
    : parts_(std::make_unique<Parts>(options)) {}
InProcessServer::~InProcessServer() = default;

std::string InProcessServer::answer(std::string_view request) {
  return parts_->server.answer(request);
}

void serve(const ServeOptions& options) {
  // A damaged database is not served: nothing would be safe to write to it. The quick check
  // runs before listening where it takes a moment (files under 256 MiB); the full one runs
  // beside the server, which stops taking forms if it fails.
  {
    const auto db = store::Database::open(options.database);
    if (db.file_size() < quick_check_below) {
      db.require_intact();
    }
  }
  Site site(options);
  GuardedServer svr(connection_limits(options));
  configure_server(svr, options);
  site.routes(svr);

  const int port = options.port == 0
                       ? svr.bind_to_any_port(options.host)
                       : (svr.bind_to_port(options.host, options.port) ? options.port : -1);
  if (port < 0) {
    throw core::Error("peercert cannot listen on " + options.host + ":" +
                      std::to_string(options.port) +
                      ": the address is in use or not this machine's.");
  }
  raise_listen_backlog(port);
  if (!is_loopback(options.host)) {
    std::cerr << "peercert: warning: listening on " << options.host
              << ", so other machines can reach the self-check and the staff login. Put "
                 "peercert behind an HTTPS proxy before staff log in from elsewhere.\n";
  }
  std::cerr << "peercert: serving on http://"
            << (options.host.find(':') != std::string::npos ? "[" + options.host + "]"
                                                            : options.host)
            << ":" << port << "/ (Ctrl-C stops)" << std::endl;

  // The full check beside the server, made before any other thread: if opening throws,
  // nothing is left to join.
  const IntegrityCheck check(options.database, [&site] { site.mark_damaged(); });

  // SIGINT and SIGTERM stop the server: requests under way finish, then serve returns.
  block_stop_signals();
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  std::atomic<bool> ended{false};
  std::thread waiter([&svr, &ended, signals] {
    int signal = 0;
    sigwait(&signals, &signal);
    if (ended) {
      return; // woken to be joined
    }
    std::cerr << "peercert: stopping on " << (signal == SIGINT ? "SIGINT" : "SIGTERM")
              << "; finishing the requests under way." << std::endl;
    // A signal in the moment between "serving on" and the server's loop starting would be
    // lost: stop() does nothing until the loop runs. Wait for it (or for it to fail).
    while (!svr.is_running() && !ended) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    svr.stop();
  });
  svr.listen_after_bind();
  // Listening ended by itself (not by a signal): wake the waiter so it can be joined.
  ended = true;
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  std::cerr << "peercert: stopped." << std::endl;
}

} // namespace peercert::web

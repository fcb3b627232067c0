#include "web/Server.hpp"

#include "app/Applicants.hpp"
#include "app/Audit.hpp"
#include "app/CeAudits.hpp"
#include "app/Certification.hpp"
#include "app/Cohorts.hpp"
#include "app/Credentials.hpp"
#include "app/CsvImport.hpp"
#include "app/Fields.hpp"
#include "app/Lifecycle.hpp"
#include "app/Renewals.hpp"
#include "app/Users.hpp"
#include "app/Verification.hpp"
#include "core/Error.hpp"
#include "core/Text.hpp"
#include "renewal/Renewal.hpp"
#include "rules/Eligibility.hpp"
#include "rules/RuleFile.hpp"
#include "store/CeRepository.hpp"
#include "store/Database.hpp"
#include "web/Form.hpp"
#include "web/GuardedServer.hpp"
#include "web/Pages.hpp"
#include "web/Sessions.hpp"
#include "web/WorkPages.hpp"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <arpa/inet.h>
#include <charconv>
#include <csignal>
#include <iostream>
#include <netinet/in.h>
#include <pthread.h>
#include <sstream>
#include <sys/socket.h>
#include <thread>

namespace peercert::web {

namespace {

using report::Json;

constexpr const char* session_cookie = "peercert_session";
constexpr const char* login_cookie = "peercert_login";
constexpr const char* security_policy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'";

std::string cookie(const httplib::Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  std::size_t pos = 0;
  while (pos < header.size()) {
    const auto end = header.find(';', pos);
    std::string part = header.substr(pos, end == std::string::npos ? end : end - pos);
    const auto first = part.find_first_not_of(' ');
    part = first == std::string::npos ? "" : part.substr(first);
    if (part.starts_with(name + "=")) {
      return part.substr(name.size() + 1);
    }
    if (end == std::string::npos) {
      break;
    }
    pos = end + 1;
  }
  return {};
}

bool wants_html(const httplib::Request& req) {
  return req.get_header_value("Accept").find("text/html") != std::string::npos;
}

void send_html(httplib::Response& res, int status, const std::string& html) {
  res.status = status;
  res.set_content(html, "text/html; charset=utf-8");
}

void send_json(httplib::Response& res, int status, const Json& json) {
  res.status = status;
  res.set_content(json.dump(2) + "\n", "application/json");
}

Json error_json(const std::string& message) {
  Json j;
  j["error"] = message;
  return j;
}

std::string set_cookie(const std::string& name, const std::string& value, long long max_age,
                       bool secure) {
  return name + "=" + value +
         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
         (secure ? "; Secure" : "");
}

/// An IPv4 or IPv6 address as text: digits, hex letters, dots and colons.
bool looks_like_address(std::string_view text) {
  return !text.empty() && text.size() <= 45 && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) != 0 || c == '.' || c == ':';
  });
}

/// Where to go after logging in: only a staff page of this site.
std::string safe_next(const std::string& next) {
  if (next.starts_with("/staff/") && next.find("//") == std::string::npos &&
      next.find('\\') == std::string::npos) {
    return next;
  }
  return "/staff/";
}

class Site {
public:
  explicit Site(const ServeOptions& options)
      : options_(options), programs_(options.rules_dir), sessions_(options.session_lifetime),
        verify_per_day_(options.verify_per_day) {
    // Every rule file loads now: a broken one stops the server before it serves anyone.
    for (const auto& id : programs_.ids()) {
      programs_.get(id);
    }
    open_database(); // refuses a foreign or newer file at start
  }

  void routes(httplib::Server& svr) {
    svr.Get("/", [this](const auto& req, auto& res) { home(req, res); });
    svr.Get(R"(/check/([A-Za-z0-9_.-]+))",
            [this](const auto& req, auto& res) { check_form(req, res); });
    svr.Post(R"(/check/([A-Za-z0-9_.-]+))",
             [this](const auto& req, auto& res) { check_answer(req, res); });
    svr.Get("/api/programs", [this](const auto& req, auto& res) { api_programs(req, res); });
    svr.Get("/verify", [this](const auto& req, auto& res) { verify(req, res, false); });
    svr.Get("/api/verify", [this](const auto& req, auto& res) { verify(req, res, true); });
    svr.Post("/api/check", [this](const auto& req, auto& res) { api_check(req, res); });
    svr.Get("/login", [this](const auto& req, auto& res) { login_form(req, res, 200, ""); });
    svr.Post("/login", [this](const auto& req, auto& res) { login(req, res); });
    svr.Post("/logout", [this](const auto& req, auto& res) { logout(req, res); });
    svr.Get("/staff", [](const auto&, auto& res) { res.set_redirect("/staff/", 303); });
    svr.Get("/staff/", [this](const auto& req, auto& res) {
      if (auto s = staff(req, res)) {
        send_html(res, 200, page("Credentials", staff_home_body(), &*s));
      }
    });
    svr.Get("/staff/credential", [this](const auto& req, auto& res) { credential(req, res); });
    svr.Get("/staff/applicants", [this](const auto& req, auto& res) { applicants(req, res); });
    svr.Get("/staff/applicants/new", [this](const auto& req, auto& res) {
      if (auto s = staff(req, res)) {
        send_html(res, 200, page("Add an applicant", new_applicant_body(*s, Form{}, {}, ""), &*s));
      }
    });
    svr.Post("/staff/applicants/new",
             [this](const auto& req, auto& res) { add_applicant(req, res); });
    svr.Get("/staff/applicant", [this](const auto& req, auto& res) { applicant(req, res); });
    svr.Post("/staff/applicant",
             [this](const auto& req, auto& res) { update_applicant(req, res); });
    svr.Post("/staff/ceu", [this](const auto& req, auto& res) { log_ce(req, res); });
    svr.Post("/staff/ceu/void", [this](const auto& req, auto& res) { void_ce(req, res); });
    svr.Post("/staff/ceu/edit", [this](const auto& req, auto& res) { edit_ce(req, res); });
    svr.Post("/staff/credential/holder",
             [this](const auto& req, auto& res) { update_holder(req, res); });
    svr.Get("/staff/ceu/import", [this](const auto& req, auto& res) {
      if (auto s = staff(req, res)) {
        send_html(res, 200, page("Import a CE roster", import_body(*s, "", {}), &*s));
      }
    });
    svr.Post("/staff/ceu/import", [this](const auto& req, auto& res) { import_ce(req, res); });
    svr.Post("/staff/renewal", [this](const auto& req, auto& res) { file_renewal(req, res); });
    svr.Post("/staff/credential/status",
             [this](const auto& req, auto& res) { change_status(req, res); });
    svr.Post("/staff/application/deny",
             [this](const auto& req, auto& res) { deny_application(req, res); });
    svr.Get("/staff/cohorts", [this](const auto& req, auto& res) { cohorts(req, res); });
    svr.Get("/staff/cohort", [this](const auto& req, auto& res) { cohort(req, res); });
    svr.Post("/staff/cohort/attendance/remove",
             [this](const auto& req, auto& res) { remove_attendance(req, res); });
    svr.Get("/staff/audits", [this](const auto& req, auto& res) { ce_audits(req, res); });
    svr.Post("/staff/audits/select", [this](const auto& req, auto& res) { draw_audits(req, res); });
    svr.Post("/staff/audits/advance",
             [this](const auto& req, auto& res) { advance_audit(req, res); });
    svr.Get("/staff/audit", [this](const auto& req, auto& res) { audit_log(req, res); });
    svr.Get("/staff/users", [this](const auto& req, auto& res) { users(req, res, {}); });
    svr.Post("/staff/users/disable",
             [this](const auto& req, auto& res) { disable_user(req, res); });
    svr.Get(R"(/staff/reminders(\.csv|\.ics|\.html|\.json)?)",
            [this](const auto& req, auto& res) { reminders(req, res); });
    // Anything else under /staff/ answers as a staff page: login first, then "not found".
    svr.Get(R"(/staff/.*)", [this](const auto& req, auto& res) {
      if (auto s = staff(req, res)) {
        send_html(res, 404,
                  page("Not found", error_body("Not found", "There is no such page."), &*s));
      }
    });
    svr.Post(R"(/staff/.*)", [this](const auto& req, auto& res) {
      if (auto s = staff(req, res)) {
        send_html(res, 404,
                  page("Not found", error_body("Not found", "There is no such page."), &*s));
      }
    });
  }

private:
  core::Date today() const { return options_.as_of ? *options_.as_of : core::today_local(); }

  app::Actor actor_for(const std::string& user) const { return {user, options_.clock}; }

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

  /// The database, with the periods of credentials from an older peercert written first.
  store::Database open_database() const {
    auto db = store::Database::open(options_.database);
    app::bring_forward(db, programs_, actor_for("peercert"));
    return db;
  }

  /// The programs a person can check: those whose rule files define criteria.
  std::vector<const rules::Program*> programs() const {
    std::vector<const rules::Program*> out;
    for (const auto& id : programs_.ids()) {
      if (const auto& p = programs_.get(id); p.has_criteria()) {
        out.push_back(&p);
      }
    }
    return out;
  }

  const rules::Program* program(const std::string& id) const {
    return programs_.has(id) ? &programs_.get(id) : nullptr;
  }

  /// The session of a request, or the answer to one without: 303 to the login page for a
  /// browser, 401 for an API client.
  std::optional<Session> staff(const httplib::Request& req, httplib::Response& res) {
    const std::string token = cookie(req, session_cookie);
    if (auto s = sessions_.find(token)) {
      // A user disabled, or whose password changed, since logging in is logged out at the
      // next request.
      if (app::Users(open_database(), actor_for(s->user))
              .session_current(s->user, s->user_version)) {
        res.set_header("Cache-Control", "no-store");
        return s;
      }
      sessions_.end(token);
    }
    if (wants_html(req)) {
      const std::string next = req.method == "GET" ? req.path : "/staff/";
      res.set_redirect("/login?next=" + url_encode(next), 303);
    } else {
      send_json(res, 401, error_json("Log in first: staff pages need a session."));
    }
    return std::nullopt;
  }

  /// A staff form sent by POST: its session and fields, or nothing after answering (a login
  /// page, or an expired form).
  std::optional<std::pair<Session, Form>> staff_post(const httplib::Request& req,
                                                     httplib::Response& res) {
    auto s = staff(req, res);
    if (!s) {
      return std::nullopt;
    }
    Form form = Form::parse(req.body);
    if (!csrf_ok(*s, form.value("csrf"), res)) {
      return std::nullopt;
    }
    return std::pair{std::move(*s), std::move(form)};
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

  /// The program a /check/ID page is for, or nothing after answering 404.
  const rules::Program* program_page(const httplib::Request& req, httplib::Response& res) const {
    const auto* p = program(req.matches[1]);
    if (p == nullptr) {
      send_html(res, 404,
                page("Not found",
                     error_body("No such program", "peercert has no program by that name.")));
    } else if (!p->has_criteria()) {
      send_html(res, 404,
                page("No self-check",
                     error_body("No self-check for " + p->id,
                                "The rule file of " + p->id +
                                    " defines no eligibility criteria: peercert tracks its "
                                    "renewals only.")));
      return nullptr;
    }
    return p;
  }

  void home(const httplib::Request&, httplib::Response& res) {
    send_html(res, 200, page("Eligibility self-check", home_body(programs())));
  }

  void check_form(const httplib::Request& req, httplib::Response& res) {
    const auto* p = program_page(req, res);
    if (p == nullptr) {
      return;
    }
    send_html(res, 200, page(p->name, check_form_body(*p, Form{}, {})));
  }

  void check_answer(const httplib::Request& req, httplib::Response& res) {
    const auto* p = program_page(req, res);
    if (p == nullptr) {
      return;
    }
    const Form form = Form::parse(req.body);
    rules::Facts facts;
    std::map<std::string, std::string> errors;
    const auto date = today();
    for (const auto fact : p->facts_used()) {
      const std::string name(rules::fact_info(fact).name);
      try {
        facts.set(fact, rules::parse_fact_text(fact, form.value(name)));
      } catch (const core::InputError& e) {
        errors[name] = e.said_of("This answer");
      }
    }
    if (errors.empty()) {
      if (const auto late = rules::date_after(facts, date)) {
        errors[std::string(rules::fact_info(*late).name)] =
            "This date is after today, " + core::format_long(date) + ".";
      }
    }
    if (!errors.empty()) {
      send_html(res, 400, page(p->name, check_form_body(*p, form, errors)));
      return;
    }
    const report::CheckAnswer answer{p, date, rules::assess(*p, facts, date),
                                     rules::next_steps(*p, date)};
    send_html(res, 200, page(p->name, check_answer_body(answer)));
  }

  /// Public verification (DESIGN.md): by number, or by last and first name together; what a
  /// board publishes and nothing else. Rate-limited per client address.
  void verify(const httplib::Request& req, httplib::Response& res, bool api) {
    const auto q = req.target.find('?');
    const Form query =
        Form::parse(q == std::string::npos ? std::string_view{} : req.target.substr(q + 1));
    const bool asked = query.has("number") || query.has("last_name") || query.has("first_name");
    const auto answer = [&](int status, const std::vector<report::PublicCredential>* found,
                            const std::string& error) {
      if (api) {
        if (!error.empty()) {
          send_json(res, status, error_json(error));
          return;
        }
        Json list = Json::array();
        for (const auto& c : *found) {
          list.push_back(report::public_credential_json(c));
        }
        send_json(res, status, list);
      } else {
        send_html(res, status, page("Verify a credential", verify_body(query, found, error)));
      }
    };
    if (!api && !asked) {
      answer(200, nullptr, "");
      return;
    }
    if (const auto wait = verify_limit_.take(client_address(req)); wait > 0) {
      res.set_header("Retry-After", std::to_string(wait));
      answer(429, nullptr,
             "Too many lookups from this address: try again in " + std::to_string(wait) +
                 " seconds.");
      return;
    }
    if (const auto wait = verify_per_day_.take(); wait > 0) {
      res.set_header("Retry-After", std::to_string(wait));
      answer(429, nullptr,
             "The register has answered all the lookups it answers in one day: try again "
             "tomorrow.");
      return;
    }
    const std::string number = query.value("number");
    const std::string last = query.value("last_name");
    const std::string first = query.value("first_name");
    const bool by_name = !last.empty() || !first.empty();
    try {
      if (!number.empty() && by_name) {
        throw core::InputError("Give a credential number, or a last and first name: not both.");
      }
      if (number.empty() && (last.empty() || first.empty())) {
        throw core::InputError("Give a credential number, or a last name and a first name "
                               "together.");
      }
      const auto db = open_database();
      const app::Verification verification(db, programs_);
      std::vector<report::PublicCredential> found;
      if (!number.empty()) {
        if (auto c = verification.by_number(number, today())) {
          found.push_back(*c);
        } else {
          answer(404, &found, "There is no credential with that number.");
          return;
        }
      } else {
        found = verification.by_name(last, first, today());
      }
      answer(200, &found, "");
    } catch (const core::InputError& e) {
      answer(400, nullptr, said(e));
    }
  }

  void api_programs(const httplib::Request&, httplib::Response& res) {
    Json list = Json::array();
    const auto date = today();
    for (const auto* p : programs()) {
      Json j = report::program_json(*p, date);
      Json brief;
      brief["id"] = j["id"];
      brief["name"] = j["name"];
      brief["jurisdiction"] = j["jurisdiction"];
      brief["board"] = j["board"];
      brief["questions"] = j["questions"];
      list.push_back(std::move(brief));
    }
    send_json(res, 200, list);
  }

  void api_check(const httplib::Request& req, httplib::Response& res) {
    if (req.body.size() > options_.max_api_body_bytes) {
      send_json(res, 413,
                error_json("The facts are larger than " +
                           std::to_string(options_.max_api_body_bytes / 1024) +
                           " KiB; send one JSON object."));
      return;
    }
    const std::string id = req.get_param_value("program");
    if (id.empty()) {
      send_json(res, 400, error_json("Say which program: /api/check?program=MO-CPS."));
      return;
    }
    const auto* p = program(id);
    if (p == nullptr) {
      send_json(res, 404, error_json("Unknown program; GET /api/programs lists them."));
      return;
    }
    try {
      p->require_criteria();
      const auto date = today();
      const auto facts = rules::facts_from_json_text(req.body);
      const report::CheckAnswer answer{p, date, rules::assess(*p, facts, date),
                                       rules::next_steps(*p, date)};
      send_json(res, 200, report::check_json(answer));
    } catch (const core::InputError& e) {
      send_json(res, 400, error_json(e.what()));
    }
  }

  void login_form(const httplib::Request& req, httplib::Response& res, int status,
                  const std::string& error) {
    const std::string token = random_token();
    res.set_header("Set-Cookie",
                   set_cookie(login_cookie, token, 3600, options_.behind_https_proxy));
    res.set_header("Cache-Control", "no-store");
    const std::string next = req.has_param("next") ? req.get_param_value("next") : "/staff/";
    send_html(res, status, page("Staff login", login_body(token, safe_next(next), error)));
  }

  void login(const httplib::Request& req, httplib::Response& res) {
    const Form form = Form::parse(req.body);
    const std::string expected = cookie(req, login_cookie);
    if (!same_secret(expected, form.value("csrf"))) {
      send_html(
          res, 403,
          page("Form expired", error_body("This form has expired",
                                          "Go back to the login page, reload it and try again.")));
      return;
    }
    const std::string name = form.value("name");
    // Tries are counted before the password is checked, for this name from this address and
    // for any name from this address; the client's own address, not a proxy's.
    const std::string address = client_address(req);
    const std::string key_name = address + " " + name;
    auto wait = name_throttle_.reserve(key_name);
    if (wait == 0) {
      wait = address_throttle_.reserve(address);
    }
    if (wait > 0) {
      res.set_header("Retry-After", std::to_string(wait));
      login_form(req, res, 429,
                 "Too many failed logins. Try again in " + std::to_string(wait) + " seconds.");
      return;
    }
    const auto db = open_database();
    const auto user = app::Users(db, actor_for(name)).verify(name, form.value("password"));
    if (!user) {
      spdlog::warn("failed staff login");
      login_form(req, res, 401, "The name or the password is wrong.");
      return;
    }
    name_throttle_.succeeded(key_name);
    address_throttle_.succeeded(address);
    const std::string token = sessions_.start(*user);
    res.set_header("Set-Cookie", set_cookie(session_cookie, token, sessions_.lifetime().count(),
                                            options_.behind_https_proxy));
    res.set_redirect(safe_next(form.value("next")), 303);
  }

  void logout(const httplib::Request& req, httplib::Response& res) {
    const std::string token = cookie(req, session_cookie);
    const auto s = sessions_.find(token);
    if (s) {
      if (!csrf_ok(*s, Form::parse(req.body).value("csrf"), res)) {
        return;
      }
      sessions_.end(token);
    }
    res.set_header("Set-Cookie", set_cookie(session_cookie, "", 0, options_.behind_https_proxy));
    res.set_redirect("/", 303);
  }

  /// The credential page, or the search page with why not.
  void show_credential(httplib::Response& res, const Session& s, const std::string& number,
                       int status, const std::string& notice, const Form& entry,
                       const std::string& error) {
    const auto db = open_database();
    app::Renewals renewals(db, programs_, actor_for(s.user));
    report::StatusView view;
    try {
      view = renewals.status(number, today());
    } catch (const core::InputError& e) {
      // Not a number on file: staff may have typed part of a name or an email.
      if (!number.empty()) {
        std::vector<tracker::Credential> matches;
        try {
          matches = app::Credentials(db, programs_, actor_for(s.user)).search(number, 200);
        } catch (const core::InputError&) {
          // Nothing searchable in it either: say there is no such credential.
        }
        if (matches.size() == 1) {
          show_credential(res, s, matches.front().number, status, notice, entry, error);
          return;
        }
        if (matches.size() > 1) {
          send_html(res, 200, page("Credentials", credential_matches_body(number, matches), &s));
          return;
        }
      }
      send_html(res, number.empty() ? 400 : 404,
                page("Credentials",
                     credential_search_body(number, number.empty() ? "Give a credential number."
                                                                   : std::string(e.what())),
                     &s));
      return;
    }
    const auto lines = renewals.ce_lines(view.credential);
    const auto cycles = renewals.history(view.credential, today());
    send_html(res, status,
              page(view.credential.number,
                   credential_body(view, cycles, lines, s, notice, entry, error), &s));
  }

  /// The applicant fields a staff form sent: each one present replaces the stored value (an
  /// empty one clears it).
  static app::ApplicantFields applicant_fields(const Form& form) {
    app::ApplicantFields f;
    const auto take = [&](const char* name, std::optional<std::string>& into) {
      into = form.get(name);
    };
    take("first_name", f.first_name);
    take("last_name", f.last_name);
    take("email", f.email);
    take("phone", f.phone);
    for (const auto& info : rules::all_facts()) {
      if (auto v = form.get(std::string(info.name))) {
        f.facts[info.id] = *v;
      }
    }
    take("background_check_on", f.background_check_on);
    take("registry_check_on", f.registry_check_on);
    take("employer", f.employer);
    take("hired_on", f.hired_on);
    return f;
  }

  /// An error as staff read it: of the field's label on the page ("Date completed is not a
  /// valid date"), never its id.
  static std::string said(const core::InputError& e) {
    static const std::map<std::string, std::string, std::less<>> labels{
        {"application", "Application"},
        {"background_check_on", "Criminal history check date"},
        {"capacity", "Seats"},
        {"category", "Category"},
        {"changed_on", "From"},
        {"cohort", "Cohort"},
        {"completed_on", "Date completed"},
        {"credential_number", "Credential number"},
        {"date", "Day"},
        {"delivery", "Delivery"},
        {"due", "Evidence due by"},
        {"edit_entry", "Which logged item"},
        {"email", "Email"},
        {"employer", "Employer"},
        {"entity", "Kind of record"},
        {"entry", "Entry"},
        {"fee_paid", "Fee paid"},
        {"first_name", "First name"},
        {"from", "From"},
        {"hired_on", "Hired on"},
        {"hours", "Hours"},
        {"last_name", "Last name"},
        {"name", "User name"},
        {"password", "Password"},
        {"phone", "Telephone"},
        {"program", "Program"},
        {"provider", "Provider"},
        {"reason", "Reason"},
        {"registry_check_on", "Registry check date"},
        {"renewed_on", "Filed on"},
        {"search", "The search"},
        {"seed", "Seed"},
        {"share", "Share to audit"},
        {"status", "New status"},
        {"status_reason", "Reason"},
        {"title", "Title"},
        {"to", "To"},
        {"within", "Days ahead"}};
    if (const auto it = labels.find(e.field()); it != labels.end()) {
      return e.said_of(it->second);
    }
    if (const auto fact = rules::fact_from_name(e.field())) {
      return e.said_of(rules::fact_info(*fact).label);
    }
    return e.field().empty() ? std::string(e.what()) : e.said_of("This field");
  }

  /// Where to show a refused form's error: on its field when the error names one.
  static std::map<std::string, std::string> field_errors(const core::InputError& e) {
    if (e.field().empty()) {
      return {};
    }
    return {{e.field(), said(e)}};
  }

  void applicants(const httplib::Request& req, httplib::Response& res) {
    const auto s = staff(req, res);
    if (!s) {
      return;
    }
    const auto db = open_database();
    const app::Applicants applicants(db, programs_, actor_for(s->user));
    const std::string query = req.get_param_value("q");
    if (query.empty()) {
      send_html(res, 200, page("Applicants", applicants_body(applicants.list(), "", ""), &*s));
      return;
    }
    try {
      send_html(res, 200,
                page("Applicants", applicants_body(applicants.search(query, 200), query, ""), &*s));
    } catch (const core::InputError& e) {
      send_html(res, 400, page("Applicants", applicants_body({}, query, said(e)), &*s));
    }
  }

  void add_applicant(const httplib::Request& req, httplib::Response& res) {
    const auto post = staff_post(req, res);
    if (!post) {
      return;
    }
    const auto& [session, form] = *post;
    const auto* s = &session;
    try {
      const auto db = open_database();
      const auto a =
          app::Applicants(db, programs_, actor_for(s->user)).add(applicant_fields(form), today());
      res.set_redirect("/staff/applicant?id=" + std::to_string(a.id.value) + "&saved=1", 303);
    } catch (const core::InputError& e) {
      send_html(res, 400,
                page("Add an applicant",
                     new_applicant_body(*s, form, field_errors(e), "Nothing was saved: " + said(e)),
                     &*s));
    }
  }

  /// The applicant a ?id= names, or nothing after answering 404.
  std::optional<tracker::ApplicantId> applicant_id(const httplib::Request& req,
                                                   httplib::Response& res, const Session& s) {
    const auto n = core::parse_number<std::int64_t>(req.get_param_value("id"));
    if (!n || *n <= 0) {
      send_html(res, 404,
                page("Not found", error_body("No such applicant", "Give an applicant's id."), &s));
      return std::nullopt;
    }
    return tracker::ApplicantId{*n};
  }

  void show_applicant(httplib::Response& res, const Session& s, tracker::ApplicantId id, int status,
                      const std::optional<Form>& typed,
                      const std::map<std::string, std::string>& errors, const std::string& notice,
                      const std::string& problem) {
    const auto db = open_database();
    report::ApplicantFile file;
    try {
      file = app::Applicants(db, programs_, actor_for(s.user)).applicant_file(id, today());
    } catch (const core::InputError& e) {
      send_html(res, 404, page("Not found", error_body("No such applicant", said(e)), &s));
      return;
    }
    const Form values = typed ? *typed : applicant_form_values(file.applicant);
    send_html(res, status,
              page(file.applicant.full_name(),
                   applicant_body(file, s, values, errors, notice, problem), &s));
  }

  void applicant(const httplib::Request& req, httplib::Response& res) {
    const auto s = staff(req, res);
    if (!s) {
      return;
    }
    if (const auto id = applicant_id(req, res, *s)) {
      show_applicant(res, *s, *id, 200, std::nullopt, {},
                     req.get_param_value("saved") == "1" ? "Saved." : "", "");
    }
  }

  void update_applicant(const httplib::Request& req, httplib::Response& res) {
    const auto post = staff_post(req, res);
    if (!post) {
      return;
    }
    const auto& [session, form] = *post;
    const auto* s = &session;
    const auto id = applicant_id(req, res, *s);
    if (!id) {
      return;
    }
    try {
      const auto db = open_database();
      app::Applicants(db, programs_, actor_for(s->user))
          .update(*id, applicant_fields(form), today());
      res.set_redirect("/staff/applicant?id=" + std::to_string(id->value) + "&saved=1", 303);
    } catch (const core::InputError& e) {
      show_applicant(res, *s, *id, 400, form, field_errors(e), "", "Nothing was saved: " + said(e));
    }
  }

  void credential(const httplib::Request& req, httplib::Response& res) {
    const auto s = staff(req, res);
    if (!s) {
      return;
    }
    const std::string number = req.get_param_value("number");
    std::string notice;
    if (req.get_param_value("logged") == "1") {
      notice = "The entry is logged.";
    } else if (req.get_param_value("logged") == "0") {
      notice = "That entry was already on file; nothing was added.";
    }
    show_credential(res, *s, number, 200, notice, Form{}, "");
  }

  /// A correction from the credential page: `change` does it; the page shows again with
  /// `done`, or with the sentence that refused it.
  template <class Change>
  void correct_credential(const httplib::Request& req, httplib::Response& res,
                          const std::string& done, Change change) {
    const auto post = staff_post(req, res);
    if (!post) {
      return;
    }
    const auto& [session, form] = *post;
    const std::string number = form.value("credential_number");
    try {
      const auto db = open_database();
      change(db, actor_for(session.user), form);
      show_credential(res, session, number, 200, done, Form{}, "");
    } catch (const core::InputError& e) {
      show_credential(res, session, number, 400, "", form, said(e));
    }
  }

  void void_ce(const httplib::Request& req, httplib::Response& res) {
    correct_credential(
        req, res, "The entry is voided; it no longer counts.",
        [this](const store::Database& db, const app::Actor& actor, const Form& form) {
          app::Renewals(db, programs_, actor).void_ce(form_id(form, "entry"), form.value("reason"));
        });
  }

  void edit_ce(const httplib::Request& req, httplib::Response& res) {
    correct_credential(
        req, res, "The entry is corrected.",
        [this](const store::Database& db, const app::Actor& actor, const Form& form) {
          const auto given = [&](const char* name) -> std::optional<std::string> {
            auto v = form.value(name);
            return v.empty() ? std::nullopt : std::optional(std::move(v));
          };
          app::Renewals(db, programs_, actor)
              .edit_ce(form_id(form, "edit_entry"),
                       {given("edit_completed_on"), given("edit_hours"), given("edit_category"),
                        given("edit_delivery"), given("edit_title")},
                       today());
        });
  }

  void update_holder(const httplib::Request& req, httplib::Response& res) {
    correct_credential(
        req, res, "The holder's details are saved.",
        [this](const store::Database& db, const app::Actor& actor, const Form& form) {
          app::Credentials(db, programs_, actor)
              .update_holder(form.value("credential_number"),
                             {form.get("first_name"), form.get("last_name"), form.get("email")});
        });
  }

  void file_renewal(const httplib::Request& req, httplib::Response& res) {
    correct_credential(
        req, res, "The renewal is filed.",
        [this](const store::Database& db, const app::Actor& actor, const Form& form) {
          const auto paid = core::Money::parse(form.value("fee_paid"));
          if (!paid) {
            throw core::InputError::about("fee_paid",
                                          "must be an amount of dollars with at most two "
                                          "decimals, such as 70.00.");
          }
          const auto on =
              app::optional_date(form.value("renewed_on"), "renewed_on").value_or(today());
          app::Renewals(db, programs_, actor)
              .file({form.value("credential_number"), on, *paid, form.value("extend") == "1",
                     std::nullopt, std::nullopt},
                    today());
        });
  }

  void change_status(const httplib::Request& req, httplib::Response& res) {
    correct_credential(
        req, res, "The status is changed.",
        [this](const store::Database& db, const app::Actor& actor, const Form& form) {
          const auto state = renewal::state_from_name(form.value("status"));
          if (!state) {
            throw core::InputError::about("status",
                                          "must be inactive, suspended, revoked or active.");
          }
          const auto on =
              app::optional_date(form.value("changed_on"), "changed_on").value_or(today());
          app::Renewals(db, programs_, actor)
              .set_status(form.value("credential_number"), *state, on, form.value("status_reason"),
                          today());
        });
  }

  /// A whole number a form sent in `field`, or an input error naming it.
  static std::int64_t form_id(const Form& form, const std::string& field) {
    const auto id = core::parse_number<std::int64_t>(form.value(field));
    if (!id || *id <= 0) {
      throw core::InputError::about(field, "is not an id.");
    }
    return *id;
  }

  void deny_application(const httplib::Request& req, httplib::Response& res) {
    const auto post = staff_post(req, res);
    if (!post) {
      return;
    }
    const auto& [session, form] = *post;
    const auto id = applicant_id(req, res, session);
    if (!id) {
      return;
    }
    try {
      const auto db = open_database();
      app::Certification(db, programs_, actor_for(session.user))
          .deny_application(tracker::ApplicationId{form_id(form, "application")}, today(),
                            form.value("reason"), today());
      show_applicant(res, session, *id, 200, std::nullopt, {}, "The application is denied.", "");
    } catch (const core::InputError& e) {
      show_applicant(res, session, *id, 400, std::nullopt, {}, "", "Nothing was saved: " + said(e));
    }
  }

  void cohorts(const httplib::Request& req, httplib::Response& res) {
    if (const auto s = staff(req, res)) {
      const auto db = open_database();
      send_html(res, 200,
                page("Cohorts",
                     cohorts_body(app::Cohorts(db, programs_, actor_for(s->user)).cohort_files()),
                     &*s));
    }
  }

  void show_cohort(httplib::Response& res, const Session& s, const std::string& id_text, int status,
                   const Outcome& outcome) {
    const auto id = core::parse_number<std::int64_t>(id_text);
    const auto db = open_database();
    if (!id) {
      send_html(res, 404,
                page("Not found", error_body("No such cohort", "Give a cohort's id."), &s));
      return;
    }
    try {
      const auto file = app::Cohorts(db, programs_, actor_for(s.user)).cohort_file({*id});
      send_html(res, status, page("Cohort " + id_text, cohort_body(file, s, outcome), &s));
    } catch (const core::InputError& e) {
      send_html(res, 404, page("Not found", error_body("No such cohort", said(e)), &s));
    }
  }

  void cohort(const httplib::Request& req, httplib::Response& res) {
    if (const auto s = staff(req, res)) {
      show_cohort(res, *s, req.get_param_value("id"), 200, {});
    }
  }

  void remove_attendance(const httplib::Request& req, httplib::Response& res) {
    const auto post = staff_post(req, res);
    if (!post) {
      return;
    }
    const auto& [session, form] = *post;
    const std::string cohort_id = req.get_param_value("id");
    try {
      const auto db = open_database();
      const auto cohort = core::parse_number<std::int64_t>(cohort_id);
      if (!cohort) {
        throw core::InputError::about("cohort", "is not an id.");
      }
      const auto day = app::optional_date(form.value("date"), "date");
      if (!day) {
        throw core::InputError::about("date", "is required: the day to remove.");
      }
      const auto out = app::Cohorts(db, programs_, actor_for(session.user))
                           .remove_attendance({*cohort}, {form_id(form, "applicant")}, *day);
      show_cohort(res, session, cohort_id, 200,
                  {"The day is removed: " + out.total.to_string() + " of " +
                       out.required.to_string() + " hours attended.",
                   ""});
    } catch (const core::InputError& e) {
      show_cohort(res, session, cohort_id, 400, {"", "Nothing was changed: " + said(e)});
    }
  }

  void show_audits(httplib::Response& res, const Session& s, bool all, int status, const Form& draw,
                   const Outcome& outcome) {
    const auto db = open_database();
    store::CeAuditQuery query;
    query.open_only = !all;
    const auto list = app::CeAudits(db, programs_, actor_for(s.user)).list(query);
    send_html(res, status,
              page("CE audits",
                   ce_audits_body(list, today(), all, programs_.ids(), s, draw, outcome), &s));
  }

  void ce_audits(const httplib::Request& req, httplib::Response& res) {
    if (const auto s = staff(req, res)) {
      show_audits(res, *s, req.get_param_value("all") == "1", 200, Form{}, {});
    }
  }

  void draw_audits(const httplib::Request& req, httplib::Response& res) {
    const auto post = staff_post(req, res);
    if (!post) {
      return;
    }
    const auto& [session, form] = *post;
    try {
      app::DrawRequest request;
      request.program = form.value("program");
      request.share_hundredths = app::audit_share(form.value("share"));
      const auto seed = core::parse_number<std::uint64_t>(form.value("seed"));
      if (!seed) {
        throw core::InputError::about("seed", "must be a whole number, such as 20260301.");
      }
      request.seed = *seed;
      request.from = core::parse_date_field(form.value("from"), "from");
      request.to = core::parse_date_field(form.value("to"), "to");
      request.due = core::parse_date_field(form.value("due"), "due");
      const auto db = open_database();
      const auto out =
          app::CeAudits(db, programs_, actor_for(session.user)).select(request, today());
      std::string notice = "Drew " +
                           std::to_string(out.selected.size() + out.already_audited.size()) +
                           " of " + std::to_string(out.draw.candidates) + " renewals";
      notice += out.selected.empty() ? "; nothing new to audit."
                                     : ": " + std::to_string(out.selected.size()) + " new audits.";
      show_audits(res, session, false, 200, Form{}, {notice, ""});
    } catch (const core::InputError& e) {
      show_audits(res, session, false, 400, form, {"", "Nothing was drawn: " + said(e)});
    }
  }

  void advance_audit(const httplib::Request& req, httplib::Response& res) {
    const auto post = staff_post(req, res);
    if (!post) {
      return;
    }
    const auto& [session, form] = *post;
    try {
      const auto to = tracker::audit_state_from_name(form.value("to"));
      if (!to) {
        throw core::InputError::about("to", "must be " + tracker::audit_state_names() + ".");
      }
      const auto on = app::optional_date(form.value("on"), "on").value_or(today());
      const auto db = open_database();
      const auto a = app::CeAudits(db, programs_, actor_for(session.user))
                         .advance(form_id(form, "audit"), *to, on, form.value("note"), today());
      show_audits(res, session, false, 200, Form{},
                  {"Audit " + std::to_string(a.id) + " of " + a.credential_number + " is now " +
                       std::string(tracker::to_string(a.state)) + ".",
                   ""});
    } catch (const core::InputError& e) {
      show_audits(res, session, false, 400, Form{}, {"", "Nothing was saved: " + said(e)});
    }
  }

  void audit_log(const httplib::Request& req, httplib::Response& res) {
    const auto s = staff(req, res);
    if (!s) {
      return;
    }
    std::string encoded;
    for (const auto* name : {"entity", "id", "actor", "from", "to"}) {
      encoded += std::string(encoded.empty() ? "" : "&") + name + "=" +
                 url_encode(req.get_param_value(name));
    }
    const Form query = Form::parse(encoded);
    try {
      store::AuditQuery filter{query.value("entity"), query.value("id"), query.value("actor"),
                               app::optional_date(query.value("from"), "from"),
                               app::optional_date(query.value("to"), "to")};
      const auto db = open_database();
      send_html(
          res, 200,
          page("Audit log",
               audit_log_body(app::audit_entries(db, filter), query, app::audit_entities(), ""),
               &*s));
    } catch (const core::InputError& e) {
      send_html(res, 400,
                page("Audit log", audit_log_body({}, query, app::audit_entities(), said(e)), &*s));
    }
  }

  void users(const httplib::Request& req, httplib::Response& res, const Outcome& outcome) {
    if (const auto s = staff(req, res)) {
      const auto db = open_database();
      send_html(
          res, outcome.problem.empty() ? 200 : 400,
          page("Users", users_body(app::Users(db, actor_for(s->user)).list(), *s, outcome), &*s));
    }
  }

  void disable_user(const httplib::Request& req, httplib::Response& res) {
    const auto post = staff_post(req, res);
    if (!post) {
      return;
    }
    const auto& [session, form] = *post;
    const auto db = open_database();
    app::Users users(db, actor_for(session.user));
    Outcome outcome;
    int status = 200;
    if (session.role != tracker::Role::admin) {
      outcome.problem = "Only an admin can disable a user.";
      status = 403;
    } else {
      try {
        const auto u = users.disable(form.value("name"));
        outcome.notice = u.name + " is disabled: they can no longer log in.";
      } catch (const core::InputError& e) {
        outcome.problem = "Nothing was changed: " + said(e);
        status = 400;
      }
    }
    send_html(res, status, page("Users", users_body(users.list(), session, outcome), &session));
  }

  void log_ce(const httplib::Request& req, httplib::Response& res) {
    const auto post = staff_post(req, res);
    if (!post) {
      return;
    }
    const auto& [session, form] = *post;
    const auto* s = &session;
    const app::CeText text{form.value("credential_number"),
                           form.value("completed_on"),
                           form.value("hours"),
                           form.value("category"),
                           form.value("delivery"),
                           form.value("provider"),
                           form.value("title")};
    try {
      const auto db = open_database();
      const bool added = app::Renewals(db, programs_, actor_for(s->user)).log_ce(text, today());
      res.set_redirect("/staff/credential?number=" + url_encode(text.credential_number) +
                           "&logged=" + (added ? "1" : "0"),
                       303);
    } catch (const core::InputError& e) {
      show_credential(res, *s, text.credential_number, 400, "", form, said(e));
    }
  }

  void import_ce(const httplib::Request& req, httplib::Response& res) {
    const auto s = staff(req, res);
    if (!s) {
      return;
    }
    if (!req.is_multipart_form_data()) {
      send_html(res, 400,
                page("Import a CE roster",
                     import_body(*s, "", {"Send the roster with the form below."}), &*s));
      return;
    }
    if (!csrf_ok(*s, req.has_file("csrf") ? req.get_file_value("csrf").content : "", res)) {
      return;
    }
    if (!req.has_file("roster") || req.get_file_value("roster").content.empty()) {
      send_html(res, 400,
                page("Import a CE roster", import_body(*s, "", {"Choose a roster file."}), &*s));
      return;
    }
    const auto file = req.get_file_value("roster");
    const std::string name = file.filename.empty() ? "the roster" : file.filename;
    std::istringstream csv(file.content);
    try {
      const auto db = open_database();
      const auto out =
          app::Renewals(db, programs_, actor_for(s->user)).import_ce(csv, name, today(), {});
      send_html(res, 200,
                page("Import a CE roster",
                     import_body(*s,
                                 "Imported " + std::to_string(out.added) + " of " +
                                     std::to_string(out.rows) + " rows from " + name + "; " +
                                     std::to_string(out.unchanged) + " already on file.",
                                 {}),
                     &*s));
    } catch (const app::ImportError& e) {
      std::vector<std::string> problems;
      for (const auto& p : e.problems()) {
        problems.push_back("line " + std::to_string(p.line) + ": " + p.reason);
      }
      send_html(res, 400, page("Import a CE roster", import_body(*s, "", problems), &*s));
    } catch (const core::InputError& e) {
      const std::vector<std::string> problems{said(e)};
      send_html(res, 400, page("Import a CE roster", import_body(*s, "", problems), &*s));
    }
  }

  /// The reminder page's filters from its query string; refused with a sentence naming the
  /// field as the page labels it.
  ReminderFilter reminder_filter(const httplib::Request& req) const {
    ReminderFilter f;
    const auto whole = [&](const std::string& name, long long low, long long high,
                           const std::string& label) -> std::optional<long long> {
      const std::string text = req.has_param(name) ? req.get_param_value(name) : std::string{};
      if (text.empty()) {
        return std::nullopt;
      }
      const auto n = core::parse_number<long long>(text);
      if (!n || *n < low || *n > high) {
        throw core::InputError(label + " must be a whole number from " + std::to_string(low) +
                                   " to " + std::to_string(high) + ".",
                               name);
      }
      return n;
    };
    if (const auto within = whole("within", 0, 3650, "Days ahead")) {
      f.within = static_cast<int>(*within);
    }
    f.page = static_cast<std::size_t>(whole("page", 1, 1'000'000, "Page").value_or(1));
    f.program = req.has_param("program") ? req.get_param_value("program") : std::string{};
    if (!f.program.empty() && !programs_.has(f.program)) {
      f.program.clear();
      throw core::InputError("Program must be one of the programs of the rules directory.");
    }
    for (std::size_t i = 0; i < req.get_param_value_count("status"); ++i) {
      const auto status = renewal::status_from_name(req.get_param_value("status", i));
      if (!status) {
        throw core::InputError("Status must be one of the statuses listed.");
      }
      f.statuses.push_back(*status);
    }
    if (req.has_param("sort") && !req.get_param_value("sort").empty()) {
      f.sort = req.get_param_value("sort");
      const auto& keys = report::reminder_sort_keys();
      if (std::find(keys.begin(), keys.end(), f.sort) == keys.end()) {
        throw core::InputError("Order must be one of the orders listed.");
      }
    }
    return f;
  }

  void reminders(const httplib::Request& req, httplib::Response& res) {
    const auto s = staff(req, res);
    if (!s) {
      return;
    }
    const auto date = today();
    ReminderFilter filter;
    try {
      filter = reminder_filter(req);
    } catch (const core::InputError& e) {
      send_html(res, 400,
                page("Renewal reminders",
                     reminders_body({}, date, ReminderFilter{}, programs_.ids(), said(e)), &*s));
      return;
    }
    const std::string kind = req.matches[1];
    if (kind.empty()) {
      send_reminders_page(res, *s, date, filter);
      return;
    }
    const auto db = open_database();
    auto rows = app::Renewals(db, programs_, actor_for(s->user))
                    .reminders(date, {filter.within, filter.statuses, filter.program});
    report::sort_reminders(rows, filter.sort);
    const std::string base = "peercert-reminders-" + core::format_iso(date);
    if (kind == ".csv") {
      res.set_header("Content-Disposition", "attachment; filename=\"" + base + ".csv\"");
      res.set_content(report::reminders_csv(rows), "text/csv; charset=utf-8");
    } else if (kind == ".ics") {
      res.set_header("Content-Disposition", "attachment; filename=\"" + base + ".ics\"");
      res.set_content(report::reminders_ics(rows, options_.clock()),
                      "text/calendar; charset=utf-8");
    } else if (kind == ".html") {
      res.set_header("Content-Disposition", "attachment; filename=\"" + base + ".html\"");
      res.set_content(report::reminders_html(rows, date, filter.within.value_or(-1)),
                      "text/html; charset=utf-8");
    } else {
      std::ostringstream json;
      report::write_reminders_json(json, rows);
      res.set_content(json.str(), "application/json");
    }
  }

  /// The reminder page, sent as it is made: over a national registry the reminders take
  /// seconds to count, so the page's top (the menu, the heading) goes out at once and the
  /// table follows. The database is opened first, so that one that cannot be is a 503 page.
  void send_reminders_page(httplib::Response& res, const Session& session, core::Date date,
                           const ReminderFilter& filter) {
    auto db = std::make_shared<store::Database>(open_database());
    res.status = 200;
    res.set_chunked_content_provider(
        "text/html; charset=utf-8", [this, db, session, date, filter, started = false](
                                        std::size_t, httplib::DataSink& sink) mutable {
          if (!started) {
            started = true;
            const auto top = page_start("Renewal reminders", &session);
            return sink.write(top.data(), top.size());
          }
          std::string rest;
          try {
            auto rows = app::Renewals(*db, programs_, actor_for(session.user))
                            .reminders(date, {filter.within, filter.statuses, filter.program});
            report::sort_reminders(rows, filter.sort);
            rest = reminders_body(rows, date, filter, programs_.ids(), {});
          } catch (const std::exception& e) {
            const auto failure = store::environment_error(e, options_.database);
            // Error texts name fields, never values, so they may be logged.
            spdlog::error("reminders: {}", failure ? failure->what() : e.what());
            rest = error_body("Not available",
                              failure ? failure->what()
                                      : std::string("The reminders could not be counted."));
          }
          rest += page_end();
          const bool ok = sink.write(rest.data(), rest.size());
          sink.done();
          return ok;
        });
  }

  const ServeOptions& options_;
  rules::ProgramCatalog programs_;
  SessionStore sessions_;
  LoginThrottle name_throttle_{3};
  RateLimit verify_limit_{30}; ///< public lookups per client address per minute
  DailyCap verify_per_day_;    ///< public lookups from all addresses per UTC day
  LoginThrottle address_throttle_{20};
};

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

} // namespace

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

namespace {

ConnectionLimits limits_of(const ServeOptions& options) {
  ConnectionLimits limits;
  limits.workers = options.workers;
  limits.header_deadline = options.header_deadline;
  limits.per_address = options.connections_per_address;
  limits.waiting = options.waiting_connections;
  return limits;
}

/// Everything but the socket: limits, routes, headers, error pages and the request log.
void configure(GuardedServer& svr, Site& site, const ServeOptions& options) {
  svr.set_payload_max_length(options.max_body_bytes);
  svr.set_read_timeout(10, 0);
  svr.set_write_timeout(30, 0);
  // Answers are small: send them at once rather than wait for the client's ACK (Nagle).
  svr.set_tcp_nodelay(true);
  // Each open connection holds a worker while it is kept alive, so keep enough workers for
  // a room of staff and a crowd of applicants, and let idle connections go soon.
  svr.set_keep_alive_timeout(2);
  svr.set_keep_alive_max_count(1000);
  site.routes(svr);

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

} // namespace

struct InProcessServer::Parts {
  explicit Parts(const ServeOptions& given)
      : options(given), site(options), server(limits_of(options)) {
    configure(server, site, options);
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
  // A damaged database is not served: nothing would be safe to write to it.
  store::Database::open(options.database).require_intact();
  Site site(options);
  GuardedServer svr(limits_of(options));
  configure(svr, site, options);

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

  // SIGINT and SIGTERM stop the server: requests under way finish, then serve returns.
  block_stop_signals();
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  std::thread waiter([&svr, signals] {
    int signal = 0;
    sigwait(&signals, &signal);
    std::cerr << "peercert: stopping on " << (signal == SIGINT ? "SIGINT" : "SIGTERM")
              << "; finishing the requests under way." << std::endl;
    svr.stop();
  });
  svr.listen_after_bind();
  // Listening ended by itself (not by a signal): wake the waiter so it can be joined.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  std::cerr << "peercert: stopped." << std::endl;
}

} // namespace peercert::web

// The HTML of the public pages and of the staff's credential and applicant pages, around one
// page frame and one set of escaped form widgets (web/WorkPages.cpp holds the staff's other
// pages). Everything printed that came from a person or a file is escaped here.
#include "web/Pages.hpp"

#include "report/Certificate.hpp"

#include "report/ReminderReport.hpp"
#include "report/RenewalReport.hpp"
#include "report/Text.hpp"
#include "web/Html.hpp"

#include <algorithm>
#include <cctype>
#include <map>

namespace peercert::web {

namespace {

using html::e;
using html::hidden_csrf;
using html::select_input;
using html::text_input;

constexpr const char* style = R"(
:root { --ink: #1b1b1b; --muted: #555; --line: #d6d6d6; --accent: #1f5fa8; }
* { box-sizing: border-box; }
body { font-family: system-ui, sans-serif; color: var(--ink); margin: 0; line-height: 1.5; }
header, main, footer { max-width: 56rem; margin: 0 auto; padding: 1rem; }
header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between; border-bottom: 1px solid var(--line); }
header a.brand { font-weight: bold; font-size: 1.2rem; color: var(--ink); text-decoration: none; }
nav { display: flex; flex-wrap: wrap; gap: .8rem; align-items: center; }
nav form { display: inline; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #1f5fa8; outline-offset: 2px; }
h1 { font-size: 1.6rem; line-height: 1.25; }
label, legend { display: block; font-weight: 600; margin-top: 1.1rem; }
.hint { color: var(--muted); font-size: .95rem; margin: .1rem 0 .3rem; }
input[type=text], input[type=date], input[type=password], input[type=number], select { font: inherit; padding: .45rem; width: 100%; max-width: 24rem; border: 1px solid #888; border-radius: .3rem; }
fieldset { border: 0; padding: 0; margin: 0; }
fieldset label { display: inline-block; font-weight: normal; margin: .2rem 1.2rem .2rem 0; }
button { font: inherit; padding: .55rem 1.2rem; margin-top: 1.2rem; border: 0; border-radius: .3rem; background: var(--accent); color: #fff; cursor: pointer; }
nav button { margin: 0; padding: .3rem .8rem; }
.error { color: #a00; font-weight: 600; }
.notice { background: #eef6ee; border-left: 4px solid #2e7d32; padding: .6rem .9rem; }
.problem { background: #fbeeee; border-left: 4px solid #a00; padding: .6rem .9rem; }
table { border-collapse: collapse; width: 100%; margin: .8rem 0; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
.met { color: #2e7d32; font-weight: 600; } .not_met { color: #a00; font-weight: 600; } .unknown { color: #8a5a00; font-weight: 600; }
.expired { color: #a00; font-weight: 600; } .due_soon { color: #8a5a00; font-weight: 600; }
.bar { width: 10rem; max-width: 100%; height: .8rem; background: #e6e6e6; border-radius: .4rem; overflow: hidden; }
.bar span { display: block; height: 100%; background: #2e7d32; }
.bar.short span { background: #b35900; }
.small { font-size: .9rem; color: var(--muted); }
.outcome { font-size: 1.3rem; font-weight: 700; }
footer { color: var(--muted); font-size: .9rem; border-top: 1px solid var(--line); }
.wide { overflow-x: auto; }
@media (max-width: 40rem) {
  table.stack thead { position: absolute; left: -9999px; }
  table.stack tr { display: block; border-bottom: 1px solid var(--line); padding: .4rem 0; }
  table.stack td { display: block; border: 0; padding: .15rem 0; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
}
)";

std::string outcome_words(rules::Outcome o) {
  switch (o) {
  case rules::Outcome::met:
    return "Met";
  case rules::Outcome::not_met:
    return "Not met";
  case rules::Outcome::unknown:
    return "Not known yet";
  }
  return "";
}

std::string verdict_headline(const report::CheckAnswer& a) {
  switch (a.assessment.verdict) {
  case rules::Verdict::eligible:
    return a.assessment.route != nullptr
               ? "You are eligible, by the way in \"" + a.assessment.route->name + "\"."
               : "You are eligible.";
  case rules::Verdict::not_eligible:
    return a.assessment.eligible_on ? "Not eligible yet: you will be on " +
                                          core::format_long(*a.assessment.eligible_on) + "."
                                    : "Not eligible.";
  case rules::Verdict::undetermined:
    return "Not known yet: some answers are missing or a check is pending.";
  }
  return "";
}

/// Hours done against required; green only when every requirement is met.
std::string hours_bar(core::Hours done, core::Hours required, bool met) {
  const auto r = required.hundredths();
  const auto d = std::min(done.hundredths(), r);
  const long long percent = r > 0 ? (d * 100) / r : 100;
  return "<div class=\"bar" + std::string(met ? "" : " short") + "\" role=\"img\" aria-label=\"" +
         e(done.to_string()) + " of " + e(required.to_string()) +
         " hours\"><span style=\"width:" + std::to_string(percent) + "%\"></span></div>" +
         "<span class=\"small\">" + e(done.to_string()) + " / " + e(required.to_string()) +
         " h</span>";
}

/// The CE categories a program names, as choices: "Peer support".
std::vector<std::pair<std::string, std::string>> category_options(const rules::Program& program) {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto c : program.ce_categories()) {
    std::string words(rules::category_words(c));
    words[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(words[0])));
    out.emplace_back(std::string(rules::to_string(c)), words);
  }
  return out;
}

enum class Audience : std::uint8_t { applicant, staff };

/// One fact's field: the control its kind needs, with the value so far and what was wrong.
std::string fact_field(const rules::FactInfo& info, const std::string& label,
                       const std::string& hint, const std::string& value, const std::string& err,
                       Audience audience) {
  const std::string name(info.name);
  const bool staff = audience == Audience::staff;
  switch (info.kind) {
  case rules::FactKind::date:
    return text_input(name, label, value, "date", hint, err,
                      info.id == rules::FactId::date_of_birth && !staff ? " autocomplete=\"bday\""
                                                                        : "");
  case rules::FactKind::education: {
    std::vector<std::pair<std::string, std::string>> options{{"", staff ? "Not known" : "Choose…"}};
    for (auto level : rules::all_education_levels()) {
      std::string words(rules::education_phrase(level));
      if (words.starts_with("a ") || words.starts_with("an ")) {
        words = words.substr(words.find(' ') + 1);
      }
      words[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(words[0])));
      options.emplace_back(std::string(rules::to_string(level)), words);
    }
    return select_input(name, label, options, value, hint, err);
  }
  case rules::FactKind::check:
    return select_input(name, label,
                        {{"", staff ? "Not known" : "I don't know"},
                         {"passed", "Passed"},
                         {"failed", "Did not pass"},
                         {"pending", "Pending"},
                         {"not_started", "Not started yet"}},
                        value, hint, err);
  case rules::FactKind::hours:
    return text_input(name, label, value, "text", hint, err, " inputmode=\"decimal\"");
  case rules::FactKind::count:
    return text_input(name, label, value, "text", hint, err, " inputmode=\"numeric\"");
  case rules::FactKind::yes_no: {
    std::string out = "<fieldset aria-describedby=\"" + name + "-hint\"><legend>" + e(label) +
                      "</legend><p class=\"hint\" id=\"" + name + "-hint\">" + e(hint) + "</p>";
    if (!err.empty()) {
      out += "<p class=\"error\">" + e(err) + "</p>";
    }
    for (const auto& [v, text] : std::vector<std::pair<std::string, std::string>>{
             {"yes", "Yes"}, {"no", "No"}, {"", staff ? "Not known" : "Not sure"}}) {
      const std::string id = name + "-" + (v.empty() ? "unsure" : v);
      out += "<label for=\"" + id + "\"><input type=\"radio\" id=\"" + id + "\" name=\"" + name +
             "\" value=\"" + v + "\"" + (value == v ? " checked" : "") + "> " + text + "</label>";
    }
    return out + "</fieldset>";
  }
  }
  return {};
}

} // namespace

std::string page_start(const std::string& title, const Session* staff) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>" +
                    e(title) + " · peercert</title>\n<style>" + style +
                    "</style>\n</head>\n<body>\n<header><a class=\"brand\" href=\"/\">peercert</a>";
  if (staff != nullptr) {
    out += "<nav aria-label=\"Staff\"><a href=\"/staff/\">Credentials</a>"
           "<a href=\"/staff/applicants\">Applicants</a>"
           "<a href=\"/staff/ceu/import\">Import CE roster</a>"
           "<a href=\"/staff/credentials/import\">Import holders</a>"
           "<a href=\"/staff/reminders\">Renewal reminders</a>"
           "<a href=\"/staff/audits\">CE audits</a>"
           "<a href=\"/staff/audit\">Audit log</a>"
           "<a href=\"/staff/users\">Users</a>"
           "<span class=\"small\"><a href=\"/staff/account\" title=\"Your account\">" +
           e(staff->user) + "</a></span><form method=\"post\" action=\"/logout\">" +
           hidden_csrf(staff->csrf) + "<button type=\"submit\">Log out</button></form></nav>";
  } else {
    out += "<nav><a href=\"/\">Self-check</a><a href=\"/compare\">Compare programs</a>"
           "<a href=\"/verify\">Verify a credential</a><a href=\"/staff/\">Staff</a></nav>";
  }
  out += "</header>\n<main>\n";
  if (staff != nullptr && staff->database_damaged) {
    out += "<p class=\"problem\" role=\"alert\">" + e(damaged_database_words) + "</p>\n";
  }
  return out;
}

std::string page_end() {
  return "\n</main>\n<footer>peercert: eligibility and credential tracking for certified peer "
         "specialists. Every rule cites its source. Nothing entered in the self-check is "
         "stored. <a href=\"/verify\">Verify a peer specialist's "
         "credential</a>.</footer>\n</body>\n</html>\n";
}

std::string page(const std::string& title, const std::string& body, const Session* staff) {
  return page_start(title, staff) + body + page_end();
}

std::string home_body(const std::vector<const rules::Program*>& programs) {
  std::string out = "<h1>Can I become a certified peer specialist?</h1>\n"
                    "<p>A peer specialist uses their own lived experience of recovery to support "
                    "others. Choose a program to check whether you can start its path to "
                    "certification: a few questions, an answer with the reasons, and the next "
                    "steps. Nothing you enter is stored.</p>\n<ul>\n";
  for (const auto* p : programs) {
    out += "<li><a href=\"/check/" + e(p->id) + "\">" + e(p->name) +
           "</a> <span class=\"small\">(" + e(p->jurisdiction) + ", " + e(p->board) +
           ")</span></li>\n";
  }
  return out + "</ul>\n<p><a href=\"/compare\">Compare every program at once</a>: answer once, "
               "see where you stand in each.</p>\n";
}

std::string check_form_body(const rules::Program& program, const Form& values,
                            const std::map<std::string, std::string>& errors) {
  std::string out = "<h1>" + e(program.name) + ": eligibility self-check</h1>\n";
  out += "<p>Answer what you can. Leave a question blank if you are not sure: the answer will "
         "say what is still needed.</p>\n";
  if (!errors.empty()) {
    out += "<p class=\"problem\" role=\"alert\">Please correct the answers marked below.</p>\n";
  }
  out += "<form method=\"post\" action=\"/check/" + e(program.id) + "\" novalidate>\n";
  for (const auto fact : program.facts_used()) {
    const auto& info = rules::fact_info(fact);
    const std::string name(info.name);
    const auto err = errors.count(name) > 0 ? errors.at(name) : std::string{};
    out += fact_field(info, program.question(fact), std::string(info.hint), values.value(name), err,
                      Audience::applicant) +
           "\n";
  }
  out += "<button type=\"submit\">Check my eligibility</button>\n</form>\n";
  return out;
}

std::string compare_form_body(const std::vector<rules::FactId>& asked, const Form& values,
                              const std::map<std::string, std::string>& errors) {
  std::string out = "<h1>Compare every program</h1>\n";
  out += "<p>Answer once and see where you stand in every program peercert knows: useful when "
         "you move between states. Where you live or work is asked on each program's own "
         "page. Nothing you enter is stored.</p>\n";
  if (!errors.empty()) {
    out += "<p class=\"problem\" role=\"alert\">Please correct the answers marked below.</p>\n";
  }
  out += "<form method=\"post\" action=\"/compare\" novalidate>\n";
  for (const auto fact : asked) {
    const auto& info = rules::fact_info(fact);
    const std::string name(info.name);
    const auto err = errors.count(name) > 0 ? errors.at(name) : std::string{};
    out += fact_field(info, std::string(info.question), std::string(info.hint), values.value(name),
                      err, Audience::applicant) +
           "\n";
  }
  out += "<button type=\"submit\">Compare programs</button>\n</form>\n";
  return out;
}

std::string compare_answer_body(const std::vector<rules::ProgramAssessment>& answers,
                                core::Date as_of) {
  std::size_t eligible = 0;
  std::string rows;
  for (const auto& a : answers) {
    const auto& result = a.assessment;
    eligible += result.verdict == rules::Verdict::eligible ? 1U : 0U;
    std::string words;
    const auto* unmet = rules::first_unmet(result);
    switch (result.verdict) {
    case rules::Verdict::eligible:
      words = result.route != nullptr ? "Eligible, by " + result.route->name : "Eligible";
      break;
    case rules::Verdict::not_eligible:
      words = result.eligible_on
                  ? "Not yet: eligible on " + core::format_long(*result.eligible_on)
                  : "Not eligible" + (unmet != nullptr ? ": " + unmet->reason : std::string{});
      break;
    case rules::Verdict::undetermined:
      words = "Not known yet" + (unmet != nullptr ? ": " + unmet->reason : std::string{});
      break;
    }
    rows += "<tr><td data-label=\"Program\"><a href=\"/check/" + e(a.program->id) + "\">" +
            e(a.program->name) + "</a></td><td data-label=\"Where you stand\" class=\"" +
            std::string(rules::to_string(result.verdict)) + "\">" + e(words) + "</td></tr>\n";
  }
  std::string out = "<h1>Every program, as of " + e(core::format_long(as_of)) + "</h1>\n";
  out += "<p>Eligible for " + std::to_string(eligible) + " of " + std::to_string(answers.size()) +
         (answers.size() == 1 ? " program" : " programs") +
         ". Each program's page says why, and what is next.</p>\n";
  out += "<div class=\"wide\"><table class=\"stack\">\n<thead><tr><th>Program</th><th>Where "
         "you stand</th></tr></thead>\n<tbody>\n" +
         rows + "</tbody>\n</table></div>\n";
  out += "<p><a href=\"/compare\">Compare again</a> · <a href=\"/\">All programs</a></p>\n";
  return out;
}

std::string check_answer_body(const report::CheckAnswer& answer, const Form& answers) {
  const auto& program = *answer.program;
  std::string out = "<h1>" + e(program.name) + "</h1>\n";
  out += "<p class=\"outcome " + std::string(rules::to_string(answer.assessment.verdict)) +
         "\" role=\"status\">" + e(verdict_headline(answer)) + "</p>\n";
  out += "<p class=\"small\">As of " + e(core::format_long(answer.as_of)) + ".</p>\n";
  // The answers go back with the button, so that the form comes back filled: nothing is
  // stored, and the answers never go into an address.
  std::string change = "<form method=\"post\" action=\"/check/" + e(program.id) +
                       "\" class=\"change\"><input type=\"hidden\" name=\"change\" value=\"1\">";
  for (const auto fact : program.facts_used()) {
    const std::string name(rules::fact_info(fact).name);
    if (const auto value = answers.value(name); !value.empty()) {
      change += "<input type=\"hidden\" name=\"" + e(name) + "\" value=\"" + e(value) + "\">";
    }
  }
  change += "<button type=\"submit\">Change an answer</button></form>\n";
  out += change;
  bool to_confirm = false;
  const auto table = [&](const std::vector<rules::RuleResult>& results) {
    out += "<table class=\"stack\">\n<thead><tr><th>Requirement</th><th>Result</th>"
           "<th>Why</th><th>Source</th></tr></thead>\n<tbody>\n";
    for (const auto& r : results) {
      out += "<tr><td data-label=\"Requirement\">" + e(r.criterion->description) +
             "</td><td data-label=\"Result\" class=\"" + std::string(rules::to_string(r.outcome)) +
             "\">" + e(outcome_words(r.outcome)) + "</td><td data-label=\"Why\">" + e(r.reason) +
             (r.criterion->to_confirm ? " <span class=\"small\">(to be confirmed *)</span>"
                                      : std::string{}) +
             "</td><td data-label=\"Source\" class=\"small\">" +
             e(program.source(r.criterion->source).citation) + "</td></tr>\n";
      to_confirm = to_confirm || r.criterion->to_confirm;
    }
    out += "</tbody>\n</table>\n";
  };
  std::vector<rules::RuleResult> in_the_way;
  std::vector<rules::RuleResult> met;
  for (const auto& r : answer.assessment.rules) {
    (r.outcome == rules::Outcome::met ? met : in_the_way).push_back(r);
  }
  if (!in_the_way.empty()) {
    out += "<h2>What stands in the way</h2>\n";
    table(in_the_way);
  }
  if (!met.empty()) {
    out += "<h2>What is met</h2>\n";
    table(met);
  }
  if (!answer.assessment.routes.empty()) {
    out += "<h2>Ways in</h2>\n<p>Besides the requirements above, you need every requirement of "
           "one of these.</p>\n";
    for (const auto& route : answer.assessment.routes) {
      const bool yours = answer.assessment.route == route.route;
      out += "<h3>" + e(route.route->name) + ": <span class=\"" +
             std::string(rules::to_string(route.outcome)) + "\">" +
             e(yours ? "met, your way in" : outcome_words(route.outcome)) + "</span></h3>\n";
      table(route.rules);
    }
  }
  if (to_confirm) {
    out += "<p class=\"small\">* " + e(program.confirm_note) + "</p>\n";
  }
  if (!answer.next_steps.empty()) {
    out += answer.assessment.verdict == rules::Verdict::eligible
               ? "<h2>Your next steps</h2>\n<ol>\n"
               : "<h2>The steps once you are eligible</h2>\n<ol>\n";
    for (const auto& s : answer.next_steps) {
      out += "<li><strong>" + e(s.step->title) + ".</strong> " + e(s.description) +
             " <span class=\"small\">(" + e(program.source(s.step->source).citation) +
             ")</span></li>\n";
    }
    out += "</ol>\n";
  }
  if (!answer.assessment.deadlines.empty()) {
    out += "<h2>Dates to know</h2>\n<ul>\n";
    for (const auto& d : answer.assessment.deadlines) {
      out += "<li><strong>" + e(core::format_long(d.on)) + "</strong>: " + e(d.text) + ".</li>\n";
    }
    out += "</ul>\n";
  }
  out += change + "<p><a href=\"/check/" + e(program.id) +
         "\">Start again with an empty form</a> · <a href=\"/\">All programs</a></p>\n";
  return out;
}

std::string login_body(const std::string& csrf, const std::string& next, const std::string& error) {
  std::string out = "<h1>Staff login</h1>\n";
  if (!error.empty()) {
    out += "<p class=\"problem\" role=\"alert\">" + e(error) + "</p>\n";
  }
  out += "<form method=\"post\" action=\"/login\">" + hidden_csrf(csrf) +
         "<input type=\"hidden\" name=\"next\" value=\"" + e(next) + "\">" +
         text_input("name", "User name", "", "text", {}, {}, " autocomplete=\"username\"") +
         text_input("password", "Password", "", "password", {}, {},
                    " autocomplete=\"current-password\"") +
         "<br><button type=\"submit\">Log in</button></form>\n";
  return out;
}

std::string code_body(const std::string& csrf, const std::string& error) {
  std::string out = "<h1>Second factor</h1>\n";
  if (!error.empty()) {
    out += "<p class=\"problem\" role=\"alert\">" + e(error) + "</p>\n";
  }
  out += "<form method=\"post\" action=\"/login/code\">" + hidden_csrf(csrf) +
         text_input("code", "Code", "", "text",
                    "The six digits your authenticator app shows for peercert, or one of your "
                    "recovery codes.",
                    {}, " autocomplete=\"one-time-code\" inputmode=\"numeric\" autofocus") +
         "<br><button type=\"submit\">Log in</button></form>\n";
  return out;
}

std::string enrol_body(const std::string& csrf, const std::string& secret, const std::string& uri,
                       const std::string& error, const std::string& action) {
  std::string out = "<h1>Set up a second factor</h1>\n";
  if (!error.empty()) {
    out += "<p class=\"problem\" role=\"alert\">" + e(error) + "</p>\n";
  }
  out += "<p>Scan this code with an authenticator app on your phone (any app for \"TOTP\" "
         "codes), or type the secret into it. Then type the six digits it shows.</p>\n"
         "<figure class=\"qr\">" +
         report::qr_svg(uri, 200) + "<figcaption>Secret: <code id=\"totp-secret\">" + e(secret) +
         "</code></figcaption></figure>\n"
         "<form method=\"post\" action=\"" +
         e(action) + "\">" + hidden_csrf(csrf) +
         text_input("code", "Code", "", "text", "The six digits the app shows now.", {},
                    " autocomplete=\"one-time-code\" inputmode=\"numeric\"") +
         "<br><button type=\"submit\">Turn on</button></form>\n";
  return out;
}

std::string recovery_codes_body(const std::vector<std::string>& codes, const std::string& next) {
  std::string out = "<h1>Recovery codes</h1>\n<p>Your second factor is on. Keep these codes "
                    "somewhere safe, away from your phone: each logs you in once if the phone is "
                    "lost. They are shown only now.</p>\n<ul class=\"codes\">";
  for (const auto& code : codes) {
    out += "<li><code>" + e(code) + "</code></li>";
  }
  out += "</ul>\n<p><a href=\"" + e(next) + "\">Continue</a></p>\n";
  return out;
}

std::string staff_home_body() { return credential_search_body("", ""); }

std::string credential_search_body(const std::string& number, const std::string& error) {
  std::string out = "<h1>Look up a credential</h1>\n";
  if (!error.empty()) {
    out += "<p class=\"problem\" role=\"alert\">" + e(error) + "</p>\n";
  }
  out += "<form method=\"get\" action=\"/staff/credential\" role=\"search\">" +
         text_input("number", "Credential number, name or email", number, "search",
                    "For example MO-CPS-000123, or part of a name: \"nunez\" finds Núñez.") +
         "<br><button type=\"submit\">Look up</button></form>\n";
  return out;
}

std::string credential_matches_body(const std::string& query,
                                    const std::vector<tracker::Credential>& matches) {
  std::string out = credential_search_body(query, "");
  out += "<h2>" + std::to_string(matches.size()) + (matches.size() == 1 ? " match" : " matches") +
         "</h2>\n<div class=\"wide\"><table>\n<thead><tr><th scope=\"col\">Credential</th><th "
         "scope=\"col\">Program</th><th scope=\"col\">Holder</th><th "
         "scope=\"col\">Email</th><th scope=\"col\">Issued</th></tr></thead>\n<tbody>\n";
  for (const auto& c : matches) {
    out += "<tr><td><a href=\"/staff/credential?number=" + e(url_encode(c.number)) + "\">" +
           e(c.number) + "</a></td><td>" + e(c.program) + "</td><td>" +
           e(c.first_name + " " + c.last_name) + "</td><td>" + e(c.email) + "</td><td>" +
           core::format_iso(c.issued_on) + "</td></tr>\n";
  }
  return out + "</tbody>\n</table></div>\n";
}

namespace {

/// The specialties a credential holds, after its program: "<br>with CRPA-Family".
std::string specialties_cell(const report::PublicCredential& c) {
  if (!c.specialties || c.specialties->empty()) {
    return {};
  }
  std::string names;
  for (const auto& [id, name] : *c.specialties) {
    names += (names.empty() ? "" : ", ") + name;
  }
  return "<br>with " + e(names);
}

} // namespace

std::string verify_body(const Form& query, const std::vector<report::PublicCredential>* found,
                        const std::string& error) {
  std::string out =
      "<h1>Verify a peer specialist's credential</h1>\n"
      "<p>For employers and the public: look up a credential by its number, or by the holder's "
      "last and first name together. The answer is the name, number, program (with any "
      "specialty held), status, issue and expiry date the board publishes.</p>\n";
  if (!error.empty()) {
    out += "<p class=\"problem\" role=\"alert\">" + e(error) + "</p>\n";
  }
  out += "<form method=\"get\" action=\"/verify\" role=\"search\">" +
         text_input("number", "Credential number", query.value("number"), "text",
                    "For example MO-CPS-000123.") +
         "<p>or</p>" +
         text_input("last_name", "Last name", query.value("last_name"), "text",
                    "The whole last name, or one whole part of it.") +
         text_input("first_name", "First name", query.value("first_name"), "text",
                    "Its first letters are enough: 2 at least.") +
         "<br><button type=\"submit\">Verify</button></form>\n";
  if (found != nullptr) {
    if (found->empty()) {
      out += "<p role=\"status\">No credential matches.</p>\n";
    } else {
      out += "<div class=\"wide\"><table class=\"stack\">\n<thead><tr><th scope=\"col\">Name</th>"
             "<th scope=\"col\">Credential</th><th scope=\"col\">Program</th><th "
             "scope=\"col\">Status</th><th scope=\"col\">Issued</th><th "
             "scope=\"col\">Expires</th></tr></thead>\n<tbody>\n";
      for (const auto& c : *found) {
        out += "<tr><td data-label=\"Name\">" + e(c.first_name + " " + c.last_name) +
               "</td><td data-label=\"Credential\">" + e(c.number) +
               "</td><td data-label=\"Program\">" + e(c.program_name) + " <span class=\"small\">(" +
               e(c.program) + ")</span>" + specialties_cell(c) + "</td><td data-label=\"Status\">" +
               e(report::status_words(c.status)) + "</td><td data-label=\"Issued\">" +
               core::format_iso(c.issued_on) + "</td><td data-label=\"Expires\">" +
               core::format_iso(c.expires_on) + "</td></tr>\n";
      }
      out += "</tbody>\n</table></div>\n";
    }
  }
  return out;
}

std::string error_body(const std::string& heading, const std::string& message) {
  return "<h1>" + e(heading) + "</h1>\n<p>" + e(message) + "</p>\n<p><a href=\"/\">Home</a></p>\n";
}

namespace {

/// The length a holder renews for, where the program lets holders choose it (NY-CPS).
std::string renewal_length_input(const rules::Program& program, core::Date on,
                                 const std::string& chosen) {
  const auto* lengths = program.renewal.lengths.in_force(on);
  if (lengths == nullptr) {
    return {};
  }
  std::vector<std::pair<std::string, std::string>> options{{"", "Choose…"}};
  for (const int years : lengths->value) {
    options.emplace_back(std::to_string(years),
                         std::to_string(years) + (years == 1 ? " year" : " years"));
  }
  return select_input("years", "Renewed for", options, chosen, {}, {});
}

} // namespace

std::string credential_body(const report::StatusView& view,
                            const std::vector<report::CycleRow>& cycles,
                            const std::vector<report::CeLine>& lines, const Session& staff,
                            const std::string& notice, const Form& entry,
                            const std::string& error) {
  const auto& c = view.credential;
  const auto& s = view.status;
  const auto& p = s.current;
  std::string out = "<h1>" + e(c.number) + ": " + e(c.first_name + " " + c.last_name) + "</h1>\n";
  if (!notice.empty()) {
    out += "<p class=\"notice\" role=\"status\">" + e(notice) + "</p>\n";
  }
  if (!error.empty()) {
    out += "<p class=\"problem\" role=\"alert\">Nothing was saved: " + e(error) + "</p>\n";
  }
  out += "<p>" + e(view.program->name) + ", issued " + e(core::format_long(c.issued_on)) +
         (c.email.empty() ? std::string{} : ". Email " + e(c.email)) + ".</p>\n";
  std::string status = report::status_words(s.status);
  status[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(status[0])));
  if (s.set) {
    status += " since " + core::format_long(s.set->on) +
              (view.change ? ": " + view.change->reason : std::string{});
  } else if (s.inactive_since) {
    status +=
        " since " + core::format_long(*s.inactive_since) + ", after its late renewal window closed";
  } else if (s.status == renewal::Status::expired && s.late_until) {
    status += "; a late renewal is accepted until " + core::format_long(*s.late_until) +
              (s.late_fee ? " (late fee " + s.late_fee->to_string() + ")" : std::string{});
  }
  out += "<p class=\"" + std::string(renewal::to_string(s.status)) + "\">" + e(status) +
         "</p><p>Cycle " + std::to_string(s.period.number) + " (" +
         e(std::string(renewal::to_string(s.period.began))) + ") runs from " +
         e(core::format_iso(p.cycle.start)) + " to " + e(core::format_iso(p.cycle.expires_on)) +
         ". Still needed: " +
         e(p.defined ? renewal::describe_needed(p.needed) : "not defined by the rule file") +
         ". Fee due if renewed today: " + e(report::fee_due_words(s)) + ".</p>\n";

  out += "<p><a href=\"/staff/credential/certificate?number=" + e(url_encode(c.number)) +
         "\">Print the certificate and wallet card</a></p>\n";

  out += "<h2 id=\"log\">Log a CE entry</h2>\n";
  out += "<form method=\"post\" action=\"/staff/ceu\">" + hidden_csrf(staff.csrf) +
         "<input type=\"hidden\" name=\"credential_number\" value=\"" + e(c.number) + "\">" +
         text_input("completed_on", "Date completed", entry.value("completed_on"), "date") +
         text_input("hours", "Hours", entry.value("hours"), "text",
                    "Up to two decimals, such as 1.5.", {}, " inputmode=\"decimal\"") +
         select_input("category", "Category", category_options(*view.program),
                      entry.value("category"), {}, {}) +
         select_input("delivery", "Delivery", {{"live", "Live"}, {"self_study", "Self-study"}},
                      entry.value("delivery"), {}, {}) +
         text_input("provider", "Provider", entry.value("provider")) +
         text_input("title", "Title", entry.value("title")) +
         "<br><button type=\"submit\">Log entry</button></form>\n";

  out += "<h2>Timeline</h2>\n<div "
         "class=\"wide\"><table class=\"stack\">\n<thead><tr><th>Cycle</th><th>Began by</th>"
         "<th>Dates</th><th>Hours done</th><th>Requirements</th></tr></thead>\n<tbody>\n";
  for (const auto& row : cycles) {
    const auto& cp = row.progress;
    std::string reqs;
    for (const auto& r : cp.requirements) {
      reqs += e(r.requirement->description) + ": " + e(r.completed.to_string()) + " of " +
              e(r.required.to_string()) + "<br>";
    }
    out += "<tr><td data-label=\"Cycle\">" + std::to_string(row.period.number) +
           (row.current ? " (current)" : "") + "</td><td data-label=\"Began by\">" +
           e(std::string(renewal::to_string(row.period.began))) + "</td><td data-label=\"Dates\">" +
           e(core::format_iso(row.period.cycle.start)) + " to " +
           e(core::format_iso(row.period.cycle.expires_on)) +
           "</td><td data-label=\"Hours done\">" +
           (cp.defined ? hours_bar(cp.hours_completed, cp.hours_required, cp.requirements_met())
                       : std::string("not defined")) +
           "</td><td data-label=\"Requirements\">" + reqs + "</td></tr>\n";
  }
  out += "</tbody>\n</table></div>\n";

  out += "<h2>Continuing education</h2>\n<div "
         "class=\"wide\"><table>\n<thead><tr><th>Date</th><th>Hours</th>"
         "<th>Kind</th><th>Provider and title</th><th>Cycle</th></tr></thead>\n<tbody>\n";
  // The entries that count, as the void and correct forms offer them.
  std::vector<std::pair<std::string, std::string>> entries;
  for (const auto& l : lines) {
    const bool voided = l.entry.voided();
    if (!voided) {
      entries.emplace_back(std::to_string(l.entry.id), core::format_iso(l.entry.completed_on) +
                                                           ", " + l.entry.hours.to_string() +
                                                           " hours, " + l.entry.provider + ": " +
                                                           l.entry.title);
    }
    // A voided entry stays in view, struck through, with why it no longer counts.
    const auto cell = [voided](const std::string& text) {
      return "<td>" + (voided ? "<del>" + text + "</del>" : text) + "</td>";
    };
    out +=
        std::string(voided ? "<tr class=\"voided\">" : "<tr>") +
        cell(e(core::format_iso(l.entry.completed_on))) + cell(e(l.entry.hours.to_string())) +
        cell(e(std::string(l.entry.delivery == rules::CeDelivery::live ? "live " : "self-study ") +
               std::string(rules::category_words(l.entry.category)))) +
        cell(e(l.entry.provider) + ": " + e(l.entry.title)) + "<td>" +
        (voided ? "voided: " + e(l.entry.void_reason)
                : (l.cycle ? std::to_string(l.cycle->index) : std::string("none"))) +
        "</td></tr>\n";
  }
  if (lines.empty()) {
    out += "<tr><td colspan=\"5\">No entries yet.</td></tr>\n";
  }
  out += "</tbody>\n</table></div>\n";

  if (!entries.empty()) {
    out += "<h2 id=\"void\">Void an entry logged in error</h2>\n<form method=\"post\" "
           "action=\"/staff/ceu/void\">" +
           hidden_csrf(staff.csrf) + "<input type=\"hidden\" name=\"credential_number\" value=\"" +
           e(c.number) + "\">" + select_input("entry", "Entry", entries, {}, {}, {}) +
           text_input("reason", "Why it is voided", entry.value("reason"), "text",
                      "It stops counting and stays on file, with this reason.") +
           "<br><button type=\"submit\">Void entry</button></form>\n";
    auto categories = category_options(*view.program);
    categories.insert(categories.begin(), {"", "Unchanged"});
    out +=
        "<h2 id=\"edit\">Correct an entry</h2>\n<form method=\"post\" "
        "action=\"/staff/ceu/edit\">" +
        hidden_csrf(staff.csrf) + "<input type=\"hidden\" name=\"credential_number\" value=\"" +
        e(c.number) + "\">" +
        select_input("edit_entry", "Which logged item", entries, entry.value("edit_entry"), {},
                     {}) +
        "<p class=\"hint\">Fill in only what changes; the rest stays.</p>" +
        text_input("edit_completed_on", "Corrected day", entry.value("edit_completed_on"), "date") +
        text_input("edit_hours", "Corrected hours", entry.value("edit_hours"), "text", {}, {},
                   " inputmode=\"decimal\"") +
        select_input("edit_category", "Corrected kind", categories, entry.value("edit_category"),
                     {}, {}) +
        select_input("edit_delivery", "Corrected way it was given",
                     {{"", "Unchanged"}, {"live", "Live"}, {"self_study", "Self-study"}},
                     entry.value("edit_delivery"), {}, {}) +
        text_input("edit_title", "Corrected course name", entry.value("edit_title")) +
        "<br><button type=\"submit\">Save correction</button></form>\n";
  }
  out += "<h2 id=\"holder\">Holder's details</h2>\n<form method=\"post\" "
         "action=\"/staff/credential/holder\">" +
         hidden_csrf(staff.csrf) + "<input type=\"hidden\" name=\"credential_number\" value=\"" +
         e(c.number) + "\">" + text_input("first_name", "First name", c.first_name) +
         text_input("last_name", "Last name", c.last_name) +
         text_input("email", "Email", c.email, "email") +
         "<br><button type=\"submit\">Save details</button></form>\n";

  // Only the controls the program has: an extension while the initial certificate has one left.
  const bool may_extend =
      s.status == renewal::Status::initial && s.extensions_left && *s.extensions_left > 0;
  out += "<h2 id=\"renew\">File a renewal</h2>\n<form method=\"post\" action=\"/staff/renewal\">" +
         hidden_csrf(staff.csrf) + "<input type=\"hidden\" name=\"credential_number\" value=\"" +
         e(c.number) + "\">" +
         text_input("renewed_on", "Filed on", entry.value("renewed_on"), "date", "Empty: today.") +
         text_input("fee_paid", "Fee paid", entry.value("fee_paid"), "text",
                    "Dollars and cents, such as 70.00.", {}, " inputmode=\"decimal\"") +
         (may_extend ? "<fieldset><label for=\"extend\"><input type=\"checkbox\" id=\"extend\" "
                       "name=\"extend\" value=\"1\"> An extension of the initial certificate, "
                       "not a renewal</label></fieldset>"
                     : std::string{}) +
         renewal_length_input(*view.program, view.as_of, entry.value("years")) +
         "<br><button type=\"submit\">File renewal</button></form>\n";
  out += "<h2 id=\"status\">Change the status</h2>\n<form method=\"post\" "
         "action=\"/staff/credential/status\">" +
         hidden_csrf(staff.csrf) + "<input type=\"hidden\" name=\"credential_number\" value=\"" +
         e(c.number) + "\">" +
         select_input("status", "New status",
                      {{"inactive", "Inactive"},
                       {"suspended", "Suspended"},
                       {"revoked", "Revoked (final)"},
                       {"active", "Active again"}},
                      entry.value("status"), {}, {}) +
         text_input("changed_on", "From", entry.value("changed_on"), "date", "Empty: today.") +
         text_input("status_reason", "Reason", entry.value("status_reason"), "text",
                    "For the holder's record and the audit log.") +
         "<br><button type=\"submit\">Change status</button></form>\n";

  return out;
}

std::string import_body(const Session& staff, const std::string& result,
                        const std::vector<std::string>& problems) {
  std::string out = "<h1>Import a CE roster</h1>\n";
  if (!result.empty()) {
    out += "<p class=\"notice\" role=\"status\">" + e(result) + "</p>\n";
  }
  if (!problems.empty()) {
    out += "<div class=\"problem\" role=\"alert\"><p>Nothing was imported: " +
           std::to_string(problems.size()) + (problems.size() == 1 ? " row is" : " rows are") +
           " bad.</p><ul>";
    for (const auto& p : problems) {
      out += "<li>" + e(p) + "</li>";
    }
    out += "</ul></div>\n";
  }
  out += "<p>A CSV with the header <code>credential_number,completed_on,hours,category,delivery,"
         "provider,title</code>. One bad row refuses the whole file, and every bad row is listed "
         "with its line. Rows already on file are left alone.</p>\n";
  out += "<form method=\"post\" action=\"/staff/ceu/import\" enctype=\"multipart/form-data\">" +
         hidden_csrf(staff.csrf) +
         "<label for=\"roster\">Roster file</label><input type=\"file\" id=\"roster\" "
         "name=\"roster\" accept=\".csv,text/csv\"><br><button type=\"submit\">Import</button>"
         "</form>\n";
  return out;
}

std::string holders_import_body(const Session& staff, const HolderImportForm& form) {
  std::vector<std::pair<std::string, std::string>> date_orders;
  for (const auto order :
       {core::DateOrder::iso, core::DateOrder::month_first, core::DateOrder::day_first}) {
    const std::string name(core::to_string(order));
    date_orders.emplace_back(name, name + " (" + std::string(core::example_date(order)) + ")");
  }
  std::string out = "<h1>Import credential holders</h1>\n";
  if (!form.result.empty()) {
    out += "<div class=\"notice\" role=\"status\">";
    for (const auto& line : form.result) {
      out += "<p>" + e(line) + "</p>";
    }
    out += "</div>\n";
  }
  if (!form.warning.empty()) {
    out += "<p class=\"problem\" role=\"alert\">" + e(form.warning) + "</p>\n";
  }
  if (!form.problems.empty()) {
    out += "<div class=\"problem\" role=\"alert\"><p>Nothing was imported:</p><ul>";
    for (const auto& p : form.problems) {
      out += "<li>" + e(p) + "</li>";
    }
    out += "</ul></div>\n";
  }
  out += "<p>A CSV with the columns <code>credential_number,program,issued_on,first_name,"
         "last_name,email</code> and any of <code>expires_on,status,date_of_birth,"
         "cycle_years</code>, in any order. Where the board's sheet has its own headers, say "
         "which column each is: <code>Cert #=credential_number,Issued=issued_on</code> "
         "(<code>Notes=-</code> leaves a column out). One bad row refuses the whole file, and "
         "every bad row is listed with its line; holders already on file are left alone. Give "
         "<code>expires_on</code> for holders who have renewed since they were issued: without "
         "it their first cycle runs from the issue date.</p>\n";
  out += "<form method=\"post\" action=\"/staff/credentials/import\" "
         "enctype=\"multipart/form-data\">" +
         hidden_csrf(staff.csrf) +
         "<label for=\"holders\">Holders file</label><input type=\"file\" id=\"holders\" "
         "name=\"holders\" accept=\".csv,text/csv\"><br>" +
         text_input("map", "Column mapping (optional)", form.map, "text",
                    "Header=column pairs separated by commas.") +
         select_input("date_format", "Dates in the file", date_orders, form.date_format, "", "") +
         "<fieldset><label for=\"dry_run\"><input type=\"checkbox\" id=\"dry_run\" "
         "name=\"dry_run\" value=\"yes\"" +
         (form.dry_run ? " checked" : "") +
         "> Check only: say what would be imported and write nothing</label></fieldset>"
         "<button type=\"submit\">Import</button></form>\n";
  return out;
}

std::string reminder_query(const ReminderFilter& filter) {
  std::string q = "?within=" + (filter.within ? std::to_string(*filter.within) : std::string{});
  if (!filter.program.empty()) {
    q += "&program=" + url_encode(filter.program);
  }
  for (const auto st : filter.statuses) {
    q += "&status=" + std::string(renewal::to_string(st));
  }
  if (filter.sort != "expires") {
    q += "&sort=" + url_encode(filter.sort);
  }
  return q;
}

std::string reminders_body(const RemindersShown& shown, core::Date as_of,
                           const ReminderFilter& filter, const std::vector<std::string>& programs,
                           const std::string& problem) {
  const std::string days = filter.within ? std::to_string(*filter.within) : std::string{};
  const std::string query = reminder_query(filter);
  std::string out = "<h1>Renewal reminders</h1>\n";
  if (!problem.empty()) {
    out += "<p class=\"problem\" role=\"alert\">" + e(problem) + "</p>\n";
  }
  out += "<p>As of " + e(core::format_long(as_of)) + ": " + std::to_string(shown.total) +
         (shown.total == 1 ? " credential expires" : " credentials expire") + " within " +
         (filter.within ? days + " days" : std::string("each program's reminder window")) +
         ", expired within it, or can still be renewed late" +
         (filter.program.empty() ? std::string{} : ", of " + e(filter.program)) + ".</p>\n";
  std::vector<std::pair<std::string, std::string>> program_options{{"", "Every program"}};
  for (const auto& id : programs) {
    program_options.emplace_back(id, id);
  }
  static const std::map<std::string, std::string, std::less<>> sort_words{
      {"expires", "Expiry (expired first)"},
      {"name", "Holder's name"},
      {"program", "Program"},
      {"status", "Status"},
      {"needed", "Hours still needed (most first)"}};
  std::vector<std::pair<std::string, std::string>> sort_options;
  for (const auto& key : report::reminder_sort_keys()) {
    const auto words = sort_words.find(key);
    sort_options.emplace_back(key, words != sort_words.end() ? words->second : key);
  }
  out +=
      "<form method=\"get\" action=\"/staff/reminders\">" +
      text_input("within", "Days ahead", days, "number",
                 "Leave empty for each program's reminder window.", {}, " min=\"0\" max=\"3650\"") +
      select_input("program", "Program", program_options, filter.program, {}, {}) +
      "<fieldset><legend>Status (none ticked: every status but the ones staff set)</legend>";
  for (const auto st : renewal::all_statuses()) {
    const std::string name(renewal::to_string(st));
    const bool on =
        std::find(filter.statuses.begin(), filter.statuses.end(), st) != filter.statuses.end();
    out += "<label for=\"status-" + name + "\"><input type=\"checkbox\" id=\"status-" + name +
           "\" name=\"status\" value=\"" + name + "\"" + (on ? " checked" : "") + "> " +
           e(report::status_words(st)) + "</label> ";
  }
  out += "</fieldset>" + select_input("sort", "Order", sort_options, filter.sort, {}, {}) +
         "<br><button type=\"submit\">Show</button></form>\n";
  out += "<p>Download: <a href=\"/staff/reminders.csv" + e(query) +
         "\">CSV for a mail merge</a> · <a href=\"/staff/reminders.excel.csv" + e(query) +
         "\">CSV for Excel</a> · <a href=\"/staff/reminders.xlsx" + e(query) +
         "\">Excel workbook (XLSX)</a> · "
         "<a href=\"/staff/reminders.ics" +
         e(query) +
         "\">calendar (ICS)</a> · "
         "<a href=\"/staff/reminders.html" +
         e(query) +
         "\">printable page</a> · "
         "<a href=\"/staff/reminders.json" +
         e(query) + "\">JSON</a></p>\n";
  out += "<h2>Summary</h2>\n" + report::summary_html(shown.summary);
  out += "<h2>Expiring in the next 12 months</h2>\n" + shown.chart + "\n";
  const std::size_t pages =
      std::max<std::size_t>(1, (shown.total + reminder_page_size - 1) / reminder_page_size);
  const std::size_t page = std::min(shown.page, pages);
  const std::size_t first = (page - 1) * reminder_page_size;
  const std::size_t last = std::min(shown.total, first + reminder_page_size);
  out += "<h2>Credentials</h2>\n";
  const auto pager = [&] {
    if (pages == 1) {
      return std::string{};
    }
    std::string nav = "<nav class=\"pager\" aria-label=\"Pages\"><p>Rows " +
                      std::to_string(first + 1) + " to " + std::to_string(last) + " of " +
                      std::to_string(shown.total) + ". ";
    if (page > 1) {
      nav += "<a href=\"/staff/reminders" + e(query) + "&amp;page=" + std::to_string(page - 1) +
             "\" rel=\"prev\">Previous page</a> ";
    }
    if (page < pages) {
      nav += "<a href=\"/staff/reminders" + e(query) + "&amp;page=" + std::to_string(page + 1) +
             "\" rel=\"next\">Next page</a>";
    }
    return nav + "</p></nav>\n";
  };
  out += pager();
  out += "<div "
         "class=\"wide\"><table class=\"stack\">\n<thead><tr><th>Holder</th><th>Credential</th>"
         "<th>Status</th><th>Expires</th><th>Hours done</th><th>Still needed</th></tr></thead>\n"
         "<tbody>\n";
  for (const auto& v : shown.rows) {
    const auto& p = v.status.current;
    out += "<tr><td data-label=\"Holder\">" +
           e(v.credential.first_name + " " + v.credential.last_name) +
           "</td><td data-label=\"Credential\"><a href=\"/staff/credential?number=" +
           e(url_encode(v.credential.number)) + "\">" + e(v.credential.number) +
           "</a></td><td data-label=\"Status\" class=\"" +
           std::string(renewal::to_string(v.status.status)) + "\">" +
           e(report::status_words(v.status.status)) + "</td><td data-label=\"Expires\">" +
           e(core::format_iso(p.cycle.expires_on)) + "</td><td data-label=\"Hours done\">" +
           hours_bar(p.hours_completed, p.hours_required, p.requirements_met()) +
           "</td><td data-label=\"Still needed\">" + e(renewal::describe_needed(p.needed)) +
           "</td></tr>\n";
  }
  out += "</tbody>\n</table></div>\n";
  return out + pager();
}

namespace {

/// The applicant form: names and contact, every standard fact, the check dates, employment.
std::string applicant_fields(const Form& values, const std::map<std::string, std::string>& errors) {
  const auto err = [&](const std::string& name) {
    return errors.count(name) > 0 ? errors.at(name) : std::string{};
  };
  const auto text = [&](const std::string& name, const std::string& label,
                        const std::string& type = "text", const std::string& hint = {},
                        const std::string& extra = {}) {
    return text_input(name, label, values.value(name), type, hint, err(name), extra) + "\n";
  };
  std::string out = "<h2>Person</h2>\n";
  out += text("first_name", "First name", "text", {}, " autocomplete=\"off\"");
  out += text("last_name", "Last name", "text", {}, " autocomplete=\"off\"");
  out += text("email", "Email", "email");
  out += text("phone", "Telephone", "tel");
  out += "<h2>Facts the programs judge</h2>\n<p class=\"small\">Leave what is not known "
         "blank: the programs that need it say so.</p>\n";
  for (const auto& info : rules::all_facts()) {
    const std::string name(info.name);
    out += fact_field(info, std::string(info.label), std::string(info.hint), values.value(name),
                      err(name), Audience::staff) +
           "\n";
    if (info.id == rules::FactId::registry_check) {
      out += text("registry_check_on", "Registry check: date of that status", "date");
    }
  }
  out += "<h2>Employment</h2>\n";
  out += text("employer", "Employer");
  out += text("hired_on", "Hired on", "date");
  return out;
}

} // namespace

std::string applicants_body(const std::vector<tracker::Applicant>& applicants,
                            const std::string& query, const std::string& error) {
  std::string out = "<h1>Applicants</h1>\n<p><a href=\"/staff/applicants/new\">Add an "
                    "applicant</a> · <a href=\"/staff/cohorts\">Training cohorts</a></p>\n";
  if (!error.empty()) {
    out += "<p class=\"problem\" role=\"alert\">" + e(error) + "</p>\n";
  }
  out += "<form method=\"get\" action=\"/staff/applicants\" role=\"search\">" +
         text_input("q", "Find an applicant", query, "search",
                    "Any part of the name or email; \"nunez\" finds Núñez.") +
         "<br><button type=\"submit\">Search</button></form>\n";
  if (!query.empty()) {
    out += "<p>" + std::to_string(applicants.size()) +
           (applicants.size() == 1 ? " match" : " matches") +
           ". <a href=\"/staff/applicants\">Every applicant</a></p>\n";
  }
  out += "<div class=\"wide\"><table class=\"stack\">\n<thead><tr><th>Id</th><th>Name</th>"
         "<th>Email</th><th>Facts given</th></tr></thead>\n<tbody>\n";
  for (const auto& a : applicants) {
    std::size_t given = 0;
    for (const auto& info : rules::all_facts()) {
      given += a.facts.has(info.id) ? 1U : 0U;
    }
    out +=
        "<tr><td data-label=\"Id\">" + std::to_string(a.id.value) +
        "</td><td data-label=\"Name\"><a href=\"/staff/applicant?id=" + std::to_string(a.id.value) +
        "\">" + e(a.full_name()) + "</a></td><td data-label=\"Email\">" +
        e(a.email.empty() ? "-" : a.email) + "</td><td data-label=\"Facts given\">" +
        std::to_string(given) + " of " + std::to_string(rules::fact_count) + "</td></tr>\n";
  }
  if (applicants.empty()) {
    out += "<tr><td colspan=\"4\">No applicants yet.</td></tr>\n";
  }
  return out + "</tbody>\n</table></div>\n";
}

std::string new_applicant_body(const Session& staff, const Form& values,
                               const std::map<std::string, std::string>& errors,
                               const std::string& problem) {
  std::string out = "<h1>Add an applicant</h1>\n";
  if (!problem.empty()) {
    out += "<p class=\"problem\" role=\"alert\">" + e(problem) + "</p>\n";
  }
  out += "<form method=\"post\" action=\"/staff/applicants/new\" novalidate>" +
         hidden_csrf(staff.csrf) + "\n" + applicant_fields(values, errors) +
         "<button type=\"submit\">Add applicant</button></form>\n";
  return out;
}

std::string applicant_body(const report::ApplicantFile& file, const Session& staff,
                           const Form& values, const std::map<std::string, std::string>& errors,
                           const std::string& notice, const std::string& problem) {
  const auto& a = file.applicant;
  const std::string id = std::to_string(a.id.value);
  std::string out = "<h1>Applicant " + id + ": " + e(a.full_name()) + "</h1>\n";
  if (!notice.empty()) {
    out += "<p class=\"notice\" role=\"status\">" + e(notice) + "</p>\n";
  }
  if (!problem.empty()) {
    out += "<p class=\"problem\" role=\"alert\">" + e(problem) + "</p>\n";
  }
  out += "<h2>Eligibility, program by program</h2>\n<div class=\"wide\"><table "
         "class=\"stack\">\n<thead><tr><th>Program</th><th>Outcome</th><th>Not met or not "
         "known</th></tr></thead>\n<tbody>\n";
  for (const auto& pe : file.eligibility) {
    const auto& v = pe.assessment;
    std::string outcome = v.verdict == rules::Verdict::eligible       ? "Eligible"
                          : v.verdict == rules::Verdict::undetermined ? "Not known yet"
                          : v.eligible_on ? "Eligible on " + core::format_long(*v.eligible_on)
                                          : "Not eligible";
    std::string open;
    for (const auto& r : v.rules) {
      if (r.outcome != rules::Outcome::met) {
        open += "<li><span class=\"" + std::string(rules::to_string(r.outcome)) + "\">" +
                e(r.criterion->description) + "</span>: " + e(r.reason) + "</li>";
      }
    }
    out += "<tr><td data-label=\"Program\">" + e(pe.program->id) +
           "</td><td data-label=\"Outcome\" class=\"" +
           std::string(rules::to_string(v.verdict == rules::Verdict::eligible ? rules::Outcome::met
                                        : v.verdict == rules::Verdict::not_eligible
                                            ? rules::Outcome::not_met
                                            : rules::Outcome::unknown)) +
           "\">" + e(outcome) + "</td><td data-label=\"Not met or not known\">" +
           (open.empty() ? "-" : "<ul>" + open + "</ul>") + "</td></tr>\n";
  }
  out += "</tbody>\n</table></div>\n";
  if (!file.applications.empty()) {
    out += "<h2 id=\"applications\">Certification applications</h2>\n<div class=\"wide\"><table "
           "class=\"stack\">\n<thead><tr><th>Application</th><th>Program</th><th>Submitted</th>"
           "<th>Status</th><th>Deny</th></tr></thead>\n<tbody>\n";
    for (const auto& app : file.applications) {
      const std::string aid = std::to_string(app.id.value);
      std::string status(tracker::to_string(app.status));
      if (!app.credential_number.empty()) {
        status += ": <a href=\"/staff/credential?number=" + e(url_encode(app.credential_number)) +
                  "\">" + e(app.credential_number) + "</a>";
      } else if (!app.denial_reason.empty()) {
        status += ": " + e(app.denial_reason);
      }
      std::string deny = "-";
      if (app.status == tracker::ApplicationStatus::submitted) {
        deny = "<form method=\"post\" action=\"/staff/application/deny?id=" + id + "\">" +
               hidden_csrf(staff.csrf) + "<input type=\"hidden\" name=\"application\" value=\"" +
               aid + "\"><input type=\"text\" name=\"reason\" aria-label=\"Why application " + aid +
               " is denied\" placeholder=\"Reason\"> <button type=\"submit\">Deny</button>"
               "</form>";
      }
      out += "<tr><td data-label=\"Application\">" + aid + "</td><td data-label=\"Program\">" +
             e(app.program) + "</td><td data-label=\"Submitted\">" +
             e(core::format_iso(app.submitted_on)) + "</td><td data-label=\"Status\">" + status +
             "</td><td data-label=\"Deny\">" + deny + "</td></tr>\n";
    }
    out += "</tbody>\n</table></div>\n";
  }
  out += "<h2>Change the details</h2>\n<form method=\"post\" action=\"/staff/applicant?id=" + id +
         "\" novalidate>" + hidden_csrf(staff.csrf) + "\n" + applicant_fields(values, errors) +
         "<button type=\"submit\">Save changes</button></form>\n";
  return out;
}

Form applicant_form_values(const tracker::Applicant& a) {
  std::string encoded;
  const auto put = [&](const std::string& name, const std::string& value) {
    encoded += (encoded.empty() ? "" : "&") + name + "=" + url_encode(value);
  };
  put("first_name", a.first_name);
  put("last_name", a.last_name);
  put("email", a.email);
  put("phone", a.phone);
  for (const auto& info : rules::all_facts()) {
    put(std::string(info.name), rules::fact_to_text(a.facts.get(info.id)));
  }
  put("registry_check_on",
      a.registry_check_on ? core::format_iso(*a.registry_check_on) : std::string{});
  put("employer", a.employer);
  put("hired_on", a.hired_on ? core::format_iso(*a.hired_on) : std::string{});
  return Form::parse(encoded);
}

} // namespace peercert::web

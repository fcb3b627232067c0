#include "web/routes/Public.hpp"
#include "rules/ProgramId.hpp"

#include "core/Error.hpp"
#include "rules/Compare.hpp"
#include "rules/Eligibility.hpp"
#include "rules/Facts.hpp"
#include "web/Pages.hpp"
#include "web/Reply.hpp"

#include <httplib.h>

#include <map>

namespace peercert::web::routes {

namespace {

using report::Json;

const rules::Program* program(const rules::ProgramCatalog& programs, const std::string& typed) {
  const std::string id = rules::program_id(typed); // ids are upper-case in every rule file
  return programs.has(id) ? &programs.get(id) : nullptr;
}

/// The program a /check/ID page is for, or nothing after answering 404.
const rules::Program* program_page(const httplib::Request& req, httplib::Response& res,
                                   const rules::ProgramCatalog& programs) {
  const auto* p = program(programs, req.matches[1]);
  if (p == nullptr) {
    send_html(
        res, 404,
        page("Not found", error_body("No such program", "peercert has no program by that name.")));
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

/// The answers to `asked` in `form`, into `facts`; what was wrong with each, by field.
std::map<std::string, std::string> read_facts(const Form& form,
                                              const std::vector<rules::FactId>& asked,
                                              core::Date date, rules::Facts& facts) {
  std::map<std::string, std::string> errors;
  for (const auto fact : asked) {
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
  return errors;
}

/// The query string of a request, as a form.
Form query_of(const httplib::Request& req) {
  const auto q = req.target.find('?');
  return Form::parse(q == std::string::npos ? std::string_view{} : req.target.substr(q + 1));
}

/// A verification answer: JSON for the API, the page otherwise.
void verify_answer(const httplib::Request& req, httplib::Response& res, bool api, int status,
                   const std::vector<report::PublicCredential>* found, const std::string& error) {
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
    send_html(res, status, page("Verify a credential", verify_body(query_of(req), found, error)));
  }
}

} // namespace

void home(httplib::Response& res, const rules::ProgramCatalog& programs) {
  send_html(res, 200,
            page("Eligibility self-check", home_body(rules::checkable_programs(programs))));
}

void check_form(const httplib::Request& req, httplib::Response& res,
                const rules::ProgramCatalog& programs) {
  const auto* p = program_page(req, res, programs);
  if (p == nullptr) {
    return;
  }
  send_html(res, 200, page(p->name, check_form_body(*p, Form{}, {})));
}

void check_answer(const httplib::Request& req, httplib::Response& res,
                  const rules::ProgramCatalog& programs, core::Date today) {
  const auto* p = program_page(req, res, programs);
  if (p == nullptr) {
    return;
  }
  const Form form = Form::parse(req.body);
  if (form.value("change") == "1") {
    // "Change an answer": the form again, as the applicant filled it.
    send_html(res, 200, page(p->name, check_form_body(*p, form, {})));
    return;
  }
  const auto date = today;
  rules::Facts facts;
  const auto errors = read_facts(form, p->facts_used(), date, facts);
  if (!errors.empty()) {
    send_html(res, 400, page(p->name, check_form_body(*p, form, errors)));
    return;
  }
  const report::CheckAnswer answer{p, date, rules::assess(*p, facts, date),
                                   rules::next_steps(*p, date)};
  send_html(res, 200, page(p->name, check_answer_body(answer, form)));
}

void compare_form(httplib::Response& res, const rules::ProgramCatalog& programs) {
  const auto checkable = rules::checkable_programs(programs);
  send_html(res, 200,
            page("Compare programs",
                 compare_form_body(rules::facts_for_comparison(checkable), Form{}, {})));
}

void compare_answer(const httplib::Request& req, httplib::Response& res,
                    const rules::ProgramCatalog& programs, core::Date today) {
  const Form form = Form::parse(req.body);
  const auto checkable = rules::checkable_programs(programs);
  const auto asked = rules::facts_for_comparison(checkable);
  rules::Facts facts;
  const auto errors = read_facts(form, asked, today, facts);
  if (!errors.empty()) {
    send_html(res, 400, page("Compare programs", compare_form_body(asked, form, errors)));
    return;
  }
  send_html(res, 200,
            page("Compare programs",
                 compare_answer_body(rules::assess_all(checkable, facts, today), today)));
}

void api_programs(httplib::Response& res, const rules::ProgramCatalog& programs, core::Date today) {
  Json list = Json::array();
  for (const auto* p : rules::checkable_programs(programs)) {
    Json j = report::program_json(*p, today);
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

void api_check(const httplib::Request& req, httplib::Response& res,
               const rules::ProgramCatalog& programs, core::Date today, std::size_t max_body) {
  if (req.body.size() > max_body) {
    send_json(res, 413,
              error_json("The facts are larger than " + std::to_string(max_body / 1024) +
                         " KiB; send one JSON object."));
    return;
  }
  const std::string id = req.get_param_value("program");
  if (id.empty()) {
    send_json(res, 400, error_json("Say which program: /api/check?program=MO-CPS."));
    return;
  }
  const auto* p = program(programs, id);
  if (p == nullptr) {
    send_json(res, 404, error_json("Unknown program; GET /api/programs lists them."));
    return;
  }
  try {
    p->require_criteria();
    const auto facts = rules::facts_from_json_text(req.body);
    const report::CheckAnswer answer{p, today, rules::assess(*p, facts, today),
                                     rules::next_steps(*p, today)};
    send_json(res, 200, report::check_json(answer));
  } catch (const core::InputError& e) {
    send_json(res, 400, error_json(e.what()));
  }
}

bool verify_asks(const httplib::Request& req) {
  const Form query = query_of(req);
  return query.has("number") || query.has("last_name") || query.has("first_name");
}

bool verify_by_name(const httplib::Request& req) {
  const Form query = query_of(req);
  return !query.value("last_name").empty() || !query.value("first_name").empty();
}

void verify_form(const httplib::Request& req, httplib::Response& res) {
  verify_answer(req, res, false, 200, nullptr, "");
}

void verify_refused(const httplib::Request& req, httplib::Response& res, bool api,
                    const std::string& message) {
  verify_answer(req, res, api, 429, nullptr, message);
}

void verify(const httplib::Request& req, httplib::Response& res, bool api,
            const app::Verification& verification, core::Date today) {
  const Form query = query_of(req);
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
    std::vector<report::PublicCredential> found;
    if (!number.empty()) {
      if (auto c = verification.by_number(number, today)) {
        found.push_back(*c);
      } else {
        verify_answer(req, res, api, 404, &found, "There is no credential with that number.");
        return;
      }
    } else {
      found = verification.by_name(last, first, today);
    }
    verify_answer(req, res, api, 200, &found, "");
  } catch (const core::InputError& e) {
    verify_answer(req, res, api, 400, nullptr, said(e));
  }
}

} // namespace peercert::web::routes

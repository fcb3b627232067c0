#pragma once

// The public routes: the self-check pages and JSON API, and verification of a credential.
// Nothing a person types here is stored.

#include "app/Verification.hpp"
#include "rules/ProgramCatalog.hpp"

#include <cstddef>

namespace httplib {
struct Request;
struct Response;
} // namespace httplib

namespace peercert::web::routes {

/// GET /: the programs a person can check.
void home(httplib::Response& res, const rules::ProgramCatalog& programs);
/// GET and POST /check/PROGRAM: the form, then the answer.
void check_form(const httplib::Request& req, httplib::Response& res,
                const rules::ProgramCatalog& programs);
void check_answer(const httplib::Request& req, httplib::Response& res,
                  const rules::ProgramCatalog& programs, core::Date today);
/// GET and POST /compare: every program at once, from one set of answers.
void compare_form(httplib::Response& res, const rules::ProgramCatalog& programs);
void compare_answer(const httplib::Request& req, httplib::Response& res,
                    const rules::ProgramCatalog& programs, core::Date today);
/// GET /api/programs and POST /api/check?program=ID (a body of at most `max_body` bytes).
void api_programs(httplib::Response& res, const rules::ProgramCatalog& programs, core::Date today);
void api_check(const httplib::Request& req, httplib::Response& res,
               const rules::ProgramCatalog& programs, core::Date today, std::size_t max_body);

/// Whether GET /verify asks anything (else it is the bare form, answered by verify_form).
bool verify_asks(const httplib::Request& req);
/// Whether it asks by name (a lookup that can list several people, so it costs more).
bool verify_by_name(const httplib::Request& req);
void verify_form(const httplib::Request& req, httplib::Response& res);
/// GET /verify (`api` false: the page) or /api/verify (JSON), once the rate limits let it:
/// by number, or by last and first name together.
void verify(const httplib::Request& req, httplib::Response& res, bool api,
            const app::Verification& verification, core::Date today);
/// The answer to a lookup the rate limits refused: 429 with `message`.
void verify_refused(const httplib::Request& req, httplib::Response& res, bool api,
                    const std::string& message);

} // namespace peercert::web::routes

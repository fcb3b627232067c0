#pragma once

// What every route does with a request and its answer: cookies, the kind of answer the client
// wants, HTML and JSON answers, and a refused field said in the words of the page.

#include "core/Error.hpp"
#include "report/CheckReport.hpp"
#include "web/Form.hpp"

#include <cstdint>
#include <map>
#include <string>

namespace httplib {
struct Request;
struct Response;
} // namespace httplib

namespace peercert::web {

/// The value of cookie `name`, or empty.
std::string cookie(const httplib::Request& req, const std::string& name);
/// Whether the client asked for HTML (a browser) rather than JSON (an API client).
bool wants_html(const httplib::Request& req);
void send_html(httplib::Response& res, int status, const std::string& html);
void send_json(httplib::Response& res, int status, const report::Json& json);
report::Json error_json(const std::string& message);

/// An error as staff read it: of the field's label on the page ("Date completed is not a
/// valid date"), never its id.
std::string said(const core::InputError& e);
/// Where to show a refused form's error: on its field when the error names one.
std::map<std::string, std::string> field_errors(const core::InputError& e);
/// A whole number a form sent in `field`, or an input error naming it.
std::int64_t form_id(const Form& form, const std::string& field);

} // namespace peercert::web

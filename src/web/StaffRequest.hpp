#pragma once

#include "core/Date.hpp"
#include "web/Form.hpp"
#include "web/Sessions.hpp"

namespace httplib {
struct Request;
} // namespace httplib

namespace peercert::web {

/// A staff request that passed the session check and, for a form, the CSRF check: what it
/// asked, who asked, what the form sent, and the day it is judged on.
struct StaffRequest {
  const httplib::Request& http;
  const Session& session;
  const Form& form; ///< the fields a POST sent; empty for a GET
  core::Date today;
};

} // namespace peercert::web

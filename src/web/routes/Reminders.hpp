#pragma once

// GET /staff/reminders (the page, sent as it is made) and its downloads (.csv, .ics, .html,
// .json) with the command line's filters.

#include "app/Lifecycle.hpp"
#include "rules/ProgramCatalog.hpp"
#include "store/Location.hpp"
#include "web/StaffRequest.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace httplib {
struct Response;
} // namespace httplib

namespace peercert::web::routes {

/// `lifecycle` is shared: the page is made after this returns, while it is sent, and keeps
/// the services (and the connection under them) that long. `clock` stamps the calendar;
/// `database` names the file in a failure said on the page.
void reminders(const StaffRequest& r, httplib::Response& res,
               std::shared_ptr<const app::Lifecycle> lifecycle,
               const rules::ProgramCatalog& programs, const std::function<std::string()>& clock,
               const store::Location& database);

} // namespace peercert::web::routes

#include "web/Reply.hpp"

#include "core/Text.hpp"
#include "rules/Fact.hpp"

#include <httplib.h>

namespace peercert::web {

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

void send_json(httplib::Response& res, int status, const report::Json& json) {
  res.status = status;
  res.set_content(json.dump(2) + "\n", "application/json");
}

report::Json error_json(const std::string& message) {
  report::Json j;
  j["error"] = message;
  return j;
}

std::string said(const core::InputError& e) {
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

std::map<std::string, std::string> field_errors(const core::InputError& e) {
  if (e.field().empty()) {
    return {};
  }
  return {{e.field(), said(e)}};
}

std::int64_t form_id(const Form& form, const std::string& field) {
  const auto id = core::parse_number<std::int64_t>(form.value(field));
  if (!id || *id <= 0) {
    throw core::InputError::about(field, "is not an id.");
  }
  return *id;
}

} // namespace peercert::web

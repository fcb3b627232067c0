#include "web/Html.hpp"

#include "report/ReminderReport.hpp"
#include "report/RenewalReport.hpp"

namespace peercert::web::html {

std::string e(std::string_view s) { return report::html_escape(s); }

std::string hidden_csrf(const std::string& csrf) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + e(csrf) + "\">";
}

std::string text_input(const std::string& name, const std::string& label, const std::string& value,
                       const std::string& type, const std::string& hint, const std::string& error,
                       const std::string& extra) {
  std::string out = "<label for=\"" + name + "\">" + e(label) + "</label>";
  std::string described;
  if (!hint.empty()) {
    out += "<p class=\"hint\" id=\"" + name + "-hint\">" + e(hint) + "</p>";
    described = name + "-hint";
  }
  if (!error.empty()) {
    out += "<p class=\"error\" id=\"" + name + "-error\">" + e(error) + "</p>";
    described += (described.empty() ? "" : " ") + name + "-error";
  }
  out += "<input type=\"" + type + "\" id=\"" + name + "\" name=\"" + name + "\" value=\"" +
         e(value) + "\"" + extra;
  if (!described.empty()) {
    out += " aria-describedby=\"" + described + "\"";
  }
  if (!error.empty()) {
    out += " aria-invalid=\"true\"";
  }
  return out + ">";
}

std::string select_input(const std::string& name, const std::string& label,
                         const std::vector<std::pair<std::string, std::string>>& options,
                         const std::string& value, const std::string& hint,
                         const std::string& error) {
  std::string out = "<label for=\"" + name + "\">" + e(label) + "</label>";
  if (!hint.empty()) {
    out += "<p class=\"hint\" id=\"" + name + "-hint\">" + e(hint) + "</p>";
  }
  if (!error.empty()) {
    out += "<p class=\"error\" id=\"" + name + "-error\">" + e(error) + "</p>";
  }
  out += "<select id=\"" + name + "\" name=\"" + name + "\"" +
         (hint.empty() ? "" : " aria-describedby=\"" + name + "-hint\"") + ">";
  for (const auto& [v, text] : options) {
    out += "<option value=\"" + e(v) + "\"" + (v == value ? " selected" : "") + ">" + e(text) +
           "</option>";
  }
  return out + "</select>";
}

} // namespace peercert::web::html

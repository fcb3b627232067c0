#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace peercert::web {

/// The fields of an application/x-www-form-urlencoded body or a query string. A field
/// given twice keeps its first value.
class Form {
public:
  static Form parse(std::string_view encoded);

  std::optional<std::string> get(const std::string& name) const;
  /// The value, or empty when absent.
  std::string value(const std::string& name) const;
  bool has(const std::string& name) const { return fields_.count(name) > 0; }

private:
  std::map<std::string, std::string> fields_;
};

/// Decodes %XX and '+' of a URL-encoded value; a malformed escape is kept as it is.
std::string url_decode(std::string_view text);
/// Encodes a value for a URL query (core::percent_encode).
std::string url_encode(std::string_view text);

} // namespace peercert::web

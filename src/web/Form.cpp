#include "web/Form.hpp"

#include "core/Url.hpp"

#include <array>

namespace peercert::web {

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}
} // namespace

std::string url_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string url_encode(std::string_view text) { return core::percent_encode(text); }

Form Form::parse(std::string_view encoded) {
  Form form;
  std::size_t pos = 0;
  while (pos <= encoded.size()) {
    const auto amp = encoded.find('&', pos);
    const auto pair = encoded.substr(pos, amp == std::string_view::npos ? amp : amp - pos);
    if (!pair.empty()) {
      const auto eq = pair.find('=');
      const auto name = url_decode(pair.substr(0, eq));
      const auto value =
          eq == std::string_view::npos ? std::string{} : url_decode(pair.substr(eq + 1));
      form.fields_.emplace(name, value);
    }
    if (amp == std::string_view::npos) {
      break;
    }
    pos = amp + 1;
  }
  return form;
}

std::optional<std::string> Form::get(const std::string& name) const {
  if (auto it = fields_.find(name); it != fields_.end()) {
    return it->second;
  }
  return std::nullopt;
}

std::string Form::value(const std::string& name) const { return get(name).value_or(""); }

} // namespace peercert::web

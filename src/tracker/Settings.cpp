#include "tracker/Settings.hpp"

#include "core/Url.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace peercert::tracker {

const std::string* BoardSettings::find(std::string_view key) const {
  return const_cast<BoardSettings*>(this)->find(key);
}

std::string* BoardSettings::find(std::string_view key) {
  if (key == "board_name") {
    return &board_name;
  }
  if (key == "contact") {
    return &contact;
  }
  if (key == "address") {
    return &address;
  }
  if (key == "renew_url") {
    return &renew_url;
  }
  if (key == "public_url") {
    return &public_url;
  }
  if (key == "second_factor") {
    return &second_factor;
  }
  return nullptr;
}

const std::vector<std::string>& setting_keys() {
  static const std::vector<std::string> keys{"board_name", "contact",    "address",
                                             "renew_url",  "public_url", "second_factor"};
  return keys;
}

std::optional<std::string> setting_problem(std::string_view key, std::string_view value) {
  const std::string name(key);
  if (BoardSettings{}.find(key) == nullptr) {
    return "The setting must be one of board_name, contact, address, renew_url, public_url, "
           "second_factor.";
  }
  if (value.empty()) {
    return std::nullopt;
  }
  if (key == "second_factor" && value != "required" && value != "optional") {
    return "second_factor must be required (every staff user logs in with a second factor) or "
           "optional.";
  }
  const auto characters = std::count_if(value.begin(), value.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  });
  if (characters > 300) {
    return name + " must be at most 300 characters.";
  }
  if (std::any_of(value.begin(), value.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; })) {
    return name + " must be one line, without control characters.";
  }
  if (key == "renew_url" || key == "public_url") {
    const bool web = value.starts_with("https://") || value.starts_with("http://");
    const auto host = value.substr(value.find("//") + 2);
    if (!web || host.empty() || host.front() == '/' || value.find(' ') != std::string_view::npos) {
      return name + " must be a web address starting with https:// (or http://), without "
                    "spaces.";
    }
    if (key == "public_url" && value.find_first_of("?#") != std::string_view::npos) {
      return "public_url must be the address peercert's pages are under, without ? or #: "
             "/verify?number=… is added to it.";
    }
  }
  return std::nullopt;
}

std::string verify_url(const std::string& public_url, std::string_view number) {
  std::string base = public_url;
  while (!base.empty() && base.back() == '/') {
    base.pop_back();
  }
  return base + "/verify?number=" + core::percent_encode(number);
}

} // namespace peercert::tracker

#pragma once

// The one check of a TOML table's keys, for rule files and their test files alike: the first
// key not allowed is refused, with "did you mean" when one allowed key is within two edits.

#include "core/Suggest.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace peercert::rules {

/// A key a table may not hold: where it stands, and the sentence that refuses it ("unknown key
/// "sorce" in [[criteria]]; did you mean "source"?").
struct UnknownKey {
  toml::source_region where;
  std::string message;
};

/// The first key of `t` not in `allowed`, said of `context` ("[[criteria]]"), or nothing.
inline std::optional<UnknownKey> unknown_key(const toml::table& t,
                                             std::span<const std::string_view> allowed,
                                             std::string_view context) {
  for (auto&& [key, value] : t) {
    const auto name = key.str();
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) {
      continue;
    }
    std::string message =
        "unknown key \"" + std::string(name) + "\" in " + std::string(context) + "; ";
    const auto close = std::find_if(allowed.begin(), allowed.end(), [&](std::string_view a) {
      return core::edit_distance(a, name) <= 2;
    });
    if (close != allowed.end()) {
      message += "did you mean \"" + std::string(*close) + "\"?";
    } else {
      std::string list;
      for (const auto a : allowed) {
        list += (list.empty() ? "\"" : ", \"") + std::string(a) + "\"";
      }
      message += "expected " + list + ".";
    }
    return UnknownKey{key.source(), std::move(message)};
  }
  return std::nullopt;
}
inline std::optional<UnknownKey> unknown_key(const toml::table& t,
                                             std::initializer_list<std::string_view> allowed,
                                             std::string_view context) {
  return unknown_key(t, std::span<const std::string_view>(allowed.begin(), allowed.size()),
                     context);
}

} // namespace peercert::rules

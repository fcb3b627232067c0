#pragma once

// For the rules module's TOML readers only.

#include "core/Date.hpp"

#include <toml++/toml.h>

#include <optional>

namespace peercert::rules {

/// A TOML date (2026-11-24) or a string "2026-11-24" as a calendar date; nothing for any
/// other value or an impossible date.
inline std::optional<core::Date> toml_date(const toml::node& n) {
  if (n.is_date()) {
    const auto d = n.as_date()->get();
    const core::Date date{date::year{d.year}, date::month{d.month}, date::day{d.day}};
    if (date.ok()) {
      return date;
    }
    return std::nullopt;
  }
  if (n.is_string()) {
    return core::parse_date(n.as_string()->get());
  }
  return std::nullopt;
}

} // namespace peercert::rules

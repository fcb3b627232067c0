#pragma once

// For the rules module's TOML readers only: the rule files and their tests read values alike.

#include "core/Date.hpp"
#include "core/Hours.hpp"
#include "core/Money.hpp"

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

/// Hours written as a whole number (20) or a string with at most two decimals ("1.25");
/// nothing for a sign, a floating-point number or anything else.
inline std::optional<core::Hours> toml_hours(const toml::node& n) {
  if (n.is_integer() && n.as_integer()->get() >= 0 && n.as_integer()->get() < 1'000'000) {
    return core::Hours::whole(n.as_integer()->get());
  }
  if (n.is_string()) {
    return core::Hours::parse(n.as_string()->get());
  }
  return std::nullopt;
}

/// Dollars written as a whole number (75) or a string with at most two decimals ("75.00").
inline std::optional<core::Money> toml_money(const toml::node& n) {
  if (n.is_integer() && n.as_integer()->get() >= 0 && n.as_integer()->get() < 1'000'000'000) {
    return core::Money::from_cents(n.as_integer()->get() * 100);
  }
  if (n.is_string()) {
    return core::Money::parse(n.as_string()->get());
  }
  return std::nullopt;
}

} // namespace peercert::rules

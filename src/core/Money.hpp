#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace peercert::core {

/// An amount of US dollars, exact to the cent ($75.00 is 7500). Never floating point.
class Money {
public:
  constexpr Money() = default;
  static constexpr Money from_cents(std::int64_t c) { return Money{c}; }

  /// "75", "75.00", "$75.00"; nothing for a sign, a third decimal or anything else.
  static std::optional<Money> parse(std::string_view text);

  constexpr std::int64_t cents() const { return cents_; }
  /// "$75.00".
  std::string to_string() const;
  /// "75.00", for CSV cells.
  std::string to_plain_string() const;

  constexpr auto operator<=>(const Money&) const = default;

private:
  constexpr explicit Money(std::int64_t c) : cents_(c) {}
  std::int64_t cents_ = 0;
};

static_assert(sizeof(Money) == sizeof(std::int64_t));

} // namespace peercert::core

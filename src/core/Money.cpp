#include "core/Money.hpp"

#include "core/Decimal.hpp"

namespace peercert::core {

std::optional<Money> Money::parse(std::string_view text) {
  if (!text.empty() && text.front() == '$') {
    text.remove_prefix(1);
  }
  if (auto c = parse_hundredths(text)) {
    return Money{*c};
  }
  return std::nullopt;
}

std::string Money::to_string() const { return "$" + format_hundredths(cents_); }
std::string Money::to_plain_string() const { return format_hundredths(cents_); }

} // namespace peercert::core

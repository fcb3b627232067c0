#include "core/Hours.hpp"

#include "core/Decimal.hpp"

namespace peercert::core {

std::optional<Hours> Hours::parse(std::string_view text) {
  if (auto h = parse_hundredths(text)) {
    return Hours{*h};
  }
  return std::nullopt;
}

std::string Hours::to_string() const { return format_hundredths(hundredths_); }
std::string Hours::to_short_string() const { return format_hundredths_short(hundredths_); }

} // namespace peercert::core

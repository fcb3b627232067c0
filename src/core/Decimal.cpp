#include "core/Decimal.hpp"

#include <array>
#include <cstdio>

namespace peercert::core {

namespace {
constexpr std::int64_t max_units = 1'000'000'000'000'000; // 10^15 whole units
}

std::optional<std::int64_t> parse_hundredths(std::string_view text) {
  const auto dot = text.find('.');
  const auto whole = text.substr(0, dot);
  const auto frac = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (whole.empty() || whole.size() > 15 || frac.size() > 2 ||
      (dot != std::string_view::npos && frac.empty())) {
    return std::nullopt;
  }
  std::int64_t units = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    units = units * 10 + (c - '0');
  }
  std::int64_t cents = 0;
  for (std::size_t i = 0; i < 2; ++i) {
    const char c = i < frac.size() ? frac[i] : '0';
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    cents = cents * 10 + (c - '0');
  }
  if (units >= max_units) {
    return std::nullopt;
  }
  return units * 100 + cents;
}

std::string format_hundredths(std::int64_t hundredths) {
  const bool negative = hundredths < 0;
  const std::uint64_t v = negative ? 0 - static_cast<std::uint64_t>(hundredths)
                                   : static_cast<std::uint64_t>(hundredths);
  std::array<char, 32> buf{};
  const int n = std::snprintf(buf.data(), buf.size(), "%s%llu.%02llu", negative ? "-" : "",
                              static_cast<unsigned long long>(v / 100),
                              static_cast<unsigned long long>(v % 100));
  return std::string(buf.data(), static_cast<std::size_t>(n));
}

std::string format_hundredths_short(std::int64_t hundredths) {
  std::string s = format_hundredths(hundredths);
  while (s.back() == '0') {
    s.pop_back();
  }
  if (s.back() == '.') {
    s.pop_back();
  }
  return s;
}

} // namespace peercert::core

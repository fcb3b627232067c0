#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace peercert::core {

/// Parses a non-negative decimal with at most two places ("20", "1.5", "0.25") into hundredths.
/// Anything else — a sign, a third decimal, an exponent, spaces, a value past 10^15 — is
/// refused, because it cannot be represented exactly.
std::optional<std::int64_t> parse_hundredths(std::string_view text);

/// Formats hundredths with exactly two decimals: 1650 -> "16.50".
std::string format_hundredths(std::int64_t hundredths);

/// Formats hundredths with as few decimals as needed: 1650 -> "16.5", 2000 -> "20".
std::string format_hundredths_short(std::int64_t hundredths);

} // namespace peercert::core

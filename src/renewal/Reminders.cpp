#include "renewal/Reminders.hpp"

#include "core/Error.hpp"

#include <charconv>
#include <string>

namespace peercert::renewal {

std::vector<int> reminder_thresholds(int reminder_days) {
  std::vector<int> out{reminder_days};
  for (const int standard : {90, 60, 30}) {
    if (standard < reminder_days) {
      out.push_back(standard);
    }
  }
  return out;
}

std::vector<int> parse_thresholds(std::string_view text, std::string_view field) {
  const std::string name(field);
  std::vector<int> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    const auto part =
        text.substr(start, comma == std::string_view::npos ? text.size() - start : comma - start);
    int days = 0;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), days);
    if (part.empty() || ec != std::errc{} || end != part.data() + part.size() || days <= 0 ||
        days > 3650) {
      throw core::InputError(name + " must be whole days before expiry, separated by commas, "
                                    "such as 90,60,30.",
                             name);
    }
    if (!out.empty() && days >= out.back()) {
      throw core::InputError(name +
                                 " must run from the most days to the fewest, such as "
                                 "90,60,30; " +
                                 std::to_string(days) + " follows " + std::to_string(out.back()) +
                                 ".",
                             name);
    }
    out.push_back(days);
    if (comma == std::string_view::npos) {
      break;
    }
    start = comma + 1;
  }
  return out;
}

std::optional<int> due_threshold(int days_until_expiry, const std::vector<int>& thresholds) {
  if (days_until_expiry < 0) {
    return expired_threshold;
  }
  std::optional<int> nearest;
  for (const int t : thresholds) {
    if (days_until_expiry <= t && (!nearest || t < *nearest)) {
      nearest = t;
    }
  }
  return nearest;
}

} // namespace peercert::renewal

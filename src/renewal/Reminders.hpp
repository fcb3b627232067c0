#pragma once

// Which reminder a holder is due (DESIGN.md, "Reminders that reach people"). Pure.

#include <optional>
#include <string_view>
#include <vector>

namespace peercert::renewal {

/// The threshold of the message sent after expiry: one per cycle.
constexpr int expired_threshold = 0;

/// The days before expiry at which a program's holders hear from the board, descending: its
/// reminder window (90 days unless the rule file says otherwise, DC-CPS 120), then 90, 60 and
/// 30 days where shorter.
std::vector<int> reminder_thresholds(int reminder_days);

/// Thresholds staff typed ("90,60,30"): whole days above 0, strictly descending. Anything else
/// is an input error naming `field`.
std::vector<int> parse_thresholds(std::string_view text, std::string_view field = "thresholds");

/// The reminder due `days_until_expiry` days before expiry: the nearest threshold already
/// reached (the smallest with days ≤ threshold), expired_threshold after expiry, or nothing
/// before the first threshold.
std::optional<int> due_threshold(int days_until_expiry, const std::vector<int>& thresholds);

} // namespace peercert::renewal

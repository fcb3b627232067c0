#pragma once

#include <functional>
#include <string>

namespace peercert::app {

/// Who is writing, and the clock the audit log reads.
struct Actor {
  std::string name;
  std::function<std::string()> now; ///< UTC, "2026-11-24T09:15:02Z"
};

/// The system clock in UTC, ISO 8601 to the second.
std::string utc_now();

} // namespace peercert::app

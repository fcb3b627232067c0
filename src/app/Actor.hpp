#pragma once

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace peercert::app {

/// The programs whose records an actor may see and change: every program, or those of some
/// boards (DESIGN.md, "Boards"). Another program's record is then as if it did not exist.
class Scope {
public:
  /// Every program, boards or not: command-line operators, all-boards users.
  Scope() = default;
  /// Only `programs` (possibly none).
  static Scope only(std::vector<std::string> programs) {
    Scope s;
    std::sort(programs.begin(), programs.end());
    s.programs_ = std::move(programs);
    return s;
  }

  bool everything() const { return !programs_; }
  bool sees(std::string_view program) const {
    return !programs_ || std::binary_search(programs_->begin(), programs_->end(), program);
  }
  /// Leaves out of `records` those of programs not seen (each has a `program`).
  template <class Records> Records narrow(Records records) const {
    if (programs_) {
      std::erase_if(records, [this](const auto& r) { return !sees(r.program); });
    }
    return records;
  }
  /// The programs seen, when not every one.
  const std::optional<std::vector<std::string>>& programs() const { return programs_; }

private:
  std::optional<std::vector<std::string>> programs_;
};

/// Who is writing, the clock the audit log reads, and the programs they may touch.
struct Actor {
  std::string name;
  std::function<std::string()> now; ///< UTC, "2026-11-24T09:15:02Z"
  Scope scope = {};
};

/// The system clock in UTC, ISO 8601 to the second.
std::string utc_now();

} // namespace peercert::app

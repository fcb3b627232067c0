#pragma once

#include "core/Date.hpp"

#include <optional>
#include <string>
#include <vector>

namespace peercert::rules {

/// A rule value that may change over time, as a board changes a fee from a date. Entries are
/// in date order; each is in force from its `from` date until the next entry's. Only the first
/// entry may leave `from` out, meaning "in force for every earlier date too".
template <class T> struct Dated {
  struct Entry {
    std::optional<core::Date> from;
    T value{};
    std::string source;      ///< id of a [sources.*] table of the rule file
    std::string quote;       ///< words of the source document that state this value (may be empty)
    bool to_confirm = false; ///< the source states it only second-hand: ask the board
  };
  std::vector<Entry> entries;

  bool defined() const { return !entries.empty(); }
  bool any_to_confirm() const {
    for (const auto& e : entries) {
      if (e.to_confirm) {
        return true;
      }
    }
    return false;
  }

  /// The entry in force on `on`, or nullptr when none is (no entries, or `on` is before the
  /// first `from`).
  const Entry* in_force(core::Date on) const {
    const Entry* found = nullptr;
    for (const auto& e : entries) {
      if (!e.from || *e.from <= on) {
        found = &e;
      } else {
        break;
      }
    }
    return found;
  }
};

} // namespace peercert::rules

#pragma once

// Inside the rules module: how the results of "all of" combine, shared by assess() and the
// flat plan so that the two cannot drift apart.

#include "core/Date.hpp"
#include "rules/Eligibility.hpp"

#include <optional>

namespace peercert::rules {

/// Every part must hold: not met beats unknown beats met. When every part that is not met
/// only waits for a day, the whole waits for the latest of them. Parts are anything with an
/// `outcome` and an optional `when`.
struct AllPartsHold {
  bool any_unknown = false;
  bool any_not_met = false;
  bool only_time = true;
  std::optional<core::Date> when;

  template <class Part> void add(const Part& part) {
    if (part.outcome == Outcome::not_met) {
      any_not_met = true;
      if (part.when) {
        when = !when || *part.when > *when ? part.when : when;
      } else {
        only_time = false;
      }
    } else if (part.outcome == Outcome::unknown) {
      any_unknown = true;
      only_time = false;
    }
  }

  Outcome outcome() const {
    return any_not_met ? Outcome::not_met : any_unknown ? Outcome::unknown : Outcome::met;
  }
  /// The day the whole will hold, when only time stands in the way.
  std::optional<core::Date> waits_for() const {
    return outcome() == Outcome::not_met && only_time ? when : std::nullopt;
  }
};

} // namespace peercert::rules

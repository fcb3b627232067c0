#pragma once

// Inside the rules module: how the results of "all of", "any of" and "not" combine, shared by
// assess() and the flat plan so that the two cannot drift apart.

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

/// At least one part must hold: met beats unknown beats not met. When none can hold yet,
/// the whole holds on the earliest day a part will.
struct AnyPartHolds {
  bool any_met = false;
  bool any_unknown = false;
  std::optional<core::Date> when;

  template <class Part> void add(const Part& part) {
    any_met = any_met || part.outcome == Outcome::met;
    any_unknown = any_unknown || part.outcome == Outcome::unknown;
    if (part.when && (!when || *part.when < *when)) {
      when = part.when;
    }
  }

  Outcome outcome() const {
    return any_met ? Outcome::met : any_unknown ? Outcome::unknown : Outcome::not_met;
  }
  /// The day the whole will hold, when only time stands in the way.
  std::optional<core::Date> waits_for() const {
    return outcome() == Outcome::not_met ? when : std::nullopt;
  }
};

/// "Not": met and not met trade places; unknown stays unknown.
constexpr Outcome negated(Outcome o) {
  return o == Outcome::met       ? Outcome::not_met
         : o == Outcome::not_met ? Outcome::met
                                 : Outcome::unknown;
}

} // namespace peercert::rules

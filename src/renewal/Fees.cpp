#include "renewal/Fees.hpp"

namespace peercert::renewal {

std::optional<core::Money> fee_due(const CredentialStatus& s) {
  const bool owes_late = s.late_fee && *s.late_fee > core::Money{};
  if (!s.renewal_fee && !owes_late) {
    return std::nullopt;
  }
  const auto cents = [](const std::optional<core::Money>& m) { return m ? m->cents() : 0; };
  return core::Money::from_cents(cents(s.renewal_fee) + cents(s.late_fee));
}

std::optional<core::Money> late_fee_after_expiry(const rules::Program& program, const Cycle& c) {
  const auto after = core::add_days(c.expires_on, 1);
  const auto window = renewal_window(program, c);
  // Inside a grace period none is owed; the fee applies from the day after it.
  const auto from = window.grace_until ? core::add_days(*window.grace_until, 1) : after;
  if (!window.late_allowed || from > window.closes) {
    return std::nullopt;
  }
  const auto* fee = program.renewal.late_fee.in_force(from);
  return fee != nullptr ? std::optional(fee->value) : std::nullopt;
}

} // namespace peercert::renewal

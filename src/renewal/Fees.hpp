#pragma once

#include "renewal/Renewal.hpp"

#include <optional>

namespace peercert::renewal {

// What a renewal costs (DESIGN.md, "Fees that match the filing"): the one figure the status,
// every reminder output and the filing itself use.

/// What a renewal filed on the status's day owes: the renewal fee in force plus the late fee
/// that applies that day (none before the late-fee day or inside a grace period). Empty where
/// the rule file defines no renewal fee and no late fee is owed.
std::optional<core::Money> fee_due(const CredentialStatus& s);

/// The late fee a renewal filed after `c` expires owes, where the program charges one: for
/// "late renewal until 9 August 2027 with a $75.00 late fee" before it applies.
std::optional<core::Money> late_fee_after_expiry(const rules::Program& program, const Cycle& c);

} // namespace peercert::renewal

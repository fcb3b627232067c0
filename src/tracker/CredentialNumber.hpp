#pragma once

// Credential numbers (DESIGN.md, third edition, "Credential numbers"): letters and digits with
// one '-', '_' or '.' between them, at most 40 characters, and one case. The one definition of
// what a number may be and how a typed number is looked up.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace peercert::tracker {

inline constexpr std::size_t credential_number_max = 40;

/// A typed number as it is looked up: without surrounding spaces, and upper-case, since a
/// number differing from one on file only in case is the same number. No shape check, so that
/// a number stored before numbers were checked is still found.
std::string credential_number_key(std::string_view typed);

/// Whether `number` has the shape of a credential number (in either case).
bool well_formed_credential_number(std::string_view number);

/// `typed` as a new number is stored (upper-case); throws core::InputError about `field`
/// unless it has the shape of a credential number.
std::string new_credential_number(std::string_view typed, std::string_view field);

/// The id of another program than `program` that `number` begins with, followed by '-'
/// ("TX-MHPS-000900" for MO-CPS: "TX-MHPS"); the longest such id; nothing when there is none.
std::optional<std::string> other_program_in_number(std::string_view number,
                                                   std::string_view program,
                                                   std::span<const std::string> program_ids);

} // namespace peercert::tracker

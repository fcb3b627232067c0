#pragma once

#include "tracker/Records.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace peercert::tracker {

/// The day by which applicants must hear whether they were selected: the rule file's
/// "notify N days before the training".
core::Date notify_by(const Cohort& cohort);

/// Who gets a seat. Members already selected keep theirs; open seats go first to the
/// waitlist in its order, then to new applicants: by application order (first come), or in
/// an order drawn from `seed` (lottery), which the same seed always reproduces. Everyone
/// left is wait-listed after those already waiting.
struct SelectionResult {
  std::vector<ApplicantId> selected;   ///< newly selected, in order
  std::vector<ApplicantId> waitlisted; ///< the whole waitlist, in order
};
SelectionResult select_members(const std::vector<CohortMember>& members, int capacity,
                               SelectionMethod method, std::uint64_t seed);

/// Shuffles 0..n-1 reproducibly from a seed, the same on every platform (mt19937_64 and
/// an unbiased bounded draw: std::shuffle's algorithm is left to each library).
std::vector<std::size_t> seeded_permutation(std::size_t n, std::uint64_t seed);

/// Whether an applicant attended enough hours to complete a cohort's training.
bool training_complete(const CohortMember& member, const Cohort& cohort);

/// A credential number: the program id and a six-digit sequence, "MO-CPS-000123".
std::string credential_number(std::string_view program, std::int64_t sequence);

} // namespace peercert::tracker

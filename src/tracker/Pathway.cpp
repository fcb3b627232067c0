#include "tracker/Pathway.hpp"

#include "tracker/CredentialNumber.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <random>

namespace peercert::tracker {

core::Date notify_by(const Cohort& cohort) {
  return core::add_days(cohort.starts_on, -cohort.notify_days_before);
}

std::vector<std::size_t> seeded_permutation(std::size_t n, std::uint64_t seed) {
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) {
    order[i] = i;
  }
  std::mt19937_64 engine(seed);
  for (std::size_t i = n; i > 1; --i) {
    // Draw j uniformly from [0, i) by rejection, so no index is favoured.
    const std::uint64_t bound = i;
    const std::uint64_t limit = std::mt19937_64::max() - std::mt19937_64::max() % bound;
    std::uint64_t draw = engine();
    while (draw >= limit) {
      draw = engine();
    }
    std::swap(order[i - 1], order[static_cast<std::size_t>(draw % bound)]);
  }
  return order;
}

SelectionResult select_members(const std::vector<CohortMember>& members, int capacity,
                               SelectionMethod method, std::uint64_t seed) {
  std::vector<const CohortMember*> waiting;
  std::vector<const CohortMember*> applied;
  std::size_t seated = 0;
  for (const auto& m : members) {
    switch (m.status) {
    case MemberStatus::selected:
      ++seated;
      break;
    case MemberStatus::waitlisted:
      waiting.push_back(&m);
      break;
    case MemberStatus::applied:
      applied.push_back(&m);
      break;
    case MemberStatus::withdrawn:
      break;
    }
  }
  std::sort(waiting.begin(), waiting.end(), [](const CohortMember* a, const CohortMember* b) {
    return a->waitlist_position.value_or(0) < b->waitlist_position.value_or(0);
  });
  std::sort(applied.begin(), applied.end(), [](const CohortMember* a, const CohortMember* b) {
    return std::tie(a->applied_at, a->application_order) <
           std::tie(b->applied_at, b->application_order);
  });
  if (method == SelectionMethod::lottery) {
    const auto order = seeded_permutation(applied.size(), seed);
    std::vector<const CohortMember*> drawn;
    drawn.reserve(applied.size());
    for (auto i : order) {
      drawn.push_back(applied[i]);
    }
    applied = std::move(drawn);
  }
  std::vector<const CohortMember*> queue = waiting;
  queue.insert(queue.end(), applied.begin(), applied.end());

  SelectionResult result;
  const std::size_t seats = static_cast<std::size_t>(std::max(capacity, 0)) > seated
                                ? static_cast<std::size_t>(capacity) - seated
                                : 0;
  for (std::size_t i = 0; i < queue.size(); ++i) {
    if (i < seats) {
      result.selected.push_back(queue[i]->applicant);
    } else {
      result.waitlisted.push_back(queue[i]->applicant);
    }
  }
  return result;
}

bool training_complete(const CohortMember& member, const Cohort& cohort) {
  return member.status == MemberStatus::selected && member.attended >= cohort.training_hours;
}

std::string credential_number(std::string_view program, std::int64_t sequence) {
  std::array<char, 32> digits{};
  const int n =
      std::snprintf(digits.data(), digits.size(), "%06lld", static_cast<long long>(sequence));
  return credential_number_key(std::string(program) + "-" +
                               std::string(digits.data(), static_cast<std::size_t>(n)));
}

} // namespace peercert::tracker

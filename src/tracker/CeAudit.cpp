#include "tracker/CeAudit.hpp"

#include "core/Error.hpp"
#include "tracker/Pathway.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace peercert::tracker {

namespace {
constexpr std::array<std::pair<AuditState, std::string_view>, 5> state_names{{
    {AuditState::selected, "selected"},
    {AuditState::evidence_requested, "evidence_requested"},
    {AuditState::submitted, "submitted"},
    {AuditState::passed, "passed"},
    {AuditState::failed, "failed"},
}};
} // namespace

std::string_view to_string(AuditState s) {
  for (const auto& [state, name] : state_names) {
    if (state == s) {
      return name;
    }
  }
  return "selected";
}

std::optional<AuditState> audit_state_from_name(std::string_view name) {
  for (const auto& [state, known] : state_names) {
    if (known == name) {
      return state;
    }
  }
  return std::nullopt;
}

std::string audit_state_names() {
  return "selected, evidence_requested, submitted, passed or failed";
}

bool is_open(AuditState s) { return s != AuditState::passed && s != AuditState::failed; }

std::vector<AuditState> next_states(AuditState from) {
  switch (from) {
  case AuditState::selected:
    return {AuditState::evidence_requested};
  case AuditState::evidence_requested:
    return {AuditState::submitted};
  case AuditState::submitted:
    return {AuditState::passed, AuditState::failed};
  case AuditState::passed:
  case AuditState::failed:
    return {};
  }
  return {};
}

void check_move(std::int64_t audit, AuditState from, AuditState to) {
  const auto next = next_states(from);
  if (std::find(next.begin(), next.end(), to) != next.end()) {
    return;
  }
  const std::string where =
      "Audit " + std::to_string(audit) + " is " + std::string(to_string(from));
  if (next.empty()) {
    throw core::InputError(
        where + " and decided; it cannot move to " + std::string(to_string(to)) + ".", "to");
  }
  std::string allowed;
  for (std::size_t i = 0; i < next.size(); ++i) {
    allowed += (i == 0 ? "" : " or ") + std::string(to_string(next[i]));
  }
  throw core::InputError(
      where + "; it moves next to " + allowed + ", not " + std::string(to_string(to)) + ".", "to");
}

std::size_t audit_count(std::size_t n, std::int64_t share_hundredths) {
  if (share_hundredths <= 0 || n == 0) {
    return 0;
  }
  // share ≤ 10,000, so share × n stays far inside 64 bits for any count of renewals.
  const auto share = static_cast<std::uint64_t>(std::min<std::int64_t>(share_hundredths, 10000));
  return static_cast<std::size_t>((share * n + 9999) / 10000);
}

std::vector<std::size_t> draw(std::size_t n, std::size_t count, std::uint64_t seed) {
  auto order = seeded_permutation(n, seed);
  order.resize(std::min(count, n));
  std::sort(order.begin(), order.end());
  return order;
}

int days_overdue(const CeAudit& audit, core::Date as_of) {
  if (audit.state != AuditState::selected && audit.state != AuditState::evidence_requested) {
    return 0;
  }
  return std::max(0, core::days_between(audit.due_on, as_of));
}

} // namespace peercert::tracker

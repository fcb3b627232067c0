#pragma once

// CE audits: a board draws a random share of the credentials renewed in a period and asks
// each holder for evidence of the continuing education they reported. Pure: the draw and the
// order an audit moves through, over plain records.

#include "core/Date.hpp"
#include "tracker/Records.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace peercert::tracker {

/// Where an audit stands: selected → evidence_requested → submitted → passed | failed.
enum class AuditState : std::uint8_t { selected, evidence_requested, submitted, passed, failed };

std::string_view to_string(AuditState s);
std::optional<AuditState> audit_state_from_name(std::string_view name);
/// "selected, evidence_requested, submitted, passed or failed", for messages and --help.
std::string audit_state_names();

/// An audit still waiting for the holder or for staff (not passed or failed).
bool is_open(AuditState s);

/// The states an audit in `from` may move to next, in order; none once decided.
std::vector<AuditState> next_states(AuditState from);

/// Refuses a move the order does not allow, in one sentence naming the field `to`.
void check_move(std::int64_t audit, AuditState from, AuditState to);

/// How many of `n` renewals a share of `share_hundredths` hundredths of a percent (1050 is
/// 10.5 %) audits: ceil(share × n), exactly, in integers.
std::size_t audit_count(std::size_t n, std::int64_t share_hundredths);

/// Which of `n` candidates (by their index, in a fixed order) a draw of `count` picks: the first
/// `count` of the seeded permutation cohort lotteries use, so the same seed gives the same draw.
/// Ascending.
std::vector<std::size_t> draw(std::size_t n, std::size_t count, std::uint64_t seed);

/// One dated step of an audit, with the staff note.
struct AuditStep {
  AuditState state = AuditState::selected;
  core::Date on;
  std::string note;
  std::string actor;
  std::string created_at;
};

/// A draw: the parameters that reproduce it and how many renewals it was drawn from.
struct AuditDraw {
  std::int64_t id = 0;
  std::string program;
  std::int64_t share_hundredths = 0;
  std::uint64_t seed = 0;
  core::Date from;
  core::Date to;
  core::Date due_on;
  core::Date drawn_on;
  std::size_t candidates = 0;
  std::string created_at;
};

/// One credential under audit for the renewal it filed in the draw's period.
struct CeAudit {
  std::int64_t id = 0;
  std::int64_t draw = 0;
  CredentialId credential;
  std::string credential_number;
  std::string first_name;
  std::string last_name;
  std::string program;
  std::int64_t renewal = 0;
  int cycle = 0;         ///< the renewed cycle, whose CE the audit checks
  core::Date renewed_on; ///< when that renewal was filed
  core::Date due_on;     ///< evidence due by
  AuditState state = AuditState::selected;
  std::vector<AuditStep> steps; ///< oldest first; the first is the selection
};

/// A renewal a draw may pick: one per credential, the latest it filed in the period.
struct AuditCandidate {
  CredentialId credential;
  std::string credential_number;
  std::int64_t renewal = 0;
  int cycle = 0;
  core::Date renewed_on;
};

/// Days past the due date of an open audit still waiting for evidence on `as_of`; 0 otherwise.
int days_overdue(const CeAudit& audit, core::Date as_of);

} // namespace peercert::tracker

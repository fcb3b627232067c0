#pragma once

#include "store/Database.hpp"
#include "tracker/CeAudit.hpp"

#include <optional>
#include <string>
#include <vector>

namespace peercert::store {

/// Which audits a list shows.
struct CeAuditQuery {
  std::string program;                      ///< empty: every program
  std::optional<tracker::AuditState> state; ///< only audits in this state
  bool open_only = false;                   ///< only audits not yet passed or failed
  std::optional<tracker::CredentialId> credential;
};

/// CE audit draws, audits and their steps.
class CeAuditRepository {
public:
  explicit CeAuditRepository(const Database& db) : db_(db) {}

  /// The credentials of `program` that filed a renewal between `from` and `to` (inclusive),
  /// each with the latest it filed there, by credential number.
  std::vector<tracker::AuditCandidate> candidates(const std::string& program, core::Date from,
                                                  core::Date to) const;
  /// The audit of a renewal, if one was drawn.
  std::optional<std::int64_t> audit_of_renewal(std::int64_t renewal) const;

  std::int64_t insert_draw(const tracker::AuditDraw& d);
  std::int64_t insert_audit(std::int64_t draw, const tracker::AuditCandidate& c, core::Date due_on,
                            const std::string& created_at);
  void insert_step(std::int64_t audit, const tracker::AuditStep& step);
  void set_state(std::int64_t audit, tracker::AuditState state);

  std::optional<tracker::CeAudit> find(std::int64_t id) const;
  std::optional<tracker::AuditDraw> draw(std::int64_t id) const;
  /// Audits the query asks for, by due date then credential number, each with its steps.
  std::vector<tracker::CeAudit> list(const CeAuditQuery& query) const;

private:
  const Database& db_;
};

} // namespace peercert::store

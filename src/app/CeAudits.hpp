#pragma once

#include "app/Actor.hpp"
#include "rules/ProgramCatalog.hpp"
#include "store/CeAuditRepository.hpp"
#include "store/Database.hpp"
#include "tracker/CeAudit.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace peercert::app {

/// A CE audit draw as staff ask for it.
struct DrawRequest {
  std::string program;
  std::int64_t share_hundredths = 0; ///< see audit_share
  std::uint64_t seed = 0;
  core::Date from; ///< renewals filed from this day …
  core::Date to;   ///< … to this one, inclusive
  core::Date due;  ///< evidence due by
};

struct DrawOutcome {
  tracker::AuditDraw draw;
  std::vector<tracker::CeAudit> selected;   ///< audits opened by this draw
  std::vector<std::string> already_audited; ///< drawn, but their renewal was audited before
};

/// A share of renewals as staff type it, "10", "12.5" or "10%", in hundredths of a percent;
/// more than 0 and at most 100.
std::int64_t audit_share(std::string_view text);

/// CE audits: drawing the renewals to audit, and moving each audit to its decision. Every
/// change is written in one transaction and audited.
class CeAudits {
public:
  CeAudits(const store::Database& db, const rules::ProgramCatalog& programs, Actor actor);

  /// Draws ceil(share × n) of the n credentials of the program that renewed between `from`
  /// and `to`, reproducibly from the seed, and opens an audit of each drawn renewal that has
  /// none yet. Nothing is written when there is nothing new to audit.
  DrawOutcome select(const DrawRequest& request, core::Date as_of);

  /// Moves an audit to its next state on `on`, with the staff note (required to fail it).
  tracker::CeAudit advance(std::int64_t id, tracker::AuditState to, core::Date on,
                           std::string_view note, core::Date as_of);

  tracker::CeAudit audit(std::int64_t id) const;
  std::vector<tracker::CeAudit> list(const store::CeAuditQuery& query) const;

private:
  const store::Database& db_;
  const rules::ProgramCatalog& programs_;
  Actor actor_;
};

} // namespace peercert::app

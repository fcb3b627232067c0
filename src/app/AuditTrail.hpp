#pragma once

#include "app/Actor.hpp"
#include "store/AuditLog.hpp"
#include "store/Database.hpp"

#include <vector>

namespace peercert::app {

/// Reading the audit log: who changed what and when.
class AuditTrail {
public:
  /// An actor who sees only some boards reads only the entries about their boards' records:
  /// the cohorts, applications, exams, CE audits and credentials of their programs, and the
  /// applicants they see.
  AuditTrail(const store::Database& db, const Actor& actor) : db_(db), scope_(actor.scope) {}

  /// The entries `filter` asks for, oldest first (app::audit_entries).
  std::vector<tracker::AuditEntry> entries(const store::AuditQuery& filter) const;
  /// Those of `all` the actor may read.
  std::vector<tracker::AuditEntry> visible(std::vector<tracker::AuditEntry> all) const;

private:
  class Judge;
  const store::Database& db_;
  Scope scope_;
};

} // namespace peercert::app

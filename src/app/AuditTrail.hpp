#pragma once

#include "app/Actor.hpp"
#include "store/AuditLog.hpp"
#include "store/Database.hpp"

#include <vector>

namespace peercert::app {

/// Reading the audit log: who changed what and when.
class AuditTrail {
public:
  /// An actor who sees only some boards reads only the entries about their people: the
  /// credentials and applicants of their boards' programs.
  AuditTrail(const store::Database& db, const Actor& actor) : db_(db), scope_(actor.scope) {}

  /// The entries `filter` asks for, oldest first (app::audit_entries).
  std::vector<tracker::AuditEntry> entries(const store::AuditQuery& filter) const;

private:
  const store::Database& db_;
  Scope scope_;
};

} // namespace peercert::app

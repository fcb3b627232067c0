#pragma once

#include "store/AuditLog.hpp"
#include "store/Database.hpp"

#include <vector>

namespace peercert::app {

/// Reading the audit log: who changed what and when.
class AuditTrail {
public:
  explicit AuditTrail(const store::Database& db) : db_(db) {}

  /// The entries `filter` asks for, oldest first (app::audit_entries).
  std::vector<tracker::AuditEntry> entries(const store::AuditQuery& filter) const;

private:
  const store::Database& db_;
};

} // namespace peercert::app

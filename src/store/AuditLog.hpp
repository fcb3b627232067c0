#pragma once

#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <vector>

namespace peercert::store {

/// The append-only audit log: the database refuses to change or delete its rows.
class AuditLog {
public:
  explicit AuditLog(const Database& db) : db_(db) {}

  void append(const tracker::AuditEntry& e);
  /// Entries, oldest first; only those of `entity` (and `entity_id`) when given.
  std::vector<tracker::AuditEntry> list(const std::string& entity = {},
                                        const std::string& entity_id = {}) const;
  std::int64_t count() const;

private:
  const Database& db_;
};

} // namespace peercert::store

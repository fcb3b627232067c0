#include "app/AuditTrail.hpp"

#include "app/Audit.hpp"

namespace peercert::app {

std::vector<tracker::AuditEntry> AuditTrail::entries(const store::AuditQuery& filter) const {
  return audit_entries(db_, filter);
}

} // namespace peercert::app

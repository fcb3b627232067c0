#include "app/Audit.hpp"

#include "store/AuditLog.hpp"

namespace peercert::app {

void Audit::record(const std::string& action, const std::string& entity, const std::string& id,
                   const std::string& before, const std::string& after,
                   const std::string& person) const {
  tracker::AuditEntry e;
  e.at = actor_.now();
  e.actor = actor_.name;
  e.action = action;
  e.entity = entity;
  e.entity_id = id;
  e.before = before;
  e.after = after;
  e.person = person;
  store::AuditLog(db_).append(e);
}

} // namespace peercert::app

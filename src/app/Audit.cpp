#include "app/Audit.hpp"

#include "core/Text.hpp"
#include "store/AuditLog.hpp"
#include "store/CredentialRepository.hpp"

#include <algorithm>

namespace peercert::app {

void Audit::record(const std::string& action, const std::string& entity, const std::string& id,
                   const std::string& before, const std::string& after, const std::string& person,
                   std::vector<std::pair<std::string, std::string>> subjects) const {
  tracker::AuditEntry e;
  e.at = actor_.now();
  e.actor = actor_.name;
  e.action = action;
  e.entity = entity;
  e.entity_id = id;
  e.before = before;
  e.after = after;
  e.person = person;
  e.subjects = std::move(subjects);
  store::AuditLog(db_).append(e);
}

const std::vector<std::string>& audit_entities() {
  static const std::vector<std::string> all{
      "applicant", "cohort",   "cohort_member", "exam",     "application", "credential", "ce_entry",
      "ce_import", "ce_audit", "user",          "database", "setting",     "board"};
  return all;
}

std::string audit_entities_text() { return core::join(audit_entities(), ", "); }

std::vector<tracker::AuditEntry> audit_entries(const store::Database& db,
                                               const store::AuditQuery& filter) {
  const auto& known = audit_entities();
  if (!filter.entity.empty() &&
      std::find(known.begin(), known.end(), filter.entity) == known.end()) {
    throw core::InputError::about("entity", "must be one of " + audit_entities_text() + ".");
  }
  if (!filter.entity_id.empty() && filter.entity.empty()) {
    throw core::InputError("id needs an entity: say what kind of record it is.", "id");
  }
  if (filter.from && filter.to && *filter.from > *filter.to) {
    throw core::InputError::about(
        "from", "is after the last day asked for: give an earlier start or a later end.");
  }
  if (filter.entity == "credential" && !filter.entity_id.empty()) {
    // Numbers are one case: the log is asked about the number as it is on file.
    if (const auto c = store::CredentialRepository(db).find(filter.entity_id)) {
      store::AuditQuery on_file = filter;
      on_file.entity_id = c->number;
      return store::AuditLog(db).list(on_file);
    }
  }
  return store::AuditLog(db).list(filter);
}

} // namespace peercert::app

#pragma once

#include "app/Actor.hpp"
#include "store/AuditLog.hpp"
#include "store/Database.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace peercert::app {

/// The one way every service writes the audit log: who (the actor), when (its clock), what
/// was done to which record, and the values before and after.
class Audit {
public:
  Audit(const store::Database& db, const Actor& actor) : db_(db), actor_(actor) {}

  /// `person` says whom the values are about where the entity does not ("applicant:12" for an
  /// application), so that erasing that person's data reaches them.
  void record(const std::string& action, const std::string& entity, const std::string& id,
              const std::string& before, const std::string& after, const std::string& person = {},
              std::vector<std::pair<std::string, std::string>> subjects = {}) const;

private:
  const store::Database& db_;
  const Actor& actor_;
};

/// The entries `filter` asks for, oldest first; an unknown entity, an id without an entity or
/// `from` after `to` is an input error.
std::vector<tracker::AuditEntry> audit_entries(const store::Database& db,
                                               const store::AuditQuery& filter);

/// The kinds of record the audit log holds, for messages and --help.
const std::vector<std::string>& audit_entities();
/// The same as words: "applicant, cohort, …".
std::string audit_entities_text();

} // namespace peercert::app

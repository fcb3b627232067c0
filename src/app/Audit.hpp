#pragma once

#include "app/Tracker.hpp"
#include "store/Database.hpp"

#include <string>

namespace peercert::app {

/// The one way every service writes the audit log: who (the actor), when (its clock), what
/// was done to which record, and the values before and after.
class Audit {
public:
  Audit(const store::Database& db, const Actor& actor) : db_(db), actor_(actor) {}

  /// `person` says whom the values are about where the entity does not ("applicant:12" for an
  /// application), so that erasing that person's data reaches them.
  void record(const std::string& action, const std::string& entity, const std::string& id,
              const std::string& before, const std::string& after,
              const std::string& person = {}) const;

private:
  const store::Database& db_;
  const Actor& actor_;
};

} // namespace peercert::app

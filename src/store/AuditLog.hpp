#pragma once

#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <optional>
#include <string>
#include <vector>

namespace peercert::store {

/// The append-only audit log: the database refuses to change or delete its rows. The values
/// a row records live in a table of their own, tagged with the person they are about, which
/// erasure can reach.
/// Which entries to list; an empty field does not narrow.
struct AuditQuery {
  std::string entity;    ///< entries about this kind of record, as entity or as subject
  std::string entity_id; ///< with entity: about this one
  std::string actor;
  std::optional<core::Date> from; ///< UTC day, inclusive
  std::optional<core::Date> to;
};

class AuditLog {
public:
  explicit AuditLog(const Database& db) : db_(db) {}

  /// Appends an entry with its values and subjects; returns its id.
  std::int64_t append(const tracker::AuditEntry& e);
  /// Entries, oldest first, narrowed by `query`.
  std::vector<tracker::AuditEntry> list(const AuditQuery& query = {}) const;
  /// Every entry whose values are about `person` ("applicant:12").
  std::vector<tracker::AuditEntry> about(const std::string& person) const;
  /// Erases the values recorded about `person`; the rows themselves stay. Returns how many.
  std::int64_t erase_values(const std::string& person, const std::string& at);
  std::int64_t count() const;
  /// A credential renumbered: every entry about its old number also names the new one (the
  /// rows themselves stay as written), and the values about its holder follow the number.
  void follow_credential_number(const std::string& old_number, const std::string& new_number);

  /// The person an entry's values are about, from its entity where it names one.
  static std::string person_of(const tracker::AuditEntry& e);

private:
  const Database& db_;
};

} // namespace peercert::store

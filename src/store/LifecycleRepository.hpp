#pragma once

#include "renewal/Renewal.hpp"
#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace peercert::store::detail {
class Statement;
}

namespace peercert::store {

/// A credential's certificate periods and status changes: what renewal::History is made of.
class LifecycleRepository {
public:
  explicit LifecycleRepository(const Database& db);
  LifecycleRepository(const LifecycleRepository&) = delete;
  LifecycleRepository& operator=(const LifecycleRepository&) = delete;
  ~LifecycleRepository();

  void insert_period(tracker::CredentialId credential, const renewal::Period& p,
                     const std::string& created_at);
  std::vector<renewal::Period> periods(tracker::CredentialId credential) const;
  /// Every credential's last period, by credential id: for reports over all credentials.
  std::vector<std::pair<tracker::CredentialId, renewal::Period>> current_periods() const;

  std::int64_t insert_change(const tracker::StatusChange& change);
  std::vector<tracker::StatusChange> changes(tracker::CredentialId credential) const;
  /// Every credential that has status changes, with them, oldest first.
  std::vector<tracker::StatusChange> all_changes() const;

  /// Credentials of a database older than cycle rows, whose periods are still to be written.
  std::vector<tracker::CredentialId> without_periods() const;
  void mark_with_periods(tracker::CredentialId credential);

private:
  const Database& db_;
  /// periods()'s statement, prepared once per repository: the reminder report asks for one
  /// credential after another.
  mutable std::unique_ptr<detail::Statement> periods_;
  mutable std::unique_ptr<detail::Statement> changes_; ///< changes()'s, likewise
};

} // namespace peercert::store

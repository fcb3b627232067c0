#pragma once

#include "renewal/Renewal.hpp"
#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace SQLite {
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

  /// Which last valid days a program's periods may have to be read by expiring().
  struct ExpiryRange {
    std::string program;
    core::Date first;
    core::Date last;
  };
  /// A credential with a period that ends in a reminder window, with what judging it needs.
  struct Expiring {
    tracker::Credential credential;
    renewal::Period period;               ///< the period that ends in the window
    std::vector<renewal::Period> periods; ///< every period of the credential, in order
    std::vector<renewal::CeEntry> totals; ///< its CE totals up to the day, as CeTotals gives them
  };
  /// The credentials with a period that ends inside their program's range, with that period,
  /// every period and the CE totals of each up to `up_to`: read through the index on the last valid
  /// day, then the periods and totals of all of them in two passes in credential order (not two
  /// look-ups a credential). A credential renewed early comes with a period that is no longer
  /// its last: the caller passes over it.
  /// Not const: it fills a temporary table of the window's credentials on this connection.
  std::vector<Expiring> expiring(const std::vector<ExpiryRange>& ranges, core::Date up_to);

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
  mutable std::unique_ptr<SQLite::Statement> periods_;
  mutable std::unique_ptr<SQLite::Statement> changes_; ///< changes()'s, likewise
};

} // namespace peercert::store

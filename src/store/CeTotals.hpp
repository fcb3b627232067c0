#pragma once

#include "core/Date.hpp"
#include "core/Hours.hpp"
#include "renewal/Progress.hpp"
#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <array>
#include <memory>
#include <vector>

namespace SQLite {
class Statement;
}

namespace peercert::store {

/// What `peercert db rebuild-totals` found and wrote.
struct TotalsRebuild {
  std::int64_t rows = 0;  ///< totals written from the entries
  std::int64_t stale = 0; ///< rows kept before that differed from them, or were missing or extra
  std::int64_t credentials = 0; ///< credentials with at least one total
};

/// The CE hours each certificate period has counted so far, per kind of hour (schema 11): an
/// entry counts in the last period that started on or before its day, inside it or after it
/// (two slots, so that hours done after a period ended never straddle its last day). The
/// repositories that write entries and periods keep them in step, in the same transaction.
class CeTotals {
public:
  explicit CeTotals(const Database& db);
  CeTotals(const CeTotals&) = delete;
  CeTotals& operator=(const CeTotals&) = delete;
  ~CeTotals();

  /// Counts one entry that now counts (just logged or imported).
  void add(tracker::CredentialId credential, const std::string& completed_on,
           rules::CeCategory category, rules::CeDelivery delivery, core::Hours hours);
  /// Counts a credential's entries again from its rows: after a void, an edit, or a period
  /// written (which moves the entries from its first day on into it).
  void recount(tracker::CredentialId credential);
  /// Counts every credential's entries again from the rows. Call inside a transaction.
  TotalsRebuild rebuild();
  /// A credential's totals, each a summed renewal::CeEntry (its `earliest` set), oldest first.
  std::vector<renewal::CeEntry> for_credential(tracker::CredentialId credential) const;

private:
  const Database& db_;
  std::unique_ptr<SQLite::Statement> add_;
  std::array<std::unique_ptr<SQLite::Statement>, 2> recount_; ///< delete, then insert
  mutable std::unique_ptr<SQLite::Statement> read_;
};

} // namespace peercert::store

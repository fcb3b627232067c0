#pragma once

#include "renewal/Renewal.hpp"
#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <functional>
#include <string>
#include <vector>

namespace peercert::store {

/// What `db rebuild-totals` found of the credential layout and wrote.
struct LayoutRebuild {
  std::int64_t rows = 0;  ///< credentials with a period, one row each
  std::int64_t stale = 0; ///< rows that differed from their tables, or were missing or extra
};

/// Which last valid days a program's current periods may have to be read by expiring().
struct ExpiryRange {
  std::string program;
  core::Date first;
  core::Date last;
};

/// A credential whose current period ends in a reminder window, with what judging it needs.
struct Expiring {
  tracker::Credential credential;
  renewal::Period period;               ///< its current (last) period, which ends in the window
  std::vector<renewal::Period> periods; ///< every period of the credential, in order
  std::vector<renewal::CeEntry> totals; ///< its CE totals up to the day, as CeTotals gives them
};

/// Each credential with its current period, its every period and its CE totals in one row,
/// ordered by the current period's last valid day then the credential number (schema 20,
/// table credential_layout): the reminder window is one range of it, with no look-up per
/// credential. Triggers keep it in step with credentials, credential_cycles and
/// ce_cycle_totals in the same write.
class CredentialLayout {
public:
  explicit CredentialLayout(const Database& db) : db_(db) {}

  /// The credentials whose current period ends inside their program's range, soonest expiry
  /// first, then by number; each with every period and its CE totals up to `up_to` (a total
  /// that runs past it is summed from its own period's entries up to that day).
  std::vector<Expiring> expiring(const std::vector<ExpiryRange>& ranges, core::Date up_to) const;
  /// The same, each handed to `each` as it is read.
  void expiring(const std::vector<ExpiryRange>& ranges, core::Date up_to,
                const std::function<void(Expiring&&)>& each) const;

  /// Makes every row again from the tables it follows, keeping the rows that already agree.
  /// Call inside a transaction.
  LayoutRebuild rebuild();

  /// Rows that differ from what their tables say now (0 when the layout is in step).
  std::int64_t stale() const;

private:
  const Database& db_;
};

} // namespace peercert::store

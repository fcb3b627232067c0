#pragma once

#include "core/Date.hpp"
#include "core/Hours.hpp"
#include "renewal/Progress.hpp"
#include "store/CredentialLayout.hpp"
#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <array>
#include <memory>
#include <vector>

namespace peercert::store::detail {
class Statement;
}

namespace peercert::store {

/// What `peercert db rebuild-totals` found and wrote.
struct TotalsRebuild {
  std::int64_t rows = 0;  ///< totals written from the entries
  std::int64_t stale = 0; ///< rows kept before that differed from them, or were missing or extra
  std::int64_t credentials = 0; ///< credentials with at least one total
  LayoutRebuild layout;         ///< the credential layout, made again after the totals
};

/// The CE hours each certificate period has counted so far, per kind of hour (schema 11),
/// keyed on the period each entry records that it counts in (schema 15: renewal::counts_in
/// decides it, the entry stores it; no rule here). The repositories that write entries keep
/// them in step, in the same transaction; when a credential's periods change, the entries are
/// decided again (CeRepository::decide_periods) and counted again.
class CeTotals {
public:
  explicit CeTotals(const Database& db);
  CeTotals(const CeTotals&) = delete;
  CeTotals& operator=(const CeTotals&) = delete;
  ~CeTotals();

  /// Counts one entry that now counts (just logged): in the period it records, if any.
  void add(const tracker::CeRecord& e);
  /// Adds `entries` entries of one kind in period `period`, `hours` in all, done from `first`
  /// to `last`: an import's own sums, once per period and kind it touched.
  void add(tracker::CredentialId credential, int period, rules::CeCategory category,
           rules::CeDelivery delivery, core::Hours hours, std::int64_t entries, core::Date first,
           core::Date last);
  /// Counts a credential's entries again from its rows: after a void, an edit, or its entries'
  /// periods decided again.
  void recount(tracker::CredentialId credential);
  /// Counts every credential's entries again from the rows. Call inside a transaction.
  TotalsRebuild rebuild();
  /// A credential's totals of the entries completed up to `up_to`, each a summed
  /// renewal::CeEntry (its `earliest` set), by period then kind. A total that runs past
  /// `up_to` (an --as-of before the latest entry) is summed from its own period's entries up
  /// to that day.
  std::vector<renewal::CeEntry> for_credential(tracker::CredentialId credential,
                                               core::Date up_to) const;

private:
  const Database& db_;
  std::unique_ptr<detail::Statement> add_;
  std::array<std::unique_ptr<detail::Statement>, 2> recount_; ///< delete, then insert
  mutable std::unique_ptr<detail::Statement> read_;
};

} // namespace peercert::store

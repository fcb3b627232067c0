#pragma once

// Between a credential's stored life and the pure lifecycle of renewal/: the dates its cycles
// run from, its history as the rules see it, and its first period when it is issued or
// imported. Shared by certification (issue), credentials (import) and renewals (status,
// filing, changes).

#include "app/Actor.hpp"
#include "renewal/Renewal.hpp"
#include "rules/ProgramCatalog.hpp"
#include "store/Database.hpp"
#include "store/LifecycleRepository.hpp"
#include "tracker/Records.hpp"

#include <vector>

namespace peercert::app {

/// CE records as the renewal rules count them.
std::vector<renewal::CeEntry> entries_of(const std::vector<tracker::CeRecord>& records);

/// The dates a credential's cycles run from: its issue date, an imported expiry, the holder's
/// date of birth.
renewal::CredentialDates dates_of(const tracker::Credential& c);

/// The status changes as the lifecycle sees them.
std::vector<renewal::StatusEvent> events_of(const std::vector<tracker::StatusChange>& changes);

/// A credential's periods and status changes, from the store.
renewal::History load_history(const store::Database& db, const tracker::Credential& c);
/// The same through `periods`, whose statements stay prepared: for one credential after
/// another.
renewal::History load_history(const store::LifecycleRepository& periods,
                              const tracker::Credential& c);

/// Records again which period each of the credential's CE entries counts in, as
/// renewal::counts_in decides over its periods on file, and counts its totals again: after a
/// period is written (a renewal, a reinstatement) or when a database older than entries that
/// record their period is opened.
void decide_ce_periods(const store::Database& db, const rules::Program& program,
                       const tracker::Credential& c);

/// Writes the first period of a credential just inserted (issued or imported); see
/// renewal::first_period.
renewal::Period start_life(const store::Database& db, const tracker::Credential& c,
                           const rules::Program& program, renewal::Began began, bool initial,
                           const std::string& created_at);

/// Writes the periods of credentials that a database older than cycle rows holds, from their
/// issue date and the renewals on file, with the rule files of today; each once. A credential
/// whose program is not in the rules directory waits for it. Cheap when there is nothing to do.
void bring_forward(const store::Database& db, const rules::ProgramCatalog& programs,
                   const Actor& actor);

} // namespace peercert::app

#pragma once

#include "app/Actor.hpp"
#include "app/CsvImport.hpp"
#include "renewal/Renewal.hpp"
#include "report/RenewalReport.hpp"
#include "rules/ProgramCatalog.hpp"
#include "store/CeTotals.hpp"
#include "store/Database.hpp"

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace peercert::app {

/// A CE entry as a person or a provider's roster gives it: text, checked by log and import
/// alike. Errors name the field, never its value.
struct CeText {
  std::string credential_number;
  std::string completed_on;
  std::string hours;
  std::string category;
  std::string delivery;
  std::string provider;
  std::string title;
};

/// A correction of a CE entry, as typed: the fields given change, the others stay.
struct CeEdit {
  std::optional<std::string> completed_on;
  std::optional<std::string> hours;
  std::optional<std::string> category;
  std::optional<std::string> delivery;
  std::optional<std::string> title;
};

struct CeImportOutcome {
  std::size_t rows = 0;
  std::size_t added = 0;
  std::size_t unchanged = 0; ///< already on file
  std::size_t rejected = 0;
};

/// What `peercert db rebuild-totals` did, as JSON: its --format json and its audit row.
report::Json totals_rebuild_json(const store::TotalsRebuild& done);

/// The continuing-education log: entries logged one by one or imported by the thousand,
/// listed, corrected and voided, and the per-period totals kept beside them.
class CeLog {
public:
  CeLog(const store::Database& db, const rules::ProgramCatalog& programs, Actor actor);

  /// Logs one entry; returns false when the same entry is already on file.
  bool log_ce(const CeText& text, core::Date as_of);
  /// Imports a roster (credential_number,completed_on,hours,category,delivery,provider,title).
  /// All or nothing unless `options.skip_invalid`; every bad row is listed with its line.
  CeImportOutcome import_ce(std::istream& csv, const std::string& name, core::Date as_of,
                            const ImportOptions& options);
  /// A credential's entries with the cycle each counts for; voided ones too with
  /// `with_voided`.
  std::vector<report::CeLine> ce_lines(const tracker::Credential& c,
                                       bool with_voided = false) const;
  tracker::CeRecord ce_entry(std::int64_t id) const;
  /// Voids an entry logged in error: it stops counting and stays on file, with the reason.
  tracker::CeRecord void_ce(std::int64_t id, const std::string& reason);
  /// Corrects an entry's day, hours, category, delivery or title, checked as when logged.
  tracker::CeRecord edit_ce(std::int64_t id, const CeEdit& edit, core::Date as_of);
  /// Counts every period's CE totals again from the entries (`peercert db rebuild-totals`),
  /// in one transaction, recording in the audit log how many kept rows differed.
  store::TotalsRebuild rebuild_totals();

private:
  const store::Database& db_;
  const rules::ProgramCatalog& programs_;
  Actor actor_;
};

} // namespace peercert::app

#pragma once

#include "app/Tracker.hpp"
#include "renewal/Renewal.hpp"
#include "report/RenewalReport.hpp"

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

struct CeImportOptions {
  bool skip_invalid = false;                 ///< keep the good rows instead of refusing the file
  std::ostream* rejects = nullptr;           ///< with skip_invalid: bad rows, with line and reason
  std::function<void(std::size_t)> progress; ///< called every `progress_every` rows read
  std::size_t progress_every = 100'000;
};

struct CeImportOutcome {
  std::size_t rows = 0;
  std::size_t added = 0;
  std::size_t unchanged = 0; ///< already on file
  std::size_t rejected = 0;
};

struct RenewalFiled {
  tracker::RenewalRecord record;
  renewal::Cycle next; ///< the cycle the credential continues into
  std::vector<std::string> notes;
};

/// Continuing education, renewals and reminders.
class Renewals {
public:
  Renewals(const store::Database& db, const rules::ProgramCatalog& programs, Actor actor);

  /// Logs one entry; returns false when the same entry is already on file.
  bool log_ce(const CeText& text, core::Date as_of);
  /// Imports a roster (credential_number,completed_on,hours,category,delivery,provider,title).
  /// All or nothing unless `options.skip_invalid`; every bad row is listed with its line.
  CeImportOutcome import_ce(std::istream& csv, const std::string& name, core::Date as_of,
                            const CeImportOptions& options);
  /// A credential's entries with the cycle each counts for.
  std::vector<report::CeLine> ce_lines(const tracker::Credential& c) const;

  tracker::Credential credential(const std::string& number) const;
  /// Where a credential stands on `as_of`.
  report::StatusView status(const std::string& number, core::Date as_of) const;
  /// Every cycle from the first to the current one, each judged up to `as_of` (or its end).
  std::vector<report::CycleRow> history(const tracker::Credential& c, core::Date as_of) const;
  /// Files the renewal of the current cycle on `on`: accepted only inside the renewal window
  /// with every requirement met, the fee in force paid and, where the program asks, fresh
  /// checks passed within the cycle. Refused otherwise, listing what is missing.
  RenewalFiled file(const std::string& number, core::Date on, core::Money fee_paid,
                    std::optional<core::Date> background_check_on,
                    std::optional<core::Date> registry_check_on, core::Date as_of);
  /// Every credential expiring within `within` days of `as_of` or expired and not renewed:
  /// expired first, then soonest first.
  std::vector<report::StatusView> reminders(core::Date as_of, int within) const;

private:
  /// A credential's cycles: from its issue date, and the holder's date of birth where the
  /// program's certificates end on birthdays.
  renewal::Schedule schedule(const tracker::Credential& c, const rules::Program& program) const;

  const store::Database& db_;
  const rules::ProgramCatalog& programs_;
  Actor actor_;
};

} // namespace peercert::app

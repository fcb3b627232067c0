#pragma once

#include "app/Actor.hpp"
#include "app/CsvImport.hpp"
#include "report/ImportReport.hpp"
#include "rules/ProgramCatalog.hpp"
#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace peercert::app {

/// A holder's details as staff type them: the fields given change, the others stay.
struct HolderFields {
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::optional<std::string> email;
};

using ImportedHolder = report::ImportedHolder;
using ImportOutcome = report::HolderImport;

/// The credential `number` names (in any case; tracker::credential_number_key), or an input
/// error saying there is none: the one look-up of a typed number every service uses.
tracker::Credential credential_on_file(const store::Database& db, const std::string& number,
                                       const Scope& scope);

/// Credentials and their holders: finding them, taking in those a board issued before
/// peercert, and keeping their details right.
class Credentials {
public:
  Credentials(const store::Database& db, const rules::ProgramCatalog& programs, Actor actor);

  tracker::Credential credential(const std::string& number) const;
  std::vector<tracker::Credential> credentials(const std::string& program = {}) const;
  /// Imports credential_number,program,issued_on,first_name,last_name,email rows (and any of
  /// expires_on,status,date_of_birth,cycle_years): all or nothing (every bad row is listed)
  /// unless `options.skip_invalid`, and rows already on file are left alone. Says where the
  /// holders added stand on `as_of`.
  ImportOutcome import_credentials(std::istream& csv, const std::string& name, core::Date as_of,
                                   const ImportOptions& options = {});
  /// Changes a holder's names or email, audited with the values before and after.
  tracker::Credential update_holder(const std::string& number, const HolderFields& fields);
  /// Holders whose name, email or number contain every word of `text`, case- and
  /// accent-insensitively, by last name; at most `limit`.
  std::vector<tracker::Credential> search(std::string_view text, std::size_t limit = 100) const;
  /// Gives the credential `old_number` names (exactly as typed, for one of a look-alike pair)
  /// the number `new_number`, audited; its audit history and personal values follow it.
  tracker::Credential renumber(const std::string& old_number, const std::string& new_number);
  /// Pairs of numbers on file that differ only in case, for staff to mend with renumber().
  std::vector<std::pair<tracker::Credential, tracker::Credential>> look_alikes() const;

private:
  const store::Database& db_;
  const rules::ProgramCatalog& programs_;
  Actor actor_;
};

} // namespace peercert::app

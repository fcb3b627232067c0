#pragma once

// What an import of credential holders did, said for a terminal, a page and a script alike.

#include "core/Date.hpp"
#include "report/CheckReport.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace peercert::report {

/// A holder an import added, where the summary names it.
struct ImportedHolder {
  std::size_t line = 0;
  std::string number;
  core::Date expires_on; ///< the last valid day of the certificate peercert now counts
};

/// What `credential import` did (or, dry, would do).
struct HolderImport {
  std::size_t rows = 0;
  std::size_t added = 0;
  std::size_t unchanged = 0; ///< already on file with the same details
  std::size_t rejected = 0;  ///< bad rows set aside (with skip_invalid)
  // The holders added, by where they stand on the as-of date (DESIGN.md, "Moving in"):
  std::vector<ImportedHolder> expired;  ///< expired, past any late window
  std::vector<ImportedHolder> late;     ///< expired, still renewable in a late window
  std::vector<ImportedHolder> due_soon; ///< in their program's reminder window
  /// Holders issued more than one cycle ago that came without expires_on: peercert counts
  /// their first cycle from the issue date, so they show as expired, perhaps wrongly.
  std::vector<ImportedHolder> without_expiry;
};

/// "Imported 28 credentials; 0 already on file." and, after it, one line for each of the
/// expired, late and due-soon holders with the first few of each, as of `as_of`.
std::vector<std::string> import_summary(const HolderImport& done, core::Date as_of, bool dry_run);

/// The warning about holders imported without expires_on, or empty when there are none.
std::string without_expiry_warning(const HolderImport& done);

/// The summary for scripts: rows, added, unchanged, rejected and the holders of each part.
Json import_json(const HolderImport& done, bool dry_run);

} // namespace peercert::report

#pragma once

// For the store's .cpp files only: a CE totals row read beside other tables' columns.

#include "renewal/Progress.hpp"

#include <SQLiteCpp/Statement.h>

#include <string>
#include <string_view>

namespace peercert::store::detail {

/// The ce_cycle_totals columns read_total reads, each prefixed with `alias.`
std::string total_columns(std::string_view alias);
/// The totals row whose columns start at column `first`, as one summed renewal::CeEntry.
renewal::CeEntry read_total(SQLite::Statement& st, int first);

} // namespace peercert::store::detail

#pragma once

// For the store's .cpp files only: a CE totals row read beside other tables' columns.

#include "renewal/Progress.hpp"
#include "store/detail/Statement.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace peercert::store::detail {

/// The ce_cycle_totals columns read_total reads, each prefixed with `alias.`
std::string total_columns(std::string_view alias);
/// The totals row whose columns start at column `first`, as one summed renewal::CeEntry.
renewal::CeEntry read_total(detail::Statement& st, int first);
/// One total as a summed renewal::CeEntry, from its stored category and delivery names: what
/// read_total and the credential layout's text both make.
renewal::CeEntry total_of(std::string_view category, std::string_view delivery,
                          std::int64_t hundredths, core::Date first, core::Date last);

} // namespace peercert::store::detail

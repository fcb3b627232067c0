#pragma once

// For the store's .cpp files only: a credential row read beside other tables' columns.

#include "store/detail/Statement.hpp"
#include "tracker/Records.hpp"

#include <string>
#include <string_view>

namespace peercert::store::detail {

/// The credential columns read_credential reads, each prefixed with `alias.`
std::string credential_columns(std::string_view alias);
/// The credential whose columns start at column `first` of the current row.
tracker::Credential read_credential(detail::Statement& st, int first);

} // namespace peercert::store::detail

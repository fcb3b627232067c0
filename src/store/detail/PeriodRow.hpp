#pragma once

// For the store's .cpp files only: a certificate period made from its stored values.

#include "renewal/Renewal.hpp"

#include <optional>
#include <string_view>

namespace peercert::store::detail {

/// The period with these stored values; empty when `began` names no kind of period. What
/// credential_cycles rows and the credential layout's text both make.
std::optional<renewal::Period> period_of(int number, std::optional<int> index, core::Date start,
                                         core::Date expires_on, core::Date counts_from,
                                         std::string_view began);

} // namespace peercert::store::detail

#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace peercert::core {

/// Levenshtein distance between two texts, in bytes.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate within two edits of `name` that is closest to it (the first of equals), for
/// "did you mean" in messages about an unknown name.
std::optional<std::string_view> closest(std::string_view name,
                                        const std::vector<std::string_view>& candidates);

} // namespace peercert::core

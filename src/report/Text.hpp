#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace peercert::report {

/// Columns a UTF-8 string takes on a terminal (one per code point; peercert prints no wide
/// characters).
std::size_t display_width(std::string_view text);

/// Wraps `text` at spaces to lines of at most `width` columns. The first line is preceded by
/// nothing, the following ones by `indent`.
std::string wrap(std::string_view text, std::size_t width, std::string_view indent);

/// A plain table: a header row, a rule of dashes, the rows; columns padded to their widest
/// cell, two spaces apart; the last column is not padded. Every line starts with `indent`.
std::string render_table(const std::vector<std::string>& header,
                         const std::vector<std::vector<std::string>>& rows,
                         std::string_view indent = "");

} // namespace peercert::report

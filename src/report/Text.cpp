#include "report/Text.hpp"

#include "core/Text.hpp"

#include <algorithm>

namespace peercert::report {

std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  }));
}

std::string wrap(std::string_view text, std::size_t width, std::string_view indent) {
  std::string out;
  std::size_t line = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto space = text.find(' ', pos);
    const auto word =
        text.substr(pos, space == std::string_view::npos ? std::string_view::npos : space - pos);
    pos = space == std::string_view::npos ? text.size() : space + 1;
    if (word.empty()) {
      continue;
    }
    const auto w = display_width(word);
    if (line > 0 && line + 1 + w > width) {
      out += '\n';
      out += indent;
      line = 0;
    } else if (line > 0) {
      out += ' ';
      ++line;
    }
    out += word;
    line += w;
  }
  return out;
}

std::string render_table(const std::vector<std::string>& header,
                         const std::vector<std::vector<std::string>>& rows,
                         std::string_view indent) {
  std::vector<std::size_t> widths(header.size(), 0);
  // Cells come from people and files: no control may reorder what a table shows.
  std::vector<std::vector<std::string>> safe_rows;
  safe_rows.reserve(rows.size());
  for (const auto& r : rows) {
    std::vector<std::string> cells;
    cells.reserve(r.size());
    for (const auto& cell : r) {
      cells.push_back(core::display_safe(cell));
    }
    safe_rows.push_back(std::move(cells));
  }
  const auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], display_width(row[i]));
    }
  };
  measure(header);
  for (const auto& r : safe_rows) {
    measure(r);
  }
  std::string out;
  const auto emit = [&](const std::vector<std::string>& row) {
    std::string line(indent);
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) {
        line.append(widths[i] - display_width(row[i]) + 2, ' ');
      }
    }
    while (!line.empty() && line.back() == ' ') {
      line.pop_back();
    }
    out += line + '\n';
  };
  emit(header);
  std::vector<std::string> rule;
  for (auto w : widths) {
    rule.emplace_back(w, '-');
  }
  emit(rule);
  for (const auto& r : safe_rows) {
    emit(r);
  }
  return out;
}

} // namespace peercert::report

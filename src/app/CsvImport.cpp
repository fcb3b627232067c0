#include "app/CsvImport.hpp"

#include "app/Fields.hpp"
#include "core/Csv.hpp"
#include "core/Error.hpp"
#include "core/Text.hpp"

#include <algorithm>
#include <optional>

namespace peercert::app {

namespace {

std::string joined(std::span<const std::string_view> names) {
  std::string out;
  for (auto c : names) {
    out += (out.empty() ? "" : ",") + std::string(c);
  }
  return out;
}

/// Where each column of the canonical order (required, then optional) stands in the file's
/// header; empty for an optional column the file leaves out.
std::vector<std::optional<std::size_t>> place_columns(const std::vector<std::string>& header,
                                                      ImportColumns columns,
                                                      const std::string& name) {
  const std::string expected =
      joined(columns.required) +
      (columns.optional.empty() ? "" : " (and any of " + joined(columns.optional) + ")");
  std::vector<std::string_view> all(columns.required.begin(), columns.required.end());
  all.insert(all.end(), columns.optional.begin(), columns.optional.end());
  std::vector<std::optional<std::size_t>> places(all.size());
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string column = trimmed(header[i]);
    const auto it = std::find(all.begin(), all.end(), column);
    if (it == all.end()) {
      throw core::InputError(name + " line 1: unknown column \"" + core::log_safe(column) +
                             "\"; the header must be " + expected + ".");
    }
    auto& place = places[static_cast<std::size_t>(it - all.begin())];
    if (place) {
      throw core::InputError(name + " line 1: the column " + core::log_safe(column) +
                             " appears twice.");
    }
    place = i;
  }
  for (std::size_t i = 0; i < columns.required.size(); ++i) {
    if (!places[i]) {
      throw core::InputError(name + " line 1: the header has no " +
                             std::string(columns.required[i]) + " column; it must be " + expected +
                             ".");
    }
  }
  return places;
}

} // namespace

ImportRead read_import(std::istream& csv, const std::string& name, ImportColumns columns,
                       const std::function<void(const std::vector<std::string>&, std::size_t)>& row,
                       const std::function<void(std::size_t)>& progress,
                       std::size_t progress_every) {
  core::CsvReader reader(csv);
  std::vector<std::string> fields;
  if (!reader.next(fields)) {
    throw core::InputError(name + " is empty: it needs the header " + joined(columns.required) +
                           ".");
  }
  const auto places = place_columns(fields, columns, name);
  const std::vector<std::string> header = fields;
  const std::size_t width = fields.size();
  // Files in the canonical order, as most are, pass their fields on as they are.
  bool canonical = width == places.size();
  for (std::size_t i = 0; canonical && i < width; ++i) {
    canonical = places[i] == i;
  }
  std::vector<std::string> ordered(places.size());
  ImportRead out;
  auto& problems = out.problems;
  auto& records = out.records;
  while (true) {
    try {
      if (!reader.next(fields)) {
        break;
      }
    } catch (const core::CsvError& e) {
      // A quote never closed swallows the rest of the file: nothing after it is trusted.
      problems.push_back({e.line(), e.reason(), {}});
      break;
    }
    ++records;
    if (progress && progress_every > 0 && records % progress_every == 0) {
      progress(records);
    }
    try {
      if (fields.size() != width) {
        throw core::InputError("expected " + std::to_string(width) + " fields, found " +
                               std::to_string(fields.size()) + ".");
      }
      for (std::size_t i = 0; i < fields.size(); ++i) {
        if (!core::valid_utf8(fields[i])) {
          const std::string column = trimmed(header[i]);
          throw core::InputError(column + " is not UTF-8 text: save the file as UTF-8, or give "
                                          "--encoding windows-1252 for a file from Excel.",
                                 column);
        }
      }
      if (canonical) {
        row(fields, reader.line());
      } else {
        for (std::size_t i = 0; i < places.size(); ++i) {
          ordered[i] = places[i] ? fields[*places[i]] : std::string{};
        }
        row(ordered, reader.line());
      }
    } catch (const core::InputError& e) {
      // A bad row is kept in the canonical order of its columns, as a rejects file lists them.
      const bool reordered = !canonical && fields.size() == width;
      problems.push_back({reader.line(), e.what(), reordered ? ordered : fields});
    }
  }
  return out;
}

void refuse_import(const std::string& name, const std::vector<CsvProblem>& problems) {
  std::string message = name + ": " + std::to_string(problems.size()) +
                        (problems.size() == 1 ? " row is" : " rows are") +
                        " bad, so nothing was imported:";
  for (const auto& p : problems) {
    message += "\n  line " + std::to_string(p.line) + ": " + p.reason;
  }
  throw ImportError(message, problems);
}

} // namespace peercert::app

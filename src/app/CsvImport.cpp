#include "app/CsvImport.hpp"

#include "app/Fields.hpp"
#include "core/Csv.hpp"
#include "core/Error.hpp"
#include "core/Suggest.hpp"
#include "core/Text.hpp"

#include <algorithm>
#include <optional>
#include <ostream>

namespace peercert::app {

namespace {

std::string joined(std::span<const std::string_view> names) {
  std::string out;
  for (auto c : names) {
    out += (out.empty() ? "" : ",") + std::string(c);
  }
  return out;
}

/// Where each column of the canonical order (required, then optional) stands in the file, and
/// what the file calls it where its header is not the column's own name.
struct Placed {
  std::vector<std::string_view> all;              ///< the columns: required, then optional
  std::vector<std::optional<std::size_t>> places; ///< empty for an optional column left out
  std::vector<std::string> said;                  ///< the file's header, for mapped columns
};

/// The column `target` of a mapping names, or an error naming what peercert reads.
std::size_t mapped_column(const std::string& header, const std::string& target,
                          const std::vector<std::string_view>& all, const std::string& expected,
                          const std::string& map_name) {
  const auto it = std::find(all.begin(), all.end(), target);
  if (it != all.end()) {
    return static_cast<std::size_t>(it - all.begin());
  }
  const auto near = core::closest(target, all);
  throw core::InputError(map_name + ": \"" + core::log_safe(header) + "\" is mapped to \"" +
                         core::log_safe(target) + "\", which is not a column peercert reads" +
                         (near ? " (did you mean " + std::string(*near) + "?)" : "") +
                         "; the columns are " + expected + ".");
}

Placed place_columns(const std::vector<std::string>& header, ImportColumns columns,
                     const ImportDialect& dialect, const std::string& name) {
  const std::string expected =
      joined(columns.required) +
      (columns.optional.empty() ? "" : " (and any of " + joined(columns.optional) + ")");
  std::vector<std::string_view> all(columns.required.begin(), columns.required.end());
  all.insert(all.end(), columns.optional.begin(), columns.optional.end());
  Placed out{all, std::vector<std::optional<std::size_t>>(all.size()),
             std::vector<std::string>(all.size())};
  std::vector<bool> mapped_found(dialect.map.size(), false);
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string column = trimmed(header[i]);
    const auto m = std::find_if(dialect.map.begin(), dialect.map.end(), [&](const auto& pair) {
      return core::search_fold(pair.first) == core::search_fold(column);
    });
    std::size_t index = 0;
    if (m != dialect.map.end()) {
      mapped_found[static_cast<std::size_t>(m - dialect.map.begin())] = true;
      if (m->second.empty() || m->second == "-") {
        continue; // a column the board keeps that peercert does not read
      }
      index = mapped_column(m->first, m->second, all, expected, dialect.map_name);
      out.said[index] = column;
    } else {
      const auto it = std::find(all.begin(), all.end(), core::identifier_form(column));
      if (it == all.end()) {
        throw core::InputError(name + " line 1: unknown column \"" + core::log_safe(column) +
                               "\"; the header must be " + expected + ", or " + dialect.map_name +
                               " must say which column it is.");
      }
      index = static_cast<std::size_t>(it - all.begin());
    }
    auto& place = out.places[index];
    if (place) {
      throw core::InputError(name + " line 1: the column " + std::string(all[index]) +
                             " is given twice (by \"" + core::log_safe(trimmed(header[*place])) +
                             "\" and \"" + core::log_safe(column) + "\").");
    }
    place = i;
  }
  for (std::size_t k = 0; k < dialect.map.size(); ++k) {
    if (!mapped_found[k]) {
      throw core::InputError(dialect.map_name + ": " + name + " has no column \"" +
                             core::log_safe(dialect.map[k].first) + "\" in its header.");
    }
  }
  for (std::size_t i = 0; i < columns.required.size(); ++i) {
    if (!out.places[i]) {
      throw core::InputError(name + " line 1: the header has no " +
                             std::string(columns.required[i]) + " column; it must be " + expected +
                             (dialect.map.empty()
                                  ? ", or " + dialect.map_name + " must say which column it is."
                                  : "."));
    }
  }
  return out;
}

} // namespace

std::vector<std::pair<std::string, std::string>> parse_mapping(std::string_view text,
                                                               std::string_view field, bool lines) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t start = 0;
  std::size_t line = 0;
  const char separator = lines ? '\n' : ',';
  while (start <= text.size()) {
    auto end = text.find(separator, start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    ++line;
    std::string pair = trimmed(text.substr(start, end - start));
    start = end + 1;
    if (!pair.empty() && pair.back() == '\r') {
      pair = trimmed(pair.substr(0, pair.size() - 1));
    }
    if (pair.empty() || (lines && pair.front() == '#')) {
      continue;
    }
    const std::string where =
        std::string(field) + (lines ? " line " + std::to_string(line) : std::string{});
    const auto eq = pair.rfind('=');
    if (eq == std::string::npos || trimmed(pair.substr(0, eq)).empty()) {
      throw core::InputError(where + ": \"" + core::log_safe(pair) +
                             "\" is not Header=column (for example \"Cert #=credential_number\").");
    }
    std::string header = trimmed(pair.substr(0, eq));
    const std::string column = trimmed(pair.substr(eq + 1));
    for (const auto& [h, c] : out) {
      if (core::search_fold(h) == core::search_fold(header)) {
        throw core::InputError(where + ": the header \"" + core::log_safe(header) +
                               "\" is mapped twice.");
      }
    }
    out.emplace_back(std::move(header), column);
  }
  return out;
}

ImportDialect read_dialect(std::string_view map, bool map_lines, std::string map_name,
                           std::string_view date_order, std::string date_name) {
  ImportDialect out;
  if (!date_order.empty()) {
    const auto order = core::date_order_from_name(date_order);
    if (!order) {
      throw core::InputError(
          date_name + " must be " + std::string(core::to_string(core::DateOrder::iso)) + ", " +
              std::string(core::to_string(core::DateOrder::month_first)) + " or " +
              std::string(core::to_string(core::DateOrder::day_first)) + ".",
          date_name);
    }
    out.dates = *order;
  }
  out.map = parse_mapping(map, map_name, map_lines);
  out.map_name = std::move(map_name);
  out.date_name = std::move(date_name);
  return out;
}

ImportRead read_import(std::istream& csv, const std::string& name, ImportColumns columns,
                       const std::function<void(const std::vector<std::string>&, std::size_t)>& row,
                       const ImportOptions& options) {
  core::CsvReader reader(csv);
  std::vector<std::string> fields;
  if (!reader.next(fields)) {
    throw core::InputError(name + " is empty: it needs the header " + joined(columns.required) +
                           ".");
  }
  const auto placed = place_columns(fields, columns, options.dialect, name);
  const auto& places = placed.places;
  const std::vector<std::string> header = fields;
  const std::size_t width = fields.size();
  const auto& all = placed.all;
  // The date columns to rewrite, where the file writes dates in its own order.
  std::vector<std::size_t> dates;
  if (options.dialect.dates != core::DateOrder::iso) {
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (places[i] &&
          std::find(columns.dates.begin(), columns.dates.end(), all[i]) != columns.dates.end()) {
        dates.push_back(i);
      }
    }
  }
  // Files in the canonical order, as most are, pass their fields on as they are.
  bool canonical = width == places.size() && dates.empty();
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
    if (options.progress && options.progress_every > 0 && records % options.progress_every == 0) {
      options.progress(records);
    }
    bool reordered = false;
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
        continue;
      }
      for (std::size_t i = 0; i < places.size(); ++i) {
        ordered[i] = places[i] ? fields[*places[i]] : std::string{};
      }
      reordered = true;
      std::vector<std::string> rewritten;
      for (const auto i : dates) {
        const std::string text = trimmed(ordered[i]);
        if (text.empty()) {
          continue;
        }
        const auto d = core::parse_date_in(text, options.dialect.dates);
        if (!d) {
          throw core::InputError::about(
              std::string(all[i]),
              "does not fit " + std::string(core::to_string(options.dialect.dates)) +
                  ": write it as " + std::string(core::example_date(options.dialect.dates)) +
                  " (or 2018-03-15).");
        }
        if (rewritten.empty()) {
          rewritten = ordered;
        }
        rewritten[i] = core::format_iso(*d);
      }
      row(rewritten.empty() ? ordered : rewritten, reader.line());
    } catch (const core::InputError& e) {
      // Said of the file's own header where it maps the column; a bad row is kept in the
      // canonical order of its columns, as a rejects file lists them.
      std::string reason = e.what();
      const auto it = std::find(all.begin(), all.end(), e.field());
      if (it != all.end()) {
        const auto index = static_cast<std::size_t>(it - all.begin());
        if (!placed.said[index].empty()) {
          reason = e.said_of(core::log_safe(placed.said[index]) + " (" + e.field() + ")");
        }
        // A date written the American way in a file read as ISO: say how to read it.
        const auto& place = places[index];
        if (options.dialect.dates == core::DateOrder::iso &&
            std::find(columns.dates.begin(), columns.dates.end(), *it) != columns.dates.end() &&
            place && *place < fields.size() && fields[*place].find('/') != std::string::npos) {
          reason += " For dates such as 3/15/2018, choose MM/DD/YYYY (or DD/MM/YYYY) with " +
                    options.dialect.date_name + ".";
        }
      }
      problems.push_back({reader.line(), reason, reordered ? ordered : fields});
    }
  }
  return out;
}

void write_rejects(std::ostream& out, ImportColumns columns,
                   const std::vector<CsvProblem>& problems) {
  std::string lines;
  std::vector<std::string> head{"line", "reason"};
  head.insert(head.end(), columns.required.begin(), columns.required.end());
  head.insert(head.end(), columns.optional.begin(), columns.optional.end());
  core::append_csv_record(lines, head);
  for (const auto& p : problems) {
    std::vector<std::string> row{std::to_string(p.line), p.reason};
    row.insert(row.end(), p.fields.begin(), p.fields.end());
    core::append_csv_record(lines, row);
  }
  out << lines;
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

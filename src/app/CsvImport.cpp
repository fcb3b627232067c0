#include "app/CsvImport.hpp"

#include "app/Fields.hpp"
#include "core/Csv.hpp"
#include "core/Error.hpp"

#include <algorithm>

namespace peercert::app {

ImportRead read_import(std::istream& csv, const std::string& name,
                       std::span<const std::string_view> columns,
                       const std::function<void(const std::vector<std::string>&, std::size_t)>& row,
                       const std::function<void(std::size_t)>& progress,
                       std::size_t progress_every) {
  std::string header;
  for (auto c : columns) {
    header += (header.empty() ? "" : ",") + std::string(c);
  }
  core::CsvReader reader(csv);
  std::vector<std::string> fields;
  if (!reader.next(fields)) {
    throw core::InputError(name + " is empty: it needs the header " + header + ".");
  }
  if (fields.size() != columns.size() ||
      !std::equal(fields.begin(), fields.end(), columns.begin(),
                  [](const std::string& a, std::string_view b) { return trimmed(a) == b; })) {
    throw core::InputError(name + " line 1: the header must be " + header + ".");
  }
  ImportRead out;
  auto& problems = out.problems;
  auto& records = out.records;
  while (true) {
    try {
      if (!reader.next(fields)) {
        break;
      }
    } catch (const core::InputError& e) {
      // A quote never closed swallows the rest of the file: nothing after it is trusted.
      const std::string what = e.what();
      problems.push_back({reader.line(), what.substr(what.find(": ") + 2), {}});
      break;
    }
    ++records;
    if (progress && progress_every > 0 && records % progress_every == 0) {
      progress(records);
    }
    try {
      if (fields.size() != columns.size()) {
        throw core::InputError("expected " + std::to_string(columns.size()) + " fields, found " +
                               std::to_string(fields.size()) + ".");
      }
      row(fields, reader.line());
    } catch (const core::InputError& e) {
      problems.push_back({reader.line(), e.what(), fields});
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
  throw core::InputError(message);
}

} // namespace peercert::app

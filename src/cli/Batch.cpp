#include "cli/Check.hpp"

#include "core/Csv.hpp"
#include "core/Error.hpp"
#include "core/Text.hpp"
#include "report/CheckReport.hpp"
#include "rules/Eligibility.hpp"
#include "rules/Plan.hpp"
#include "rules/Program.hpp"

#include <algorithm>
#include <istream>
#include <optional>
#include <ostream>
#include <span>
#include <string_view>

namespace peercert::cli {

namespace {

constexpr std::size_t flush_bytes = 1 << 16;

/// What each CSV column holds: the applicant id or one fact.
struct Columns {
  std::size_t id = 0;
  std::vector<std::optional<rules::FactId>> facts; ///< per column; empty for the id column
};

Columns read_header(std::span<const std::string_view> header, const std::string& name) {
  Columns columns;
  std::optional<std::size_t> id;
  std::vector<bool> seen(rules::fact_count, false);
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string_view column = header[i];
    if (column == "id") {
      if (id) {
        throw core::InputError(name + " line 1: the column id appears twice.");
      }
      id = i;
      columns.facts.emplace_back();
      continue;
    }
    const auto fact = rules::fact_from_name(column);
    if (!fact) {
      throw core::InputError(name + " line 1: unknown column \"" + std::string(column) + "\"; " +
                             rules::unknown_fact_hint(column) +
                             " The columns are id and fact names.");
    }
    if (seen.at(static_cast<std::size_t>(*fact))) {
      throw core::InputError(name + " line 1: the column " + std::string(column) +
                             " appears twice.");
    }
    seen.at(static_cast<std::size_t>(*fact)) = true;
    columns.facts.push_back(fact);
  }
  if (!id) {
    throw core::InputError(name + " line 1: the header has no id column.");
  }
  columns.id = *id;
  return columns;
}

} // namespace

int run_batch(const rules::Program& program, std::istream& in, const std::string& name,
              core::Date as_of, const std::string& format, std::ostream& out, std::ostream& err,
              core::ReadAhead read_ahead) {
  core::CsvScanner reader(in, read_ahead);
  if (!reader.next()) {
    throw core::InputError(name + " is empty: it needs a header row of id and fact names.");
  }
  const Columns columns = read_header(reader.fields(), name);
  const bool json = format == "json";
  const rules::Plan plan(program);
  std::vector<rules::Outcome> outcomes(plan.criteria().size());

  std::string buffer;
  buffer.reserve(flush_bytes + 4096);
  if (!json) {
    buffer += report::batch_csv_header();
  }
  std::size_t bad_rows = 0;
  rules::Facts facts;
  while (true) {
    try {
      if (!reader.next()) {
        break;
      }
    } catch (const core::InputError& e) {
      // The reader cannot find the end of a broken quoted field: nothing after it is trusted.
      out << buffer << std::flush;
      err << name << ' ' << e.what() << '\n';
      return core::to_int(core::ExitStatus::bad_input);
    }
    const auto fields = reader.fields();
    // Only a bad row needs its place in words.
    const auto where = [&] { return name + " line " + std::to_string(reader.line()); };
    if (fields.size() != columns.facts.size()) {
      err << where() << ": expected " << columns.facts.size() << " fields, found " << fields.size()
          << ".\n";
      ++bad_rows;
      continue;
    }
    if (fields[columns.id].empty()) {
      err << where() << ": id is empty.\n";
      ++bad_rows;
      continue;
    }
    if (const auto bad = std::find_if(fields.begin(), fields.end(),
                                      [](std::string_view f) { return !core::valid_utf8(f); });
        bad != fields.end()) {
      const auto column = static_cast<std::size_t>(bad - fields.begin());
      err << where() << ": "
          << (column == columns.id ? std::string("id")
                                   : std::string(rules::fact_info(*columns.facts[column]).name))
          << " is not UTF-8 text: save the file as UTF-8, or give --encoding windows-1252.\n";
      ++bad_rows;
      continue;
    }
    try {
      for (std::size_t i = 0; i < fields.size(); ++i) {
        if (const auto fact = columns.facts[i]) {
          facts.set(*fact, rules::parse_fact_text(*fact, fields[i]));
        }
      }
      const auto result = plan.judge(facts, as_of, outcomes);
      const report::BatchRow row{fields[columns.id], result.verdict, result.eligible_on,
                                 plan.criteria(), outcomes};
      if (json) {
        report::append_batch_json(buffer, row);
      } else {
        report::append_batch_csv(buffer, row);
      }
    } catch (const core::InputError& e) {
      err << where() << ": " << e.what() << '\n';
      ++bad_rows;
    }
    if (buffer.size() >= flush_bytes) {
      out << buffer;
      buffer.clear();
    }
  }
  out << buffer << std::flush;
  if (bad_rows > 0) {
    err << name << ": " << bad_rows << (bad_rows == 1 ? " row was" : " rows were")
        << " not checked.\n";
    return core::to_int(core::ExitStatus::bad_input);
  }
  return core::to_int(core::ExitStatus::ok);
}

} // namespace peercert::cli

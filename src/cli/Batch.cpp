#include "cli/Check.hpp"

#include "core/BoundedQueue.hpp"
#include "core/Csv.hpp"
#include "core/Error.hpp"
#include "core/Text.hpp"
#include "report/CheckReport.hpp"
#include "rules/Eligibility.hpp"
#include "rules/Plan.hpp"
#include "rules/Program.hpp"

#include <algorithm>
#include <deque>
#include <exception>
#include <istream>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <span>
#include <string_view>
#include <thread>

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

/// Applicants read and parsed, a thousand at a time, handed from the reading thread to
/// the judging one. A bad row keeps its message, so that messages come out in file order.
struct Chunk {
  static constexpr std::size_t rows = 1024;

  struct Row {
    std::size_t id_at = 0;
    std::size_t id_size = 0;
    std::size_t line = 0;
    rules::Facts facts;
    std::string error; ///< the whole message for a bad row; empty for a good one
  };
  std::vector<Row> read{rows};
  std::size_t used = 0;
  std::string ids; ///< every row's id, one after another
  bool last = false;
  std::string fatal;          ///< a reading error after which nothing is trusted
  std::exception_ptr failure; ///< anything else the reading thread met
};

/// Chunks between the two threads: at most `depth` in flight, reused, so that memory stays
/// flat however long the file. Full ones go to the judging thread, empty ones come back.
class ChunkQueue {
public:
  static constexpr std::size_t depth = 3;

  /// Every chunk is made at the start, so that a short file needs as much memory as a long
  /// one, and no more.
  ChunkQueue() {
    for (std::size_t i = 0; i < depth; ++i) {
      empty_.push(std::make_unique<Chunk>());
    }
  }

  /// An empty chunk to fill, or nothing once the judging thread has stopped.
  std::unique_ptr<Chunk> take_empty() { return empty_.pop().value_or(nullptr); }

  void put_full(std::unique_ptr<Chunk> chunk) { full_.push(chunk); }

  std::unique_ptr<Chunk> take_full() { return full_.pop().value_or(nullptr); }

  void give_back(std::unique_ptr<Chunk> chunk) {
    chunk->used = 0;
    chunk->ids.clear();
    empty_.push(chunk);
  }

  /// The judging thread is done: the reading thread stops at its next chunk.
  void stop() { empty_.close(); }

private:
  core::BoundedQueue<std::unique_ptr<Chunk>> full_{depth};
  core::BoundedQueue<std::unique_ptr<Chunk>> empty_{depth};
};

/// Reads and parses one record into `row`; a bad row gets its message instead.
void parse_row(std::span<const std::string_view> fields, const Columns& columns,
               const std::string& name, std::size_t line, Chunk& chunk, Chunk::Row& row) {
  row.line = line;
  row.error.clear();
  const auto where = [&] { return name + " line " + std::to_string(line); };
  if (fields.size() != columns.facts.size()) {
    row.error = where() + ": expected " + std::to_string(columns.facts.size()) + " fields, found " +
                std::to_string(fields.size()) + ".";
    return;
  }
  if (fields[columns.id].empty()) {
    row.error = where() + ": id is empty.";
    return;
  }
  if (const auto bad = std::find_if(fields.begin(), fields.end(),
                                    [](std::string_view f) { return !core::valid_utf8(f); });
      bad != fields.end()) {
    const auto column = static_cast<std::size_t>(bad - fields.begin());
    row.error =
        where() + ": " +
        (column == columns.id ? std::string("id")
                              : std::string(rules::fact_info(*columns.facts[column]).name)) +
        " is not UTF-8 text: save the file as UTF-8, or give --encoding windows-1252.";
    return;
  }
  try {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (const auto fact = columns.facts[i]) {
        row.facts.set(*fact, rules::parse_fact_text(*fact, fields[i]));
      }
    }
  } catch (const core::InputError& e) {
    row.error = where() + ": " + e.what();
    return;
  }
  row.id_at = chunk.ids.size();
  row.id_size = fields[columns.id].size();
  chunk.ids += fields[columns.id];
}

/// The reading thread: records to parsed rows, chunk by chunk, until the end or a stop.
void read_rows(core::CsvScanner& reader, const Columns& columns, const std::string& name,
               ChunkQueue& queue) {
  while (auto chunk = queue.take_empty()) {
    try {
      while (chunk->used < Chunk::rows) {
        try {
          if (!reader.next()) {
            chunk->last = true;
            break;
          }
        } catch (const core::InputError& e) {
          // The reader cannot find the end of a broken quoted field: nothing after it is
          // trusted.
          chunk->fatal = name + ' ' + e.what();
          chunk->last = true;
          break;
        }
        parse_row(reader.fields(), columns, name, reader.line(), *chunk,
                  chunk->read[chunk->used++]);
      }
    } catch (...) {
      chunk->failure = std::current_exception();
      chunk->last = true;
    }
    const bool last = chunk->last;
    queue.put_full(std::move(chunk));
    if (last) {
      return;
    }
  }
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
  std::vector<rules::Outcome> outcomes(plan.outcome_count());

  std::string buffer;
  buffer.reserve(flush_bytes + 4096);
  if (!json) {
    buffer += report::batch_csv_header(!plan.routes().empty());
  }
  std::size_t bad_rows = 0;
  // Reading and parsing on one thread, judging and writing on this one.
  ChunkQueue queue;
  std::thread reading([&] { read_rows(reader, columns, name, queue); });
  struct Join {
    ChunkQueue& queue;
    std::thread& thread;
    ~Join() {
      queue.stop();
      thread.join();
    }
  } join{queue, reading};
  while (true) {
    auto chunk = queue.take_full();
    for (std::size_t i = 0; i < chunk->used; ++i) {
      auto& row = chunk->read[i];
      if (row.error.empty()) {
        try {
          const auto result = plan.judge(row.facts, as_of, outcomes);
          const report::BatchRow answer{std::string_view(chunk->ids).substr(row.id_at, row.id_size),
                                        result.verdict,
                                        result.eligible_on,
                                        plan.criteria(),
                                        outcomes,
                                        plan.routes(),
                                        result.route};
          if (json) {
            report::append_batch_json(buffer, answer);
          } else {
            report::append_batch_csv(buffer, answer);
          }
        } catch (const core::InputError& e) {
          row.error = name + " line " + std::to_string(row.line) + ": " + e.what();
        }
      }
      if (!row.error.empty()) {
        err << row.error << '\n';
        ++bad_rows;
      }
      if (buffer.size() >= flush_bytes) {
        out << buffer;
        buffer.clear();
      }
    }
    if (chunk->failure) {
      out << buffer << std::flush;
      std::rethrow_exception(chunk->failure);
    }
    if (!chunk->fatal.empty()) {
      out << buffer << std::flush;
      err << chunk->fatal << '\n';
      return core::to_int(core::ExitStatus::bad_input);
    }
    const bool last = chunk->last;
    queue.give_back(std::move(chunk));
    if (last) {
      break;
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

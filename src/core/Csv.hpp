#pragma once

#include "core/Error.hpp"

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace peercert::core {

/// Reads RFC 4180 CSV one record at a time, so memory does not grow with the file. Quoted
/// fields may hold commas, doubled quotes and line breaks; CRLF and LF both end a record;
/// a UTF-8 byte-order mark is skipped; blank lines are skipped.
/// A record CsvReader cannot read: the line it began on and what is wrong, kept apart so that
/// an import can list the reason beside its own line number; what() says both.
class CsvError : public InputError {
public:
  CsvError(std::size_t line, std::string reason)
      : InputError("line " + std::to_string(line) + ": " + reason), line_(line),
        reason_(std::move(reason)) {}
  std::size_t line() const noexcept { return line_; }
  const std::string& reason() const noexcept { return reason_; }

private:
  std::size_t line_;
  std::string reason_;
};

class CsvReader {
public:
  explicit CsvReader(std::istream& in) : in_(in) {}

  /// Reads the next record into `fields` (reusing its storage). Returns false at the end.
  /// Throws CsvError for a quote that is never closed or is followed by other text.
  bool next(std::vector<std::string>& fields);

  /// The line on which the record last read began (1 for the first line).
  std::size_t line() const { return record_line_; }

private:
  bool read_line();

  std::istream& in_;
  std::string text_;
  std::size_t next_line_ = 1;
  std::size_t record_line_ = 0;
  bool first_ = true;
};

/// One CSV field, quoted when it holds a comma, a quote, a line break or edge spaces.
std::string csv_field(std::string_view value);

/// Appends a record of fields and CRLF (RFC 4180) to `out`.
void append_csv_record(std::string& out, const std::vector<std::string>& fields);

} // namespace peercert::core

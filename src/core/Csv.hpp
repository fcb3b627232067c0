#pragma once

#include "core/Error.hpp"

#include <cstddef>
#include <cstdint>
#include <istream>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace peercert::core {

/// CSV as RFC 4180 writes it: quoted fields may hold commas, doubled quotes and line breaks
/// (a CRLF inside one reads as LF); CRLF and LF both end a record; a UTF-8 byte-order mark
/// is skipped; blank lines are skipped.

/// A record CsvScanner cannot read: the line it began on and what is wrong, kept apart so that
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

/// Whether a CsvScanner reads its stream on a second thread, a block ahead of the parser: a
/// large file then costs one core for reading and one for the work on its rows.
enum class ReadAhead : std::uint8_t { no, yes };

/// Reads RFC 4180 CSV one record at a time from large blocks of the stream, handing out the
/// fields as views that stay valid until the next call of next(). Memory stays flat: a few
/// blocks and the record being read.
class CsvScanner {
public:
  static constexpr std::size_t default_block = std::size_t{1} << 18;

  explicit CsvScanner(std::istream& in, ReadAhead read_ahead = ReadAhead::no,
                      std::size_t block = default_block);
  ~CsvScanner();
  CsvScanner(const CsvScanner&) = delete;
  CsvScanner& operator=(const CsvScanner&) = delete;

  /// Reads the next record. Returns false at the end. Throws CsvError for a quote that is
  /// never closed or is followed by other text.
  bool next();

  /// The fields of the record last read.
  std::span<const std::string_view> fields() const { return fields_; }

  /// The line on which the record last read began (1 for the first line).
  std::size_t line() const { return record_line_; }

private:
  class Blocks;
  enum class Scan : std::uint8_t { record, blank, more };
  Scan scan(std::size_t& at, std::size_t& line);
  bool refill();

  std::unique_ptr<Blocks> blocks_;
  std::string data_;
  std::size_t pos_ = 0;
  bool end_ = false;
  bool first_ = true;
  std::size_t line_ = 1;
  std::size_t record_line_ = 0;
  /// Each field as (offset, length, whether it lies in unescaped_) until the record is whole.
  struct Span {
    std::size_t offset;
    std::size_t length;
    bool unescaped;
  };
  std::vector<Span> spans_;
  std::string unescaped_; ///< quoted fields whose text differs from the file's bytes
  std::vector<std::string_view> fields_;
};

/// CsvScanner's records copied into strings, for readers that keep them.
class CsvReader {
public:
  explicit CsvReader(std::istream& in) : scanner_(in) {}

  /// Reads the next record into `fields` (reusing its storage). Returns false at the end.
  /// Throws CsvError for a quote that is never closed or is followed by other text.
  bool next(std::vector<std::string>& fields);

  /// The line on which the record last read began (1 for the first line).
  std::size_t line() const { return scanner_.line(); }

private:
  CsvScanner scanner_;
};

/// One CSV field, quoted when it holds a comma, a quote, a line break or edge spaces.
std::string csv_field(std::string_view value);

/// Appends one CSV field to `out`, quoted as csv_field quotes it.
void append_csv_field(std::string& out, std::string_view value);

/// Appends a record of fields and CRLF (RFC 4180) to `out`.
void append_csv_record(std::string& out, const std::vector<std::string>& fields);

} // namespace peercert::core

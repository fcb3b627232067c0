#include "core/Csv.hpp"

#include "core/BoundedQueue.hpp"

#include "core/Error.hpp"

#include <deque>
#include <exception>
#include <mutex>
#include <thread>

namespace peercert::core {

/// The stream, a block at a time: read when asked, or on a thread of its own that keeps up
/// to `ahead` blocks ready (and reuses the block last handed out, so that reading allocates
/// nothing after the start).
class CsvScanner::Blocks {
public:
  Blocks(std::istream& in, ReadAhead mode, std::size_t block) : in_(in), block_(block) {
    if (mode == ReadAhead::yes) {
      thread_ = std::thread([this] { produce(); });
    }
  }

  ~Blocks() {
    if (thread_.joinable()) {
      ready_.close();
      spare_.close();
      thread_.join();
    }
  }

  Blocks(const Blocks&) = delete;
  Blocks& operator=(const Blocks&) = delete;

  /// Appends the next block to `to`. Returns false at the end of the stream.
  bool append_to(std::string& to) {
    if (!thread_.joinable()) {
      const std::size_t old = to.size();
      to.resize(old + block_);
      const std::size_t n = read(to.data() + old);
      to.resize(old + n);
      return n > 0;
    }
    auto block = ready_.pop();
    if (!block) {
      // Closed by the reading thread: the end of the stream, or what stopped the reading.
      if (error_) {
        std::rethrow_exception(error_);
      }
      return false;
    }
    to += *block;
    spare_.try_push(*block);
    return true;
  }

private:
  static constexpr std::size_t ahead = 2;

  std::size_t read(char* into) {
    in_.read(into, static_cast<std::streamsize>(block_));
    return static_cast<std::size_t>(in_.gcount());
  }

  void produce() {
    try {
      while (true) {
        std::string block = spare_.try_pop().value_or(std::string{});
        block.resize(block_);
        const std::size_t n = read(block.data());
        block.resize(n);
        if (n == 0 || !ready_.push(block)) {
          break;
        }
      }
    } catch (...) {
      // Written before the queue closes, so the reader sees it once the queue says so.
      error_ = std::current_exception();
    }
    ready_.close();
  }

  std::istream& in_;
  std::size_t block_;
  BoundedQueue<std::string> ready_{ahead};
  BoundedQueue<std::string> spare_{1};
  std::exception_ptr error_;
  std::thread thread_; ///< last: it starts once everything it uses is made
};

CsvScanner::CsvScanner(std::istream& in, ReadAhead read_ahead, std::size_t block)
    : blocks_(std::make_unique<Blocks>(in, read_ahead, block)) {}

CsvScanner::~CsvScanner() = default;

bool CsvScanner::refill() {
  data_.erase(0, pos_);
  pos_ = 0;
  if (!blocks_->append_to(data_)) {
    end_ = true;
  }
  return !end_;
}

bool CsvScanner::next() {
  if (first_) {
    first_ = false;
    while (data_.size() < 3 && refill()) {
    }
    if (std::string_view(data_).starts_with("\xEF\xBB\xBF")) {
      pos_ = 3;
    }
  }
  while (true) {
    std::size_t at = pos_;
    std::size_t line = line_;
    switch (scan(at, line)) {
    case Scan::more:
      if (end_) {
        return false; // nothing is left
      }
      refill();
      continue;
    case Scan::blank:
      pos_ = at;
      line_ = line;
      continue;
    case Scan::record:
      break;
    }
    record_line_ = line_;
    pos_ = at;
    line_ = line;
    fields_.clear();
    for (const Span& s : spans_) {
      const std::string& from = s.unescaped ? unescaped_ : data_;
      fields_.emplace_back(from.data() + s.offset, s.length);
    }
    return true;
  }
}

/// Reads one record from `at`. Returns more when the data ends before the record does and
/// the stream has more (or, at its end, when nothing is left); `at` and `line` then are
/// untouched in meaning and the caller reads on.
CsvScanner::Scan CsvScanner::scan(std::size_t& at, std::size_t& line) {
  const char* d = data_.data();
  const std::size_t n = data_.size();
  const std::size_t begun = line;
  std::size_t i = at;
  // A blank line: LF, CRLF, or a CR that ends the file.
  if (i == n) {
    return Scan::more;
  }
  if (d[i] == '\n' || (d[i] == '\r' && i + 1 < n && d[i + 1] == '\n')) {
    at = i + (d[i] == '\n' ? 1 : 2);
    ++line;
    return Scan::blank;
  }
  if (d[i] == '\r' && i + 1 == n) {
    if (!end_) {
      return Scan::more;
    }
    at = n;
    return Scan::blank;
  }
  spans_.clear();
  unescaped_.clear();
  // Ends the record after a field that stops at `stop`: LF, CRLF, a CR at the end of the
  // file, or the end of the file.
  const auto end_of_record = [&](std::size_t stop) {
    if (stop < n && d[stop] == '\r') {
      ++stop;
    }
    if (stop < n) {
      ++line;
      ++stop;
    }
    at = stop;
    return Scan::record;
  };
  while (true) {
    if (i < n && d[i] == '"') {
      // A quoted field: runs to the next lone quote, across line breaks.
      const std::size_t start = ++i;
      bool copied = false;
      const std::size_t offset = unescaped_.size();
      const auto copy_so_far = [&] {
        if (!copied) {
          copied = true;
          unescaped_.append(d + start, i - start);
        }
      };
      while (true) {
        if (i + 1 >= n && !end_) {
          return Scan::more; // a quote or CR may pair with the next byte
        }
        if (i >= n) {
          throw CsvError(begun, "a quoted field is not closed.");
        }
        const char c = d[i];
        if (c == '"') {
          if (i + 1 < n && d[i + 1] == '"') {
            copy_so_far();
            unescaped_ += '"';
            i += 2;
            continue;
          }
          break;
        }
        if (c == '\r' && i + 1 < n && d[i + 1] == '\n') {
          copy_so_far();
          unescaped_ += '\n';
          ++line;
          i += 2;
          continue;
        }
        if (c == '\n') {
          ++line;
        }
        if (copied) {
          unescaped_ += c;
        }
        ++i;
      }
      spans_.push_back(copied ? Span{offset, unescaped_.size() - offset, true}
                              : Span{start, i - start, false});
      ++i; // the closing quote
      if (i + 1 >= n && !end_) {
        return Scan::more;
      }
      if (i < n && d[i] == ',') {
        ++i;
        continue;
      }
      if (i >= n || d[i] == '\n' || (d[i] == '\r' && (i + 1 == n || d[i + 1] == '\n'))) {
        return end_of_record(i);
      }
      throw CsvError(begun, "a quoted field is followed by other text before the comma.");
    }
    const std::size_t start = i;
    while (i < n && d[i] != ',' && d[i] != '\n') {
      ++i;
    }
    if (i >= n && !end_) {
      return Scan::more;
    }
    if (i < n && d[i] == ',') {
      spans_.push_back(Span{start, i - start, false});
      ++i;
      continue;
    }
    std::size_t stop = i;
    if (stop > start && d[stop - 1] == '\r') {
      --stop;
    }
    spans_.push_back(Span{start, stop - start, false});
    return end_of_record(stop);
  }
}

bool CsvReader::next(std::vector<std::string>& fields) {
  if (!scanner_.next()) {
    return false;
  }
  const auto got = scanner_.fields();
  fields.resize(got.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    fields[i].assign(got[i]);
  }
  return true;
}

std::string csv_field(std::string_view value) {
  std::string out;
  append_csv_field(out, value);
  return out;
}

void append_csv_field(std::string& out, std::string_view value) {
  const bool quote = value.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!value.empty() && (value.front() == ' ' || value.back() == ' '));
  if (!quote) {
    out += value;
    return;
  }
  out += '"';
  for (char c : value) {
    if (c == '"') {
      out += "\"\"";
    } else {
      out += c;
    }
  }
  out += '"';
}

void append_csv_record(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    append_csv_field(out, fields[i]);
  }
  out += "\r\n";
}

} // namespace peercert::core

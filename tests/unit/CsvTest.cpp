#include "core/Csv.hpp"
#include "core/BoundedQueue.hpp"
#include "core/Error.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <random>
#include <sstream>
#include <thread>
#include <vector>

using peercert::core::CsvReader;

namespace {
std::vector<std::vector<std::string>> read_all(const std::string& text,
                                               std::vector<std::size_t>* lines = nullptr) {
  std::istringstream in(text);
  CsvReader reader(in);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> fields;
  while (reader.next(fields)) {
    rows.push_back(fields);
    if (lines != nullptr) {
      lines->push_back(reader.line());
    }
  }
  return rows;
}
} // namespace

TEST_CASE("CSV reads plain and quoted fields", "[csv]") {
  const auto rows = read_all("id,name\r\n1,\"Doe, Jane\"\r\n2,\"say \"\"hi\"\"\"\n3,\n");
  REQUIRE(rows.size() == 4);
  CHECK(rows[1] == std::vector<std::string>{"1", "Doe, Jane"});
  CHECK(rows[2] == std::vector<std::string>{"2", "say \"hi\""});
  CHECK(rows[3] == std::vector<std::string>{"3", ""});
}

TEST_CASE("CSV quoted fields may span lines, and line numbers follow the file", "[csv]") {
  std::vector<std::size_t> lines;
  const auto rows = read_all("a,b\n1,\"two\nlines\"\n\n3,x\n", &lines);
  REQUIRE(rows.size() == 3);
  CHECK(rows[1][1] == "two\nlines");
  CHECK(lines == std::vector<std::size_t>{1, 2, 5});
}

TEST_CASE("CSV skips a byte-order mark and a missing final newline is fine", "[csv]") {
  const auto rows = read_all("\xEF\xBB\xBFid,x\n1,2");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0][0] == "id");
  CHECK(rows[1][1] == "2");
}

TEST_CASE("CSV refuses an unclosed quote and text after a closing quote", "[csv]") {
  std::vector<std::string> fields;
  {
    std::istringstream in("a,b\n1,\"open\n2,3\n");
    CsvReader reader(in);
    REQUIRE(reader.next(fields));
    CHECK_THROWS_WITH(reader.next(fields), "line 2: a quoted field is not closed.");
  }
  {
    std::istringstream in("\"a\"b,c\n");
    CsvReader reader(in);
    CHECK_THROWS_AS(reader.next(fields), peercert::core::InputError);
  }
}

TEST_CASE("CSV fields are quoted only when they must be", "[csv]") {
  using peercert::core::csv_field;
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_field(" edge") == "\" edge\"");
  std::string out;
  peercert::core::append_csv_record(out, {"a", "b,c", ""});
  CHECK(out == "a,\"b,c\",\r\n");
}

namespace {

/// CSV read a line at a time, as peercert first read it: the reference the block scanner
/// must agree with.
struct LineReader {
  explicit LineReader(std::istream& from) : in(from) {}
  std::istream& in;
  std::string text;
  std::size_t next_line = 1;
  bool first = true;

  bool read_line() {
    if (!std::getline(in, text)) {
      return false;
    }
    if (first) {
      first = false;
      if (text.starts_with("\xEF\xBB\xBF")) {
        text.erase(0, 3);
      }
    }
    if (!text.empty() && text.back() == '\r') {
      text.pop_back();
    }
    ++next_line;
    return true;
  }

  /// One record and its line, or nothing at the end; a refused record as its error text.
  std::optional<std::pair<std::vector<std::string>, std::size_t>> next() {
    do {
      if (!read_line()) {
        return std::nullopt;
      }
    } while (text.empty());
    const std::size_t line = next_line - 1;
    std::vector<std::string> fields(1);
    std::size_t i = 0;
    while (true) {
      if (i < text.size() && text[i] == '"' && fields.back().empty()) {
        ++i;
        while (true) {
          if (i >= text.size()) {
            if (!read_line()) {
              throw peercert::core::CsvError(line, "a quoted field is not closed.");
            }
            fields.back().push_back('\n');
            i = 0;
            continue;
          }
          if (text[i] == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              fields.back().push_back('"');
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          fields.back().push_back(text[i++]);
        }
        if (i < text.size() && text[i] != ',') {
          throw peercert::core::CsvError(
              line, "a quoted field is followed by other text before the comma.");
        }
      }
      const auto comma = text.find(',', i);
      const auto end = comma == std::string::npos ? text.size() : comma;
      fields.back().append(text, i, end - i);
      if (comma == std::string::npos) {
        break;
      }
      i = comma + 1;
      fields.emplace_back();
    }
    return std::make_pair(fields, line);
  }
};

/// Every record with its line, then the error that stopped the reading (empty if none).
using Reading =
    std::pair<std::vector<std::pair<std::vector<std::string>, std::size_t>>, std::string>;

Reading read_by_lines(const std::string& text) {
  std::istringstream in(text);
  LineReader reader(in);
  Reading out;
  try {
    while (auto record = reader.next()) {
      out.first.push_back(*record);
    }
  } catch (const peercert::core::CsvError& e) {
    out.second = e.what();
  }
  return out;
}

Reading read_by_blocks(const std::string& text, peercert::core::ReadAhead ahead,
                       std::size_t block) {
  std::istringstream in(text);
  peercert::core::CsvScanner scanner(in, ahead, block);
  Reading out;
  try {
    while (scanner.next()) {
      const auto fields = scanner.fields();
      out.first.emplace_back(std::vector<std::string>(fields.begin(), fields.end()),
                             scanner.line());
    }
  } catch (const peercert::core::CsvError& e) {
    out.second = e.what();
  }
  return out;
}

} // namespace

TEST_CASE("CSV read in blocks of any size agrees with CSV read a line at a time", "[csv]") {
  using peercert::core::ReadAhead;
  // Texts made of the pieces that matter: quotes, commas, CR, LF, a byte-order mark.
  static constexpr std::string_view pieces[] = {"a",  "bc",   ",", "\"",           "\"\"", "\n",
                                                "\r", "\r\n", " ", "\xEF\xBB\xBF", "é"};
  std::mt19937 random(4180);
  for (int round = 0; round < 1500; ++round) {
    std::string text;
    const int length = std::uniform_int_distribution<int>(0, 30)(random);
    for (int k = 0; k < length; ++k) {
      text += pieces[std::uniform_int_distribution<std::size_t>(0, std::size(pieces) - 1)(random)];
    }
    const Reading expected = read_by_lines(text);
    for (const std::size_t block :
         {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{7}, std::size_t{1} << 20}) {
      INFO("text: " << text << "; block " << block);
      REQUIRE(read_by_blocks(text, ReadAhead::no, block) == expected);
      if (block == 3 || block > 7) {
        REQUIRE(read_by_blocks(text, ReadAhead::yes, block) == expected);
      }
    }
  }
}

TEST_CASE("CSV read ahead on a second thread stops cleanly when the reader stops early", "[csv]") {
  std::string text = "id,x\n";
  for (int i = 0; i < 100000; ++i) {
    text += std::to_string(i) + ",\"v\"\n";
  }
  std::istringstream in(text);
  {
    peercert::core::CsvScanner scanner(in, peercert::core::ReadAhead::yes, 64);
    REQUIRE(scanner.next());
    REQUIRE(scanner.next());
    CHECK(scanner.fields()[1] == "v");
    CHECK(scanner.line() == 2);
  } // destroyed with blocks still to read: must not hang or leak
}

TEST_CASE("a bounded queue hands items over in order, waits for room, and drains once closed",
          "[queue]") {
  peercert::core::BoundedQueue<int> queue(2);
  int a = 1;
  int b = 2;
  int c = 3;
  CHECK(queue.try_push(a));
  CHECK(queue.try_push(b));
  CHECK_FALSE(queue.try_push(c)); // full: the item stays with the caller
  CHECK(c == 3);
  // A producer waits for room; a consumer on another thread makes it.
  std::vector<int> got;
  std::thread consumer([&] {
    while (auto n = queue.pop()) {
      got.push_back(*n);
    }
  });
  for (int i = 3; i <= 1000; ++i) {
    REQUIRE(queue.push(i));
  }
  queue.close();
  consumer.join();
  REQUIRE(got.size() == 1000);
  for (int i = 0; i < 1000; ++i) {
    CHECK(got[static_cast<std::size_t>(i)] == i + 1);
  }
  int late = 7;
  CHECK_FALSE(queue.push(late)); // closed
  CHECK_FALSE(queue.pop());
  CHECK_FALSE(queue.try_pop());
}

#include "core/Csv.hpp"
#include "core/Error.hpp"

#include <catch2/catch.hpp>

#include <sstream>

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

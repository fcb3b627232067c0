#include "store/Dump.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace peercert::store {

namespace {

/// A name as an SQL identifier: in double quotes, any quote doubled.
std::string identifier(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    out += c;
    if (c == '"') {
      out += '"';
    }
  }
  return out + "\"";
}

DumpValue value_of(const SQLite::Column& column) {
  if (column.isNull()) {
    return std::nullopt;
  }
  if (column.isBlob()) {
    static constexpr char hex[] = "0123456789abcdef";
    const auto* bytes = static_cast<const unsigned char*>(column.getBlob());
    std::string out = "\\x";
    for (int i = 0; i < column.getBytes(); ++i) {
      out += hex[bytes[i] >> 4U];
      out += hex[bytes[i] & 0x0fU];
    }
    return out;
  }
  return column.getString();
}

} // namespace

void dump(const Database& db, const std::function<void(const DumpTable&)>& table,
          const std::function<void(const std::vector<DumpValue>&)>& row) {
  const ReadTransaction snapshot(db);
  std::vector<DumpTable> tables;
  SQLite::Statement names(db.sqlite(), "SELECT name FROM sqlite_schema WHERE type = 'table' AND "
                                       "name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
  while (names.executeStep()) {
    tables.push_back({names.getColumn(0).getString(), {}});
  }
  for (auto& t : tables) {
    SQLite::Statement columns(db.sqlite(), "SELECT name FROM pragma_table_info(?1) ORDER BY name");
    columns.bind(1, t.name);
    while (columns.executeStep()) {
      t.columns.push_back(columns.getColumn(0).getString());
    }
    table(t);
    if (t.columns.empty()) {
      continue;
    }
    std::string list;
    std::string order; // text byte by byte, whatever collation a column was declared with
    for (const auto& c : t.columns) {
      list += (list.empty() ? "" : ", ") + identifier(c);
      order += (order.empty() ? "" : ", ") + identifier(c) + " COLLATE BINARY";
    }
    SQLite::Statement rows(db.sqlite(),
                           "SELECT " + list + " FROM " + identifier(t.name) + " ORDER BY " + order);
    std::vector<DumpValue> values(t.columns.size());
    while (rows.executeStep()) {
      for (std::size_t i = 0; i < values.size(); ++i) {
        values[i] = value_of(rows.getColumn(static_cast<int>(i)));
      }
      row(values);
    }
  }
}

} // namespace peercert::store

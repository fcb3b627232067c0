#include "store/Dump.hpp"

#include "store/detail/Catalog.hpp"
#include "store/detail/Statement.hpp"

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

DumpValue value_of(const detail::Column& column) {
  if (column.is_null()) {
    return std::nullopt;
  }
  if (column.is_blob()) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out = "\\x";
    for (const char c : column.view()) {
      const auto byte = static_cast<unsigned char>(c);
      out += hex[byte >> 4U];
      out += hex[byte & 0x0fU];
    }
    return out;
  }
  return column.as_string();
}

} // namespace

void dump(const Database& db, const std::function<void(const DumpTable&)>& table,
          const std::function<void(const std::vector<DumpValue>&)>& row) {
  const ReadTransaction snapshot(db);
  std::vector<DumpTable> tables;
  const auto dialect = db.connection().dialect();
  detail::Statement names(db, detail::table_names_sql(dialect));
  while (names.step()) {
    tables.push_back({names.column(0).as_string(), {}});
  }
  for (auto& t : tables) {
    const auto columns = detail::table_columns(db, t.name);
    for (const auto& c : columns) {
      t.columns.push_back(c.name);
    }
    table(t);
    if (t.columns.empty()) {
      continue;
    }
    std::string list;
    std::string order; // text byte by byte, whatever collation a column was declared with
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      list += (list.empty() ? "" : ", ") + identifier(t.columns[i]);
      order += (order.empty() ? "" : ", ") +
               detail::bytewise_order(dialect, identifier(t.columns[i]), columns[i].text);
    }
    detail::Statement rows(db,
                           "SELECT " + list + " FROM " + identifier(t.name) + " ORDER BY " + order);
    std::vector<DumpValue> values(t.columns.size());
    while (rows.step()) {
      for (std::size_t i = 0; i < values.size(); ++i) {
        values[i] = value_of(rows.column(static_cast<int>(i)));
      }
      row(values);
    }
  }
}

} // namespace peercert::store

#pragma once

// For the store's .cpp files only: what tables and columns a database holds, on either
// backend (the catalog queries are in Dialect.hpp).

#include "store/Database.hpp"
#include "store/detail/Dialect.hpp"
#include "store/detail/Statement.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace peercert::store::detail {

/// A column of a table, and whether it holds text.
struct TableColumn {
  std::string name;
  bool text = false;
};

/// The columns of `table`, by name.
inline std::vector<TableColumn> table_columns(const Database& db, std::string_view table) {
  Statement st(db, column_names_sql(db.connection().dialect()));
  st.bind(1, table);
  std::vector<TableColumn> out;
  while (st.step()) {
    out.push_back({st.column(0).as_string(), st.column(1).as_int() != 0});
  }
  return out;
}

} // namespace peercert::store::detail

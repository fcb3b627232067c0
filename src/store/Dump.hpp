#pragma once

// Every row of a database in an order that does not depend on how it was written or on which
// database holds it: what `peercert db dump` prints, and what the tests compare to show that
// refused input wrote nothing.

#include "store/Database.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace peercert::store {

/// One table as the dump gives it: its name and its columns, by name.
struct DumpTable {
  std::string name;
  std::vector<std::string> columns;
};

/// A value as text (integers in decimal, blobs as "\x" and hex digits); empty for NULL.
using DumpValue = std::optional<std::string>;

/// Hands on every table but the database engine's own, by name, each followed by its rows in
/// the order of its columns' values (numbers by value, text byte by byte), read from one
/// snapshot.
void dump(const Database& db, const std::function<void(const DumpTable&)>& table,
          const std::function<void(const std::vector<DumpValue>&)>& row);

} // namespace peercert::store

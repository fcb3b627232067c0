#pragma once

// A whole database copied into another, empty one: SQLite to PostgreSQL and back.

#include "store/Database.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace peercert::store {

/// One table copied and how many rows it holds.
struct CopiedTable {
  std::string name;
  std::int64_t rows = 0;
};

/// The tables a copy carries, parents before the tables that refer to them. Left out: what a
/// running server or notify keeps for a while (reminder_claims), and credential_layout, which
/// the target's triggers make again from the rows copied.
std::span<const std::string_view> copied_tables();

/// The tables a copy leaves behind: what a running server keeps between requests (sessions,
/// pending logins, throttle and rate counts), notify's claims, and the layout the target
/// makes itself.
std::span<const std::string_view> left_behind_tables();

/// Copies every table of copied_tables() from `from`, read from one snapshot, into `to` in one
/// transaction, ids kept (and PostgreSQL's sequences moved past them). `to` must be at the
/// same schema and hold no rows, else StoreError (bad input) says which table holds some and
/// nothing is written. Returns the rows of each table, in copy order.
std::vector<CopiedTable> copy_database(const Database& from, const Database& to);

} // namespace peercert::store

#include "store/Copy.hpp"

#include "store/detail/Catalog.hpp"
#include "store/detail/Statement.hpp"

#include <algorithm>
#include <array>
#include <memory>
#include <optional>

namespace peercert::store {

namespace {

constexpr std::array<std::string_view, 31> tables{
    "applicants",
    "cohorts",
    "cohort_members",
    "attendance",
    "exams",
    "applications",
    "application_denials",
    "credentials",
    "credential_sequences",
    "credential_cycles",
    "credential_status_changes",
    "credentials_without_cycles",
    "credential_specialties",
    "renewals",
    "ce_entries",
    "ce_cycle_totals",
    "ce_periods_to_decide",
    "ce_audit_draws",
    "ce_audits",
    "ce_audit_steps",
    "reminders_sent",
    "audit_values",
    "audit_log",
    "audit_subjects",
    "boards",
    "board_programs",
    "users",
    "user_boards",
    "second_factors",
    "recovery_codes",
    "board_settings",
};

constexpr std::array<std::string_view, 5> left_behind{
    "credential_layout", "reminder_claims", "web_counters", "web_pending_logins", "web_sessions"};

/// Rows sent in one INSERT: fewer round trips to a server, within SQLite's 32,766 parameters.
constexpr std::size_t rows_a_statement = 200;

/// The columns of `table`, quoted, by name.
std::vector<std::string> columns_of(const Database& db, std::string_view table) {
  std::vector<std::string> out;
  for (const auto& c : detail::table_columns(db, table)) {
    out.push_back("\"" + c.name + "\"");
  }
  return out;
}

std::string insert_sql(std::string_view table, const std::vector<std::string>& columns,
                       std::size_t rows) {
  std::string sql = "INSERT INTO " + std::string(table) + " (";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    sql += (i == 0 ? "" : ", ") + columns[i];
  }
  sql += ") VALUES ";
  int n = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    sql += r == 0 ? "(" : ", (";
    for (std::size_t i = 0; i < columns.size(); ++i) {
      sql += (i == 0 ? "?" : ", ?") + std::to_string(++n);
    }
    sql += ")";
  }
  return sql;
}

/// Copies one table; its rows.
std::int64_t copy_table(const Database& from, const Database& to, std::string_view table) {
  const auto columns = columns_of(from, table);
  if (columns.empty()) {
    return 0;
  }
  std::string list;
  for (const auto& c : columns) {
    list += (list.empty() ? "" : ", ") + c;
  }
  detail::Statement rows(from, "SELECT " + list + " FROM " + std::string(table));
  const std::size_t width = columns.size();
  std::vector<std::optional<std::string>> pending;
  pending.reserve(width * rows_a_statement);
  std::unique_ptr<detail::Statement> full; // rows_a_statement rows at once
  std::int64_t copied = 0;
  const auto flush = [&] {
    const std::size_t n = pending.size() / width;
    if (n == 0) {
      return;
    }
    std::unique_ptr<detail::Statement> last;
    detail::Statement* st = nullptr;
    if (n == rows_a_statement) {
      if (!full) {
        full = std::make_unique<detail::Statement>(to, insert_sql(table, columns, n));
      }
      st = full.get();
    } else {
      last = std::make_unique<detail::Statement>(to, insert_sql(table, columns, n));
      st = last.get();
    }
    for (std::size_t i = 0; i < pending.size(); ++i) {
      if (pending[i]) {
        st->bind(static_cast<int>(i + 1), *pending[i]);
      } else {
        st->bind(static_cast<int>(i + 1));
      }
    }
    st->exec();
    copied += static_cast<std::int64_t>(n);
    pending.clear();
  };
  while (rows.step()) {
    for (std::size_t i = 0; i < width; ++i) {
      const auto column = rows.column(static_cast<int>(i));
      pending.push_back(column.is_null() ? std::nullopt
                                         : std::optional<std::string>(column.as_string()));
    }
    if (pending.size() == width * rows_a_statement) {
      flush();
    }
  }
  flush();
  const bool has_id = std::find(columns.begin(), columns.end(), "\"id\"") != columns.end();
  const std::string sequence = detail::move_sequence_sql(to.connection().dialect(), table);
  if (has_id && !sequence.empty()) {
    detail::Statement st(to, sequence);
    st.exec();
  }
  return copied;
}

} // namespace

std::span<const std::string_view> copied_tables() { return tables; }

std::span<const std::string_view> left_behind_tables() { return left_behind; }

std::vector<CopiedTable> copy_database(const Database& from, const Database& to) {
  if (from.schema_version() != to.schema_version()) {
    throw StoreError("The database " + to.location().shown() + " is at schema " +
                     std::to_string(to.schema_version()) + " and " + from.location().shown() +
                     " at " + std::to_string(from.schema_version()) +
                     ": bring both to the same schema first (peercert db migrate).");
  }
  const ReadTransaction snapshot(from);
  Transaction tx(to);
  for (const auto table : tables) {
    if (const auto held = detail::scalar_int(to, "SELECT count(*) FROM " + std::string(table));
        held > 0) {
      throw StoreError("The database " + to.location().shown() + " is not empty (" +
                       std::string(table) + " holds " + std::to_string(held) +
                       (held == 1 ? " row" : " rows") +
                       "): peercert db copy writes only into an empty database.");
    }
  }
  std::vector<CopiedTable> out;
  for (const auto table : tables) {
    out.push_back({std::string(table), copy_table(from, to, table)});
  }
  tx.commit();
  return out;
}

} // namespace peercert::store

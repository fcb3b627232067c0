#include "store/CeTotals.hpp"

#include "store/detail/Sql.hpp"
#include "store/detail/TotalRow.hpp"

#include <SQLiteCpp/Database.h>

namespace peercert::store {

namespace {

// The slot of an entry of credential ?1 completed on day D: 2k inside period k, the last one
// started on or before D; 2k + 1 after it ended.
constexpr const char* add_sql =
    "INSERT INTO ce_cycle_totals (credential_id, slot, category, delivery, hours, entries, "
    "first_on, last_on) SELECT ?1, slot, ?3, ?4, ?5, 1, ?2, ?2 FROM (SELECT 2 * number + (?2 > "
    "expires_on) AS slot FROM credential_cycles WHERE credential_id = ?1 AND starts_on <= ?2 "
    "ORDER BY number DESC LIMIT 1) WHERE true ON CONFLICT (credential_id, slot, category, "
    "delivery) DO UPDATE SET hours = hours + excluded.hours, entries = entries + 1, first_on = "
    "min(first_on, excluded.first_on), last_on = max(last_on, excluded.last_on)";

/// The totals of the entries that `where` picks (a condition on e, the entry), as rows of
/// ce_cycle_totals: the statement migration 0011 fills the table with.
std::string totals_of(const std::string& where) {
  return "SELECT credential_id, slot, category, delivery, sum(hours), count(*), "
         "min(completed_on), max(completed_on) FROM (SELECT e.credential_id, e.category, "
         "e.delivery, e.hours, e.completed_on, (SELECT 2 * p.number + (e.completed_on > "
         "p.expires_on) FROM credential_cycles p WHERE p.credential_id = e.credential_id AND "
         "p.starts_on <= e.completed_on ORDER BY p.number DESC LIMIT 1) AS slot FROM ce_entries "
         "e WHERE e.voided_at IS NULL" +
         where + ") WHERE slot IS NOT NULL GROUP BY credential_id, slot, category, delivery";
}

} // namespace

CeTotals::CeTotals(const Database& db) : db_(db) {}
CeTotals::~CeTotals() = default;

void CeTotals::add(tracker::CredentialId credential, const std::string& completed_on,
                   rules::CeCategory category, rules::CeDelivery delivery, core::Hours hours) {
  if (!add_) {
    add_ = std::make_unique<SQLite::Statement>(db_.sqlite(), add_sql);
  }
  auto& st = *add_;
  st.reset();
  st.bind(1, credential.value);
  st.bind(2, completed_on);
  st.bind(3, std::string(rules::to_string(category)));
  st.bind(4, std::string(rules::to_string(delivery)));
  st.bind(5, hours.hundredths());
  st.exec();
}

void CeTotals::recount(tracker::CredentialId credential) {
  if (!recount_[0]) {
    recount_[0] = std::make_unique<SQLite::Statement>(
        db_.sqlite(), "DELETE FROM ce_cycle_totals WHERE credential_id = ?1");
    recount_[1] = std::make_unique<SQLite::Statement>(
        db_.sqlite(), "INSERT INTO ce_cycle_totals " + totals_of(" AND e.credential_id = ?1"));
  }
  for (auto& st : recount_) {
    st->reset();
    st->bind(1, credential.value);
    st->exec();
  }
}

TotalsRebuild CeTotals::rebuild() {
  auto& sql = db_.sqlite();
  sql.exec("CREATE TEMP TABLE recounted AS " + totals_of(""));
  TotalsRebuild out;
  out.stale = sql.execAndGet("SELECT (SELECT count(*) FROM (SELECT * FROM ce_cycle_totals EXCEPT "
                             "SELECT * FROM temp.recounted)) + (SELECT count(*) FROM (SELECT * "
                             "FROM temp.recounted EXCEPT SELECT * FROM ce_cycle_totals))")
                  .getInt64();
  sql.exec("DELETE FROM ce_cycle_totals");
  sql.exec("INSERT INTO ce_cycle_totals SELECT * FROM temp.recounted ORDER BY 1, 2, 3, 4");
  sql.exec("DROP TABLE temp.recounted");
  out.rows = sql.execAndGet("SELECT count(*) FROM ce_cycle_totals").getInt64();
  out.credentials =
      sql.execAndGet("SELECT count(DISTINCT credential_id) FROM ce_cycle_totals").getInt64();
  return out;
}

std::vector<renewal::CeEntry> CeTotals::for_credential(tracker::CredentialId credential) const {
  if (!read_) {
    read_ = std::make_unique<SQLite::Statement>(
        db_.sqlite(), "SELECT " + detail::total_columns("t") +
                          " FROM ce_cycle_totals t WHERE credential_id = ?1 ORDER BY slot, "
                          "category, delivery");
  }
  auto& st = *read_;
  st.reset();
  st.bind(1, credential.value);
  std::vector<renewal::CeEntry> out;
  while (st.executeStep()) {
    out.push_back(detail::read_total(st, 0));
  }
  return out;
}

namespace detail {

std::string total_columns(std::string_view alias) {
  std::string out;
  for (const char* column : {"category", "delivery", "hours", "first_on", "last_on"}) {
    out += (out.empty() ? "" : ", ") + std::string(alias) + "." + column;
  }
  return out;
}

renewal::CeEntry read_total(SQLite::Statement& st, int first) {
  renewal::CeEntry e;
  e.category =
      rules::ce_category_from_name(view(st.getColumn(first))).value_or(rules::CeCategory::general);
  e.delivery = rules::ce_delivery_from_name(view(st.getColumn(first + 1)))
                   .value_or(rules::CeDelivery::self_study);
  e.hours = hours(st.getColumn(first + 2));
  e.earliest = date(st.getColumn(first + 3));
  e.completed_on = date(st.getColumn(first + 4));
  return e;
}

} // namespace detail

} // namespace peercert::store

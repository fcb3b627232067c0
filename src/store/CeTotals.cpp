#include "store/CeTotals.hpp"

#include "store/detail/Sql.hpp"
#include "store/detail/TotalRow.hpp"

namespace peercert::store {

namespace {

// ?6 entries of ?5 hundredths in all, from ?7 to ?8, counted in period ?2
// (ce_cycle_totals.slot is the period's number).
constexpr const char* add_sql =
    "INSERT INTO ce_cycle_totals AS t (credential_id, slot, category, delivery, hours, entries, "
    "first_on, last_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (credential_id, "
    "slot, category, delivery) DO UPDATE SET hours = t.hours + excluded.hours, entries = t.entries "
    "+ excluded.entries, first_on = CASE WHEN excluded.first_on < t.first_on THEN "
    "excluded.first_on ELSE t.first_on END, last_on = CASE WHEN excluded.last_on > t.last_on "
    "THEN excluded.last_on ELSE t.last_on END";

/// The totals of the entries that `where` picks (a condition on the entries), as rows of
/// ce_cycle_totals, keyed on the period each entry records.
std::string totals_of(const std::string& where) {
  return "SELECT credential_id, counts_in, category, delivery, sum(hours), count(*), "
         "min(completed_on), max(completed_on) FROM ce_entries WHERE voided_at IS NULL AND "
         "counts_in IS NOT NULL" +
         where + " GROUP BY credential_id, counts_in, category, delivery";
}

} // namespace

CeTotals::CeTotals(const Database& db) : db_(db) {}
CeTotals::~CeTotals() = default;

void CeTotals::add(const tracker::CeRecord& e) {
  if (!e.counts_in || e.voided()) {
    return;
  }
  add(e.credential, *e.counts_in, e.category, e.delivery, e.hours, 1, e.completed_on,
      e.completed_on);
}

void CeTotals::add(tracker::CredentialId credential, int period, rules::CeCategory category,
                   rules::CeDelivery delivery, core::Hours hours, std::int64_t entries,
                   core::Date first, core::Date last) {
  if (!add_) {
    add_ = std::make_unique<detail::Statement>(db_, add_sql);
  }
  auto& st = *add_;
  st.reset();
  st.bind(1, credential.value);
  st.bind(2, period);
  st.bind(3, std::string(rules::to_string(category)));
  st.bind(4, std::string(rules::to_string(delivery)));
  st.bind(5, hours.hundredths());
  st.bind(6, entries);
  st.bind(7, core::format_iso(first));
  st.bind(8, core::format_iso(last));
  st.exec();
}

void CeTotals::recount(tracker::CredentialId credential) {
  if (!recount_[0]) {
    recount_[0] = std::make_unique<detail::Statement>(
        db_, "DELETE FROM ce_cycle_totals WHERE credential_id = ?1");
    recount_[1] = std::make_unique<detail::Statement>(
        db_, "INSERT INTO ce_cycle_totals " + totals_of(" AND credential_id = ?1"));
  }
  for (auto& st : recount_) {
    st->reset();
    st->bind(1, credential.value);
    st->exec();
  }
}

TotalsRebuild CeTotals::rebuild() {
  detail::exec(db_, "CREATE TEMP TABLE recounted AS " + totals_of(""));
  // Only the rows that differ are written: each write also makes its credential's layout row
  // again (schema 20), so rewriting every row would remake every credential's.
  TotalsRebuild out;
  out.stale =
      detail::exec(db_, "DELETE FROM ce_cycle_totals WHERE (credential_id, slot, category, "
                        "delivery) IN (SELECT credential_id, slot, category, delivery FROM (SELECT "
                        "* FROM ce_cycle_totals EXCEPT SELECT * FROM recounted) AS stale)");
  out.stale +=
      detail::exec(db_, "INSERT INTO ce_cycle_totals SELECT * FROM recounted EXCEPT SELECT * "
                        "FROM ce_cycle_totals ORDER BY 1, 2, 3, 4");
  detail::exec(db_, "DROP TABLE recounted");
  out.rows = detail::scalar_int(db_, "SELECT count(*) FROM ce_cycle_totals");
  out.credentials =
      detail::scalar_int(db_, "SELECT count(DISTINCT credential_id) FROM ce_cycle_totals");
  return out;
}

std::vector<renewal::CeEntry> CeTotals::for_credential(tracker::CredentialId credential,
                                                       core::Date up_to) const {
  if (!read_) {
    // The totals done by `up_to`, whole; those that run past it, summed from the entries of
    // their own period and kind up to that day.
    read_ = std::make_unique<detail::Statement>(
        db_,
        "SELECT " + detail::total_columns("t") +
            ", t.slot FROM ce_cycle_totals t WHERE t.credential_id = ?1 AND t.last_on <= ?2 "
            "UNION ALL SELECT e.category, e.delivery, sum(e.hours), min(e.completed_on), "
            "max(e.completed_on), e.counts_in FROM ce_cycle_totals t JOIN ce_entries e ON "
            "e.credential_id = t.credential_id AND e.counts_in = t.slot AND e.category = "
            "t.category AND e.delivery = t.delivery WHERE t.credential_id = ?1 AND t.last_on > "
            "?2 AND e.voided_at IS NULL AND e.completed_on <= ?2 GROUP BY e.counts_in, "
            "e.category, e.delivery ORDER BY 6, 1, 2");
  }
  auto& st = *read_;
  st.reset();
  st.bind(1, credential.value);
  st.bind(2, core::format_iso(up_to));
  std::vector<renewal::CeEntry> out;
  while (st.step()) {
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

renewal::CeEntry read_total(detail::Statement& st, int first) {
  return total_of(view(st.column(first)), view(st.column(first + 1)),
                  st.column(first + 2).as_int64(), date(st.column(first + 3)),
                  date(st.column(first + 4)));
}

renewal::CeEntry total_of(std::string_view category, std::string_view delivery,
                          std::int64_t hundredths, core::Date first, core::Date last) {
  renewal::CeEntry e;
  e.category = rules::ce_category_from_name(category).value_or(rules::CeCategory::general);
  e.delivery = rules::ce_delivery_from_name(delivery).value_or(rules::CeDelivery::self_study);
  e.hours = core::Hours::from_hundredths(hundredths);
  e.earliest = first;
  e.completed_on = last;
  return e;
}

} // namespace detail

} // namespace peercert::store

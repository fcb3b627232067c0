#include "store/CeRepository.hpp"

#include "store/detail/Sql.hpp"

#include <algorithm>

namespace peercert::store {

namespace {

// The same entry (credential, day, provider, title, hours) is stored once: found through the
// index on (credential_id, same_key), then compared in full.
constexpr const char* exists_sql =
    "SELECT 1 FROM ce_entries WHERE credential_id = ?1 AND same_key = ?2 AND completed_on = ?3 "
    "AND provider = ?4 AND title = ?5 AND hours = ?6";
constexpr const char* insert_sql =
    "INSERT INTO ce_entries (credential_id, completed_on, hours, category, delivery, provider, "
    "title, created_at, same_key, counts_in) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

std::int64_t same_key(const tracker::CeRecord& e, const std::string& completed_on) {
  return detail::ce_same_key(completed_on, e.provider, e.title, e.hours.hundredths());
}

/// Inserts `e` unless the same entry is on file; two statements, so that the insert is one row
/// that SQLite writes without a statement journal.
bool insert_with(detail::Statement& exists, detail::Statement& insert, CeTotals* totals,
                 const tracker::CeRecord& e) {
  const auto completed_on = core::format_iso(e.completed_on);
  const auto key = same_key(e, completed_on);
  exists.reset();
  exists.bind(1, e.credential.value);
  exists.bind(2, key);
  exists.bind(3, completed_on);
  exists.bind(4, e.provider);
  exists.bind(5, e.title);
  exists.bind(6, e.hours.hundredths());
  if (exists.step()) {
    return false;
  }
  insert.reset();
  insert.bind(1, e.credential.value);
  insert.bind(2, completed_on);
  insert.bind(3, e.hours.hundredths());
  insert.bind(4, std::string(rules::to_string(e.category)));
  insert.bind(5, std::string(rules::to_string(e.delivery)));
  insert.bind(6, e.provider);
  insert.bind(7, e.title);
  insert.bind(8, e.created_at);
  insert.bind(9, key);
  detail::bind_int(insert, 10, e.counts_in);
  insert.exec();
  if (totals != nullptr) {
    totals->add(e);
  }
  return true;
}

} // namespace

CeRepository::CeRepository(const Database& db) : db_(db), totals_(db) {}
CeRepository::~CeRepository() = default;

bool CeRepository::insert(const tracker::CeRecord& e) {
  detail::Statement exists(db_, exists_sql);
  detail::Statement insert(db_, insert_sql);
  return insert_with(exists, insert, &totals_, e);
}

namespace {

/// Rows a statement of an import: ten values each, well under SQLite's limit of variables.
constexpr std::size_t rows_a_statement = 100;

std::string insert_many_sql(std::size_t rows) {
  std::string sql = "INSERT INTO ce_entries (credential_id, completed_on, hours, category, "
                    "delivery, provider, title, created_at, same_key, counts_in) VALUES ";
  for (std::size_t i = 0; i < rows; ++i) {
    sql += i == 0 ? "(?" : ", (?";
    for (int column = 1; column <= 10; ++column) {
      sql +=
          std::to_string(i * 10 + static_cast<std::size_t>(column)) + (column < 10 ? ", ?" : ")");
    }
  }
  return sql;
}

/// A credential and one of its entries' same_key as one number, for a set in memory.
std::uint64_t mixed(std::int64_t credential, std::int64_t key) {
  return static_cast<std::uint64_t>(key) ^
         (static_cast<std::uint64_t>(credential) * 0x9E3779B97F4A7C15ULL);
}

} // namespace

CeRepository::Inserter::Inserter(const Database& db)
    : db_(db), exists_(std::make_unique<detail::Statement>(db, exists_sql)),
      keys_(std::make_unique<detail::Statement>(
          db, "SELECT same_key FROM ce_entries WHERE credential_id = ?1")),
      totals_(db) {}
CeRepository::Inserter::~Inserter() = default;

bool CeRepository::Inserter::insert(tracker::CeRecord e) {
  const auto credential = e.credential.value;
  if (credentials_read_.insert(credential).second) {
    keys_->reset();
    keys_->bind(1, credential);
    while (keys_->step()) {
      keys_seen_.insert(mixed(credential, keys_->column(0).as_int64()));
    }
  }
  auto completed_on = core::format_iso(e.completed_on);
  const auto key = same_key(e, completed_on);
  if (!keys_seen_.insert(mixed(credential, key)).second) {
    // The key is on file or earlier in this import: the same entry, or only the same key.
    flush();
    exists_->reset();
    exists_->bind(1, credential);
    exists_->bind(2, key);
    exists_->bind(3, completed_on);
    exists_->bind(4, e.provider);
    exists_->bind(5, e.title);
    exists_->bind(6, e.hours.hundredths());
    if (exists_->step()) {
      return false;
    }
  }
  if (e.counts_in && !e.voided()) {
    auto [at, added] =
        sums_.try_emplace(std::tuple{credential, *e.counts_in, static_cast<int>(e.category),
                                     static_cast<int>(e.delivery)},
                          Sum{0, 0, e.completed_on, e.completed_on});
    at->second.hundredths += e.hours.hundredths();
    ++at->second.entries;
    at->second.first = std::min(at->second.first, e.completed_on);
    at->second.last = std::max(at->second.last, e.completed_on);
  }
  pending_.push_back({std::move(e), std::move(completed_on), key});
  if (pending_.size() == rows_a_statement) {
    flush();
  }
  return true;
}

void CeRepository::Inserter::flush() {
  if (pending_.empty()) {
    return;
  }
  detail::Statement* st = nullptr;
  std::unique_ptr<detail::Statement> last; // the import's last, shorter statement
  if (pending_.size() == rows_a_statement) {
    if (!insert_many_) {
      insert_many_ = std::make_unique<detail::Statement>(db_, insert_many_sql(rows_a_statement));
    }
    st = insert_many_.get();
    st->reset();
  } else {
    last = std::make_unique<detail::Statement>(db_, insert_many_sql(pending_.size()));
    st = last.get();
  }
  int at = 1;
  for (const auto& p : pending_) {
    const auto& e = p.entry;
    st->bind(at, e.credential.value);
    st->bind(at + 1, p.completed_on);
    st->bind(at + 2, e.hours.hundredths());
    st->bind(at + 3, std::string(rules::to_string(e.category)));
    st->bind(at + 4, std::string(rules::to_string(e.delivery)));
    st->bind(at + 5, e.provider);
    st->bind(at + 6, e.title);
    st->bind(at + 7, e.created_at);
    st->bind(at + 8, p.key);
    detail::bind_int(*st, at + 9, e.counts_in);
    at += 10;
  }
  st->exec();
  pending_.clear();
}

void CeRepository::Inserter::finish() {
  flush();
  for (const auto& [kind, sum] : sums_) {
    const auto& [credential, period, category, delivery] = kind;
    totals_.add(tracker::CredentialId{credential}, period, static_cast<rules::CeCategory>(category),
                static_cast<rules::CeDelivery>(delivery),
                core::Hours::from_hundredths(sum.hundredths), sum.entries, sum.first, sum.last);
  }
  sums_.clear();
}

namespace {

constexpr const char* select_entries =
    "SELECT id, credential_id, completed_on, hours, category, delivery, provider, title, "
    "created_at, voided_at, void_reason, counts_in FROM ce_entries";

tracker::CeRecord read_entry(detail::Statement& st) {
  tracker::CeRecord e;
  e.id = st.column(0).as_int64();
  e.credential = tracker::CredentialId{st.column(1).as_int64()};
  e.completed_on = detail::date(st.column(2));
  e.hours = detail::hours(st.column(3));
  e.category =
      rules::ce_category_from_name(st.column(4).as_string()).value_or(rules::CeCategory::general);
  e.delivery = rules::ce_delivery_from_name(st.column(5).as_string())
                   .value_or(rules::CeDelivery::self_study);
  e.provider = st.column(6).as_string();
  e.title = st.column(7).as_string();
  e.created_at = detail::text(st.column(8));
  e.voided_at = detail::text(st.column(9));
  e.void_reason = detail::text(st.column(10));
  e.counts_in = detail::optional_int(st.column(11));
  return e;
}

} // namespace

std::vector<tracker::CeRecord> CeRepository::for_credential(tracker::CredentialId id,
                                                            bool with_voided) const {
  auto& cached = by_credential_.at(with_voided ? 1 : 0);
  if (!cached) {
    cached = std::make_unique<detail::Statement>(
        db_, std::string(select_entries) + " WHERE credential_id = ?1" +
                 (with_voided ? "" : " AND voided_at IS NULL") + " ORDER BY completed_on, id");
  }
  auto& st = *cached;
  st.reset();
  st.bind(1, id.value);
  std::vector<tracker::CeRecord> out;
  while (st.step()) {
    out.push_back(read_entry(st));
  }
  return out;
}

std::optional<tracker::CeRecord> CeRepository::find(std::int64_t id) const {
  detail::Statement st(db_, std::string(select_entries) + " WHERE id = ?1");
  st.bind(1, id);
  if (!st.step()) {
    return std::nullopt;
  }
  return read_entry(st);
}

void CeRepository::void_entry(std::int64_t id, const std::string& at, const std::string& reason) {
  detail::Statement st(db_, "UPDATE ce_entries SET voided_at = ?2, void_reason = ?3 WHERE id = ?1");
  st.bind(1, id);
  st.bind(2, at);
  st.bind(3, reason);
  st.exec();
  recount_entry_credential(id);
}

void CeRepository::recount_entry_credential(std::int64_t entry) {
  detail::Statement st(db_, "SELECT credential_id FROM ce_entries WHERE id = ?1");
  st.bind(1, entry);
  if (st.step()) {
    totals_.recount(tracker::CredentialId{st.column(0).as_int64()});
  }
}

bool CeRepository::update(const tracker::CeRecord& e) {
  detail::Statement st(
      db_,
      "UPDATE ce_entries SET completed_on = ?2, hours = ?3, category = ?4, delivery = ?5, "
      "title = ?6, same_key = ?7, counts_in = ?8 WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM "
      "ce_entries o WHERE o.credential_id = ce_entries.credential_id AND o.same_key = ?7 AND o.id "
      "<> ?1 AND "
      "o.completed_on = ?2 AND o.provider = ce_entries.provider AND o.title = ?6 AND "
      "o.hours = ?3)");
  const auto completed_on = core::format_iso(e.completed_on);
  st.bind(1, e.id);
  st.bind(2, completed_on);
  st.bind(3, e.hours.hundredths());
  st.bind(4, std::string(rules::to_string(e.category)));
  st.bind(5, std::string(rules::to_string(e.delivery)));
  st.bind(6, e.title);
  st.bind(7, same_key(e, completed_on));
  detail::bind_int(st, 8, e.counts_in);
  if (st.exec() != 1) {
    return false;
  }
  recount_entry_credential(e.id);
  return true;
}

void CeRepository::decide_periods(tracker::CredentialId credential,
                                  const std::function<std::optional<int>(core::Date)>& counts_in) {
  detail::Statement read(db_,
                         "SELECT id, completed_on, counts_in FROM ce_entries WHERE credential_id "
                         "= ?1");
  detail::Statement write(db_, "UPDATE ce_entries SET counts_in = ?2 WHERE id = ?1");
  read.bind(1, credential.value);
  std::vector<std::pair<std::int64_t, std::optional<int>>> moved;
  while (read.step()) {
    const auto decided = counts_in(detail::date(read.column(1)));
    if (decided != detail::optional_int(read.column(2))) {
      moved.emplace_back(read.column(0).as_int64(), decided);
    }
  }
  for (const auto& [id, period] : moved) {
    write.reset();
    write.bind(1, id);
    detail::bind_int(write, 2, period);
    write.exec();
  }
  totals_.recount(credential);
  detail::Statement done(db_, "DELETE FROM ce_periods_to_decide WHERE credential_id = ?1");
  done.bind(1, credential.value);
  done.exec();
}

std::vector<tracker::CredentialId> CeRepository::periods_to_decide() const {
  detail::Statement st(db_,
                       "SELECT credential_id FROM ce_periods_to_decide ORDER BY credential_id");
  std::vector<tracker::CredentialId> out;
  while (st.step()) {
    out.push_back(tracker::CredentialId{st.column(0).as_int64()});
  }
  return out;
}

std::int64_t CeRepository::count() const {
  return detail::scalar_int(db_, "SELECT count(*) FROM ce_entries");
}

std::int64_t RenewalRepository::insert(const tracker::RenewalRecord& r) {
  detail::Statement st(db_,
                       "INSERT INTO renewals (credential_id, cycle, filed_on, fee_due, fee_paid, "
                       "late, background_check_on, registry_check_on, created_at) VALUES (?1, "
                       "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id");
  st.bind(1, r.credential.value);
  st.bind(2, r.cycle);
  st.bind(3, core::format_iso(r.filed_on));
  if (r.fee_due) {
    st.bind(4, r.fee_due->cents());
  } else {
    st.bind(4);
  }
  st.bind(5, r.fee_paid.cents());
  st.bind(6, r.late ? 1 : 0);
  detail::bind_date(st, 7, r.background_check_on);
  detail::bind_date(st, 8, r.registry_check_on);
  st.bind(9, r.created_at);
  return st.insert_id();
}

std::vector<tracker::RenewalRecord>
RenewalRepository::for_credential(tracker::CredentialId id) const {
  detail::Statement st(db_,
                       "SELECT id, credential_id, cycle, filed_on, fee_due, fee_paid, late, "
                       "background_check_on, registry_check_on, created_at FROM renewals WHERE "
                       "credential_id = ?1 ORDER BY cycle");
  st.bind(1, id.value);
  std::vector<tracker::RenewalRecord> out;
  while (st.step()) {
    tracker::RenewalRecord r;
    r.id = st.column(0).as_int64();
    r.credential = tracker::CredentialId{st.column(1).as_int64()};
    r.cycle = st.column(2).as_int();
    r.filed_on = detail::date(st.column(3));
    if (!st.column(4).is_null()) {
      r.fee_due = detail::money(st.column(4));
    }
    r.fee_paid = detail::money(st.column(5));
    r.late = st.column(6).as_int() != 0;
    r.background_check_on = detail::optional_date(st.column(7));
    r.registry_check_on = detail::optional_date(st.column(8));
    r.created_at = detail::text(st.column(9));
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<std::pair<tracker::CredentialId, int>> RenewalRepository::counts() const {
  detail::Statement st(db_, "SELECT credential_id, count(*) FROM renewals GROUP BY credential_id");
  std::vector<std::pair<tracker::CredentialId, int>> out;
  while (st.step()) {
    out.emplace_back(tracker::CredentialId{st.column(0).as_int64()}, st.column(1).as_int());
  }
  return out;
}

} // namespace peercert::store

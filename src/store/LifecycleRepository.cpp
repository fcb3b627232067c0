#include "store/LifecycleRepository.hpp"

#include "store/detail/PeriodRow.hpp"
#include "store/detail/Sql.hpp"

#include <algorithm>

namespace peercert::store {

namespace {

/// The credential_cycles columns read_period reads, each prefixed with `alias.`
std::string period_columns(std::string_view alias) {
  std::string out;
  for (const char* column :
       {"number", "cycle_index", "starts_on", "expires_on", "counts_from", "began"}) {
    out += (out.empty() ? "" : ", ") + std::string(alias) + "." + column;
  }
  return out;
}

renewal::Period read_period(detail::Statement& st, int first) {
  auto p =
      detail::period_of(st.column(first).as_int(), detail::optional_int(st.column(first + 1)),
                        detail::date(st.column(first + 2)), detail::date(st.column(first + 3)),
                        detail::date(st.column(first + 4)), detail::view(st.column(first + 5)));
  if (!p) {
    throw StoreError("The database holds an unknown kind of certificate period.");
  }
  return *p;
}

constexpr const char* change_columns =
    "id, credential_id, status, changed_on, reason, reinstatement, fee_paid, created_at";

tracker::StatusChange read_change(detail::Statement& st) {
  tracker::StatusChange c;
  c.id = st.column(0).as_int64();
  c.credential = tracker::CredentialId{st.column(1).as_int64()};
  c.status = st.column(2).as_string();
  c.on = detail::date(st.column(3));
  c.reinstatement = st.column(5).as_int() != 0;
  c.reason = detail::text(st.column(4));
  if (!st.column(6).is_null()) {
    c.fee_paid = detail::money(st.column(6));
  }
  c.created_at = detail::text(st.column(7));
  return c;
}

} // namespace

void LifecycleRepository::insert_period(tracker::CredentialId credential, const renewal::Period& p,
                                        const std::string& created_at) {
  detail::Statement st(db_,
                       "INSERT INTO credential_cycles (credential_id, number, cycle_index, "
                       "starts_on, expires_on, counts_from, began, created_at) VALUES (?1, ?2, "
                       "?3, ?4, ?5, ?6, ?7, ?8)");
  st.bind(1, credential.value);
  st.bind(2, p.number);
  if (p.index) {
    st.bind(3, *p.index);
  } else {
    st.bind(3);
  }
  st.bind(4, core::format_iso(p.cycle.start));
  st.bind(5, core::format_iso(p.cycle.expires_on));
  st.bind(6, core::format_iso(p.cycle.counts_from));
  st.bind(7, std::string(renewal::to_string(p.began)));
  st.bind(8, created_at);
  st.exec();
}

LifecycleRepository::LifecycleRepository(const Database& db) : db_(db) {}
LifecycleRepository::~LifecycleRepository() = default;

std::vector<renewal::Period> LifecycleRepository::periods(tracker::CredentialId credential) const {
  if (!periods_) {
    periods_ = std::make_unique<detail::Statement>(
        db_, "SELECT " + period_columns("p") +
                 " FROM credential_cycles p WHERE credential_id = ?1 ORDER BY number");
  }
  auto& st = *periods_;
  st.reset();
  st.bind(1, credential.value);
  std::vector<renewal::Period> out;
  while (st.step()) {
    out.push_back(read_period(st, 0));
  }
  return out;
}

std::vector<std::pair<tracker::CredentialId, renewal::Period>>
LifecycleRepository::current_periods() const {
  detail::Statement st(db_,
                       "SELECT c.credential_id, " + period_columns("c") +
                           " FROM credential_cycles c WHERE c.number = (SELECT max(number) FROM "
                           "credential_cycles m WHERE "
                           "m.credential_id = c.credential_id) ORDER BY c.credential_id");
  std::vector<std::pair<tracker::CredentialId, renewal::Period>> out;
  while (st.step()) {
    out.emplace_back(tracker::CredentialId{st.column(0).as_int64()}, read_period(st, 1));
  }
  return out;
}

std::int64_t LifecycleRepository::insert_change(const tracker::StatusChange& change) {
  detail::Statement st(db_,
                       "INSERT INTO credential_status_changes (credential_id, status, changed_on, "
                       "reason, reinstatement, fee_paid, created_at) VALUES (?1, ?2, ?3, ?4, ?5, "
                       "?6, ?7) RETURNING id");
  st.bind(1, change.credential.value);
  st.bind(2, change.status);
  st.bind(3, core::format_iso(change.on));
  st.bind(4, change.reason);
  st.bind(5, change.reinstatement ? 1 : 0);
  if (change.fee_paid) {
    st.bind(6, change.fee_paid->cents());
  } else {
    st.bind(6);
  }
  st.bind(7, change.created_at);
  return st.insert_id();
}

std::vector<tracker::StatusChange>
LifecycleRepository::changes(tracker::CredentialId credential) const {
  if (!changes_) {
    changes_ = std::make_unique<detail::Statement>(
        db_, std::string("SELECT ") + change_columns +
                 " FROM credential_status_changes WHERE credential_id = ?1 ORDER BY id");
  }
  auto& st = *changes_;
  st.reset();
  st.bind(1, credential.value);
  std::vector<tracker::StatusChange> out;
  while (st.step()) {
    out.push_back(read_change(st));
  }
  return out;
}

std::vector<tracker::StatusChange> LifecycleRepository::all_changes() const {
  detail::Statement st(db_, std::string("SELECT ") + change_columns +
                                " FROM credential_status_changes ORDER BY "
                                "credential_id, id");
  std::vector<tracker::StatusChange> out;
  while (st.step()) {
    out.push_back(read_change(st));
  }
  return out;
}

std::vector<tracker::CredentialId> LifecycleRepository::without_periods() const {
  detail::Statement st(db_, "SELECT credential_id FROM credentials_without_cycles ORDER BY 1");
  std::vector<tracker::CredentialId> out;
  while (st.step()) {
    out.push_back(tracker::CredentialId{st.column(0).as_int64()});
  }
  return out;
}

void LifecycleRepository::mark_with_periods(tracker::CredentialId credential) {
  detail::Statement st(db_, "DELETE FROM credentials_without_cycles WHERE credential_id = ?1");
  st.bind(1, credential.value);
  st.exec();
}

namespace detail {

std::optional<renewal::Period> period_of(int number, std::optional<int> index, core::Date start,
                                         core::Date expires_on, core::Date counts_from,
                                         std::string_view began) {
  const auto kind = renewal::began_from_name(began);
  if (!kind) {
    return std::nullopt;
  }
  renewal::Period p;
  p.number = number;
  p.index = index;
  p.cycle = renewal::Cycle{number, start, expires_on, counts_from};
  p.began = *kind;
  return p;
}

} // namespace detail

} // namespace peercert::store

#include "store/CeAuditRepository.hpp"

#include "store/detail/Sql.hpp"

#include <SQLiteCpp/Database.h>

#include <charconv>

namespace peercert::store {

namespace {

constexpr const char* audit_columns =
    "SELECT a.id, a.draw_id, a.credential_id, c.credential_number, c.first_name, c.last_name, "
    "c.program, a.renewal_id, r.cycle, r.filed_on, a.due_on, a.state FROM ce_audits a "
    "JOIN credentials c ON c.id = a.credential_id JOIN renewals r ON r.id = a.renewal_id";

tracker::AuditState state_of(const SQLite::Column& c) {
  if (const auto s = tracker::audit_state_from_name(c.getString())) {
    return *s;
  }
  throw StoreError("The database holds an unknown CE audit state.");
}

tracker::CeAudit read_audit(SQLite::Statement& st) {
  tracker::CeAudit a;
  a.id = st.getColumn(0).getInt64();
  a.draw = st.getColumn(1).getInt64();
  a.credential = tracker::CredentialId{st.getColumn(2).getInt64()};
  a.credential_number = st.getColumn(3).getString();
  a.first_name = st.getColumn(4).getString();
  a.last_name = st.getColumn(5).getString();
  a.program = st.getColumn(6).getString();
  a.renewal = st.getColumn(7).getInt64();
  a.cycle = st.getColumn(8).getInt();
  a.renewed_on = detail::date(st.getColumn(9));
  a.due_on = detail::date(st.getColumn(10));
  a.state = state_of(st.getColumn(11));
  return a;
}

std::vector<tracker::AuditStep> steps_of(const Database& db, std::int64_t audit) {
  SQLite::Statement st(db.sqlite(), "SELECT state, on_date, note, actor, created_at FROM "
                                    "ce_audit_steps WHERE audit_id = ?1 ORDER BY id");
  st.bind(1, audit);
  std::vector<tracker::AuditStep> out;
  while (st.executeStep()) {
    tracker::AuditStep s;
    s.state = state_of(st.getColumn(0));
    s.on = detail::date(st.getColumn(1));
    s.note = detail::text(st.getColumn(2));
    s.actor = st.getColumn(3).getString();
    s.created_at = st.getColumn(4).getString();
    out.push_back(std::move(s));
  }
  return out;
}

} // namespace

std::vector<tracker::AuditCandidate>
CeAuditRepository::candidates(const std::string& program, core::Date from, core::Date to) const {
  SQLite::Statement st(
      db_.sqlite(), "SELECT c.id, c.credential_number, r.id, r.cycle, r.filed_on FROM renewals r "
                    "JOIN credentials c ON c.id = r.credential_id WHERE c.program = ?1 AND "
                    "r.filed_on BETWEEN ?2 AND ?3 ORDER BY c.credential_number, r.filed_on, "
                    "r.cycle");
  st.bind(1, program);
  st.bind(2, core::format_iso(from));
  st.bind(3, core::format_iso(to));
  std::vector<tracker::AuditCandidate> out;
  while (st.executeStep()) {
    tracker::AuditCandidate c{tracker::CredentialId{st.getColumn(0).getInt64()},
                              st.getColumn(1).getString(), st.getColumn(2).getInt64(),
                              st.getColumn(3).getInt(), detail::date(st.getColumn(4))};
    if (!out.empty() && out.back().credential == c.credential) {
      out.back() = std::move(c); // the latest renewal in the period stands for the credential
    } else {
      out.push_back(std::move(c));
    }
  }
  return out;
}

std::optional<std::int64_t> CeAuditRepository::audit_of_renewal(std::int64_t renewal) const {
  SQLite::Statement st(db_.sqlite(), "SELECT id FROM ce_audits WHERE renewal_id = ?1");
  st.bind(1, renewal);
  if (st.executeStep()) {
    return st.getColumn(0).getInt64();
  }
  return std::nullopt;
}

std::int64_t CeAuditRepository::insert_draw(const tracker::AuditDraw& d) {
  SQLite::Statement st(db_.sqlite(),
                       "INSERT INTO ce_audit_draws (program, share, seed, from_on, to_on, due_on, "
                       "drawn_on, candidates, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                       "?9)");
  st.bind(1, d.program);
  st.bind(2, d.share_hundredths);
  st.bind(3, std::to_string(d.seed));
  st.bind(4, core::format_iso(d.from));
  st.bind(5, core::format_iso(d.to));
  st.bind(6, core::format_iso(d.due_on));
  st.bind(7, core::format_iso(d.drawn_on));
  st.bind(8, static_cast<std::int64_t>(d.candidates));
  st.bind(9, d.created_at);
  st.exec();
  return db_.sqlite().getLastInsertRowid();
}

std::int64_t CeAuditRepository::insert_audit(std::int64_t draw, const tracker::AuditCandidate& c,
                                             core::Date due_on, const std::string& created_at) {
  SQLite::Statement st(db_.sqlite(),
                       "INSERT INTO ce_audits (draw_id, credential_id, renewal_id, due_on, state, "
                       "created_at) VALUES (?1, ?2, ?3, ?4, 'selected', ?5)");
  st.bind(1, draw);
  st.bind(2, c.credential.value);
  st.bind(3, c.renewal);
  st.bind(4, core::format_iso(due_on));
  st.bind(5, created_at);
  st.exec();
  return db_.sqlite().getLastInsertRowid();
}

void CeAuditRepository::insert_step(std::int64_t audit, const tracker::AuditStep& step) {
  SQLite::Statement st(db_.sqlite(),
                       "INSERT INTO ce_audit_steps (audit_id, state, on_date, note, actor, "
                       "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  st.bind(1, audit);
  st.bind(2, std::string(tracker::to_string(step.state)));
  st.bind(3, core::format_iso(step.on));
  detail::bind_text(st, 4, step.note);
  st.bind(5, step.actor);
  st.bind(6, step.created_at);
  st.exec();
}

void CeAuditRepository::set_state(std::int64_t audit, tracker::AuditState state) {
  SQLite::Statement st(db_.sqlite(), "UPDATE ce_audits SET state = ?2 WHERE id = ?1");
  st.bind(1, audit);
  st.bind(2, std::string(tracker::to_string(state)));
  st.exec();
}

std::optional<tracker::CeAudit> CeAuditRepository::find(std::int64_t id) const {
  SQLite::Statement st(db_.sqlite(), std::string(audit_columns) + " WHERE a.id = ?1");
  st.bind(1, id);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  auto a = read_audit(st);
  a.steps = steps_of(db_, a.id);
  return a;
}

std::optional<tracker::AuditDraw> CeAuditRepository::draw(std::int64_t id) const {
  SQLite::Statement st(db_.sqlite(),
                       "SELECT id, program, share, seed, from_on, to_on, due_on, drawn_on, "
                       "candidates, created_at FROM ce_audit_draws WHERE id = ?1");
  st.bind(1, id);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  tracker::AuditDraw d;
  d.id = st.getColumn(0).getInt64();
  d.program = st.getColumn(1).getString();
  d.share_hundredths = st.getColumn(2).getInt64();
  const std::string seed = st.getColumn(3).getString();
  if (std::from_chars(seed.data(), seed.data() + seed.size(), d.seed).ec != std::errc{}) {
    throw StoreError("The database holds a malformed CE audit seed.");
  }
  d.from = detail::date(st.getColumn(4));
  d.to = detail::date(st.getColumn(5));
  d.due_on = detail::date(st.getColumn(6));
  d.drawn_on = detail::date(st.getColumn(7));
  d.candidates = static_cast<std::size_t>(st.getColumn(8).getInt64());
  d.created_at = st.getColumn(9).getString();
  return d;
}

std::vector<tracker::CeAudit> CeAuditRepository::list(const CeAuditQuery& query) const {
  std::string sql = std::string(audit_columns) + " WHERE 1 = 1";
  if (!query.program.empty()) {
    sql += " AND c.program = ?1";
  }
  if (query.state) {
    sql += " AND a.state = ?2";
  }
  if (query.open_only) {
    sql += " AND a.state NOT IN ('passed', 'failed')";
  }
  if (query.credential) {
    sql += " AND a.credential_id = ?3";
  }
  sql += " ORDER BY a.due_on, c.credential_number, a.id";
  SQLite::Statement st(db_.sqlite(), sql);
  if (!query.program.empty()) {
    st.bind(1, query.program);
  }
  if (query.state) {
    st.bind(2, std::string(tracker::to_string(*query.state)));
  }
  if (query.credential) {
    st.bind(3, query.credential->value);
  }
  std::vector<tracker::CeAudit> out;
  while (st.executeStep()) {
    out.push_back(read_audit(st));
  }
  for (auto& a : out) {
    a.steps = steps_of(db_, a.id);
  }
  return out;
}

} // namespace peercert::store

#include "store/CeAuditRepository.hpp"

#include "store/detail/Sql.hpp"

#include <charconv>

namespace peercert::store {

namespace {

constexpr const char* audit_columns =
    "SELECT a.id, a.draw_id, a.credential_id, c.credential_number, c.first_name, c.last_name, "
    "c.program, a.renewal_id, r.cycle, r.filed_on, a.due_on, a.state FROM ce_audits a "
    "JOIN credentials c ON c.id = a.credential_id JOIN renewals r ON r.id = a.renewal_id";

tracker::AuditState state_of(const detail::Column& c) {
  if (const auto s = tracker::audit_state_from_name(c.as_string())) {
    return *s;
  }
  throw StoreError("The database holds an unknown CE audit state.");
}

tracker::CeAudit read_audit(detail::Statement& st) {
  tracker::CeAudit a;
  a.id = st.column(0).as_int64();
  a.draw = st.column(1).as_int64();
  a.credential = tracker::CredentialId{st.column(2).as_int64()};
  a.credential_number = st.column(3).as_string();
  a.first_name = st.column(4).as_string();
  a.last_name = st.column(5).as_string();
  a.program = st.column(6).as_string();
  a.renewal = st.column(7).as_int64();
  a.cycle = st.column(8).as_int();
  a.renewed_on = detail::date(st.column(9));
  a.due_on = detail::date(st.column(10));
  a.state = state_of(st.column(11));
  return a;
}

std::vector<tracker::AuditStep> steps_of(const Database& db, std::int64_t audit) {
  detail::Statement st(db, "SELECT state, on_date, note, actor, created_at FROM "
                           "ce_audit_steps WHERE audit_id = ?1 ORDER BY id");
  st.bind(1, audit);
  std::vector<tracker::AuditStep> out;
  while (st.step()) {
    tracker::AuditStep s;
    s.state = state_of(st.column(0));
    s.on = detail::date(st.column(1));
    s.note = detail::text(st.column(2));
    s.actor = st.column(3).as_string();
    s.created_at = st.column(4).as_string();
    out.push_back(std::move(s));
  }
  return out;
}

} // namespace

std::vector<tracker::AuditCandidate>
CeAuditRepository::candidates(const std::string& program, core::Date from, core::Date to) const {
  detail::Statement st(
      db_, "SELECT c.id, c.credential_number, r.id, r.cycle, r.filed_on FROM renewals r "
           "JOIN credentials c ON c.id = r.credential_id WHERE c.program = ?1 AND "
           "r.filed_on BETWEEN ?2 AND ?3 ORDER BY c.credential_number, r.filed_on, "
           "r.cycle");
  st.bind(1, program);
  st.bind(2, core::format_iso(from));
  st.bind(3, core::format_iso(to));
  std::vector<tracker::AuditCandidate> out;
  while (st.step()) {
    tracker::AuditCandidate c{tracker::CredentialId{st.column(0).as_int64()},
                              st.column(1).as_string(), st.column(2).as_int64(),
                              st.column(3).as_int(), detail::date(st.column(4))};
    if (!out.empty() && out.back().credential == c.credential) {
      out.back() = std::move(c); // the latest renewal in the period stands for the credential
    } else {
      out.push_back(std::move(c));
    }
  }
  return out;
}

std::optional<std::int64_t> CeAuditRepository::audit_of_renewal(std::int64_t renewal) const {
  detail::Statement st(db_, "SELECT id FROM ce_audits WHERE renewal_id = ?1");
  st.bind(1, renewal);
  if (st.step()) {
    return st.column(0).as_int64();
  }
  return std::nullopt;
}

std::int64_t CeAuditRepository::insert_draw(const tracker::AuditDraw& d) {
  detail::Statement st(db_,
                       "INSERT INTO ce_audit_draws (program, share, seed, from_on, to_on, due_on, "
                       "drawn_on, candidates, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                       "?9) RETURNING id");
  st.bind(1, d.program);
  st.bind(2, d.share_hundredths);
  st.bind(3, std::to_string(d.seed));
  st.bind(4, core::format_iso(d.from));
  st.bind(5, core::format_iso(d.to));
  st.bind(6, core::format_iso(d.due_on));
  st.bind(7, core::format_iso(d.drawn_on));
  st.bind(8, static_cast<std::int64_t>(d.candidates));
  st.bind(9, d.created_at);
  return st.insert_id();
}

std::int64_t CeAuditRepository::insert_audit(std::int64_t draw, const tracker::AuditCandidate& c,
                                             core::Date due_on, const std::string& created_at) {
  detail::Statement st(db_,
                       "INSERT INTO ce_audits (draw_id, credential_id, renewal_id, due_on, state, "
                       "created_at) VALUES (?1, ?2, ?3, ?4, 'selected', ?5) RETURNING id");
  st.bind(1, draw);
  st.bind(2, c.credential.value);
  st.bind(3, c.renewal);
  st.bind(4, core::format_iso(due_on));
  st.bind(5, created_at);
  return st.insert_id();
}

void CeAuditRepository::insert_step(std::int64_t audit, const tracker::AuditStep& step) {
  detail::Statement st(db_, "INSERT INTO ce_audit_steps (audit_id, state, on_date, note, actor, "
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
  detail::Statement st(db_, "UPDATE ce_audits SET state = ?2 WHERE id = ?1");
  st.bind(1, audit);
  st.bind(2, std::string(tracker::to_string(state)));
  st.exec();
}

std::optional<tracker::CeAudit> CeAuditRepository::find(std::int64_t id) const {
  detail::Statement st(db_, std::string(audit_columns) + " WHERE a.id = ?1");
  st.bind(1, id);
  if (!st.step()) {
    return std::nullopt;
  }
  auto a = read_audit(st);
  a.steps = steps_of(db_, a.id);
  return a;
}

std::optional<tracker::AuditDraw> CeAuditRepository::draw(std::int64_t id) const {
  detail::Statement st(db_, "SELECT id, program, share, seed, from_on, to_on, due_on, drawn_on, "
                            "candidates, created_at FROM ce_audit_draws WHERE id = ?1");
  st.bind(1, id);
  if (!st.step()) {
    return std::nullopt;
  }
  tracker::AuditDraw d;
  d.id = st.column(0).as_int64();
  d.program = st.column(1).as_string();
  d.share_hundredths = st.column(2).as_int64();
  const std::string seed = st.column(3).as_string();
  if (std::from_chars(seed.data(), seed.data() + seed.size(), d.seed).ec != std::errc{}) {
    throw StoreError("The database holds a malformed CE audit seed.");
  }
  d.from = detail::date(st.column(4));
  d.to = detail::date(st.column(5));
  d.due_on = detail::date(st.column(6));
  d.drawn_on = detail::date(st.column(7));
  d.candidates = static_cast<std::size_t>(st.column(8).as_int64());
  d.created_at = st.column(9).as_string();
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
  detail::Statement st(db_, sql);
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
  while (st.step()) {
    out.push_back(read_audit(st));
  }
  for (auto& a : out) {
    a.steps = steps_of(db_, a.id);
  }
  return out;
}

} // namespace peercert::store

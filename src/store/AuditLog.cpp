#include "store/AuditLog.hpp"

#include "store/detail/Sql.hpp"

#include <SQLiteCpp/Database.h>

namespace peercert::store {

namespace {

constexpr const char* select_entries =
    "SELECT l.id, l.at, l.actor, l.action, l.entity, l.entity_id, v.before_json, v.after_json, "
    "v.person, v.erased_at IS NOT NULL FROM audit_log l LEFT JOIN audit_values v ON v.id = "
    "l.values_id";

std::vector<tracker::AuditEntry> read_entries(SQLite::Statement& st) {
  std::vector<tracker::AuditEntry> out;
  while (st.executeStep()) {
    tracker::AuditEntry e;
    e.id = st.getColumn(0).getInt64();
    e.at = st.getColumn(1).getString();
    e.actor = st.getColumn(2).getString();
    e.action = st.getColumn(3).getString();
    e.entity = st.getColumn(4).getString();
    e.entity_id = st.getColumn(5).getString();
    e.before = detail::text(st.getColumn(6));
    e.after = detail::text(st.getColumn(7));
    e.person = detail::text(st.getColumn(8));
    e.erased = st.getColumn(9).getInt() != 0;
    out.push_back(std::move(e));
  }
  return out;
}

} // namespace

std::string AuditLog::person_of(const tracker::AuditEntry& e) {
  if (!e.person.empty()) {
    return e.person;
  }
  if (e.entity == "applicant") {
    return "applicant:" + e.entity_id;
  }
  if (e.entity == "cohort_member") {
    return "applicant:" + e.entity_id.substr(e.entity_id.find('/') + 1);
  }
  if (e.entity == "credential") {
    return "credential:" + e.entity_id;
  }
  return {};
}

std::int64_t AuditLog::append(const tracker::AuditEntry& e) {
  std::optional<std::int64_t> values;
  if (!e.before.empty() || !e.after.empty()) {
    SQLite::Statement v(db_.sqlite(), "INSERT INTO audit_values (person, before_json, "
                                      "after_json) VALUES (?1, ?2, ?3)");
    detail::bind_text(v, 1, person_of(e));
    detail::bind_text(v, 2, e.before);
    detail::bind_text(v, 3, e.after);
    v.exec();
    values = db_.sqlite().getLastInsertRowid();
  }
  SQLite::Statement st(db_.sqlite(),
                       "INSERT INTO audit_log (at, actor, action, entity, entity_id, values_id) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  st.bind(1, e.at);
  st.bind(2, e.actor);
  st.bind(3, e.action);
  st.bind(4, e.entity);
  st.bind(5, e.entity_id);
  if (values) {
    st.bind(6, *values);
  } else {
    st.bind(6);
  }
  st.exec();
  const std::int64_t id = db_.sqlite().getLastInsertRowid();
  if (!e.subjects.empty()) {
    SQLite::Statement subject(db_.sqlite(), "INSERT INTO audit_subjects (audit_id, entity, "
                                            "entity_id) VALUES (?1, ?2, ?3)");
    for (const auto& [entity, entity_id] : e.subjects) {
      subject.reset();
      subject.bind(1, id);
      subject.bind(2, entity);
      subject.bind(3, entity_id);
      subject.exec();
    }
  }
  return id;
}

std::vector<tracker::AuditEntry> AuditLog::list(const AuditQuery& q) const {
  SQLite::Statement st(
      db_.sqlite(),
      std::string(select_entries) +
          " WHERE (?1 IS NULL OR (l.entity = ?1 AND (?2 IS NULL OR l.entity_id = ?2)) OR EXISTS "
          "(SELECT 1 FROM audit_subjects s WHERE s.audit_id = l.id AND s.entity = ?1 AND (?2 IS "
          "NULL OR s.entity_id = ?2))) AND (?3 IS NULL OR l.actor = ?3) AND (?4 IS NULL OR "
          "substr(l.at, 1, 10) >= ?4) AND (?5 IS NULL OR substr(l.at, 1, 10) <= ?5) ORDER BY "
          "l.id");
  detail::bind_text(st, 1, q.entity);
  detail::bind_text(st, 2, q.entity_id);
  detail::bind_text(st, 3, q.actor);
  detail::bind_date(st, 4, q.from);
  detail::bind_date(st, 5, q.to);
  return read_entries(st);
}

std::vector<tracker::AuditEntry> AuditLog::about(const std::string& person) const {
  SQLite::Statement st(db_.sqlite(),
                       std::string(select_entries) + " WHERE v.person = ?1 ORDER BY l.id");
  st.bind(1, person);
  return read_entries(st);
}

void AuditLog::follow_credential_number(const std::string& old_number,
                                        const std::string& new_number) {
  SQLite::Statement values(db_.sqlite(), "UPDATE audit_values SET person = ?2 WHERE person = ?1");
  values.bind(1, "credential:" + old_number);
  values.bind(2, "credential:" + new_number);
  values.exec();
  SQLite::Statement subjects(
      db_.sqlite(),
      "INSERT INTO audit_subjects (audit_id, entity, entity_id) SELECT id, 'credential', ?2 FROM "
      "audit_log WHERE entity = 'credential' AND entity_id = ?1 UNION SELECT audit_id, "
      "'credential', ?2 FROM audit_subjects WHERE entity = 'credential' AND entity_id = ?1");
  subjects.bind(1, old_number);
  subjects.bind(2, new_number);
  subjects.exec();
}

std::int64_t AuditLog::erase_values(const std::string& person, const std::string& at) {
  SQLite::Statement st(db_.sqlite(),
                       "UPDATE audit_values SET before_json = NULL, after_json = NULL, "
                       "erased_at = ?2 WHERE person = ?1 AND erased_at IS NULL");
  st.bind(1, person);
  st.bind(2, at);
  return st.exec();
}

std::int64_t AuditLog::count() const {
  return db_.sqlite().execAndGet("SELECT count(*) FROM audit_log").getInt64();
}

} // namespace peercert::store

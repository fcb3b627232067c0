#include "store/AuditLog.hpp"

#include "store/detail/Sql.hpp"

namespace peercert::store {

namespace {

constexpr const char* select_entries =
    "SELECT l.id, l.at, l.actor, l.action, l.entity, l.entity_id, v.before_json, v.after_json, "
    "v.person, v.erased_at IS NOT NULL FROM audit_log l LEFT JOIN audit_values v ON v.id = "
    "l.values_id";

std::vector<tracker::AuditEntry> read_entries(detail::Statement& st) {
  std::vector<tracker::AuditEntry> out;
  while (st.step()) {
    tracker::AuditEntry e;
    e.id = st.column(0).as_int64();
    e.at = st.column(1).as_string();
    e.actor = st.column(2).as_string();
    e.action = st.column(3).as_string();
    e.entity = st.column(4).as_string();
    e.entity_id = st.column(5).as_string();
    e.before = detail::text(st.column(6));
    e.after = detail::text(st.column(7));
    e.person = detail::text(st.column(8));
    e.erased = st.column(9).as_int() != 0;
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
    detail::Statement v(db_, "INSERT INTO audit_values (person, before_json, "
                             "after_json) VALUES (?1, ?2, ?3) RETURNING id");
    detail::bind_text(v, 1, person_of(e));
    detail::bind_text(v, 2, e.before);
    detail::bind_text(v, 3, e.after);
    values = v.insert_id();
  }
  detail::Statement st(db_,
                       "INSERT INTO audit_log (at, actor, action, entity, entity_id, values_id) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id");
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
  const std::int64_t id = st.insert_id();
  if (!e.subjects.empty()) {
    detail::Statement subject(db_, "INSERT INTO audit_subjects (audit_id, entity, "
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
  detail::Statement st(
      db_,
      std::string(select_entries) +
          " WHERE ((l.entity = ?1 AND (l.entity_id = ?2 OR ?2 IS NULL)) OR ?1 IS NULL OR EXISTS "
          "(SELECT 1 FROM audit_subjects s WHERE s.audit_id = l.id AND s.entity = ?1 AND "
          "(s.entity_id = ?2 OR ?2 IS NULL))) AND (l.actor = ?3 OR ?3 IS NULL) AND "
          "(substr(l.at, 1, 10) >= ?4 OR ?4 IS NULL) AND (substr(l.at, 1, 10) <= ?5 OR ?5 IS "
          "NULL) ORDER BY l.id");
  detail::bind_text(st, 1, q.entity);
  detail::bind_text(st, 2, q.entity_id);
  detail::bind_text(st, 3, q.actor);
  detail::bind_date(st, 4, q.from);
  detail::bind_date(st, 5, q.to);
  return read_entries(st);
}

std::vector<tracker::AuditEntry> AuditLog::about(const std::string& person) const {
  detail::Statement st(db_, std::string(select_entries) + " WHERE v.person = ?1 ORDER BY l.id");
  st.bind(1, person);
  return read_entries(st);
}

void AuditLog::follow_credential_number(const std::string& old_number,
                                        const std::string& new_number) {
  detail::Statement values(db_, "UPDATE audit_values SET person = ?2 WHERE person = ?1");
  values.bind(1, "credential:" + old_number);
  values.bind(2, "credential:" + new_number);
  values.exec();
  detail::Statement subjects(
      db_,
      "INSERT INTO audit_subjects (audit_id, entity, entity_id) SELECT id, 'credential', ?2 FROM "
      "audit_log WHERE entity = 'credential' AND entity_id = ?1 UNION SELECT audit_id, "
      "'credential', ?2 FROM audit_subjects WHERE entity = 'credential' AND entity_id = ?1");
  subjects.bind(1, old_number);
  subjects.bind(2, new_number);
  subjects.exec();
}

std::int64_t AuditLog::erase_values(const std::string& person, const std::string& at) {
  detail::Statement st(db_, "UPDATE audit_values SET before_json = NULL, after_json = NULL, "
                            "erased_at = ?2 WHERE person = ?1 AND erased_at IS NULL");
  st.bind(1, person);
  st.bind(2, at);
  return st.exec();
}

std::int64_t AuditLog::count() const {
  return detail::scalar_int(db_, "SELECT count(*) FROM audit_log");
}

} // namespace peercert::store

#include "store/AuditLog.hpp"

#include "store/detail/Sql.hpp"

#include <SQLiteCpp/Database.h>

namespace peercert::store {

void AuditLog::append(const tracker::AuditEntry& e) {
  SQLite::Statement st(db_.sqlite(),
                       "INSERT INTO audit_log (at, actor, action, entity, entity_id, "
                       "before_json, after_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  st.bind(1, e.at);
  st.bind(2, e.actor);
  st.bind(3, e.action);
  st.bind(4, e.entity);
  st.bind(5, e.entity_id);
  detail::bind_text(st, 6, e.before);
  detail::bind_text(st, 7, e.after);
  st.exec();
}

std::vector<tracker::AuditEntry> AuditLog::list(const std::string& entity,
                                                const std::string& entity_id) const {
  SQLite::Statement st(db_.sqlite(),
                       "SELECT id, at, actor, action, entity, entity_id, before_json, after_json "
                       "FROM audit_log WHERE (?1 IS NULL OR entity = ?1) AND (?2 IS NULL OR "
                       "entity_id = ?2) ORDER BY id");
  detail::bind_text(st, 1, entity);
  detail::bind_text(st, 2, entity_id);
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
    out.push_back(std::move(e));
  }
  return out;
}

std::int64_t AuditLog::count() const {
  return db_.sqlite().execAndGet("SELECT count(*) FROM audit_log").getInt64();
}

} // namespace peercert::store

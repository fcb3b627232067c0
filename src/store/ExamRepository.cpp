#include "store/ExamRepository.hpp"

#include "store/detail/Sql.hpp"

#include <SQLiteCpp/Database.h>

namespace peercert::store {

tracker::ExamId ExamRepository::insert(const tracker::ExamResult& e) {
  SQLite::Statement st(db_.sqlite(),
                       "INSERT INTO exams (applicant_id, program, taken_on, proctor, passed, "
                       "score, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  st.bind(1, e.applicant.value);
  st.bind(2, e.program);
  st.bind(3, core::format_iso(e.taken_on));
  st.bind(4, e.proctor);
  st.bind(5, e.passed ? 1 : 0);
  if (e.score) {
    st.bind(6, *e.score);
  } else {
    st.bind(6);
  }
  st.bind(7, e.created_at);
  st.exec();
  return tracker::ExamId{db_.sqlite().getLastInsertRowid()};
}

std::vector<tracker::ExamResult> ExamRepository::for_applicant(tracker::ApplicantId applicant,
                                                               const std::string& program) const {
  SQLite::Statement st(db_.sqlite(),
                       "SELECT id, applicant_id, program, taken_on, proctor, passed, score, "
                       "created_at FROM exams WHERE applicant_id = ?1 AND (?2 IS NULL OR "
                       "program = ?2) ORDER BY taken_on, id");
  st.bind(1, applicant.value);
  detail::bind_text(st, 2, program);
  std::vector<tracker::ExamResult> out;
  while (st.executeStep()) {
    tracker::ExamResult e;
    e.id = tracker::ExamId{st.getColumn(0).getInt64()};
    e.applicant = tracker::ApplicantId{st.getColumn(1).getInt64()};
    e.program = st.getColumn(2).getString();
    e.taken_on = detail::date(st.getColumn(3));
    e.proctor = st.getColumn(4).getString();
    e.passed = st.getColumn(5).getInt() != 0;
    if (!st.getColumn(6).isNull()) {
      e.score = st.getColumn(6).getInt();
    }
    e.created_at = detail::text(st.getColumn(7));
    out.push_back(std::move(e));
  }
  return out;
}

} // namespace peercert::store

#include "store/ExamRepository.hpp"

#include "store/detail/Sql.hpp"

namespace peercert::store {

tracker::ExamId ExamRepository::insert(const tracker::ExamResult& e) {
  detail::Statement st(db_, "INSERT INTO exams (applicant_id, program, taken_on, proctor, passed, "
                            "score, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id");
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
  return tracker::ExamId{st.insert_id()};
}

std::vector<tracker::ExamResult> ExamRepository::for_applicant(tracker::ApplicantId applicant,
                                                               const std::string& program) const {
  detail::Statement st(db_, "SELECT id, applicant_id, program, taken_on, proctor, passed, score, "
                            "created_at FROM exams WHERE applicant_id = ?1 AND (program = ?2 OR "
                            "?2 IS NULL) ORDER BY taken_on, id");
  st.bind(1, applicant.value);
  detail::bind_text(st, 2, program);
  std::vector<tracker::ExamResult> out;
  while (st.step()) {
    tracker::ExamResult e;
    e.id = tracker::ExamId{st.column(0).as_int64()};
    e.applicant = tracker::ApplicantId{st.column(1).as_int64()};
    e.program = st.column(2).as_string();
    e.taken_on = detail::date(st.column(3));
    e.proctor = st.column(4).as_string();
    e.passed = st.column(5).as_int() != 0;
    if (!st.column(6).is_null()) {
      e.score = st.column(6).as_int();
    }
    e.created_at = detail::text(st.column(7));
    out.push_back(std::move(e));
  }
  return out;
}

} // namespace peercert::store

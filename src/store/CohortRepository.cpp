#include "store/CohortRepository.hpp"

#include "store/detail/Sql.hpp"

namespace peercert::store {

namespace {

constexpr const char* cohort_columns = "c.id, c.program, c.starts_on, c.capacity, "
                                       "c.training_hours, c.notify_days_before, c.selection, "
                                       "c.lottery_seed, c.created_at";

constexpr const char* member_columns =
    "m.cohort_id, m.applicant_id, m.applied_at, m.application_order, m.override_reason, "
    "m.status, m.waitlist_position, m.notified_on, "
    "coalesce((SELECT sum(t.hours) FROM attendance t WHERE t.cohort_id = m.cohort_id AND "
    "t.applicant_id = m.applicant_id), 0), a.first_name, a.last_name, a.email";

tracker::Cohort read_cohort(detail::Statement& st, int first = 0) {
  tracker::Cohort c;
  c.id = tracker::CohortId{st.column(first).as_int64()};
  c.program = st.column(first + 1).as_string();
  c.starts_on = detail::date(st.column(first + 2));
  c.capacity = st.column(first + 3).as_int();
  c.training_hours = detail::hours(st.column(first + 4));
  c.notify_days_before = st.column(first + 5).as_int();
  if (!st.column(first + 6).is_null()) {
    c.selection = tracker::selection_method_from_name(st.column(first + 6).as_string());
  }
  if (!st.column(first + 7).is_null()) {
    c.lottery_seed = std::stoull(st.column(first + 7).as_string());
  }
  c.created_at = detail::text(st.column(first + 8));
  return c;
}

tracker::CohortMember read_member(detail::Statement& st, int first = 0) {
  tracker::CohortMember m;
  m.cohort = tracker::CohortId{st.column(first).as_int64()};
  m.applicant = tracker::ApplicantId{st.column(first + 1).as_int64()};
  m.applied_at = detail::text(st.column(first + 2));
  m.application_order = st.column(first + 3).as_int64();
  m.override_reason = detail::text(st.column(first + 4));
  m.status = tracker::member_status_from_name(st.column(first + 5).as_string())
                 .value_or(tracker::MemberStatus::applied);
  if (!st.column(first + 6).is_null()) {
    m.waitlist_position = st.column(first + 6).as_int();
  }
  m.notified_on = detail::optional_date(st.column(first + 7));
  m.attended = detail::hours(st.column(first + 8));
  m.first_name = detail::text(st.column(first + 9));
  m.last_name = detail::text(st.column(first + 10));
  m.email = detail::text(st.column(first + 11));
  return m;
}

} // namespace

tracker::CohortId CohortRepository::insert(const tracker::Cohort& c) {
  detail::Statement st(
      db_, "INSERT INTO cohorts (program, starts_on, capacity, training_hours, "
           "notify_days_before, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id");
  st.bind(1, c.program);
  st.bind(2, core::format_iso(c.starts_on));
  st.bind(3, c.capacity);
  st.bind(4, c.training_hours.hundredths());
  st.bind(5, c.notify_days_before);
  st.bind(6, c.created_at);
  return tracker::CohortId{st.insert_id()};
}

std::optional<tracker::Cohort> CohortRepository::find(tracker::CohortId id) const {
  detail::Statement st(db_,
                       std::string("SELECT ") + cohort_columns + " FROM cohorts c WHERE c.id = ?1");
  st.bind(1, id.value);
  if (!st.step()) {
    return std::nullopt;
  }
  return read_cohort(st);
}

std::vector<tracker::Cohort> CohortRepository::list() const {
  detail::Statement st(db_, std::string("SELECT ") + cohort_columns +
                                " FROM cohorts c ORDER BY c.starts_on, c.id");
  std::vector<tracker::Cohort> out;
  while (st.step()) {
    out.push_back(read_cohort(st));
  }
  return out;
}

void CohortRepository::set_selection(tracker::CohortId id, tracker::SelectionMethod method,
                                     std::uint64_t seed) {
  detail::Statement st(db_, "UPDATE cohorts SET selection = ?1, lottery_seed = ?2 WHERE id = ?3");
  st.bind(1, std::string(tracker::to_string(method)));
  if (method == tracker::SelectionMethod::lottery) {
    st.bind(2, std::to_string(seed));
  } else {
    st.bind(2);
  }
  st.bind(3, id.value);
  st.exec();
}

void CohortRepository::add_member(const tracker::CohortMember& m) {
  detail::Statement st(db_, "INSERT INTO cohort_members (cohort_id, applicant_id, applied_at, "
                            "application_order, override_reason, status) VALUES (?1, ?2, ?3, "
                            "(SELECT coalesce(max(application_order), 0) + 1 FROM cohort_members "
                            "WHERE cohort_id = ?1), ?4, ?5)");
  st.bind(1, m.cohort.value);
  st.bind(2, m.applicant.value);
  st.bind(3, m.applied_at);
  detail::bind_text(st, 4, m.override_reason);
  st.bind(5, std::string(tracker::to_string(m.status)));
  st.exec();
}

void CohortRepository::update_member(const tracker::CohortMember& m) {
  detail::Statement st(db_, "UPDATE cohort_members SET status = ?1, waitlist_position = ?2, "
                            "notified_on = ?3 WHERE cohort_id = ?4 AND applicant_id = ?5");
  st.bind(1, std::string(tracker::to_string(m.status)));
  if (m.waitlist_position) {
    st.bind(2, *m.waitlist_position);
  } else {
    st.bind(2);
  }
  detail::bind_date(st, 3, m.notified_on);
  st.bind(4, m.cohort.value);
  st.bind(5, m.applicant.value);
  st.exec();
}

void CohortRepository::clear_override_reasons(tracker::ApplicantId applicant) {
  detail::Statement st(db_,
                       "UPDATE cohort_members SET override_reason = NULL WHERE applicant_id = ?1");
  st.bind(1, applicant.value);
  st.exec();
}

std::optional<tracker::CohortMember>
CohortRepository::find_member(tracker::CohortId cohort, tracker::ApplicantId applicant) const {
  detail::Statement st(db_, std::string("SELECT ") + member_columns +
                                " FROM cohort_members m JOIN applicants a ON a.id = "
                                "m.applicant_id WHERE m.cohort_id = ?1 AND "
                                "m.applicant_id = ?2");
  st.bind(1, cohort.value);
  st.bind(2, applicant.value);
  if (!st.step()) {
    return std::nullopt;
  }
  return read_member(st);
}

std::vector<tracker::CohortMember> CohortRepository::members(tracker::CohortId cohort) const {
  detail::Statement st(db_, std::string("SELECT ") + member_columns +
                                " FROM cohort_members m JOIN applicants a ON a.id = "
                                "m.applicant_id WHERE m.cohort_id = ?1 ORDER BY "
                                "m.application_order");
  st.bind(1, cohort.value);
  std::vector<tracker::CohortMember> out;
  while (st.step()) {
    out.push_back(read_member(st));
  }
  return out;
}

std::vector<std::pair<tracker::Cohort, tracker::CohortMember>>
CohortRepository::memberships(tracker::ApplicantId applicant) const {
  detail::Statement st(db_, std::string("SELECT ") + cohort_columns + ", " + member_columns +
                                " FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id JOIN "
                                "applicants a ON a.id = m.applicant_id WHERE m.applicant_id = ?1 "
                                "ORDER BY c.starts_on, c.id");
  st.bind(1, applicant.value);
  std::vector<std::pair<tracker::Cohort, tracker::CohortMember>> out;
  while (st.step()) {
    out.emplace_back(read_cohort(st), read_member(st, 9));
  }
  return out;
}

void CohortRepository::add_attendance(const tracker::Attendance& a) {
  detail::Statement st(db_, "INSERT INTO attendance (cohort_id, applicant_id, "
                            "attended_on, hours) VALUES (?1, ?2, ?3, ?4)");
  st.bind(1, a.cohort.value);
  st.bind(2, a.applicant.value);
  st.bind(3, core::format_iso(a.on));
  st.bind(4, a.hours.hundredths());
  st.exec();
}

std::optional<core::Hours> CohortRepository::remove_attendance(tracker::CohortId cohort,
                                                               tracker::ApplicantId applicant,
                                                               core::Date on) {
  detail::Statement st(db_, "DELETE FROM attendance WHERE cohort_id = ?1 AND "
                            "applicant_id = ?2 AND attended_on = ?3 RETURNING hours");
  st.bind(1, cohort.value);
  st.bind(2, applicant.value);
  st.bind(3, core::format_iso(on));
  if (!st.step()) {
    return std::nullopt;
  }
  const auto hours = detail::hours(st.column(0));
  while (st.step()) {
  }
  return hours;
}

bool CohortRepository::has_attendance(tracker::CohortId cohort, tracker::ApplicantId applicant,
                                      core::Date on) const {
  detail::Statement st(db_, "SELECT 1 FROM attendance WHERE cohort_id = ?1 AND "
                            "applicant_id = ?2 AND attended_on = ?3");
  st.bind(1, cohort.value);
  st.bind(2, applicant.value);
  st.bind(3, core::format_iso(on));
  return st.step();
}

} // namespace peercert::store

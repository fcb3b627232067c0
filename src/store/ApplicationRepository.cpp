#include "store/ApplicationRepository.hpp"

#include "store/detail/Sql.hpp"

namespace peercert::store {

namespace {

constexpr const char* select_columns =
    "SELECT p.id, p.applicant_id, p.program, p.submitted_on, p.fee_due, p.fee_paid, p.status, "
    "p.decided_on, c.credential_number, p.created_at, d.denied_on, d.reason FROM applications p "
    "LEFT JOIN credentials c ON c.application_id = p.id LEFT JOIN application_denials d ON "
    "d.application_id = p.id";

tracker::CertApplication read(detail::Statement& st) {
  tracker::CertApplication a;
  a.id = tracker::ApplicationId{st.column(0).as_int64()};
  a.applicant = tracker::ApplicantId{st.column(1).as_int64()};
  a.program = st.column(2).as_string();
  a.submitted_on = detail::date(st.column(3));
  a.fee_due = detail::money(st.column(4));
  a.fee_paid = detail::money(st.column(5));
  a.status = tracker::application_status_from_name(st.column(6).as_string())
                 .value_or(tracker::ApplicationStatus::submitted);
  a.decided_on = detail::optional_date(st.column(7));
  a.credential_number = detail::text(st.column(8));
  a.created_at = detail::text(st.column(9));
  if (!st.column(10).is_null()) {
    a.status = tracker::ApplicationStatus::denied;
    a.decided_on = detail::date(st.column(10));
    a.denial_reason = detail::text(st.column(11));
  }
  return a;
}

} // namespace

tracker::ApplicationId ApplicationRepository::insert(const tracker::CertApplication& a) {
  detail::Statement st(
      db_, "INSERT INTO applications (applicant_id, program, submitted_on, fee_due, "
           "fee_paid, status, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id");
  st.bind(1, a.applicant.value);
  st.bind(2, a.program);
  st.bind(3, core::format_iso(a.submitted_on));
  st.bind(4, a.fee_due.cents());
  st.bind(5, a.fee_paid.cents());
  st.bind(6, std::string(tracker::to_string(a.status)));
  st.bind(7, a.created_at);
  return tracker::ApplicationId{st.insert_id()};
}

void ApplicationRepository::update(const tracker::CertApplication& a) {
  detail::Statement st(db_, "UPDATE applications SET status = ?1, decided_on = ?2 WHERE id = ?3");
  st.bind(1, std::string(tracker::to_string(a.status)));
  detail::bind_date(st, 2, a.decided_on);
  st.bind(3, a.id.value);
  st.exec();
}

void ApplicationRepository::deny(tracker::ApplicationId id, core::Date on,
                                 const std::string& reason, const std::string& created_at) {
  detail::Statement st(db_, "INSERT INTO application_denials (application_id, denied_on, "
                            "reason, created_at) VALUES (?1, ?2, ?3, ?4)");
  st.bind(1, id.value);
  st.bind(2, core::format_iso(on));
  st.bind(3, reason);
  st.bind(4, created_at);
  st.exec();
}

std::optional<tracker::CertApplication>
ApplicationRepository::find(tracker::ApplicationId id) const {
  detail::Statement st(db_, std::string(select_columns) + " WHERE p.id = ?1");
  st.bind(1, id.value);
  if (!st.step()) {
    return std::nullopt;
  }
  return read(st);
}

std::vector<tracker::CertApplication>
ApplicationRepository::list(std::optional<tracker::ApplicantId> applicant) const {
  detail::Statement st(db_, std::string(select_columns) +
                                " WHERE p.applicant_id = ?1 OR ?1 IS NULL ORDER BY "
                                "p.submitted_on, p.id");
  if (applicant) {
    st.bind(1, applicant->value);
  } else {
    st.bind(1);
  }
  std::vector<tracker::CertApplication> out;
  while (st.step()) {
    out.push_back(read(st));
  }
  return out;
}

} // namespace peercert::store

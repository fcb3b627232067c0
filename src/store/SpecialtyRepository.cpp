#include "store/SpecialtyRepository.hpp"

#include "store/detail/Sql.hpp"

namespace peercert::store {

std::vector<renewal::Endorsement> SpecialtyRepository::of(tracker::CredentialId credential) const {
  detail::Statement st(db_, "SELECT specialty, since, ended_on FROM credential_specialties "
                            "WHERE credential_id = ?1 ORDER BY id");
  st.bind(1, credential.value);
  std::vector<renewal::Endorsement> out;
  while (st.step()) {
    renewal::Endorsement e;
    e.specialty = st.column(0).as_string();
    e.since = detail::date(st.column(1));
    e.until = detail::optional_date(st.column(2));
    out.push_back(std::move(e));
  }
  return out;
}

void SpecialtyRepository::insert(tracker::CredentialId credential, const std::string& specialty,
                                 core::Date since, const std::string& created_at) {
  detail::Statement st(db_, "INSERT INTO credential_specialties (credential_id, "
                            "specialty, since, created_at) VALUES (?1, ?2, ?3, ?4)");
  st.bind(1, credential.value);
  st.bind(2, specialty);
  st.bind(3, core::format_iso(since));
  st.bind(4, created_at);
  st.exec();
}

bool SpecialtyRepository::end(tracker::CredentialId credential, const std::string& specialty,
                              core::Date on, const std::string& reason) {
  detail::Statement st(db_, "UPDATE credential_specialties SET ended_on = ?3, end_reason = ?4 "
                            "WHERE credential_id = ?1 AND specialty = ?2 AND ended_on IS NULL");
  st.bind(1, credential.value);
  st.bind(2, specialty);
  st.bind(3, core::format_iso(on));
  st.bind(4, reason);
  return st.exec() > 0;
}

} // namespace peercert::store

#include "store/ApplicantRepository.hpp"

#include "store/detail/Sql.hpp"

#include <SQLiteCpp/Database.h>

namespace peercert::store {

namespace {

using rules::FactId;

constexpr const char* columns =
    "id, first_name, last_name, email, phone, date_of_birth, education, lived_experience, "
    "willing_to_share_story, self_directed_recovery, background_check, background_check_on, "
    "registry_check, registry_check_on, employer, hired_on, created_at, updated_at";

/// Binds every column after id, from index 1.
void bind_fields(SQLite::Statement& st, const tracker::Applicant& a) {
  const auto& f = a.facts;
  detail::bind_text(st, 1, a.first_name);
  detail::bind_text(st, 2, a.last_name);
  detail::bind_text(st, 3, a.email);
  detail::bind_text(st, 4, a.phone);
  detail::bind_date(st, 5,
                    f.get_if<core::Date>(FactId::date_of_birth)
                        ? std::optional(*f.get_if<core::Date>(FactId::date_of_birth))
                        : std::nullopt);
  if (const auto* e = f.get_if<rules::Education>(FactId::education)) {
    st.bind(6, std::string(rules::to_string(*e)));
  } else {
    st.bind(6);
  }
  int index = 7;
  for (auto fact :
       {FactId::lived_experience, FactId::willing_to_share_story, FactId::self_directed_recovery}) {
    if (const auto* b = f.get_if<bool>(fact)) {
      st.bind(index, *b ? 1 : 0);
    } else {
      st.bind(index);
    }
    ++index;
  }
  const auto bind_check = [&](int i, FactId fact) {
    if (const auto* c = f.get_if<rules::CheckStatus>(fact)) {
      st.bind(i, std::string(rules::to_string(*c)));
    } else {
      st.bind(i);
    }
  };
  bind_check(10, FactId::background_check);
  detail::bind_date(st, 11, a.background_check_on);
  bind_check(12, FactId::registry_check);
  detail::bind_date(st, 13, a.registry_check_on);
  detail::bind_text(st, 14, a.employer);
  detail::bind_date(st, 15, a.hired_on);
  detail::bind_text(st, 16, a.created_at);
  detail::bind_text(st, 17, a.updated_at);
}

tracker::Applicant read(SQLite::Statement& st) {
  tracker::Applicant a;
  a.id = tracker::ApplicantId{st.getColumn(0).getInt64()};
  a.first_name = detail::text(st.getColumn(1));
  a.last_name = detail::text(st.getColumn(2));
  a.email = detail::text(st.getColumn(3));
  a.phone = detail::text(st.getColumn(4));
  if (auto dob = detail::optional_date(st.getColumn(5))) {
    a.facts.set(FactId::date_of_birth, *dob);
  }
  if (!st.getColumn(6).isNull()) {
    if (auto e = rules::education_from_name(st.getColumn(6).getString())) {
      a.facts.set(FactId::education, *e);
    }
  }
  int index = 7;
  for (auto fact :
       {FactId::lived_experience, FactId::willing_to_share_story, FactId::self_directed_recovery}) {
    if (!st.getColumn(index).isNull()) {
      a.facts.set(fact, st.getColumn(index).getInt() != 0);
    }
    ++index;
  }
  const auto read_check = [&](int i, FactId fact) {
    if (!st.getColumn(i).isNull()) {
      if (auto c = rules::check_status_from_name(st.getColumn(i).getString())) {
        a.facts.set(fact, *c);
      }
    }
  };
  read_check(10, FactId::background_check);
  a.background_check_on = detail::optional_date(st.getColumn(11));
  read_check(12, FactId::registry_check);
  a.registry_check_on = detail::optional_date(st.getColumn(13));
  a.employer = detail::text(st.getColumn(14));
  a.hired_on = detail::optional_date(st.getColumn(15));
  a.created_at = detail::text(st.getColumn(16));
  a.updated_at = detail::text(st.getColumn(17));
  return a;
}

} // namespace

tracker::ApplicantId ApplicantRepository::insert(const tracker::Applicant& a) {
  SQLite::Statement st(db_.sqlite(),
                       "INSERT INTO applicants (first_name, last_name, email, phone, "
                       "date_of_birth, education, lived_experience, willing_to_share_story, "
                       "self_directed_recovery, background_check, background_check_on, "
                       "registry_check, registry_check_on, employer, hired_on, created_at, "
                       "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                       "?13, ?14, ?15, ?16, ?17)");
  bind_fields(st, a);
  st.exec();
  return tracker::ApplicantId{db_.sqlite().getLastInsertRowid()};
}

void ApplicantRepository::update(const tracker::Applicant& a) {
  SQLite::Statement st(db_.sqlite(),
                       "UPDATE applicants SET first_name = ?1, last_name = ?2, email = ?3, "
                       "phone = ?4, date_of_birth = ?5, education = ?6, lived_experience = ?7, "
                       "willing_to_share_story = ?8, self_directed_recovery = ?9, "
                       "background_check = ?10, background_check_on = ?11, registry_check = ?12, "
                       "registry_check_on = ?13, employer = ?14, hired_on = ?15, "
                       "created_at = ?16, updated_at = ?17 WHERE id = ?18");
  bind_fields(st, a);
  st.bind(18, a.id.value);
  st.exec();
}

std::optional<tracker::Applicant> ApplicantRepository::find(tracker::ApplicantId id) const {
  SQLite::Statement st(db_.sqlite(),
                       std::string("SELECT ") + columns + " FROM applicants WHERE id = ?1");
  st.bind(1, id.value);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  return read(st);
}

std::vector<tracker::Applicant> ApplicantRepository::list() const {
  SQLite::Statement st(db_.sqlite(),
                       std::string("SELECT ") + columns + " FROM applicants ORDER BY id");
  std::vector<tracker::Applicant> out;
  while (st.executeStep()) {
    out.push_back(read(st));
  }
  return out;
}

std::int64_t ApplicantRepository::count() const {
  return db_.sqlite().execAndGet("SELECT count(*) FROM applicants").getInt64();
}

} // namespace peercert::store

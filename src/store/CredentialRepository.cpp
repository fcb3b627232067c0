#include "store/CredentialRepository.hpp"

#include "core/Text.hpp"
#include "store/detail/CredentialRow.hpp"
#include "store/detail/Sql.hpp"
#include "tracker/CredentialNumber.hpp"
#include "tracker/Pathway.hpp"

namespace peercert::store {

namespace {

const std::string columns = detail::credential_columns("credentials");
const std::string select_columns = "SELECT " + columns + " FROM credentials";

tracker::Credential read(detail::Statement& st) { return detail::read_credential(st, 0); }

/// What search finds a credential by: the holder's names, email and the number, folded.
std::string search_key(const tracker::Credential& c) {
  return core::search_fold(c.first_name + " " + c.last_name + " " + c.email + " " + c.number);
}

/// The `columns` of the credential a typed number names, bound as
/// ?1 the number as typed and ?2 its key (tracker::credential_number_key): the number exactly
/// as typed (one of a look-alike pair stored before numbers were one case), else the key, else
/// a number stored differing from the key only in case (through credentials_lookalike).
std::string by_number(std::string_view list) {
  const std::string c = "SELECT " + std::string(list);
  return c + ", 0 AS rank FROM credentials WHERE credential_number = ?1 UNION ALL " + c +
         ", 1 FROM credentials WHERE credential_number = ?2 UNION ALL " + c +
         ", 2 FROM credentials WHERE credential_number <> upper(credential_number) AND "
         "upper(credential_number) = ?2 ORDER BY rank LIMIT 1";
}

void bind_number(detail::Statement& st, const std::string& typed) {
  const std::string key = tracker::credential_number_key(typed);
  std::string_view trimmed = typed;
  while (!trimmed.empty() && (trimmed.front() == ' ' || trimmed.front() == '\t')) {
    trimmed.remove_prefix(1);
  }
  while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t')) {
    trimmed.remove_suffix(1);
  }
  st.bind(1, std::string(trimmed));
  st.bind(2, key);
}

} // namespace

std::vector<tracker::Credential>
CredentialRepository::for_applicant(tracker::ApplicantId applicant) const {
  detail::Statement st(db_, select_columns + " WHERE applicant_id = ?1 ORDER BY credential_number");
  st.bind(1, applicant.value);
  std::vector<tracker::Credential> out;
  while (st.step()) {
    out.push_back(read(st));
  }
  return out;
}

void CredentialRepository::update_holder(const tracker::Credential& c) {
  detail::Statement st(db_, "UPDATE credentials SET first_name = ?4, last_name = ?5, "
                            "email = ?6, search_key = ?7 WHERE credential_number = ?1");
  st.bind(1, c.number);
  st.bind(7, search_key(c));
  st.bind(4, c.first_name);
  st.bind(5, c.last_name);
  detail::bind_text(st, 6, c.email);
  st.exec();
}

std::vector<tracker::Credential>
CredentialRepository::with_name_containing(const std::string& folded) const {
  detail::Statement st(db_, select_columns + " WHERE search_key LIKE ?1 ESCAPE '\\' "
                                             "ORDER BY credential_number");
  st.bind(1, detail::like_pattern(folded));
  std::vector<tracker::Credential> out;
  while (st.step()) {
    out.push_back(read(st));
  }
  return out;
}

std::vector<tracker::Credential>
CredentialRepository::search(const std::vector<std::string>& folded_words,
                             const std::optional<std::vector<std::string>>& programs,
                             std::size_t limit) const {
  std::string sql = select_columns + " WHERE 1 = 1";
  sql += detail::search_conditions(folded_words.size());
  sql += detail::program_condition("program", programs, folded_words.size() + 1);
  sql += " ORDER BY last_name, first_name, credential_number LIMIT " + std::to_string(limit);
  detail::Statement st(db_, sql);
  detail::bind_search_words(st, folded_words);
  detail::bind_programs(st, programs, folded_words.size() + 1);
  std::vector<tracker::Credential> out;
  while (st.step()) {
    out.push_back(read(st));
  }
  return out;
}

tracker::CredentialId CredentialRepository::insert(const tracker::Credential& c) {
  detail::Statement st(db_,
                       "INSERT INTO credentials (credential_number, program, issued_on, "
                       "first_name, last_name, email, applicant_id, application_id, created_at, "
                       "date_of_birth, imported_expires_on, search_key) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id");
  st.bind(1, c.number);
  st.bind(2, c.program);
  st.bind(3, core::format_iso(c.issued_on));
  st.bind(4, c.first_name);
  st.bind(5, c.last_name);
  detail::bind_text(st, 6, c.email);
  if (c.applicant) {
    st.bind(7, c.applicant->value);
  } else {
    st.bind(7);
  }
  if (c.application) {
    st.bind(8, c.application->value);
  } else {
    st.bind(8);
  }
  st.bind(9, c.created_at);
  detail::bind_date(st, 10, c.date_of_birth);
  detail::bind_date(st, 11, c.imported_expires_on);
  st.bind(12, search_key(c));
  return tracker::CredentialId{st.insert_id()};
}

std::optional<tracker::Credential> CredentialRepository::find(const std::string& number) const {
  detail::Statement st(db_, by_number(columns));
  bind_number(st, number);
  if (!st.step()) {
    return std::nullopt;
  }
  return read(st);
}

CredentialRepository::Lookup::Lookup(const Database& db)
    : statement_(std::make_unique<detail::Statement>(db, by_number(columns))) {}
CredentialRepository::Lookup::~Lookup() = default;

std::optional<tracker::Credential> CredentialRepository::Lookup::find(const std::string& number) {
  auto& st = *statement_;
  st.reset();
  bind_number(st, number);
  if (!st.step()) {
    return std::nullopt;
  }
  return read(st);
}

std::optional<tracker::Credential>
CredentialRepository::find_by_id(tracker::CredentialId id) const {
  detail::Statement st(db_, select_columns + " WHERE id = ?1");
  st.bind(1, id.value);
  if (!st.step()) {
    return std::nullopt;
  }
  return read(st);
}

std::vector<tracker::Credential> CredentialRepository::list(const std::string& program) const {
  detail::Statement st(db_, select_columns + " WHERE program = ?1 OR ?1 IS NULL ORDER BY "
                                             "credential_number");
  detail::bind_text(st, 1, program);
  std::vector<tracker::Credential> out;
  while (st.step()) {
    out.push_back(read(st));
  }
  return out;
}

void CredentialRepository::renumber(tracker::CredentialId id, const std::string& number) {
  auto c = find_by_id(id);
  if (!c) {
    return;
  }
  c->number = number;
  detail::Statement st(db_, "UPDATE credentials SET credential_number = ?1, search_key = ?3 "
                            "WHERE id = ?2");
  st.bind(1, number);
  st.bind(2, id.value);
  st.bind(3, search_key(*c));
  st.exec();
}

std::vector<std::pair<tracker::Credential, tracker::Credential>>
CredentialRepository::look_alikes() const {
  // Every pair has a number that is not upper-case (the migration to one case left both as
  // they were): through credentials_lookalike, each such number with the upper-case one, then
  // with another such number.
  const std::string a = detail::credential_columns("a");
  const std::string b = detail::credential_columns("b");
  detail::Statement st(
      db_,
      "SELECT " + a + ", " + b +
          " FROM credentials a JOIN credentials b ON b.credential_number = "
          "upper(a.credential_number) "
          "WHERE a.credential_number <> upper(a.credential_number) UNION ALL SELECT " +
          a + ", " + b +
          " FROM credentials a JOIN credentials b ON b.credential_number <> "
          "upper(b.credential_number) AND upper(b.credential_number) = upper(a.credential_number) "
          "AND b.id > a.id WHERE a.credential_number <> upper(a.credential_number) "
          "ORDER BY 2, 14");
  std::vector<std::pair<tracker::Credential, tracker::Credential>> out;
  while (st.step()) {
    out.emplace_back(detail::read_credential(st, 0), detail::read_credential(st, 12));
  }
  return out;
}

std::int64_t CredentialRepository::count() const {
  return detail::scalar_int(db_, "SELECT count(*) FROM credentials");
}

std::string CredentialRepository::next_number(const std::string& program) {
  detail::Statement last(db_, "SELECT last_issued FROM credential_sequences WHERE program = ?1");
  last.bind(1, program);
  std::int64_t sequence = last.step() ? last.column(0).as_int64() : 0;
  // Imported credentials may already hold numbers of the same form: skip them.
  std::string number;
  do {
    number = tracker::credential_number(program, ++sequence);
  } while (find(number));
  detail::Statement save(db_,
                         "INSERT INTO credential_sequences (program, last_issued) VALUES (?1, ?2) "
                         "ON CONFLICT (program) DO UPDATE SET last_issued = excluded.last_issued");
  save.bind(1, program);
  save.bind(2, sequence);
  save.exec();
  return number;
}

namespace detail {

std::string credential_columns(std::string_view alias) {
  std::string out;
  for (const char* column :
       {"id", "credential_number", "program", "issued_on", "first_name", "last_name", "email",
        "applicant_id", "application_id", "created_at", "date_of_birth", "imported_expires_on"}) {
    out += (out.empty() ? "" : ", ") + std::string(alias) + "." + column;
  }
  return out;
}

tracker::Credential read_credential(detail::Statement& st, int first) {
  const auto column = [&](int i) { return st.column(first + i); };
  tracker::Credential c;
  c.id = tracker::CredentialId{column(0).as_int64()};
  c.number = column(1).as_string();
  c.program = column(2).as_string();
  c.issued_on = date(column(3));
  c.first_name = text(column(4));
  c.last_name = text(column(5));
  c.email = text(column(6));
  if (!column(7).is_null()) {
    c.applicant = tracker::ApplicantId{column(7).as_int64()};
  }
  if (!column(8).is_null()) {
    c.application = tracker::ApplicationId{column(8).as_int64()};
  }
  c.created_at = text(column(9));
  c.date_of_birth = optional_date(column(10));
  c.imported_expires_on = optional_date(column(11));
  return c;
}

} // namespace detail

} // namespace peercert::store

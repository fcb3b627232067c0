#include "store/ApplicantRepository.hpp"

#include "store/detail/Sql.hpp"

#include "core/Text.hpp"

#include <array>
#include <variant>

namespace peercert::store {

namespace {

using rules::FactId;
using rules::FactKind;

// Columns after id: the person, every fact (named as in the facts JSON, in all_facts()
// order; the criminal history check's date is one of them), then what dates the registry
// check and where they work.
constexpr std::array<std::string_view, 4> person_columns{"first_name", "last_name", "email",
                                                         "phone"};
constexpr std::array<std::string_view, 6> tail_columns{
    "registry_check_on", "employer", "hired_on", "created_at", "updated_at", "erased_at"};
/// What peercert folds from the person's names and email (core::search_fold), to find them
/// by: written beside them, never read back into an Applicant.
constexpr std::array<std::string_view, 3> key_columns{"search_key", "name_key", "email_key"};
constexpr int first_fact = 1 + static_cast<int>(person_columns.size());
constexpr int first_tail = first_fact + static_cast<int>(rules::fact_count);
constexpr int first_key = first_tail + static_cast<int>(tail_columns.size());
constexpr int id_after_keys = first_key + static_cast<int>(key_columns.size());

std::string quoted(std::string_view name) { return "\"" + std::string(name) + "\""; }

/// "first_name", …, "updated_at": every column after id, quoted ("references" is an SQL word).
std::vector<std::string> field_columns() {
  std::vector<std::string> out;
  for (auto c : person_columns) {
    out.push_back(quoted(c));
  }
  for (const auto& f : rules::all_facts()) {
    out.push_back(quoted(f.name));
  }
  for (auto c : tail_columns) {
    out.push_back(quoted(c));
  }
  return out;
}

const std::string& select_sql() {
  static const std::string sql =
      "SELECT id, " + core::join(field_columns(), ", ") + " FROM applicants";
  return sql;
}

const std::string& insert_sql() {
  static const std::string sql = [] {
    const auto columns = field_columns();
    std::vector<std::string> params;
    for (std::size_t i = 1; i <= columns.size() + key_columns.size(); ++i) {
      params.push_back("?" + std::to_string(i));
    }
    return "INSERT INTO applicants (" + core::join(columns, ", ") +
           ", search_key, name_key, email_key) VALUES (" + core::join(params, ", ") +
           ") RETURNING id";
  }();
  return sql;
}

const std::string& update_sql() {
  static const std::string sql = [] {
    const auto columns = field_columns();
    std::vector<std::string> sets;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      sets.push_back(columns[i] + " = ?" + std::to_string(i + 1));
    }
    for (std::size_t i = 0; i < key_columns.size(); ++i) {
      sets.push_back(std::string(key_columns[i]) + " = ?" +
                     std::to_string(first_key + static_cast<int>(i)));
    }
    return "UPDATE applicants SET " + core::join(sets, ", ") + " WHERE id = ?" +
           std::to_string(id_after_keys);
  }();
  return sql;
}

void bind_fact(detail::Statement& st, int index, const rules::FactValue& value) {
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          st.bind(index);
        } else if constexpr (std::is_same_v<T, core::Date>) {
          st.bind(index, core::format_iso(v));
        } else if constexpr (std::is_same_v<T, rules::Education>) {
          st.bind(index, std::string(rules::to_string(v)));
        } else if constexpr (std::is_same_v<T, bool>) {
          st.bind(index, v ? 1 : 0);
        } else if constexpr (std::is_same_v<T, rules::CheckStatus>) {
          st.bind(index, std::string(rules::to_string(v)));
        } else if constexpr (std::is_same_v<T, core::Hours>) {
          st.bind(index, static_cast<std::int64_t>(v.hundredths()));
        } else {
          st.bind(index, static_cast<std::int64_t>(v.value));
        }
      },
      value);
}

rules::FactValue read_fact(const detail::Column& c, const rules::FactInfo& info) {
  if (c.is_null()) {
    return std::monostate{};
  }
  const auto malformed = [&]() -> StoreError {
    return StoreError("The database holds a malformed value in column " + std::string(info.name) +
                      ".");
  };
  switch (info.kind) {
  case FactKind::date:
    return detail::date(c);
  case FactKind::education:
    if (auto e = rules::education_from_name(c.as_string())) {
      return *e;
    }
    throw malformed();
  case FactKind::yes_no:
    return c.as_int() != 0;
  case FactKind::check:
    if (auto s = rules::check_status_from_name(c.as_string())) {
      return *s;
    }
    throw malformed();
  case FactKind::hours:
    return core::Hours::from_hundredths(c.as_int64());
  case FactKind::count:
    return rules::Count{c.as_int64()};
  }
  throw malformed();
}

/// Binds every column after id, from index 1.
void bind_fields(detail::Statement& st, const tracker::Applicant& a) {
  detail::bind_text(st, 1, a.first_name);
  detail::bind_text(st, 2, a.last_name);
  detail::bind_text(st, 3, a.email);
  detail::bind_text(st, 4, a.phone);
  int index = first_fact;
  for (const auto& f : rules::all_facts()) {
    bind_fact(st, index++, a.facts.get(f.id));
  }
  detail::bind_date(st, first_tail, a.registry_check_on);
  detail::bind_text(st, first_tail + 1, a.employer);
  detail::bind_date(st, first_tail + 2, a.hired_on);
  detail::bind_text(st, first_tail + 3, a.created_at);
  detail::bind_text(st, first_tail + 4, a.updated_at);
  detail::bind_text(st, first_tail + 5, a.erased_at);
  st.bind(first_key, core::search_fold(a.first_name + " " + a.last_name + " " + a.email));
  st.bind(first_key + 1, core::search_fold(a.first_name + " " + a.last_name));
  if (a.email.empty()) {
    st.bind(first_key + 2);
  } else {
    st.bind(first_key + 2, core::search_fold(a.email));
  }
}

tracker::Applicant read(detail::Statement& st) {
  tracker::Applicant a;
  a.id = tracker::ApplicantId{st.column(0).as_int64()};
  a.first_name = detail::text(st.column(1));
  a.last_name = detail::text(st.column(2));
  a.email = detail::text(st.column(3));
  a.phone = detail::text(st.column(4));
  int index = first_fact;
  for (const auto& f : rules::all_facts()) {
    a.facts.set(f.id, read_fact(st.column(index++), f));
  }
  a.registry_check_on = detail::optional_date(st.column(first_tail));
  a.employer = detail::text(st.column(first_tail + 1));
  a.hired_on = detail::optional_date(st.column(first_tail + 2));
  a.created_at = detail::text(st.column(first_tail + 3));
  a.updated_at = detail::text(st.column(first_tail + 4));
  a.erased_at = detail::text(st.column(first_tail + 5));
  return a;
}

} // namespace

tracker::ApplicantId ApplicantRepository::insert(const tracker::Applicant& a) {
  detail::Statement st(db_, insert_sql());
  bind_fields(st, a);
  return tracker::ApplicantId{st.insert_id()};
}

void ApplicantRepository::update(const tracker::Applicant& a) {
  detail::Statement st(db_, update_sql());
  bind_fields(st, a);
  st.bind(id_after_keys, a.id.value);
  st.exec();
}

std::optional<tracker::Applicant> ApplicantRepository::find(tracker::ApplicantId id) const {
  detail::Statement st(db_, select_sql() + " WHERE id = ?1");
  st.bind(1, id.value);
  if (!st.step()) {
    return std::nullopt;
  }
  return read(st);
}

std::vector<tracker::Applicant> ApplicantRepository::list() const {
  detail::Statement st(db_, select_sql() + " ORDER BY id");
  std::vector<tracker::Applicant> out;
  while (st.step()) {
    out.push_back(read(st));
  }
  return out;
}

std::vector<tracker::Applicant>
ApplicantRepository::search(const std::vector<std::string>& folded_words, std::size_t limit) const {
  std::string sql = select_sql() + " WHERE 1 = 1";
  sql += detail::search_conditions(folded_words.size());
  sql += " ORDER BY last_name, first_name, id LIMIT " + std::to_string(limit);
  detail::Statement st(db_, sql);
  detail::bind_search_words(st, folded_words);
  std::vector<tracker::Applicant> out;
  while (st.step()) {
    out.push_back(read(st));
  }
  return out;
}

std::vector<tracker::Applicant>
ApplicantRepository::likely_duplicates(const tracker::Applicant& a) const {
  // Same name (folded) and the same date of birth, or the same email.
  detail::Statement st(db_, select_sql() +
                                " WHERE id <> ?1 AND erased_at IS NULL AND ((name_key = ?2 "
                                "AND date_of_birth = ?3) OR email_key = ?4) ORDER BY id");
  st.bind(1, a.id.value);
  st.bind(2, core::search_fold(a.first_name + " " + a.last_name));
  const auto& dob = a.facts.get(rules::FactId::date_of_birth);
  if (const auto* d = std::get_if<core::Date>(&dob)) {
    st.bind(3, core::format_iso(*d));
  } else {
    st.bind(3);
  }
  if (a.email.empty()) {
    st.bind(4);
  } else {
    st.bind(4, core::search_fold(a.email));
  }
  std::vector<tracker::Applicant> out;
  while (st.step()) {
    out.push_back(read(st));
  }
  return out;
}

std::int64_t ApplicantRepository::count() const {
  return detail::scalar_int(db_, "SELECT count(*) FROM applicants");
}

std::vector<std::string> ApplicantRepository::programs_of(tracker::ApplicantId id) const {
  detail::Statement st(db_, "SELECT program FROM applications WHERE applicant_id = ?1 UNION "
                            "SELECT program FROM exams WHERE applicant_id = ?1 UNION "
                            "SELECT c.program FROM cohort_members m JOIN cohorts c ON "
                            "c.id = m.cohort_id WHERE m.applicant_id = ?1 UNION "
                            "SELECT program FROM credentials WHERE applicant_id = ?1 "
                            "ORDER BY 1");
  st.bind(1, id.value);
  std::vector<std::string> out;
  while (st.step()) {
    out.push_back(st.column(0).as_string());
  }
  return out;
}

} // namespace peercert::store

#pragma once

#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <optional>
#include <vector>

namespace peercert::store {

/// Applicants: their facts, contact details and employment.
class ApplicantRepository {
public:
  explicit ApplicantRepository(const Database& db) : db_(db) {}

  tracker::ApplicantId insert(const tracker::Applicant& a);
  void update(const tracker::Applicant& a);
  std::optional<tracker::Applicant> find(tracker::ApplicantId id) const;
  std::vector<tracker::Applicant> list() const;
  std::int64_t count() const;
  /// The programs an applicant has applied to, sat an exam of, been in a cohort of or holds a
  /// credential of, sorted.
  std::vector<std::string> programs_of(tracker::ApplicantId id) const;
  /// Applicants whose folded names and email contain every one of `folded_words`.
  std::vector<tracker::Applicant> search(const std::vector<std::string>& folded_words,
                                         std::size_t limit) const;
  /// Others on file who are likely the same person: the same name (folded) and date of
  /// birth, or the same email.
  std::vector<tracker::Applicant> likely_duplicates(const tracker::Applicant& a) const;

private:
  const Database& db_;
};

} // namespace peercert::store

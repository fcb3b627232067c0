#pragma once

#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <vector>

namespace peercert::store {

/// Proctored exam results.
class ExamRepository {
public:
  explicit ExamRepository(const Database& db) : db_(db) {}

  tracker::ExamId insert(const tracker::ExamResult& e);
  /// An applicant's results, oldest first; all programs when `program` is empty.
  std::vector<tracker::ExamResult> for_applicant(tracker::ApplicantId applicant,
                                                 const std::string& program = {}) const;

private:
  const Database& db_;
};

} // namespace peercert::store

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

private:
  const Database& db_;
};

} // namespace peercert::store

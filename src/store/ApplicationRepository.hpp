#pragma once

#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <optional>
#include <vector>

namespace peercert::store {

/// Certification applications to a board.
class ApplicationRepository {
public:
  explicit ApplicationRepository(const Database& db) : db_(db) {}

  tracker::ApplicationId insert(const tracker::CertApplication& a);
  /// Saves the status and decision date.
  void update(const tracker::CertApplication& a);
  /// Records the board's denial of a submitted application.
  void deny(tracker::ApplicationId id, core::Date on, const std::string& reason,
            const std::string& created_at);
  std::optional<tracker::CertApplication> find(tracker::ApplicationId id) const;
  /// All applications, or one applicant's when given; oldest first.
  std::vector<tracker::CertApplication>
  list(std::optional<tracker::ApplicantId> applicant = std::nullopt) const;

private:
  const Database& db_;
};

} // namespace peercert::store

#pragma once

#include "renewal/Renewal.hpp"
#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <string>
#include <vector>

namespace peercert::store {

/// The specialties credentials hold or held (schema 17).
class SpecialtyRepository {
public:
  explicit SpecialtyRepository(const Database& db) : db_(db) {}

  /// Every specialty the credential holds or held, in the order recorded.
  std::vector<renewal::Endorsement> of(tracker::CredentialId credential) const;
  void insert(tracker::CredentialId credential, const std::string& specialty, core::Date since,
              const std::string& created_at);
  /// Ends the specialty the credential holds; false when it holds none of that id.
  bool end(tracker::CredentialId credential, const std::string& specialty, core::Date on,
           const std::string& reason);

private:
  const Database& db_;
};

} // namespace peercert::store

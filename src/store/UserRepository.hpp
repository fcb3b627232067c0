#pragma once

#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <optional>
#include <vector>

namespace peercert::store {

/// Staff users of the web pages.
class UserRepository {
public:
  explicit UserRepository(const Database& db) : db_(db) {}

  std::int64_t insert(const tracker::User& u);
  /// Saves the role and password hash.
  void update(const tracker::User& u);
  std::optional<tracker::User> find(const std::string& name) const;
  std::vector<tracker::User> list() const;

private:
  const Database& db_;
};

} // namespace peercert::store

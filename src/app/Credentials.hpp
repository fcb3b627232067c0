#pragma once

#include "app/Actor.hpp"
#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace peercert::app {

/// A holder's details as staff type them: the fields given change, the others stay.
struct HolderFields {
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::optional<std::string> email;
};

/// Credentials and their holders: finding them and keeping their details right.
class Credentials {
public:
  Credentials(const store::Database& db, Actor actor);

  /// Changes a holder's names or email, audited with the values before and after.
  tracker::Credential update_holder(const std::string& number, const HolderFields& fields);
  /// Holders whose name, email or number contain every word of `text`, case- and
  /// accent-insensitively, by last name; at most `limit`.
  std::vector<tracker::Credential> search(std::string_view text, std::size_t limit = 100) const;

private:
  const store::Database& db_;
  Actor actor_;
};

} // namespace peercert::app

#pragma once

#include "store/Database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace peercert::store {

/// A staff user's TOTP, as stored.
struct SecondFactorRow {
  std::int64_t user_id = 0;
  std::string secret;         ///< base32; empty until enrolment is confirmed
  std::string pending_secret; ///< base32; shown at enrolment, until its first code
  std::int64_t last_step = 0; ///< the 30-second step of the last code taken
  std::string enrolled_at;
};

/// Staff users' second factors and recovery codes.
class SecondFactorRepository {
public:
  explicit SecondFactorRepository(const Database& db) : db_(db) {}

  std::optional<SecondFactorRow> find(std::int64_t user_id) const;
  void save(const SecondFactorRow& row);
  /// Takes the step only if it is later than the one stored: two requests with one code, at
  /// once, cannot both succeed.
  bool take_step(std::int64_t user_id, std::int64_t step);
  /// Removes the user's second factor and recovery codes.
  void clear(std::int64_t user_id);
  /// Replaces the user's recovery codes with these hashes.
  void replace_codes(std::int64_t user_id, const std::vector<std::string>& hashes);
  /// Marks the unused code with this hash used at `at`; false when there is none.
  bool use_code(std::int64_t user_id, const std::string& hash, const std::string& at);
  std::size_t unused_codes(std::int64_t user_id) const;

private:
  const Database& db_;
};

} // namespace peercert::store

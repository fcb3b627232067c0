#pragma once

#include "store/Database.hpp"
#include "tracker/Settings.hpp"

#include <string>

namespace peercert::store {

/// The board's settings (schema 18): one row per setting set.
class SettingsRepository {
public:
  explicit SettingsRepository(const Database& db) : db_(db) {}

  /// Every setting; those never set are empty.
  tracker::BoardSettings load() const;
  /// Sets `key` to `value`, or clears it where `value` is empty.
  void store(const std::string& key, const std::string& value, const std::string& updated_at);

private:
  const Database& db_;
};

} // namespace peercert::store

#pragma once

#include "app/Actor.hpp"
#include "store/Database.hpp"
#include "tracker/Settings.hpp"

#include <string>

namespace peercert::app {

/// The board's settings: read by reminders, certificates and pages; set by staff, audited.
class Settings {
public:
  Settings(const store::Database& db, const Actor& actor) : db_(db), actor_(actor) {}

  tracker::BoardSettings show() const;
  /// Sets one setting (an empty value clears it); a key that is not a setting or a value it
  /// cannot take is an input error naming the key, and nothing is written.
  void set(const std::string& key, const std::string& value);

private:
  const store::Database& db_;
  const Actor& actor_;
};

} // namespace peercert::app

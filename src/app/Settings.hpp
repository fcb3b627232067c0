#pragma once

#include "app/Actor.hpp"
#include "store/Database.hpp"
#include "tracker/Settings.hpp"

#include <string>
#include <utility>

namespace peercert::app {

/// The board's settings: read by reminders, certificates and pages; set by staff, audited.
class Settings {
public:
  Settings(const store::Database& db, Actor actor) : db_(db), actor_(std::move(actor)) {}

  tracker::BoardSettings show() const;
  /// Sets one setting (an empty value clears it); a key that is not a setting or a value it
  /// cannot take is an input error naming the key, and nothing is written.
  void set(const std::string& key, const std::string& value);

private:
  const store::Database& db_;
  Actor actor_;
};

} // namespace peercert::app

#include "app/Settings.hpp"

#include "app/Audit.hpp"
#include "core/Error.hpp"
#include "report/CheckReport.hpp"
#include "store/SettingsRepository.hpp"

namespace peercert::app {

tracker::BoardSettings Settings::show() const {
  const store::ReadTransaction snapshot(db_);
  return store::SettingsRepository(db_).load();
}

void Settings::set(const std::string& key, const std::string& value) {
  if (const auto problem = tracker::setting_problem(key, value)) {
    throw core::InputError(*problem, key);
  }
  if (!actor_.scope.everything()) {
    throw core::InputError("The settings are the whole installation's: only a user of every "
                           "board changes them.");
  }
  store::Transaction tx(db_);
  store::SettingsRepository repo(db_);
  const auto before = repo.load();
  repo.store(key, value, actor_.now());
  // Settings are the board's own words, never personal data: the audit keeps both values.
  const auto as_json = [&](const std::string& v) {
    return v.empty() ? std::string{} : report::Json{{key, v}}.dump();
  };
  Audit(db_, actor_)
      .record("setting.set", "setting", key, as_json(*before.find(key)), as_json(value));
  tx.commit();
}

} // namespace peercert::app

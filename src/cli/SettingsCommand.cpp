#include "cli/Commands.hpp"

#include "app/Settings.hpp"
#include "report/CheckReport.hpp"
#include "report/Text.hpp"

#include <iostream>
#include <memory>

namespace peercert::cli {

namespace {

struct SettingsOptions {
  std::string key;
  std::string value;
  std::string format;
};

int run_settings_show(const SettingsOptions& opts, const app::Settings& settings) {
  const auto all = settings.show();
  if (opts.format == "json") {
    report::Json j = report::Json::object();
    for (const auto& key : tracker::setting_keys()) {
      const auto& value = *all.find(key);
      j[key] = value.empty() ? report::Json(nullptr) : report::Json(value);
    }
    std::cout << j.dump(2) << '\n';
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& key : tracker::setting_keys()) {
    const auto& value = *all.find(key);
    rows.push_back({key, value.empty() ? "(not set)" : value});
  }
  std::cout << report::render_table({"SETTING", "VALUE"}, rows);
  return 0;
}

int run_settings_set(const SettingsOptions& opts, app::Settings& settings) {
  settings.set(opts.key, opts.value);
  std::cout << (opts.value.empty() ? "Cleared " + opts.key + ".\n" : "Set " + opts.key + ".\n");
  return 0;
}

} // namespace

void setup_settings(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto* cmd = app.add_subcommand("settings", "What the board says about itself: its name, "
                                             "contact, address, where to renew, its public "
                                             "address")
                  ->require_subcommand(1);
  cmd->footer("Reminder emails end with board_name, contact, address and renew_url; the\n"
              "certificate's QR code opens public_url + /verify?number=….");
  {
    auto o = std::make_shared<SettingsOptions>();
    auto* sub = cmd->add_subcommand("show", "List the settings");
    add_format(sub, o->format, {"table", "json"});
    on_run(sub, o, global, action, [](const SettingsOptions& opts, const GlobalOptions& g) {
      Opened s(g, Access::read);
      return run_settings_show(opts, s.services.settings);
    });
  }
  {
    auto o = std::make_shared<SettingsOptions>();
    auto* sub = cmd->add_subcommand("set", "Set one setting; an empty VALUE (\"\") clears it");
    one_of(sub->add_option("key", o->key, "board_name, contact, address, renew_url or public_url")
               ->required(),
           tracker::setting_keys())
        ->type_name("KEY");
    sub->add_option("value", o->value,
                    "The value, one line (renew_url and public_url: a web "
                    "address starting with https://)")
        ->required();
    on_run(sub, o, global, action, [](const SettingsOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_settings_set(opts, s.services.settings);
    });
  }
}

} // namespace peercert::cli

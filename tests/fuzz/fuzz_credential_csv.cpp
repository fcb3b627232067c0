// A board's holders for `credential import`: imported whole with their first periods, or
// refused with every bad row's line; the reminder report then runs over them.
#include "FuzzSupport.hpp"
#include "app/CeLog.hpp"
#include "app/Credentials.hpp"
#include "app/Lifecycle.hpp"
#include "report/ReminderReport.hpp"
#include "report/RenewalReport.hpp"
#include "rules/ProgramCatalog.hpp"
#include "store/Database.hpp"

#include <sstream>

using namespace peercert;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static rules::ProgramCatalog programs(PEERCERT_FUZZ_RULES_DIR);
  const core::Date today{date::year{2026} / date::November / 24};
  const app::Actor actor{"fuzz", [] { return std::string("2026-11-24T12:00:00Z"); }};
  auto db = fuzz::fresh_database([](const store::Database&) {});
  app::Credentials credentials(db, programs, actor);
  app::CeLog ce_log(db, programs, actor);
  app::Lifecycle lifecycle(db, programs, actor);
  fuzz::expect_answer([&] {
    std::istringstream csv(std::string(fuzz::text(data, size)));
    credentials.import_credentials(csv, "holders", today);
  });
  fuzz::expect_answer([&] {
    const auto rows = lifecycle.reminders(today, {365, {}, {}});
    (void)report::reminders_json(rows).dump();
    (void)report::reminders_csv(rows);
    (void)report::reminders_table(rows);
  });
  return 0;
}

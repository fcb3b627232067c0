// A provider's CE roster: imported whole, or refused (or, with --skip-invalid, kept in part)
// with every bad row's line; the entries stored then list and judge as JSON.
#include "FuzzSupport.hpp"
#include "app/CeLog.hpp"
#include "app/Credentials.hpp"
#include "app/Lifecycle.hpp"
#include "report/RenewalReport.hpp"
#include "rules/ProgramCatalog.hpp"
#include "store/Database.hpp"

#include <sstream>

using namespace peercert;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static rules::ProgramCatalog programs(PEERCERT_FUZZ_RULES_DIR);
  const core::Date today{date::year{2026} / date::November / 24};
  const app::Actor actor{"fuzz", [] { return std::string("2026-11-24T12:00:00Z"); }};
  auto db = fuzz::fresh_database([&](const store::Database& fresh) {
    std::istringstream holders(
        "credential_number,program,issued_on,first_name,last_name,email,expires_on\n"
        "MO-CPS-000001,MO-CPS,2024-02-29,A,B,,\nPA-CPS-000002,PA-CPS,2016-01-01,C,D,,2026-07-14\n");
    app::Credentials(fresh, programs, actor).import_credentials(holders, "holders", today);
  });
  app::CeLog ce_log(db, programs, actor);
  app::Lifecycle lifecycle(db, programs, actor);
  const bool skip = size > 0 && (data[0] & 1U) != 0;
  fuzz::expect_answer([&] {
    std::istringstream roster(std::string(fuzz::text(data, size)));
    std::ostringstream rejects;
    app::ImportOptions options;
    options.skip_invalid = skip;
    options.rejects = &rejects;
    ce_log.import_ce(roster, "roster", today, options);
  });
  for (const char* number : {"MO-CPS-000001", "PA-CPS-000002"}) {
    fuzz::expect_answer([&] {
      const auto view = lifecycle.status(number, today);
      (void)report::status_json(view).dump();
      (void)report::ce_json(view.credential, ce_log.ce_lines(view.credential)).dump();
    });
  }
  return 0;
}

#include "app/Services.hpp"

namespace peercert::app {

Services::Services(const store::Database& db, const rules::ProgramCatalog& programs,
                   const Actor& actor)
    : applicants(db, programs, actor), cohorts(db, programs, actor),
      certification(db, programs, actor), credentials(db, programs, actor),
      ce_log(db, programs, actor), lifecycle(db, programs, actor), ce_audits(db, programs, actor),
      notifier(db, programs, actor), privacy(db, programs, actor), users(db, actor),
      second_factor(db, actor), verification(db, programs, actor.scope), settings(db, actor),
      certificates(db, programs, actor), audit_trail(db, actor), web_state(db),
      boards(db, programs, actor) {}

} // namespace peercert::app

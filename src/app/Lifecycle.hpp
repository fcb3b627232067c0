#pragma once

#include "app/Actor.hpp"
#include "renewal/Renewal.hpp"
#include "report/RenewalReport.hpp"
#include "rules/ProgramCatalog.hpp"
#include "store/Database.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace peercert::app {

/// A renewal, or an initial certificate's extension, as staff file it.
struct RenewalRequest {
  std::string number;
  core::Date on;
  core::Money fee_paid;
  bool extend = false;
  std::optional<core::Date> background_check_on; ///< fresh checks, where the program asks
  std::optional<core::Date> registry_check_on;
  std::optional<int> years{}; ///< the length chosen, where the program's holders choose it
};

struct RenewalFiled {
  tracker::RenewalRecord record;
  renewal::Period next; ///< the period the credential continues into
  std::vector<std::string> notes;
  /// Specialties ended because the cycle lacked their CE (DESIGN.md, "Specialties").
  std::vector<const rules::Specialty*> specialties_ended;
};

struct Reinstated {
  tracker::StatusChange change;
  std::vector<renewal::Period> periods; ///< the cycles it continues into, where it had expired
  core::Money fee_due;
  report::StatusView now;
};

/// Which credentials the reminder report covers (DESIGN.md, "Which credentials the report and
/// notify cover").
struct ReminderQuery {
  std::optional<int> within;             ///< days; empty: each program's reminder window
  std::vector<renewal::Status> statuses; ///< empty: every status but the ones staff set
  std::string program;                   ///< empty: every program
  bool everyone = false; ///< every credential, whatever its window and status: the register
  /// Only credentials whose current period ends on or after this day.
  std::optional<core::Date> expiring_from{};
};

/// The query of the 12-month chart beside the rows of `rows`: the credentials whose current
/// period ends from the first day of `as_of`'s month to the last of the twelfth, under the same
/// programs and statuses, whatever window the rows use.
ReminderQuery chart_query(core::Date as_of, const ReminderQuery& rows);

/// A credential's life: where it stands, its periods and status changes, renewals and
/// extensions filed, statuses staff set, reinstatement, and who the reminders are for.
class Lifecycle {
public:
  Lifecycle(const store::Database& db, const rules::ProgramCatalog& programs, Actor actor);

  tracker::Credential credential(const std::string& number) const;
  /// Where a credential stands on `as_of`.
  report::StatusView status(const std::string& number, core::Date as_of) const;
  /// The same with its timeline and status changes: `credential show`, the staff page.
  report::CredentialFile credential_file(const std::string& number, core::Date as_of) const;
  /// Every period from the first to the current one, each judged up to `as_of` (or its end).
  std::vector<report::CycleRow> history(const tracker::Credential& c, core::Date as_of) const;
  /// Files the renewal of the current period (or, with `extend`, an initial certificate's
  /// extension): judged by renewal::judge_filing, refused with one sentence otherwise.
  RenewalFiled file(const RenewalRequest& request, core::Date as_of);
  /// Sets a status staff decide (inactive, suspended, revoked, or active again) with its
  /// reason, from `on`.
  report::StatusView set_status(const std::string& number, renewal::State state, core::Date on,
                                const std::string& reason, core::Date as_of);
  /// Records a specialty the credential holds from `on` (DESIGN.md, "Specialties"): refused
  /// unless it is active, due soon or initial then and does not hold it already.
  report::StatusView endorse(const std::string& number, const std::string& specialty, core::Date on,
                             core::Date as_of);
  /// Ends a specialty the credential holds, from `on`, with the reason.
  report::StatusView end_specialty(const std::string& number, const std::string& specialty,
                                   core::Date on, const std::string& reason, core::Date as_of);
  /// Reinstates an inactive credential where the program defines reactivation.
  Reinstated reinstate(const std::string& number, core::Date on, core::Money fee_paid,
                       core::Date as_of);
  /// The credentials the reminder report covers on `as_of`, soonest expiry first (then by
  /// number).
  std::vector<report::StatusView> reminders(core::Date as_of, const ReminderQuery& query) const;
  /// The same, each handed to `each` as it is judged, in the same order: a report of hundreds
  /// of thousands of rows written as it is made, never held whole.
  void reminders(core::Date as_of, const ReminderQuery& query,
                 const std::function<void(report::StatusView&&)>& each) const;

private:
  report::StatusView view(const tracker::Credential& c, core::Date as_of) const;

  const store::Database& db_;
  const rules::ProgramCatalog& programs_;
  Actor actor_;
};

} // namespace peercert::app

#include "app/Lifecycle.hpp"
#include "app/Audit.hpp"
#include "app/Credentials.hpp"

#include "app/CsvImport.hpp"
#include "app/Fields.hpp"

#include "app/History.hpp"
#include "core/Csv.hpp"
#include "core/Error.hpp"
#include "report/ReminderReport.hpp"
#include "report/TrackerReport.hpp"
#include "store/ApplicantRepository.hpp"
#include "store/AuditLog.hpp"
#include "store/CeRepository.hpp"
#include "store/CeTotals.hpp"
#include "store/CredentialLayout.hpp"
#include "store/CredentialRepository.hpp"
#include "store/LifecycleRepository.hpp"
#include "store/SpecialtyRepository.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <istream>
#include <map>
#include <ostream>
#include <unordered_map>

namespace peercert::app {

namespace {

using core::InputError;

report::Json renewal_json(const tracker::RenewalRecord& r, const std::string& number) {
  report::Json out;
  out["credential_number"] = number;
  out["cycle"] = r.cycle;
  out["filed_on"] = core::format_iso(r.filed_on);
  out["fee_due"] = r.fee_due ? report::exact_number(*r.fee_due) : nullptr;
  out["fee_paid"] = report::exact_number(r.fee_paid);
  out["late"] = r.late;
  out["background_check_on"] =
      r.background_check_on ? report::Json(core::format_iso(*r.background_check_on)) : nullptr;
  out["registry_check_on"] =
      r.registry_check_on ? report::Json(core::format_iso(*r.registry_check_on)) : nullptr;
  return out;
}

/// The status change that set the status in force, for its reason.
std::optional<tracker::StatusChange>
change_in_force(const std::vector<tracker::StatusChange>& changes,
                const renewal::CredentialStatus& status) {
  if (!status.set) {
    return std::nullopt;
  }
  std::optional<tracker::StatusChange> out;
  for (const auto& c : changes) {
    if (c.on <= status.set->on) {
      out = c;
    }
  }
  return out;
}

report::Json period_json(const renewal::Period& p) {
  report::Json out;
  out["number"] = p.number;
  out["began"] = std::string(renewal::to_string(p.began));
  out["starts_on"] = core::format_iso(p.cycle.start);
  out["expires_on"] = core::format_iso(p.cycle.expires_on);
  return out;
}

report::Json change_json(const tracker::StatusChange& c, const std::string& number) {
  report::Json out;
  out["credential_number"] = number;
  out.update(report::status_change_json(c));
  return out;
}

} // namespace

Lifecycle::Lifecycle(const store::Database& db, const rules::ProgramCatalog& programs, Actor actor)
    : db_(db), programs_(programs), actor_(std::move(actor)) {}

tracker::Credential Lifecycle::credential(const std::string& number) const {
  return credential_on_file(db_, number, actor_.scope);
}

report::StatusView Lifecycle::view(const tracker::Credential& c, core::Date as_of) const {
  const auto& program = programs_.get(c.program);
  const auto history = load_history(db_, c);
  const auto entries = entries_of(store::CeRepository(db_).for_credential(c.id));
  auto standing = renewal::standing(program, history, entries, as_of);
  const auto changes = store::LifecycleRepository(db_).changes(c.id);
  auto in_force = change_in_force(changes, standing);
  return {c, &program, std::move(standing), as_of, std::move(in_force)};
}

report::StatusView Lifecycle::status(const std::string& number, core::Date as_of) const {
  return view(credential(number), as_of);
}

report::CredentialFile Lifecycle::credential_file(const std::string& number,
                                                  core::Date as_of) const {
  const auto c = credential(number);
  report::CredentialFile out;
  out.status = view(c, as_of);
  out.cycles = history(c, as_of);
  out.changes = store::LifecycleRepository(db_).changes(c.id);
  return out;
}

std::vector<report::CycleRow> Lifecycle::history(const tracker::Credential& c,
                                                 core::Date as_of) const {
  const auto& program = programs_.get(c.program);
  const auto h = load_history(db_, c);
  const auto entries = entries_of(store::CeRepository(db_).for_credential(c.id));
  std::vector<report::CycleRow> out;
  for (std::size_t k = 0; k < h.periods.size(); ++k) {
    const bool current = k + 1 == h.periods.size();
    out.push_back(
        {renewal::period_progress(program, h, k, entries, as_of), current, !current, h.periods[k]});
  }
  return out;
}

RenewalFiled Lifecycle::file(const RenewalRequest& request, core::Date as_of) {
  not_after(request.on, as_of, "on");
  return store::in_transaction(db_, [&] {
    const auto c = credential(request.number);
    const auto& program = programs_.get(c.program);
    const auto history = load_history(db_, c);
    const auto& current = history.periods.back();
    renewal::FilingRequest filing{request.on, request.fee_paid, request.extend, {}, request.years};
    // Fresh checks: passed within the period, as given now or on the holder's applicant file.
    if (const auto* fresh = program.renewal.fresh_checks.in_force(current.cycle.start);
        fresh != nullptr && !request.extend) {
      std::optional<tracker::Applicant> holder;
      if (c.applicant) {
        holder = store::ApplicantRepository(db_).find(*c.applicant);
      }
      for (auto check : fresh->value) {
        auto given = check == rules::FactId::background_check ? request.background_check_on
                                                              : request.registry_check_on;
        if (!given && holder) {
          const auto* status = holder->facts.get_if<rules::CheckStatus>(check);
          if (status != nullptr && *status == rules::CheckStatus::passed) {
            if (check == rules::FactId::registry_check) {
              given = holder->registry_check_on;
            } else if (const auto* on =
                           holder->facts.get_if<core::Date>(rules::FactId::background_check_on)) {
              given = *on;
            }
          }
        }
        filing.checks.emplace_back(check, given);
      }
    }
    const auto entries = entries_of(store::CeRepository(db_).for_credential(c.id));
    const auto decided = renewal::judge_filing(program, history, entries, filing, c.number);

    tracker::RenewalRecord r;
    r.credential = c.id;
    r.cycle = current.number;
    r.filed_on = request.on;
    r.fee_due = decided.fee_due;
    r.fee_paid = request.fee_paid;
    r.late = decided.late;
    r.background_check_on = request.background_check_on;
    r.registry_check_on = request.registry_check_on;
    r.created_at = actor_.now();
    r.id = store::RenewalRepository(db_).insert(r);
    store::LifecycleRepository(db_).insert_period(c.id, decided.next, r.created_at);
    decide_ce_periods(db_, program, c);
    auto what = renewal_json(r, c.number);
    what["next"] = period_json(decided.next);
    if (request.years) {
      what["years"] = *request.years;
    }
    Audit audit(db_, actor_);
    audit.record(request.extend ? "renewal.extend" : "renewal.file", "credential", c.number, "",
                 what.dump());
    RenewalFiled out{r, decided.next, decided.notes, {}};
    // The base renews; a specialty whose CE the cycle lacks ends on the filing day.
    store::SpecialtyRepository specialties(db_);
    for (const auto& id : decided.specialties_ended) {
      const std::string reason = "its continuing education was short when the renewal was filed";
      specialties.end(c.id, id, request.on, reason);
      audit.record("credential.specialty_end", "credential", c.number, "",
                   report::Json{{"credential_number", c.number},
                                {"specialty", id},
                                {"ended_on", core::format_iso(request.on)},
                                {"reason", reason}}
                       .dump());
      out.specialties_ended.push_back(program.specialty(id));
    }
    return out;
  });
}

report::StatusView Lifecycle::set_status(const std::string& number, renewal::State state,
                                         core::Date on, const std::string& reason,
                                         core::Date as_of) {
  not_after(on, as_of, "on");
  const std::string why = one_line(reason, "reason", 300, true);
  return store::in_transaction(db_, [&] {
    const auto c = credential(number);
    const auto before = view(c, on);
    renewal::judge_status_change(load_history(db_, c), state, on, c.number);
    const tracker::StatusChange change{
        0,           c.id, std::string(renewal::to_string(state)), on, why, false, std::nullopt,
        actor_.now()};
    store::LifecycleRepository(db_).insert_change(change);
    report::Json was;
    was["status"] = std::string(renewal::to_string(before.status.status));
    Audit(db_, actor_)
        .record("credential.set_status", "credential", c.number, was.dump(),
                change_json(change, c.number).dump());
    return view(c, as_of);
  });
}

report::StatusView Lifecycle::endorse(const std::string& number, const std::string& specialty,
                                      core::Date on, core::Date as_of) {
  not_after(on, as_of, "on");
  const std::string id = one_line(specialty, "specialty", 100, true);
  return store::in_transaction(db_, [&] {
    const auto c = credential(number);
    const auto& program = programs_.get(c.program);
    const auto history = load_history(db_, c);
    const auto entries = entries_of(store::CeRepository(db_).for_credential(c.id));
    renewal::judge_endorsement(program, history, entries, id, on, c.number);
    store::SpecialtyRepository(db_).insert(c.id, id, on, actor_.now());
    Audit(db_, actor_)
        .record("credential.endorse", "credential", c.number, "",
                report::Json{{"credential_number", c.number},
                             {"specialty", id},
                             {"since", core::format_iso(on)}}
                    .dump());
    return view(c, as_of);
  });
}

report::StatusView Lifecycle::end_specialty(const std::string& number, const std::string& specialty,
                                            core::Date on, const std::string& reason,
                                            core::Date as_of) {
  not_after(on, as_of, "on");
  const std::string id = one_line(specialty, "specialty", 100, true);
  const std::string why = one_line(reason, "reason", 300, true);
  return store::in_transaction(db_, [&] {
    const auto c = credential(number);
    renewal::judge_endorsement_end(load_history(db_, c), id, on, c.number);
    store::SpecialtyRepository(db_).end(c.id, id, on, why);
    Audit(db_, actor_)
        .record("credential.specialty_end", "credential", c.number, "",
                report::Json{{"credential_number", c.number},
                             {"specialty", id},
                             {"ended_on", core::format_iso(on)},
                             {"reason", why}}
                    .dump());
    return view(c, as_of);
  });
}

Reinstated Lifecycle::reinstate(const std::string& number, core::Date on, core::Money fee_paid,
                                core::Date as_of) {
  not_after(on, as_of, "on");
  return store::in_transaction(db_, [&] {
    const auto c = credential(number);
    const auto& program = programs_.get(c.program);
    const auto history = load_history(db_, c);
    const auto decided = renewal::judge_reinstatement(program, history, on, fee_paid, c.number);
    store::LifecycleRepository lifecycle(db_);
    const std::string now = actor_.now();
    const tracker::StatusChange change{
        0,    c.id,     "active", on, "reinstated with the " + decided.fee_due.to_string() + " fee",
        true, fee_paid, now};
    lifecycle.insert_change(change);
    for (const auto& p : decided.next) {
      lifecycle.insert_period(c.id, p, now);
    }
    decide_ce_periods(db_, program, c);
    auto what = change_json(change, c.number);
    what["fee_due"] = report::exact_number(decided.fee_due);
    what["periods"] = report::Json::array();
    for (const auto& p : decided.next) {
      what["periods"].push_back(period_json(p));
    }
    report::Json was;
    was["status"] = "inactive";
    Audit(db_, actor_)
        .record("credential.reinstate", "credential", c.number, was.dump(), what.dump());
    return Reinstated{change, decided.next, decided.fee_due, view(c, as_of)};
  });
}

std::vector<report::StatusView> Lifecycle::reminders(core::Date as_of,
                                                     const ReminderQuery& query) const {
  std::vector<report::StatusView> out;
  reminders(as_of, query, [&out](report::StatusView&& v) { out.push_back(std::move(v)); });
  return out;
}

void Lifecycle::reminders(core::Date as_of, const ReminderQuery& query,
                          const std::function<void(report::StatusView&&)>& each) const {
  const store::ReadTransaction snapshot(db_);
  store::LifecycleRepository lifecycle(db_);
  std::map<std::int64_t, std::vector<tracker::StatusChange>> changes;
  for (auto& change : lifecycle.all_changes()) {
    changes[change.credential.value].push_back(std::move(change));
  }
  store::CeTotals totals(db_);
  // The credential layout gives the window in the report's order, each row handed on at once;
  // the register and the statuses asked for are read in credential order, and sorted first.
  const bool in_order = query.statuses.empty() && !query.everyone;
  std::vector<report::StatusView> out;
  const auto found_one = [&](report::StatusView&& v) {
    if (in_order) {
      each(std::move(v));
    } else {
      out.push_back(std::move(v));
    }
  };
  // `periods` and `sums` are read only when the window (or a status asked for) may include it.
  const auto consider = [&](tracker::Credential c, const renewal::Period& period,
                            const auto& periods, const auto& sums) {
    if (!programs_.has(c.program) || !actor_.scope.sees(c.program) ||
        (query.expiring_from && period.cycle.expires_on < *query.expiring_from)) {
      return;
    }
    const auto& program = programs_.get(c.program);
    const auto found = changes.find(c.id.value);
    const auto& mine =
        found == changes.end() ? std::vector<tracker::StatusChange>{} : found->second;
    // Without a status asked for, the window decides before any CE is read.
    const int within = query.within ? *query.within : renewal::reminder_window(program, as_of);
    const bool in_window = renewal::in_reminder_window(program, period, as_of, within);
    if (query.statuses.empty() && !in_window && !query.everyone) {
      return;
    }
    renewal::History h{dates_of(c), periods(c.id), events_of(mine)};
    if (h.periods.empty() || h.periods.back().number != period.number) {
      return; // renewed since: its current period is judged where it ends
    }
    auto standing = renewal::standing(program, h, sums(c.id), as_of);
    if (!query.everyone && !renewal::reminder_covers(standing.status, in_window, query.statuses)) {
      return;
    }
    auto in_force = change_in_force(mine, standing);
    found_one(report::StatusView{std::move(c), &program, std::move(standing), as_of,
                                 std::move(in_force)});
  };
  if (in_order) {
    // Only periods that can be in the window: read through the index on the last valid day.
    std::vector<store::ExpiryRange> ranges;
    for (const auto& id : query.program.empty() ? programs_.ids() : std::vector{query.program}) {
      if (!programs_.has(id) || !actor_.scope.sees(id)) {
        continue;
      }
      const auto& program = programs_.get(id);
      const int within = query.within ? *query.within : renewal::reminder_window(program, as_of);
      auto [first, last] = renewal::reminder_expiry_range(program, as_of, within);
      if (query.expiring_from) {
        first = std::max(first, *query.expiring_from);
      }
      if (first <= last) {
        ranges.push_back({id, first, last});
      }
    }
    store::CredentialLayout(db_).expiring(ranges, as_of, [&](store::Expiring&& e) {
      consider(
          std::move(e.credential), e.period,
          [&](tracker::CredentialId) { return std::move(e.periods); },
          [&](tracker::CredentialId) { return std::move(e.totals); });
    });
  } else {
    std::map<std::int64_t, renewal::Period> current;
    for (auto& [id, period] : lifecycle.current_periods()) {
      current.emplace(id.value, std::move(period));
    }
    const auto periods = [&](tracker::CredentialId id) { return lifecycle.periods(id); };
    const auto sums = [&](tracker::CredentialId id) { return totals.for_credential(id, as_of); };
    for (auto& c : store::CredentialRepository(db_).list(query.program)) {
      if (const auto period = current.find(c.id.value); period != current.end()) {
        consider(std::move(c), period->second, periods, sums);
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const report::StatusView& a, const report::StatusView& b) {
    return std::tie(a.status.period.cycle.expires_on, a.credential.number) <
           std::tie(b.status.period.cycle.expires_on, b.credential.number);
  });
  for (auto& v : out) {
    each(std::move(v));
  }
}

ReminderQuery chart_query(core::Date as_of, const ReminderQuery& rows) {
  ReminderQuery chart{report::expiry_chart_days(as_of), rows.statuses, rows.program};
  chart.expiring_from = as_of.year() / as_of.month() / date::day{1};
  return chart;
}

} // namespace peercert::app

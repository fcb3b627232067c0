#include "app/History.hpp"

#include "core/Error.hpp"
#include "store/ApplicantRepository.hpp"
#include "store/CeRepository.hpp"
#include "store/CredentialRepository.hpp"
#include "store/LifecycleRepository.hpp"
#include "store/SpecialtyRepository.hpp"

#include <spdlog/spdlog.h>

namespace peercert::app {

std::vector<renewal::CeEntry> entries_of(const std::vector<tracker::CeRecord>& records) {
  std::vector<renewal::CeEntry> out;
  out.reserve(records.size());
  for (const auto& r : records) {
    out.push_back({r.completed_on, r.hours, r.category, r.delivery, std::nullopt});
  }
  return out;
}

renewal::CredentialDates dates_of(const tracker::Credential& c) {
  return {c.issued_on, c.imported_expires_on, c.date_of_birth};
}

std::vector<renewal::StatusEvent> events_of(const std::vector<tracker::StatusChange>& changes) {
  std::vector<renewal::StatusEvent> out;
  out.reserve(changes.size());
  for (const auto& change : changes) {
    const auto state = renewal::state_from_name(change.status);
    if (!state) {
      throw store::StoreError("The database holds an unknown credential status.");
    }
    out.push_back({change.on, *state, change.reinstatement});
  }
  return out;
}

renewal::History load_history(const store::Database& db, const tracker::Credential& c) {
  auto h = load_history(store::LifecycleRepository(db), c);
  h.endorsed = store::SpecialtyRepository(db).of(c.id);
  return h;
}

renewal::History load_history(const store::LifecycleRepository& repo,
                              const tracker::Credential& c) {
  renewal::History h{dates_of(c), repo.periods(c.id), events_of(repo.changes(c.id))};
  if (h.periods.empty()) {
    throw core::Error("The database has no certificate periods for " + c.number + "; its program " +
                      c.program + " is not in the rules directory.");
  }
  return h;
}

void decide_ce_periods(const store::Database& db, const rules::Program& program,
                       const tracker::Credential& c) {
  const auto history = load_history(db, c);
  store::CeRepository(db).decide_periods(
      c.id, [&](core::Date on) { return renewal::counts_in(program, history, on); });
}

renewal::Period start_life(const store::Database& db, const tracker::Credential& c,
                           const rules::Program& program, renewal::Began began, bool initial,
                           const std::string& created_at) {
  const auto first = renewal::first_period(program, dates_of(c), began, initial);
  store::LifecycleRepository(db).insert_period(c.id, first, created_at);
  return first;
}

namespace {

/// The entries stored before entries recorded their period (schema 15), decided now.
void decide_stored_entries(const store::Database& db, const rules::ProgramCatalog& programs) {
  store::CeRepository ce(db);
  const auto pending = ce.periods_to_decide();
  if (pending.empty()) {
    return;
  }
  store::in_transaction(db, [&] {
    store::CredentialRepository credentials(db);
    for (const auto id : pending) {
      const auto c = credentials.find_by_id(id);
      if (c && programs.has(c->program)) {
        decide_ce_periods(db, programs.get(c->program), *c);
      }
    }
  });
  spdlog::debug("recorded the CE periods of {} credentials", pending.size());
}

} // namespace

void bring_forward(const store::Database& db, const rules::ProgramCatalog& programs,
                   const Actor& actor) {
  store::LifecycleRepository lifecycle(db);
  if (lifecycle.without_periods().empty()) {
    decide_stored_entries(db, programs);
    return;
  }
  store::in_transaction(db, [&] {
    store::CredentialRepository credentials(db);
    store::RenewalRepository renewals(db);
    const std::string now = actor.now();
    std::size_t written = 0;
    for (const auto id : lifecycle.without_periods()) {
      const auto c = credentials.find_by_id(id);
      if (!c || !programs.has(c->program)) {
        continue;
      }
      auto dates = dates_of(*c);
      if (!dates.date_of_birth && c->applicant) {
        if (const auto holder = store::ApplicantRepository(db).find(*c->applicant)) {
          if (const auto* dob = holder->facts.get_if<core::Date>(rules::FactId::date_of_birth)) {
            dates.date_of_birth = *dob;
          }
        }
      }
      const auto& program = programs.get(c->program);
      try {
        const int renewed = static_cast<int>(renewals.for_credential(id).size());
        for (const auto& p : renewal::renewed_history(program, dates, renewed).periods) {
          lifecycle.insert_period(id, p, now);
        }
      } catch (const core::InputError& e) {
        spdlog::warn("the cycles of {} cannot be written yet: {}", c->number, e.what());
        continue;
      }
      lifecycle.mark_with_periods(id);
      ++written;
    }
    spdlog::debug("wrote the certificate periods of {} credentials", written);
  });
  // Such a database's entries are still to decide (migration 0015 listed them all): now that
  // their periods are written, they are.
  decide_stored_entries(db, programs);
}

} // namespace peercert::app

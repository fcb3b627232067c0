#include "app/Renewals.hpp"
#include "app/Audit.hpp"

#include "app/CsvImport.hpp"
#include "app/Fields.hpp"

#include "app/Lifecycle.hpp"
#include "core/Csv.hpp"
#include "core/Error.hpp"
#include "report/TrackerReport.hpp"
#include "store/ApplicantRepository.hpp"
#include "store/AuditLog.hpp"
#include "store/CeRepository.hpp"
#include "store/CeTotals.hpp"
#include "store/CredentialRepository.hpp"
#include "store/LifecycleRepository.hpp"

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

constexpr std::array<std::string_view, 7> ce_columns{
    "credential_number", "completed_on", "hours", "category", "delivery", "provider", "title"};

/// The checked parts of a CE entry other than its credential.
struct CeFields {
  core::Date completed_on;
  core::Hours hours;
  rules::CeCategory category{};
  rules::CeDelivery delivery{};
  std::string provider;
  std::string title;
};

CeFields parse_fields(const CeText& t, core::Date as_of) {
  CeFields f;
  f.completed_on = core::parse_date_field(trimmed(t.completed_on), "completed_on");
  not_after(f.completed_on, as_of, "completed_on");
  const std::string hours = trimmed(t.hours);
  const auto h = core::Hours::parse(hours.starts_with('-') ? hours.substr(1) : hours);
  if (!h) {
    throw InputError::about("hours", "must be a number with at most two decimals, such as 1.5.");
  }
  if (hours.starts_with('-') || *h == core::Hours{} || *h > core::Hours::whole(24)) {
    throw InputError::about("hours", "must be more than 0 and at most 24 in a day.");
  }
  f.hours = *h;
  const auto category = rules::ce_category_from_name(trimmed(t.category));
  if (!category) {
    std::string names;
    for (auto c : rules::all_ce_categories()) {
      names += (names.empty() ? "" : ", ") + std::string(rules::to_string(c));
    }
    throw InputError::about("category", "must be one of " + names + ".");
  }
  f.category = *category;
  const auto delivery = rules::ce_delivery_from_name(trimmed(t.delivery));
  if (!delivery) {
    throw InputError::about("delivery", "must be live or self_study.");
  }
  f.delivery = *delivery;
  f.provider = one_line(t.provider, "provider", 300, true);
  f.title = one_line(t.title, "title", 300, true);
  return f;
}

/// Refuses a category the credential's program does not name (DESIGN.md, "CE categories").
void check_category(const rules::Program& program, rules::CeCategory category) {
  if (program.accepts(category)) {
    return;
  }
  std::string names;
  for (auto c : program.ce_categories()) {
    names += (names.empty() ? "" : ", ") + std::string(rules::to_string(c));
  }
  throw InputError::about("category", "must be one of " + names + " for " + program.id + ".");
}

tracker::CeRecord record_of(tracker::CredentialId id, const CeFields& f, std::string created_at) {
  tracker::CeRecord r;
  r.credential = id;
  r.completed_on = f.completed_on;
  r.hours = f.hours;
  r.category = f.category;
  r.delivery = f.delivery;
  r.provider = f.provider;
  r.title = f.title;
  r.created_at = std::move(created_at);
  return r;
}

std::vector<renewal::CeEntry> entries_of(const std::vector<tracker::CeRecord>& records) {
  std::vector<renewal::CeEntry> out;
  out.reserve(records.size());
  for (const auto& r : records) {
    out.push_back({r.completed_on, r.hours, r.category, r.delivery, std::nullopt});
  }
  return out;
}

report::Json ce_record_json(const tracker::CeRecord& e, const std::string& number) {
  report::Json out;
  out["credential_number"] = number;
  out["completed_on"] = core::format_iso(e.completed_on);
  out["hours"] = report::exact_number(e.hours);
  out["category"] = std::string(rules::to_string(e.category));
  out["delivery"] = std::string(rules::to_string(e.delivery));
  out["provider"] = e.provider;
  out["title"] = e.title;
  return out;
}

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

} // namespace

Renewals::Renewals(const store::Database& db, const rules::ProgramCatalog& programs, Actor actor)
    : db_(db), programs_(programs), actor_(std::move(actor)) {}

tracker::Credential Renewals::credential(const std::string& number) const {
  if (auto c = store::CredentialRepository(db_).find(trimmed(number))) {
    return *c;
  }
  throw InputError("There is no credential " + trimmed(number) + ".");
}

bool Renewals::log_ce(const CeText& text, core::Date as_of) {
  const auto fields = parse_fields(text, as_of);
  return store::in_transaction(db_, [&] {
    const auto c = credential(text.credential_number);
    check_category(programs_.get(c.program), fields.category);
    const auto entry = record_of(c.id, fields, actor_.now());
    if (!store::CeRepository(db_).insert(entry)) {
      return false;
    }
    Audit(db_, actor_)
        .record("ceu.log", "credential", c.number, "", ce_record_json(entry, c.number).dump());
    return true;
  });
}

namespace {

report::Json ce_entry_json(const tracker::CeRecord& e, const std::string& number) {
  report::Json out;
  out["id"] = e.id;
  out.update(ce_record_json(e, number));
  out["voided_at"] = e.voided_at.empty() ? report::Json(nullptr) : report::Json(e.voided_at);
  out["void_reason"] = e.void_reason.empty() ? report::Json(nullptr) : report::Json(e.void_reason);
  return out;
}

} // namespace

tracker::CeRecord Renewals::ce_entry(std::int64_t id) const {
  if (auto e = store::CeRepository(db_).find(id)) {
    return *e;
  }
  throw InputError("There is no CE entry " + std::to_string(id) + ".");
}

tracker::CeRecord Renewals::void_ce(std::int64_t id, const std::string& reason) {
  const std::string why = one_line(reason, "reason", 500, true);
  return store::in_transaction(db_, [&] {
    const auto before = ce_entry(id);
    if (before.voided()) {
      throw InputError("CE entry " + std::to_string(id) + " was already voided at " +
                       before.voided_at + ".");
    }
    const auto c = store::CredentialRepository(db_).find_by_id(before.credential);
    auto after = before;
    after.voided_at = actor_.now();
    after.void_reason = why;
    store::CeRepository(db_).void_entry(id, after.voided_at, why);
    Audit(db_, actor_)
        .record("ceu.void", "ce_entry", std::to_string(id), ce_entry_json(before, c->number).dump(),
                ce_entry_json(after, c->number).dump(), "credential:" + c->number,
                {{"credential", c->number}});
    return after;
  });
}

tracker::CeRecord Renewals::edit_ce(std::int64_t id, const CeEdit& edit, core::Date as_of) {
  return store::in_transaction(db_, [&] {
    const auto before = ce_entry(id);
    if (before.voided()) {
      throw InputError("CE entry " + std::to_string(id) + " is voided: log a new entry instead.");
    }
    const auto c = store::CredentialRepository(db_).find_by_id(before.credential);
    CeText text{c->number,
                edit.completed_on.value_or(core::format_iso(before.completed_on)),
                edit.hours.value_or(before.hours.to_string()),
                edit.category.value_or(std::string(rules::to_string(before.category))),
                edit.delivery.value_or(std::string(rules::to_string(before.delivery))),
                before.provider,
                edit.title.value_or(before.title)};
    const auto fields = parse_fields(text, as_of);
    check_category(programs_.get(c->program), fields.category);
    auto after = record_of(before.credential, fields, before.created_at);
    after.id = id;
    if (after.completed_on == before.completed_on && after.hours == before.hours &&
        after.category == before.category && after.delivery == before.delivery &&
        after.title == before.title) {
      throw InputError("Nothing to change: give --hours, --date, --category, --delivery or "
                       "--title with a new value.");
    }
    if (!store::CeRepository(db_).update(after)) {
      throw InputError("The same entry (day, provider, title and hours) is already on file for " +
                       c->number + ".");
    }
    Audit(db_, actor_)
        .record("ceu.edit", "ce_entry", std::to_string(id), ce_entry_json(before, c->number).dump(),
                ce_entry_json(after, c->number).dump(), "credential:" + c->number,
                {{"credential", c->number}});
    return after;
  });
}

CeImportOutcome Renewals::import_ce(std::istream& csv, const std::string& name, core::Date as_of,
                                    const CeImportOptions& options) {
  // An unreadable rules directory is said once, not for every row.
  programs_.ids();
  CeImportOutcome out;
  // Credential numbers seen in this import, so each is looked up once.
  struct Known {
    tracker::CredentialId id;
    const rules::Program* program = nullptr;
    bool added = false; ///< an entry of this import is added to it: a subject of the audit row
  };
  std::unordered_map<std::string, std::optional<Known>> known;
  store::Transaction tx(db_);
  store::CredentialRepository::Lookup credentials(db_);
  store::CeRepository::Inserter inserter(db_);
  const std::string created_at = actor_.now();
  const auto read = read_import(
      csv, name, {ce_columns},
      [&](const std::vector<std::string>& fields, std::size_t) {
        const CeText text{fields[0], fields[1], fields[2], fields[3],
                          fields[4], fields[5], fields[6]};
        const auto parsed = parse_fields(text, as_of);
        const std::string number = trimmed(fields[0]);
        auto it = known.find(number);
        if (it == known.end()) {
          const auto c = credentials.find(number);
          it = known
                   .emplace(number, c ? std::optional(Known{c->id, &programs_.get(c->program)})
                                      : std::nullopt)
                   .first;
        }
        if (!it->second) {
          throw InputError::about("credential_number", "is not on file.");
        }
        check_category(*it->second->program, parsed.category);
        if (inserter.insert(record_of(it->second->id, parsed, created_at))) {
          ++out.added;
          it->second->added = true;
        } else {
          ++out.unchanged;
        }
      },
      options.progress, options.progress_every);
  const auto& problems = read.problems;
  out.rows = read.records;
  out.rejected = problems.size();
  if (!problems.empty() && !options.skip_invalid) {
    refuse_import(name, problems);
  }
  if (options.rejects != nullptr) {
    std::string lines;
    core::append_csv_record(lines, {"line", "reason", "credential_number", "completed_on", "hours",
                                    "category", "delivery", "provider", "title"});
    for (const auto& p : problems) {
      std::vector<std::string> row{std::to_string(p.line), p.reason};
      row.insert(row.end(), p.fields.begin(), p.fields.end());
      core::append_csv_record(lines, row);
    }
    *options.rejects << lines;
  }
  report::Json what;
  what["file"] = name;
  what["rows"] = out.rows;
  what["added"] = out.added;
  what["already_on_file"] = out.unchanged;
  what["rejected"] = out.rejected;
  std::vector<std::pair<std::string, std::string>> subjects;
  for (const auto& [number, credential] : known) {
    if (credential && credential->added) {
      subjects.emplace_back("credential", number);
    }
  }
  std::sort(subjects.begin(), subjects.end());
  inserter.finish();
  Audit(db_, actor_)
      .record("ceu.import", "ce_import", name, "", what.dump(), {}, std::move(subjects));
  tx.commit();
  return out;
}

namespace {

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

std::vector<report::CeLine> Renewals::ce_lines(const tracker::Credential& c,
                                               bool with_voided) const {
  const auto history = load_history(db_, c);
  const auto& program = programs_.get(c.program);
  std::vector<report::CeLine> out;
  for (auto& e : store::CeRepository(db_).for_credential(c.id, with_voided)) {
    const auto cycle = renewal::counting_period(program, history, e.completed_on);
    out.push_back({std::move(e), cycle});
  }
  return out;
}

report::StatusView Renewals::view(const tracker::Credential& c, core::Date as_of) const {
  const auto& program = programs_.get(c.program);
  const auto history = load_history(db_, c);
  const auto entries = entries_of(store::CeRepository(db_).for_credential(c.id));
  auto standing = renewal::standing(program, history, entries, as_of);
  const auto changes = store::LifecycleRepository(db_).changes(c.id);
  auto in_force = change_in_force(changes, standing);
  return {c, &program, std::move(standing), as_of, std::move(in_force)};
}

report::StatusView Renewals::status(const std::string& number, core::Date as_of) const {
  return view(credential(number), as_of);
}

report::CredentialFile Renewals::credential_file(const std::string& number,
                                                 core::Date as_of) const {
  const auto c = credential(number);
  report::CredentialFile out;
  out.status = view(c, as_of);
  out.cycles = history(c, as_of);
  out.changes = store::LifecycleRepository(db_).changes(c.id);
  return out;
}

std::vector<report::CycleRow> Renewals::history(const tracker::Credential& c,
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

RenewalFiled Renewals::file(const RenewalRequest& request, core::Date as_of) {
  not_after(request.on, as_of, "on");
  return store::in_transaction(db_, [&] {
    const auto c = credential(request.number);
    const auto& program = programs_.get(c.program);
    const auto history = load_history(db_, c);
    const auto& current = history.periods.back();
    renewal::FilingRequest filing{request.on, request.fee_paid, request.extend, {}};
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
            given = check == rules::FactId::background_check ? holder->background_check_on
                                                             : holder->registry_check_on;
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
    auto what = renewal_json(r, c.number);
    what["next"] = period_json(decided.next);
    Audit(db_, actor_)
        .record(request.extend ? "renewal.extend" : "renewal.file", "credential", c.number, "",
                what.dump());
    return RenewalFiled{r, decided.next, decided.notes};
  });
}

report::StatusView Renewals::set_status(const std::string& number, renewal::State state,
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

Reinstated Renewals::reinstate(const std::string& number, core::Date on, core::Money fee_paid,
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

std::vector<report::StatusView> Renewals::reminders(core::Date as_of,
                                                    const ReminderQuery& query) const {
  const store::ReadTransaction snapshot(db_);
  store::LifecycleRepository lifecycle(db_);
  std::map<std::int64_t, std::vector<tracker::StatusChange>> changes;
  for (auto& change : lifecycle.all_changes()) {
    changes[change.credential.value].push_back(std::move(change));
  }
  store::CeTotals totals(db_);
  store::CeRepository ce(db_);
  std::vector<report::StatusView> out;
  // `periods` and `sums` are read only when the window (or a status asked for) may include it.
  const auto consider = [&](tracker::Credential c, const renewal::Period& period,
                            const auto& periods, const auto& sums) {
    if (!programs_.has(c.program)) {
      return;
    }
    const auto& program = programs_.get(c.program);
    const auto found = changes.find(c.id.value);
    const auto& mine =
        found == changes.end() ? std::vector<tracker::StatusChange>{} : found->second;
    // Without a status asked for, the window decides before any CE is read.
    const int within = query.within ? *query.within : renewal::reminder_window(program, as_of);
    const bool in_window = renewal::in_reminder_window(program, period, as_of, within);
    if (query.statuses.empty() && !in_window) {
      return;
    }
    renewal::History h{dates_of(c), periods(c.id), events_of(mine)};
    if (h.periods.empty() || h.periods.back().number != period.number) {
      return; // renewed since: its current period is judged where it ends
    }
    // The period totals answer unless one of them straddles a day the judgement counts from
    // (an --as-of before the latest entry counted, say): then the entries themselves do.
    auto standing = renewal::standing(program, h, sums(c.id), as_of);
    if (standing.current.split) {
      standing = renewal::standing(program, h, entries_of(ce.for_credential(c.id)), as_of);
    }
    if (!renewal::reminder_covers(standing.status, in_window, query.statuses)) {
      return;
    }
    auto in_force = change_in_force(mine, standing);
    out.push_back({std::move(c), &program, std::move(standing), as_of, std::move(in_force)});
  };
  if (query.statuses.empty()) {
    // Only periods that can be in the window: read through the index on the last valid day.
    std::vector<store::LifecycleRepository::ExpiryRange> ranges;
    for (const auto& id : query.program.empty() ? programs_.ids() : std::vector{query.program}) {
      if (!programs_.has(id)) {
        continue;
      }
      const auto& program = programs_.get(id);
      const int within = query.within ? *query.within : renewal::reminder_window(program, as_of);
      const auto [first, last] = renewal::reminder_expiry_range(program, as_of, within);
      ranges.push_back({id, first, last});
    }
    for (auto& e : lifecycle.expiring(ranges)) {
      consider(
          std::move(e.credential), e.period,
          [&](tracker::CredentialId) { return std::move(e.periods); },
          [&](tracker::CredentialId) { return std::move(e.totals); });
    }
  } else {
    std::map<std::int64_t, renewal::Period> current;
    for (auto& [id, period] : lifecycle.current_periods()) {
      current.emplace(id.value, std::move(period));
    }
    const auto periods = [&](tracker::CredentialId id) { return lifecycle.periods(id); };
    const auto sums = [&](tracker::CredentialId id) { return totals.for_credential(id); };
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
  return out;
}

report::Json totals_rebuild_json(const store::TotalsRebuild& done) {
  report::Json out;
  out["rows"] = done.rows;
  out["stale"] = done.stale;
  out["credentials"] = done.credentials;
  return out;
}

store::TotalsRebuild Renewals::rebuild_totals() {
  return store::in_transaction(db_, [&] {
    const auto done = store::CeTotals(db_).rebuild();
    Audit(db_, actor_)
        .record("db.rebuild_totals", "database", "ce_cycle_totals", "",
                totals_rebuild_json(done).dump());
    return done;
  });
}

} // namespace peercert::app

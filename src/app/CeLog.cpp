#include "app/CeLog.hpp"
#include "app/Audit.hpp"
#include "app/Credentials.hpp"

#include "app/CsvImport.hpp"
#include "app/Fields.hpp"
#include "core/Text.hpp"

#include "app/History.hpp"
#include "core/Csv.hpp"
#include "core/Error.hpp"
#include "report/TrackerReport.hpp"
#include "store/ApplicantRepository.hpp"
#include "store/AuditLog.hpp"
#include "store/CeRepository.hpp"
#include "store/CeTotals.hpp"
#include "store/CredentialRepository.hpp"
#include "store/LifecycleRepository.hpp"

#include <spdlog/spdlog.h>

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
constexpr std::array<std::string_view, 1> ce_dates{"completed_on"};

/// The checked parts of a CE entry as typed, as the record stored: every field but its
/// credential, its period and when it was written.
tracker::CeRecord parse_fields(const CeText& t, core::Date as_of) {
  tracker::CeRecord f;
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
  const auto category = rules::ce_category_from_name(core::identifier_form(t.category));
  if (!category) {
    std::string names;
    for (auto c : rules::all_ce_categories()) {
      names += (names.empty() ? "" : ", ") + std::string(rules::to_string(c));
    }
    throw InputError::about("category", "must be one of " + names + ".");
  }
  f.category = *category;
  const auto delivery = rules::ce_delivery_from_name(core::identifier_form(t.delivery));
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

/// Refuses an entry shorter than the program's shortest (Ohio: 1 hour), naming `hours`; where
/// the rule file marks that value to confirm, warns instead.
void check_length(const rules::Program& program, const tracker::CeRecord& fields) {
  const auto* shortest = program.renewal.shortest_entry.in_force(fields.completed_on);
  if (shortest == nullptr || fields.hours >= shortest->value) {
    return;
  }
  const std::string what = "must be at least " + shortest->value.to_short_string() +
                           (shortest->value == core::Hours::whole(1) ? " hour" : " hours") +
                           " for " + program.id;
  if (shortest->to_confirm) {
    spdlog::warn("hours {} by its rule file, which marks that value to confirm with the board; "
                 "the entry is kept.",
                 what);
    return;
  }
  throw InputError::about("hours", what + ".");
}

/// Refuses an entry the credential's program does not take: its category, its length.
void check_entry(const rules::Program& program, const tracker::CeRecord& fields) {
  check_category(program, fields.category);
  check_length(program, fields);
}

/// `fields` as an entry of credential `c`, written at `created_at`: with the period it counts
/// in, as renewal::counts_in decides over the credential's history.
tracker::CeRecord record_of(const tracker::Credential& c, const rules::Program& program,
                            const renewal::History& history, tracker::CeRecord fields,
                            std::string created_at) {
  fields.credential = c.id;
  fields.counts_in = renewal::counts_in(program, history, fields.completed_on);
  fields.created_at = std::move(created_at);
  return fields;
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

report::Json ce_entry_json(const tracker::CeRecord& e, const std::string& number) {
  report::Json out;
  out["id"] = e.id;
  out.update(ce_record_json(e, number));
  out["voided_at"] = e.voided_at.empty() ? report::Json(nullptr) : report::Json(e.voided_at);
  out["void_reason"] = e.void_reason.empty() ? report::Json(nullptr) : report::Json(e.void_reason);
  return out;
}

} // namespace

CeLog::CeLog(const store::Database& db, const rules::ProgramCatalog& programs, Actor actor)
    : db_(db), programs_(programs), actor_(std::move(actor)) {}

bool CeLog::log_ce(const CeText& text, core::Date as_of) {
  const auto fields = parse_fields(text, as_of);
  return store::in_transaction(db_, [&] {
    const auto c = credential_on_file(db_, text.credential_number, actor_.scope);
    const auto& program = programs_.get(c.program);
    check_entry(program, fields);
    const auto entry = record_of(c, program, load_history(db_, c), fields, actor_.now());
    if (!store::CeRepository(db_).insert(entry)) {
      return false;
    }
    Audit(db_, actor_)
        .record("ceu.log", "credential", c.number, "", ce_record_json(entry, c.number).dump());
    return true;
  });
}

tracker::CeRecord CeLog::ce_entry(std::int64_t id) const {
  if (auto e = store::CeRepository(db_).find(id)) {
    const auto c = store::CredentialRepository(db_).find_by_id(e->credential);
    if (c && actor_.scope.sees(c->program)) {
      return *e;
    }
  }
  throw InputError("There is no CE entry " + std::to_string(id) + ".");
}

tracker::CeRecord CeLog::void_ce(std::int64_t id, const std::string& reason) {
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

tracker::CeRecord CeLog::edit_ce(std::int64_t id, const CeEdit& edit, core::Date as_of) {
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
    const auto& program = programs_.get(c->program);
    check_entry(program, fields);
    auto after = record_of(*c, program, load_history(db_, *c), fields, before.created_at);
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

CeImportOutcome CeLog::import_ce(std::istream& csv, const std::string& name, core::Date as_of,
                                 const ImportOptions& options) {
  // An unreadable rules directory is said once, not for every row.
  programs_.ids();
  CeImportOutcome out;
  // Credential numbers seen in this import, so each is looked up once.
  struct Known {
    tracker::Credential credential;
    const rules::Program* program = nullptr;
    renewal::History history; ///< what decides the period each entry counts in
    bool added = false; ///< an entry of this import is added to it: a subject of the audit row
  };
  std::unordered_map<std::string, std::optional<Known>> known;
  store::Transaction tx(db_);
  store::CredentialRepository::Lookup credentials(db_);
  store::CeRepository::Inserter inserter(db_);
  const store::LifecycleRepository periods(db_);
  const std::string created_at = actor_.now();
  const auto read = read_import(
      csv, name, {ce_columns, {}, ce_dates},
      [&](const std::vector<std::string>& fields, std::size_t) {
        const CeText text{fields[0], fields[1], fields[2], fields[3],
                          fields[4], fields[5], fields[6]};
        const auto parsed = parse_fields(text, as_of);
        const std::string number = trimmed(fields[0]);
        auto it = known.find(number);
        if (it == known.end()) {
          auto c = credentials.find(number);
          if (c && !actor_.scope.sees(c->program)) {
            c.reset(); // another board's credential is not on file for this actor
          }
          std::optional<Known> k;
          if (c) {
            const auto* program = &programs_.get(c->program);
            auto history = load_history(periods, *c);
            k = Known{std::move(*c), program, std::move(history)};
          }
          it = known.emplace(number, std::move(k)).first;
        }
        if (!it->second) {
          throw InputError::about("credential_number", "is not on file.");
        }
        const auto& k = *it->second;
        check_entry(*k.program, parsed);
        if (inserter.insert(record_of(k.credential, *k.program, k.history, parsed, created_at))) {
          ++out.added;
          it->second->added = true;
        } else {
          ++out.unchanged;
        }
      },
      options);
  const auto& problems = read.problems;
  out.rows = read.records;
  out.rejected = problems.size();
  if (!problems.empty() && !options.skip_invalid) {
    refuse_import(name, problems);
  }
  if (options.rejects != nullptr) {
    write_rejects(*options.rejects, {ce_columns}, problems);
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
  if (!options.dry_run) {
    tx.commit();
  }
  return out;
}

std::vector<report::CeLine> CeLog::ce_lines(const tracker::Credential& c, bool with_voided) const {
  const auto history = load_history(db_, c);
  const auto& program = programs_.get(c.program);
  std::vector<report::CeLine> out;
  for (auto& e : store::CeRepository(db_).for_credential(c.id, with_voided)) {
    const auto cycle = renewal::counting_period(program, history, e.completed_on);
    out.push_back({std::move(e), cycle});
  }
  return out;
}

store::TotalsRebuild CeLog::rebuild_totals() {
  return store::in_transaction(db_, [&] {
    auto done = store::CeTotals(db_).rebuild();
    done.layout = store::CredentialLayout(db_).rebuild();
    Audit(db_, actor_)
        .record("db.rebuild_totals", "database", "ce_cycle_totals", "",
                totals_rebuild_json(done).dump());
    return done;
  });
}

report::Json totals_rebuild_json(const store::TotalsRebuild& done) {
  report::Json out;
  out["rows"] = done.rows;
  out["stale"] = done.stale;
  out["credentials"] = done.credentials;
  out["layout_rows"] = done.layout.rows;
  out["layout_stale"] = done.layout.stale;
  return out;
}

} // namespace peercert::app

#include "app/Renewals.hpp"

#include "app/CsvImport.hpp"
#include "app/Fields.hpp"

#include "core/Csv.hpp"
#include "core/Error.hpp"
#include "report/TrackerReport.hpp"
#include "store/ApplicantRepository.hpp"
#include "store/AuditLog.hpp"
#include "store/CeRepository.hpp"
#include "store/CredentialRepository.hpp"

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
    throw InputError("hours must be a number with at most two decimals, such as 1.5.");
  }
  if (hours.starts_with('-') || *h == core::Hours{} || *h > core::Hours::whole(24)) {
    throw InputError("hours must be more than 0 and at most 24 in a day.");
  }
  f.hours = *h;
  const auto category = rules::ce_category_from_name(trimmed(t.category));
  if (!category) {
    std::string names;
    for (auto c : rules::all_ce_categories()) {
      names += (names.empty() ? "" : ", ") + std::string(rules::to_string(c));
    }
    throw InputError("category must be one of " + names + ".");
  }
  f.category = *category;
  const auto delivery = rules::ce_delivery_from_name(trimmed(t.delivery));
  if (!delivery) {
    throw InputError("delivery must be live or self_study.");
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
  throw InputError("category must be one of " + names + " for " + program.id + ".");
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
    out.push_back({r.completed_on, r.hours, r.category, r.delivery});
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
    store::AuditLog(db_).append({0, actor_.now(), actor_.name, "ceu.log", "credential", c.number,
                                 "", ce_record_json(entry, c.number).dump()});
    return true;
  });
}

CeImportOutcome Renewals::import_ce(std::istream& csv, const std::string& name, core::Date as_of,
                                    const CeImportOptions& options) {
  CeImportOutcome out;
  // Credential numbers seen in this import, so each is looked up once.
  struct Known {
    tracker::CredentialId id;
    const rules::Program* program = nullptr;
  };
  std::unordered_map<std::string, std::optional<Known>> known;
  store::Transaction tx(db_);
  store::CredentialRepository credentials(db_);
  store::CeRepository::Inserter inserter(db_);
  const std::string created_at = actor_.now();
  const auto read = read_import(
      csv, name, ce_columns,
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
          throw InputError("credential_number is not on file.");
        }
        check_category(*it->second->program, parsed.category);
        if (inserter.insert(record_of(it->second->id, parsed, created_at))) {
          ++out.added;
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
  store::AuditLog(db_).append(
      {0, actor_.now(), actor_.name, "ceu.import", "ce_import", name, "", what.dump()});
  tx.commit();
  return out;
}

renewal::Schedule Renewals::schedule(const tracker::Credential& c,
                                     const rules::Program& program) const {
  renewal::CredentialDates dates{c.issued_on, {}, {}};
  if (program.renewal.cycle.kind == rules::CycleKind::birthday && c.applicant) {
    if (const auto holder = store::ApplicantRepository(db_).find(*c.applicant)) {
      if (const auto* dob = holder->facts.get_if<core::Date>(rules::FactId::date_of_birth)) {
        dates.date_of_birth = *dob;
      }
    }
  }
  return renewal::Schedule(program, dates);
}

std::vector<report::CeLine> Renewals::ce_lines(const tracker::Credential& c) const {
  const auto plan = schedule(c, programs_.get(c.program));
  std::vector<report::CeLine> out;
  for (auto& e : store::CeRepository(db_).for_credential(c.id)) {
    const auto k = plan.cycle_of(e.completed_on);
    out.push_back({std::move(e), k ? std::optional(plan.cycle(*k)) : std::nullopt});
  }
  return out;
}

report::StatusView Renewals::status(const std::string& number, core::Date as_of) const {
  const auto c = credential(number);
  const auto& program = programs_.get(c.program);
  const int filed = static_cast<int>(store::RenewalRepository(db_).for_credential(c.id).size());
  const auto entries = entries_of(store::CeRepository(db_).for_credential(c.id));
  return {c, &program, renewal::status(program, schedule(c, program), filed, entries, as_of),
          as_of};
}

std::vector<report::CycleRow> Renewals::history(const tracker::Credential& c,
                                                core::Date as_of) const {
  const auto& program = programs_.get(c.program);
  const auto plan = schedule(c, program);
  const int current = static_cast<int>(store::RenewalRepository(db_).for_credential(c.id).size());
  const auto entries = entries_of(store::CeRepository(db_).for_credential(c.id));
  std::vector<report::CycleRow> out;
  for (int k = 0; k <= current; ++k) {
    const auto cycle = plan.cycle(k);
    out.push_back(
        {renewal::progress(program, plan, cycle, entries, std::min(as_of, cycle.expires_on)),
         k == current, k < current});
  }
  return out;
}

RenewalFiled Renewals::file(const std::string& number, core::Date on, core::Money fee_paid,
                            std::optional<core::Date> background_check_on,
                            std::optional<core::Date> registry_check_on, core::Date as_of) {
  not_after(on, as_of, "filed_on");
  return store::in_transaction(db_, [&] {
    const auto c = credential(number);
    const auto& program = programs_.get(c.program);
    store::RenewalRepository renewals(db_);
    const int k = static_cast<int>(renewals.for_credential(c.id).size());
    const auto plan = schedule(c, program);
    const auto current = plan.cycle(k);
    const auto window = renewal::renewal_window(program, current);
    if (on < window.opens) {
      throw InputError("The renewal window of " + c.number + " opens on " +
                       core::format_iso(window.opens) + ", before it expires on " +
                       core::format_iso(current.expires_on) + ".");
    }
    if (on > window.closes) {
      throw InputError(window.late_allowed
                           ? c.number + " expired on " + core::format_iso(current.expires_on) +
                                 " and its late renewal window closed on " +
                                 core::format_iso(window.closes) + "."
                           : c.number + " expired on " + core::format_iso(current.expires_on) +
                                 " and the rules of " + program.id + " allow no late renewal.");
    }
    const bool late = on > current.expires_on;
    const auto entries = entries_of(store::CeRepository(db_).for_credential(c.id));
    const auto progress = renewal::progress(program, plan, current, entries, on);

    std::vector<std::string> missing;
    RenewalFiled out;
    if (!progress.requirements_met()) {
      missing.push_back("continuing education of " + renewal::describe_needed(progress.needed));
    }
    std::optional<core::Money> fee_due;
    if (const auto* fee = program.renewal.fee.in_force(on)) {
      fee_due = fee->value;
      const bool in_grace = window.grace_until && on <= *window.grace_until;
      if (late && !in_grace) {
        if (const auto* extra = program.renewal.late_fee.in_force(on)) {
          fee_due = core::Money::from_cents(fee_due->cents() + extra->value.cents());
        }
      }
      if (fee_paid < *fee_due) {
        missing.push_back("the " + fee_due->to_string() +
                          (late ? " renewal and late fee" : " renewal fee") + " (paid " +
                          fee_paid.to_string() + ")");
      }
    } else {
      out.notes.push_back("The rule file of " + program.id +
                          " defines no renewal fee; the amount paid is recorded as given.");
    }
    // Fresh checks: passed within the cycle, as given now or on the holder's applicant file.
    if (const auto* fresh = program.renewal.fresh_checks.in_force(current.start)) {
      std::optional<tracker::Applicant> holder;
      if (c.applicant) {
        holder = store::ApplicantRepository(db_).find(*c.applicant);
      }
      for (auto check : fresh->value) {
        auto& given =
            check == rules::FactId::background_check ? background_check_on : registry_check_on;
        if (!given && holder) {
          const auto* status = holder->facts.get_if<rules::CheckStatus>(check);
          const auto& dated = check == rules::FactId::background_check ? holder->background_check_on
                                                                       : holder->registry_check_on;
          if (status != nullptr && *status == rules::CheckStatus::passed) {
            given = dated;
          }
        }
        if (!given || *given < current.start || *given > on) {
          missing.push_back("a " + std::string(rules::fact_info(check).noun) + " passed between " +
                            core::format_iso(current.start) + " and " + core::format_iso(on));
        }
      }
    }
    if (!missing.empty()) {
      std::string list;
      for (std::size_t i = 0; i < missing.size(); ++i) {
        list += (i == 0 ? "" : i + 1 == missing.size() ? " and " : ", ") + missing[i];
      }
      throw InputError("The renewal of " + c.number + " is refused: it lacks " + list + ".");
    }
    tracker::RenewalRecord r;
    r.credential = c.id;
    r.cycle = k;
    r.filed_on = on;
    r.fee_due = fee_due;
    r.fee_paid = fee_paid;
    r.late = late;
    r.background_check_on = background_check_on;
    r.registry_check_on = registry_check_on;
    r.created_at = actor_.now();
    r.id = renewals.insert(r);
    store::AuditLog(db_).append({0, actor_.now(), actor_.name, "renewal.file", "credential",
                                 c.number, "", renewal_json(r, c.number).dump()});
    out.record = r;
    out.next = plan.cycle(k + 1);
    return out;
  });
}

std::vector<report::StatusView> Renewals::reminders(core::Date as_of, int within) const {
  std::map<std::int64_t, int> filed;
  for (const auto& [id, count] : store::RenewalRepository(db_).counts()) {
    filed[id.value] = count;
  }
  store::CeRepository ce(db_);
  std::vector<report::StatusView> out;
  for (auto& c : store::CredentialRepository(db_).list()) {
    if (!programs_.has(c.program)) {
      continue;
    }
    const auto& program = programs_.get(c.program);
    if (!program.renewal.every_years.in_force(c.issued_on)) {
      continue;
    }
    const auto it = filed.find(c.id.value);
    const int k = it == filed.end() ? 0 : it->second;
    std::optional<renewal::Schedule> plan;
    try {
      plan.emplace(schedule(c, program));
    } catch (const core::InputError&) {
      continue; // a birthday cycle without the holder's date of birth: no dates to remind of
    }
    const auto current = plan->cycle(k);
    const int days = core::days_between(as_of, current.expires_on);
    if (days > within) {
      continue;
    }
    auto status = renewal::status(program, *plan, k, entries_of(ce.for_credential(c.id)), as_of);
    out.push_back({std::move(c), &program, std::move(status), as_of});
  }
  std::sort(out.begin(), out.end(), [](const report::StatusView& a, const report::StatusView& b) {
    return std::tie(a.status.current.cycle.expires_on, a.credential.number) <
           std::tie(b.status.current.cycle.expires_on, b.credential.number);
  });
  return out;
}

} // namespace peercert::app

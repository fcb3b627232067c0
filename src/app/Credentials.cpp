#include "app/Credentials.hpp"
#include "app/Boards.hpp"
#include "rules/ProgramId.hpp"

#include "app/Audit.hpp"
#include "app/CsvImport.hpp"
#include "app/Fields.hpp"
#include "app/History.hpp"
#include "core/Csv.hpp"
#include "core/Suggest.hpp"
#include "core/Text.hpp"
#include "report/TrackerReport.hpp"
#include "store/AuditLog.hpp"
#include "store/CredentialRepository.hpp"
#include "store/LifecycleRepository.hpp"
#include "tracker/CredentialNumber.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <istream>
#include <unordered_map>

namespace peercert::app {

using core::InputError;

Credentials::Credentials(const store::Database& db, const rules::ProgramCatalog& programs,
                         Actor actor)
    : db_(db), programs_(programs), actor_(std::move(actor)) {}

namespace {
/// Refuses a number that begins with another program's id and '-'.
void check_program_of_number(const std::string& number, const std::string& program,
                             const std::vector<std::string>& program_ids,
                             const std::string& field) {
  if (const auto other = tracker::other_program_in_number(number, program, program_ids)) {
    throw InputError::about(field, "begins with " + *other +
                                       "-, another program's numbers, but the "
                                       "credential is of " +
                                       program + ".");
  }
}
} // namespace

tracker::Credential credential_on_file(const store::Database& db, const std::string& number,
                                       const Scope& scope) {
  // Another board's credential is as if there were none: saying it exists would tell.
  if (auto c = store::CredentialRepository(db).find(trimmed(number)); c && scope.sees(c->program)) {
    return *c;
  }
  throw InputError("There is no credential " + trimmed(number) + ".");
}

tracker::Credential Credentials::credential(const std::string& number) const {
  return credential_on_file(db_, number, actor_.scope);
}

std::vector<tracker::Credential> Credentials::credentials(const std::string& program) const {
  return actor_.scope.narrow(store::CredentialRepository(db_).list(program));
}

namespace {

/// The length of an imported certificate where its holder chose it: 1, 2 or 3, or empty.
std::optional<int> cycle_years(std::string_view field) {
  const std::string text = trimmed(field);
  if (text.empty()) {
    return std::nullopt;
  }
  if (text.size() != 1 || text[0] < '1' || text[0] > '3') {
    throw InputError::about("cycle_years", "must be 1, 2 or 3 years.");
  }
  return text[0] - '0';
}

} // namespace

namespace {

constexpr std::array<std::string_view, 6> holder_columns{
    "credential_number", "program", "issued_on", "first_name", "last_name", "email"};
constexpr std::array<std::string_view, 4> holder_optional{"expires_on", "status", "date_of_birth",
                                                          "cycle_years"};
constexpr std::array<std::string_view, 3> holder_dates{"issued_on", "expires_on", "date_of_birth"};

/// The program a row names, or an error naming it (program ids are not personal) with the
/// nearest one the rules directory has.
std::string program_named(std::string_view field, const rules::ProgramCatalog& programs,
                          const std::vector<std::string>& ids) {
  const std::string typed = trimmed(field);
  const std::string id = rules::program_id(typed); // "mo-cps" in a sheet is MO-CPS
  if (programs.has(id)) {
    return id;
  }
  const std::vector<std::string_view> candidates(ids.begin(), ids.end());
  const auto near = core::closest(id, candidates);
  throw InputError::about("program",
                          "\"" + core::log_safe(typed) +
                              "\" is not one of the programs in the rules directory" +
                              (near ? " (did you mean " + std::string(*near) + "?)" : "") + ".");
}

} // namespace

ImportOutcome Credentials::import_credentials(std::istream& csv, const std::string& name,
                                              core::Date as_of, const ImportOptions& options) {
  // An unreadable rules directory is said once, not for every row that names a program.
  const auto program_ids = programs_.ids();
  ImportOutcome out;
  store::Transaction tx(db_);
  store::CredentialRepository repo(db_);
  store::LifecycleRepository lifecycle(db_);
  // The line each number of this file is first on (upper-case, as numbers are kept).
  std::unordered_map<std::string, std::size_t> seen;
  const auto read = read_import(
      csv, name, {holder_columns, holder_optional, holder_dates},
      [&](const auto& fields, std::size_t line) {
        tracker::Credential c;
        c.number = tracker::new_credential_number(fields[0], "credential_number");
        c.program = program_named(fields[1], programs_, program_ids);
        require_in_scope(actor_.scope, c.program);
        check_program_of_number(c.number, c.program, program_ids, "credential_number");
        const auto& program = programs_.get(c.program);
        c.issued_on = core::parse_date_field(trimmed(fields[2]), "issued_on");
        not_after(c.issued_on, as_of, "issued_on");
        c.first_name = one_line(fields[3], "first_name", 200, true);
        c.last_name = one_line(fields[4], "last_name", 200, true);
        c.email = email_address(fields[5]);
        c.imported_expires_on = optional_date(fields[6], "expires_on");
        const std::string status = core::identifier_form(fields[7]);
        const auto state = status.empty() || status == "initial"
                               ? std::optional(renewal::State::active)
                               : renewal::state_from_name(status);
        if (!state) {
          throw InputError::about("status",
                                  "must be active, initial, inactive, suspended or revoked.");
        }
        c.date_of_birth = optional_date(fields[8], "date_of_birth");
        not_after(c.date_of_birth, as_of, "date_of_birth");
        // Judged before anything is written: an expiry the program's cycles cannot end on.
        const auto first = renewal::first_period(program, dates_of(c), renewal::Began::import,
                                                 status == "initial", cycle_years(fields[9]));
        c.created_at = actor_.now();
        // Counted once the row holds together, so that a bad row is not reported twice.
        if (const auto [earlier, fresh] = seen.emplace(c.number, line); !fresh) {
          throw InputError::about("credential_number", "is repeated: line " +
                                                           std::to_string(earlier->second) +
                                                           " has the same number.");
        }
        if (const auto existing = repo.find(c.number)) {
          const bool same = existing->program == c.program && existing->issued_on == c.issued_on &&
                            existing->first_name == c.first_name &&
                            existing->last_name == c.last_name && existing->email == c.email &&
                            existing->imported_expires_on == c.imported_expires_on &&
                            existing->date_of_birth == c.date_of_birth;
          if (!same) {
            throw InputError::about("credential_number", "is already on file with other details.");
          }
          ++out.unchanged;
          return;
        }
        c.id = repo.insert(c);
        lifecycle.insert_period(c.id, first, c.created_at);
        auto json = report::credential_json(c);
        json["status"] = status.empty() ? "active" : status;
        if (*state != renewal::State::active) {
          tracker::StatusChange change{0,
                                       c.id,
                                       std::string(renewal::to_string(*state)),
                                       as_of,
                                       "as imported from " + name,
                                       false,
                                       std::nullopt,
                                       c.created_at};
          lifecycle.insert_change(change);
        }
        Audit(db_, actor_).record("credential.import", "credential", c.number, "", json.dump());
        ++out.added;
        const ImportedHolder holder{line, c.number, first.cycle.expires_on};
        if (!c.imported_expires_on && first.cycle.expires_on < as_of) {
          out.without_expiry.push_back(holder); // issued more than one cycle ago
        }
        if (*state != renewal::State::active) {
          return; // a status staff set: not the summary's business
        }
        // Where the holder now stands, for the summary (DESIGN.md, "Moving in"): inactive
        // without a status set is a credential the late window closed on (Georgia).
        const renewal::History history{dates_of(c), {first}, {}};
        const auto standing = renewal::standing(program, history, {}, as_of);
        if (standing.status == renewal::Status::expired ||
            (standing.status == renewal::Status::inactive && !standing.set)) {
          (standing.late_until && as_of <= *standing.late_until ? out.late : out.expired)
              .push_back(holder);
        } else if (standing.status == renewal::Status::due_soon) {
          out.due_soon.push_back(holder);
        }
      },
      options);
  out.rows = read.records;
  out.rejected = read.problems.size();
  if (!read.problems.empty() && !options.skip_invalid) {
    refuse_import(name, read.problems);
  }
  if (options.rejects != nullptr) {
    write_rejects(*options.rejects, {holder_columns, holder_optional}, read.problems);
  }
  if (!options.dry_run) {
    tx.commit();
  }
  return out;
}

tracker::Credential Credentials::update_holder(const std::string& number,
                                               const HolderFields& fields) {
  tracker::Credential after;
  std::string first;
  std::string last;
  std::string email;
  if (fields.first_name) {
    first = one_line(*fields.first_name, "first_name", 200, true);
  }
  if (fields.last_name) {
    last = one_line(*fields.last_name, "last_name", 200, true);
  }
  if (fields.email) {
    email = email_address(*fields.email);
  }
  if (!fields.first_name && !fields.last_name && !fields.email) {
    throw InputError("Nothing to change: give --first-name, --last-name or --email.");
  }
  return store::in_transaction(db_, [&] {
    store::CredentialRepository credentials(db_);
    const tracker::Credential before = credential_on_file(db_, number, actor_.scope);
    after = before;
    if (fields.first_name) {
      after.first_name = first;
    }
    if (fields.last_name) {
      after.last_name = last;
    }
    if (fields.email) {
      after.email = email;
    }
    if (after.first_name == before.first_name && after.last_name == before.last_name &&
        after.email == before.email) {
      throw InputError("Nothing to change: " + before.number + " already has these details.");
    }
    credentials.update_holder(after);
    Audit(db_, actor_)
        .record("credential.update", "credential", after.number,
                report::credential_json(before).dump(), report::credential_json(after).dump());
    return after;
  });
}

tracker::Credential Credentials::renumber(const std::string& old_number,
                                          const std::string& new_number) {
  const std::string number = tracker::new_credential_number(new_number, "NEW");
  return store::in_transaction(db_, [&] {
    store::CredentialRepository credentials(db_);
    const tracker::Credential before = credential_on_file(db_, old_number, actor_.scope);
    check_program_of_number(number, before.program, programs_.ids(), "NEW");
    if (before.number == number) {
      throw InputError("Nothing to change: the credential already has the number " + number + ".");
    }
    if (const auto holder = credentials.find(number); holder && holder->id != before.id) {
      throw InputError::about("NEW", "is already the number of another credential, " +
                                         holder->number + ".");
    }
    credentials.renumber(before.id, number);
    store::AuditLog(db_).follow_credential_number(before.number, number);
    tracker::Credential after = before;
    after.number = number;
    Audit(db_, actor_)
        .record("credential.renumber", "credential", number,
                report::Json{{"credential_number", before.number}}.dump(),
                report::Json{{"credential_number", number}}.dump(), {},
                {{"credential", before.number}});
    return after;
  });
}

std::vector<std::pair<tracker::Credential, tracker::Credential>> Credentials::look_alikes() const {
  auto pairs = store::CredentialRepository(db_).look_alikes();
  std::erase_if(pairs, [&](const auto& p) {
    return !actor_.scope.sees(p.first.program) || !actor_.scope.sees(p.second.program);
  });
  return pairs;
}

std::vector<tracker::Credential> Credentials::search(std::string_view text,
                                                     std::size_t limit) const {
  return store::CredentialRepository(db_).search(search_words(text), actor_.scope.programs(),
                                                 limit);
}

} // namespace peercert::app

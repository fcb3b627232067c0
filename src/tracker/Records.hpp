#pragma once

#include "core/Date.hpp"
#include "core/Hours.hpp"
#include "core/Money.hpp"
#include "rules/Facts.hpp"
#include "rules/Program.hpp"

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace peercert::tracker {

/// A row id that knows what it identifies: an applicant id is not a cohort id.
template <class Tag> struct Id {
  std::int64_t value = 0;
  constexpr auto operator<=>(const Id&) const = default;
};
using ApplicantId = Id<struct ApplicantTag>;
using CohortId = Id<struct CohortTag>;
using ExamId = Id<struct ExamTag>;
using ApplicationId = Id<struct ApplicationTag>;
using CredentialId = Id<struct CredentialTag>;

static_assert(!std::is_convertible_v<ApplicantId, CohortId>);
static_assert(sizeof(ApplicantId) == sizeof(std::int64_t));

/// A person on the pathway: the facts the rules use, how to reach them, where they work.
struct Applicant {
  ApplicantId id;
  std::string first_name;
  std::string last_name;
  std::string email;
  std::string phone;
  rules::Facts facts;
  std::optional<core::Date> registry_check_on; ///< when the check reached its status (the
                                               ///< criminal history check's is a fact)
  std::string employer;
  std::optional<core::Date> hired_on;
  std::string created_at; ///< UTC, ISO 8601
  std::string updated_at;
  std::string erased_at; ///< UTC; set when the person's data was erased, which is then gone

  std::string full_name() const { return first_name + " " + last_name; }
};

enum class SelectionMethod : std::uint8_t { first_come, lottery };

/// A training of one program, with the rule-file values in force when it was created.
struct Cohort {
  CohortId id;
  std::string program;
  core::Date starts_on;
  int capacity = 0;
  core::Hours training_hours;
  int notify_days_before = 0;
  std::optional<SelectionMethod> selection; ///< set once selection has run
  std::optional<std::uint64_t> lottery_seed;
  std::string created_at;
};

enum class MemberStatus : std::uint8_t { applied, selected, waitlisted, withdrawn };

/// One applicant's training application to one cohort, and how it went.
struct CohortMember {
  CohortId cohort;
  ApplicantId applicant;
  std::string applied_at;           ///< UTC; first come, first served
  std::int64_t application_order{}; ///< ties in applied_at break by this
  std::string override_reason;      ///< why staff admitted someone the rules did not
  MemberStatus status = MemberStatus::applied;
  std::optional<int> waitlist_position;
  std::optional<core::Date> notified_on;
  core::Hours attended; ///< hours of training attended
  // The applicant's name and email, for lists and notices.
  std::string first_name;
  std::string last_name;
  std::string email;
};

struct Attendance {
  CohortId cohort;
  ApplicantId applicant;
  core::Date on;
  core::Hours hours;
};

struct ExamResult {
  ExamId id;
  ApplicantId applicant;
  std::string program;
  core::Date taken_on;
  std::string proctor;
  bool passed = false;
  std::optional<int> score;
  std::string created_at;
};

enum class ApplicationStatus : std::uint8_t { submitted, approved, denied };

/// A certification application to the board, with its fee.
struct CertApplication {
  ApplicationId id;
  ApplicantId applicant;
  std::string program;
  core::Date submitted_on;
  core::Money fee_due;
  core::Money fee_paid;
  ApplicationStatus status = ApplicationStatus::submitted;
  std::optional<core::Date> decided_on;
  std::string credential_number; ///< once approved
  std::string denial_reason;     ///< once denied: the board's reason
  std::string created_at;
};

/// A certification a board issued: through peercert, or brought in by import.
struct Credential {
  CredentialId id;
  std::string number; ///< "MO-CPS-000123", unique
  std::string program;
  core::Date issued_on;
  std::string first_name;
  std::string last_name;
  std::string email;
  std::optional<ApplicantId> applicant;
  std::optional<ApplicationId> application;
  std::optional<core::Date> date_of_birth;       ///< the holder's, for birthday cycles
  std::optional<core::Date> imported_expires_on; ///< the certificate held when imported
  std::string created_at;
};

/// A continuing-education entry logged against a credential.
struct CeRecord {
  std::int64_t id = 0;
  CredentialId credential;
  core::Date completed_on;
  core::Hours hours;
  rules::CeCategory category = rules::CeCategory::general;
  rules::CeDelivery delivery = rules::CeDelivery::self_study;
  std::string provider;
  std::string title;
  std::string created_at;
  std::string voided_at;   ///< UTC; a voided entry counts for nothing and stays on file
  std::string void_reason; ///< why staff voided it
  /// The number of the period it counts in, as renewal::counts_in decided when it was written
  /// (or when the credential's periods last changed); none: it counts in no period.
  std::optional<int> counts_in;
  bool voided() const { return !voided_at.empty(); }
};

/// A renewal filed for one cycle of a credential.
struct RenewalRecord {
  std::int64_t id = 0;
  CredentialId credential;
  int cycle = 0;
  core::Date filed_on;
  std::optional<core::Money> fee_due; ///< empty when the rule file defines no fee
  core::Money fee_paid;
  bool late = false;
  std::optional<core::Date> background_check_on;
  std::optional<core::Date> registry_check_on;
  std::string created_at;
};

/// A status staff set on a credential (inactive, suspended, revoked, or active again), or a
/// reinstatement with its fee.
struct StatusChange {
  std::int64_t id = 0;
  CredentialId credential;
  std::string status; ///< "active", "inactive", "suspended", "revoked"
  core::Date on;
  std::string reason;
  bool reinstatement = false;
  std::optional<core::Money> fee_paid;
  std::string created_at;
};

enum class Role : std::uint8_t { staff, admin };

/// A staff user of the web pages.
struct User {
  std::int64_t id = 0;
  std::string name;
  Role role = Role::staff;
  std::string password_hash; ///< Argon2id, as crypto_pwhash_str writes it
  std::string created_at;
  std::string updated_at;
  std::string disabled_at; ///< UTC; a disabled user cannot log in
  /// Moves on when the password changes or the user is disabled: a session started under an
  /// earlier version is over.
  std::int64_t session_version = 0;
  /// Sees every program's records; else only those of `boards`' programs.
  bool all_boards = true;
  std::vector<std::string> boards; ///< board ids, sorted
};

/// A board: the body that certifies for some programs, with its own staff.
struct Board {
  std::string id; ///< as typed at `board add`: letters, digits, hyphens
  std::string name;
  std::vector<std::string> programs; ///< sorted
  std::string created_at;
};

std::string_view to_string(Role r);
std::optional<Role> role_from_name(std::string_view name);

/// One row of the append-only audit log.
struct AuditEntry {
  std::int64_t id = 0;
  std::string at;     ///< UTC, ISO 8601
  std::string actor;  ///< the OS user or --actor
  std::string action; ///< "applicant.add", "cohort.select", …
  std::string entity; ///< "applicant", "cohort", …
  std::string entity_id;
  std::string before; ///< JSON of the values before, or empty
  std::string after;  ///< JSON of the values after, or empty
  /// Whom the values are about ("applicant:12", "credential:MO-CPS-000001"), so that erasing a
  /// person's data reaches them; empty: derived from the entity where it names a person.
  std::string person;
  bool erased = false; ///< the values were erased with the person's data
  /// Other records the entry is about, beyond its entity ("credential", number): the
  /// credentials a CE roster added entries to.
  std::vector<std::pair<std::string, std::string>> subjects;
};

std::string_view to_string(MemberStatus s);
std::optional<MemberStatus> member_status_from_name(std::string_view name);
std::string_view to_string(SelectionMethod m);
std::optional<SelectionMethod> selection_method_from_name(std::string_view name);
std::string_view to_string(ApplicationStatus s);
std::optional<ApplicationStatus> application_status_from_name(std::string_view name);

} // namespace peercert::tracker

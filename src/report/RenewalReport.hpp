#pragma once

#include "renewal/Renewal.hpp"
#include "report/CheckReport.hpp"
#include "tracker/Records.hpp"

#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace peercert::report {

/// A credential's renewal status on a date, with its holder: `renewal status` and one row
/// of the reminder report.
struct StatusView {
  tracker::Credential credential;
  const rules::Program* program = nullptr;
  renewal::CredentialStatus status;
  core::Date as_of;
  std::optional<tracker::StatusChange> change; ///< the status change in force, with its reason
};

/// What a board publishes about a credential to employers and the public: nothing more.
/// No email, no date of birth, no CE, no check results.
struct PublicCredential {
  std::string first_name;
  std::string last_name;
  std::string number;
  std::string program;
  std::string program_name;                         ///< as its rule file names it
  renewal::Status status = renewal::Status::active; ///< as published: due soon shows active
  core::Date issued_on;
  core::Date expires_on;
  /// The specialties it holds, id and name; none where the program defines no specialty.
  std::optional<std::vector<std::pair<std::string, std::string>>> specialties;
};
/// {"name", "credential_number", "program", "program_name", "status", "issued_on",
/// "expires_on"}, and
/// "specialties": [{"id", "name"}] where the program defines them.
Json public_credential_json(const PublicCredential& c);

/// What a renewal filed on the status's day owes, in words: "$125.00 (the $50.00 renewal fee
/// and the $75.00 late fee)", "$50.00", or that the rule file defines no fee.
std::string fee_due_words(const renewal::CredentialStatus& s);

/// "due soon", "initial certificate": a status for people.
std::string status_words(renewal::Status s);

/// The `renewal status --format json` object of DESIGN.md.
Json status_json(const StatusView& v);
std::string status_text(const StatusView& v);

/// A CE entry with the cycle it counts for (empty: before the credential was issued, or
/// before its first cycle's CE starts counting).
struct CeLine {
  tracker::CeRecord entry;
  std::optional<renewal::Cycle> cycle;
  std::optional<int> cycle_index() const {
    return cycle ? std::optional(cycle->index) : std::nullopt;
  }
};
std::string ce_table(const tracker::Credential& c, const std::vector<CeLine>& lines,
                     const std::optional<renewal::Cycle>& only);
Json ce_json(const tracker::Credential& c, const std::vector<CeLine>& lines);

/// One period of a credential's history with its hours: the staff page's timeline.
struct CycleRow {
  renewal::CycleProgress progress;
  bool current = false;
  bool renewed = false;
  renewal::Period period;
};

/// A credential in full: where it stands, its timeline and its status changes.
struct CredentialFile {
  StatusView status;
  std::vector<CycleRow> cycles;
  std::vector<tracker::StatusChange> changes;
};
Json credential_file_json(const CredentialFile& f);
/// One status change: status, on, reason, reinstatement, fee_paid.
Json status_change_json(const tracker::StatusChange& change);
std::string credential_file_text(const CredentialFile& f);

} // namespace peercert::report

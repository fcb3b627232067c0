#pragma once

#include "app/Actor.hpp"
#include "report/TrackerReport.hpp"
#include "rules/ProgramCatalog.hpp"
#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace peercert::app {

/// Applicant details as a person typed them (command line or form). A field that is set
/// replaces the stored value; set to an empty text it clears it. Names are the facts JSON
/// names; errors name the field, never its value.
struct ApplicantFields {
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::map<rules::FactId, std::string> facts; ///< every fact given, as typed
  std::optional<std::string> registry_check_on;
  std::optional<std::string> employer;
  std::optional<std::string> hired_on;
};

/// The people on the certification pathway: their details and facts, checked against the
/// rule files, and what the rules make of them. Every change is written in one transaction
/// and recorded in the audit log with who and when.
class Applicants {
public:
  Applicants(const store::Database& db, const rules::ProgramCatalog& programs, Actor actor);

  /// Adds an applicant; refused when one on file is likely the same person (the same name
  /// and date of birth, or the same email) unless `allow_duplicate`.
  tracker::Applicant add(const ApplicantFields& fields, core::Date as_of,
                         bool allow_duplicate = false);
  tracker::Applicant update(tracker::ApplicantId id, const ApplicantFields& fields,
                            core::Date as_of);
  tracker::Applicant applicant(tracker::ApplicantId id) const;
  std::vector<tracker::Applicant> list() const;
  /// Applicants whose name or email contain every word of `text`, case- and
  /// accent-insensitively, by last name; at most `limit`.
  std::vector<tracker::Applicant> search(std::string_view text, std::size_t limit = 100) const;
  /// An applicant with their eligibility for every program on `as_of` and their progress.
  report::ApplicantFile applicant_file(tracker::ApplicantId id, core::Date as_of) const;
  /// Every applicant with their outcome for every program on `as_of`.
  std::vector<report::ApplicantRow> applicant_rows(core::Date as_of) const;

private:
  /// Those of `all` the actor sees (app::applicant_in_scope).
  std::vector<tracker::Applicant> seen(std::vector<tracker::Applicant> all) const;
  const store::Database& db_;
  const rules::ProgramCatalog& programs_;
  Actor actor_;
};

} // namespace peercert::app

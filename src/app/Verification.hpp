#pragma once

#include "app/Actor.hpp"
#include "report/RenewalReport.hpp"
#include "rules/ProgramCatalog.hpp"
#include "store/Database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace peercert::app {

/// Public verification: "is this person certified?", by number or by full name.
class Verification {
public:
  /// Publishes the credentials of `scope`'s programs (serve --board); others are not found.
  Verification(const store::Database& db, const rules::ProgramCatalog& programs, Scope scope = {});

  /// The credential with this number (case and spaces aside), or nothing.
  std::optional<report::PublicCredential> by_number(std::string_view number,
                                                    core::Date as_of) const;
  /// Credentials whose holder's last name is `last_name` whole, or one whole part of it split
  /// at spaces and hyphens ("Pérez" finds "Pérez-García"), and one of whose first names starts
  /// with `first_name` (2 letters at least: "Ana" finds "Ana María"); case and accents aside.
  /// Both are required: a surname alone is refused, so that nobody browses a family.
  /// Both need 2 letters at least; at most max_name_matches are answered.
  std::vector<report::PublicCredential>
  by_name(std::string_view last_name, std::string_view first_name, core::Date as_of) const;
  static constexpr std::size_t max_name_matches = 20;

private:
  report::PublicCredential published(const tracker::Credential& c, core::Date as_of) const;
  const store::Database& db_;
  const rules::ProgramCatalog& programs_;
  Scope scope_;
};

} // namespace peercert::app

#pragma once

#include "app/Actor.hpp"
#include "report/Certificate.hpp"
#include "rules/ProgramCatalog.hpp"
#include "store/Database.hpp"

#include <string>
#include <utility>

namespace peercert::app {

/// Printable certificates: what one shows, from the credential's standing and the board's
/// settings.
class Certificates {
public:
  Certificates(const store::Database& db, const rules::ProgramCatalog& programs, Actor actor)
      : db_(db), programs_(programs), actor_(std::move(actor)) {}

  /// The certificate of the credential numbered `number` as it stands on `as_of`. Refused,
  /// with an input error naming the field, where the credential is unknown, is not in force
  /// (the public register shows it as neither active nor initial), or the `public_url`
  /// setting its QR code needs is not set.
  report::CertificateView of(const std::string& number, core::Date as_of) const;

private:
  const store::Database& db_;
  const rules::ProgramCatalog& programs_;
  Actor actor_;
};

} // namespace peercert::app

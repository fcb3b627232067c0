#pragma once

#include "renewal/Renewal.hpp"

namespace peercert::renewal {

/// Whether a credential of this status is in force: the public register shows it as active
/// or as an initial certificate. Only such a credential gets a certificate, and managers
/// count such holders as active.
inline bool in_force(Status s) {
  const auto shown = public_status(s);
  return shown == Status::active || shown == Status::initial;
}

} // namespace peercert::renewal

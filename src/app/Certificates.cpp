#include "app/Certificates.hpp"

#include "app/Lifecycle.hpp"
#include "core/Error.hpp"
#include "renewal/InForce.hpp"
#include "report/RenewalReport.hpp"
#include "store/SettingsRepository.hpp"

namespace peercert::app {

report::CertificateView Certificates::of(const std::string& number, core::Date as_of) const {
  const auto settings = store::SettingsRepository(db_).load();
  if (settings.public_url.empty()) {
    throw core::InputError("The setting public_url is not set: the certificate's QR code opens "
                           "it. Set it with `peercert settings set public_url https://…`.",
                           "public_url");
  }
  const auto view = Lifecycle(db_, programs_, actor_).status(number, as_of);
  // A certificate says the holder may practise: only for a credential in force.
  if (!renewal::in_force(view.status.status)) {
    throw core::InputError("The credential " + view.credential.number + " is " +
                               report::status_words(view.status.status) +
                               ": a certificate is printed only for a credential in force.",
                           "number");
  }
  report::CertificateView out;
  out.holder = view.credential.first_name + " " + view.credential.last_name;
  out.number = view.credential.number;
  out.program = view.credential.program;
  out.program_name = view.program != nullptr ? view.program->name : view.credential.program;
  // The board that certifies is the program's; one database may hold several states'.
  out.board_name = view.program != nullptr && !view.program->board.empty() ? view.program->board
                                                                           : settings.board_name;
  out.issued_on = view.credential.issued_on;
  out.expires_on = view.status.current.cycle.expires_on;
  for (const auto& held : view.status.specialties) {
    out.specialties.push_back(held.specialty->name);
  }
  out.verify_url = tracker::verify_url(settings.public_url, view.credential.number);
  return out;
}

} // namespace peercert::app

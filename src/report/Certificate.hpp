#pragma once
// A holder's printable certificate and wallet card, each with a QR code (Debian's
// libqrencode) that opens the board's public verification of that credential.

#include "core/Date.hpp"

#include <string>
#include <vector>

namespace peercert::report {

/// What a certificate shows: only what the public register publishes, and the board's name.
struct CertificateView {
  std::string holder;       ///< "Renée Lefèvre"
  std::string number;       ///< "PA-CPS-000123"
  std::string program;      ///< "PA-CPS"
  std::string program_name; ///< "Certified Peer Specialist (Pennsylvania)"
  std::string board_name;   ///< the program's board; the setting where the rule file names none
  core::Date issued_on;
  core::Date expires_on;
  std::vector<std::string> specialties; ///< names of those held
  std::string verify_url;               ///< what the QR code opens
};

/// The QR code of `text` (error correction M) as an SVG <svg> element `size` units wide,
/// dark modules drawn as one path on white, with its 4-module quiet zone.
std::string qr_svg(const std::string& text, double size);

/// The certificate alone, a landscape SVG document.
std::string certificate_svg(const CertificateView& c);
/// One printable page: the certificate, then (on a page of its own) the wallet card, with a
/// print stylesheet that fits both to A4 and to US Letter.
std::string certificate_html(const CertificateView& c);

} // namespace peercert::report

#include "report/Certificate.hpp"

#include "core/Text.hpp"
#include "report/ReminderReport.hpp"

#include <qrencode.h>

#include <memory>
#include <stdexcept>

namespace peercert::report {

namespace {

std::string e(std::string_view text) { return html_escape(text); }

std::string number_text(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') {
    s.pop_back();
  }
  return s;
}

/// The certificate's drawing, in a 1000 x 700 box; `standalone` adds the XML namespace and
/// the title for a file of its own.
std::string certificate_drawing(const CertificateView& c, bool standalone) {
  std::string out = "<svg class=\"certificate\" viewBox=\"0 0 1000 700\" role=\"img\" "
                    "aria-labelledby=\"cert-title\"";
  out += standalone ? " xmlns=\"http://www.w3.org/2000/svg\" width=\"1000\" height=\"700\">" : ">";
  out += "<title id=\"cert-title\">Certificate " + e(c.number) + " of " + e(c.holder) + "</title>";
  out += "<rect x=\"0\" y=\"0\" width=\"1000\" height=\"700\" fill=\"#ffffff\"/>"
         "<rect x=\"18\" y=\"18\" width=\"964\" height=\"664\" fill=\"none\" stroke=\"#1f3a5f\" "
         "stroke-width=\"6\"/><rect x=\"32\" y=\"32\" width=\"936\" height=\"636\" "
         "fill=\"none\" stroke=\"#1f3a5f\" stroke-width=\"1.5\"/>";
  const auto text = [&](int y, int size, const std::string& words, const char* weight = "400") {
    out += "<text x=\"500\" y=\"" + std::to_string(y) + "\" font-size=\"" + std::to_string(size) +
           "\" font-weight=\"" + weight +
           "\" text-anchor=\"middle\" fill=\"#1a1a1a\" font-family=\"Georgia, 'DejaVu Serif', "
           "serif\">" +
           e(words) + "</text>";
  };
  text(100, 26, c.board_name, "600");
  text(160, 22, "certifies that");
  text(235, 52, c.holder, "700");
  text(295, 22, "holds the credential");
  text(345, 32, c.program_name, "600");
  if (!c.specialties.empty()) {
    text(390, 20, "with the specialty " + core::join(c.specialties, ", "));
  }
  const auto left = [&](int y, const std::string& label, const std::string& value) {
    out += "<text x=\"80\" y=\"" + std::to_string(y) +
           "\" font-size=\"18\" fill=\"#444\" font-family=\"'DejaVu Sans', Arial, sans-serif\">" +
           e(label) + "</text><text x=\"80\" y=\"" + std::to_string(y + 28) +
           "\" font-size=\"24\" fill=\"#1a1a1a\" font-family=\"'DejaVu Sans', Arial, "
           "sans-serif\">" +
           e(value) + "</text>";
  };
  left(470, "Credential number", c.number);
  left(540, "Issued", core::format_long(c.issued_on));
  left(610, "Valid through", core::format_long(c.expires_on));
  out += "<g transform=\"translate(760 430)\">" + qr_svg(c.verify_url, 180) + "</g>";
  out += "<text x=\"850\" y=\"632\" font-size=\"13\" text-anchor=\"middle\" fill=\"#444\" "
         "font-family=\"'DejaVu Sans', Arial, sans-serif\">Scan to verify</text>";
  return out + "</svg>";
}

/// The wallet card, 85.6 x 54 mm (ID-1), in an 856 x 540 box.
std::string wallet_card(const CertificateView& c) {
  std::string out = "<svg class=\"card\" viewBox=\"0 0 856 540\" role=\"img\" "
                    "aria-labelledby=\"card-title\"><title id=\"card-title\">Wallet card " +
                    e(c.number) + "</title>";
  out += "<rect x=\"2\" y=\"2\" width=\"852\" height=\"536\" rx=\"30\" fill=\"#ffffff\" "
         "stroke=\"#1f3a5f\" stroke-width=\"4\"/>"
         "<rect x=\"2\" y=\"2\" width=\"852\" height=\"90\" rx=\"30\" fill=\"#1f3a5f\"/>"
         "<rect x=\"2\" y=\"60\" width=\"852\" height=\"32\" fill=\"#1f3a5f\"/>";
  const std::string font = "font-family=\"'DejaVu Sans', Arial, sans-serif\"";
  out += "<text x=\"40\" y=\"60\" font-size=\"32\" font-weight=\"600\" fill=\"#ffffff\" " + font +
         ">" + e(c.board_name) + "</text>";
  const auto line = [&](int y, int size, const std::string& words, const char* weight = "400") {
    out += "<text x=\"40\" y=\"" + std::to_string(y) + "\" font-size=\"" + std::to_string(size) +
           "\" font-weight=\"" + weight + "\" fill=\"#1a1a1a\" " + font + ">" + e(words) +
           "</text>";
  };
  line(160, 44, c.holder, "700");
  line(210, 26, c.program_name);
  int y = 250;
  if (!c.specialties.empty()) {
    line(y, 22, "Specialty: " + core::join(c.specialties, ", "));
    y += 40;
  }
  line(y + 40, 24, "No. " + c.number, "600");
  line(y + 85, 22, "Issued " + core::format_long(c.issued_on));
  line(y + 125, 22, "Valid through " + core::format_long(c.expires_on));
  out += "<g transform=\"translate(606 250)\">" + qr_svg(c.verify_url, 220) + "</g>";
  return out + "</svg>";
}

} // namespace

std::string qr_svg(const std::string& text, double size) {
  const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!code) {
    throw std::runtime_error("The QR code could not be made: the address is too long.");
  }
  const int width = code->width;
  constexpr int quiet = 4;
  const int side = width + 2 * quiet;
  std::string path;
  for (int y = 0; y < width; ++y) {
    for (int x = 0; x < width; ++x) {
      // The low bit of each module says whether it is dark.
      if ((code->data[static_cast<std::size_t>(y * width + x)] & 1U) != 0) {
        path += "M" + std::to_string(x + quiet) + " " + std::to_string(y + quiet) + "h1v1h-1z";
      }
    }
  }
  return "<svg class=\"qr\" width=\"" + number_text(size) + "\" height=\"" + number_text(size) +
         "\" viewBox=\"0 0 " + std::to_string(side) + " " + std::to_string(side) +
         "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR code: " + e(text) +
         "\"><rect width=\"" + std::to_string(side) + "\" height=\"" + std::to_string(side) +
         "\" fill=\"#ffffff\"/><path d=\"" + path + "\" fill=\"#000000\"/></svg>";
}

std::string certificate_svg(const CertificateView& c) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + certificate_drawing(c, true) + "\n";
}

std::string certificate_html(const CertificateView& c) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
      "Certificate " +
      e(c.number) +
      " · peercert</title>\n<style>\n"
      "body { font-family: system-ui, sans-serif; margin: 1rem; color: #1a1a1a; }\n"
      ".sheet { max-width: 60rem; margin: 0 auto 2rem; }\n"
      "svg.certificate { width: 100%; height: auto; display: block; border: 1px solid #ccc; }\n"
      "svg.card { width: 85.6mm; height: 54mm; display: block; }\n"
      ".cut { border: 1px dashed #888; display: inline-block; padding: 2mm; }\n"
      "@page { size: landscape; margin: 10mm; }\n"
      "@media print {\n"
      "  body { margin: 0; }\n"
      "  .noprint { display: none; }\n"
      "  /* A4 landscape is 277 x 190 mm inside the margins, Letter 259 x 196: the\n"
      "     certificate takes 255 x 178.5 mm, which fits both. */\n"
      "  .sheet { max-width: none; margin: 0; }\n"
      "  svg.certificate { width: 255mm; height: 178.5mm; border: 0; }\n"
      "  .wallet { break-before: page; page-break-before: always; }\n"
      "}\n"
      "</style>\n</head>\n<body>\n"
      "<p class=\"noprint\">Print this page from the browser (Ctrl+P, or ⌘P on a Mac), or save "
      "it as a PDF: the certificate prints on one page and the wallet card on the next, on A4 "
      "or US Letter, landscape.</p>\n<section class=\"sheet\">\n<h1 "
      "class=\"noprint\">Certificate</h1>\n" +
      certificate_drawing(c, false) +
      "\n</section>\n<section class=\"sheet wallet\">\n<h2 class=\"noprint\">Wallet card</h2>\n"
      "<div class=\"cut\">" +
      wallet_card(c) + "</div>\n</section>\n</body>\n</html>\n";
  return out;
}

} // namespace peercert::report

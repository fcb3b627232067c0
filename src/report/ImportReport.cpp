#include "report/ImportReport.hpp"

namespace peercert::report {

namespace {

/// The first few holders of one part of the summary: "A-1 (line 2, expired 14 March 2020)".
std::string first_holders(const std::vector<ImportedHolder>& holders, const char* verb) {
  constexpr std::size_t shown = 5;
  std::string out;
  for (std::size_t i = 0; i < holders.size() && i < shown; ++i) {
    const auto& h = holders[i];
    out += (i == 0 ? "" : "; ") + h.number + " (line " + std::to_string(h.line) + ", " + verb +
           " " + core::format_long(h.expires_on) + ")";
  }
  if (holders.size() > shown) {
    out += "; and " + std::to_string(holders.size() - shown) + " more";
  }
  return out;
}

Json holders_json(const std::vector<ImportedHolder>& holders) {
  auto out = Json::array();
  for (const auto& h : holders) {
    out.push_back({{"line", h.line},
                   {"credential_number", h.number},
                   {"expires_on", core::format_iso(h.expires_on)}});
  }
  return out;
}

} // namespace

std::vector<std::string> import_summary(const HolderImport& done, core::Date as_of, bool dry_run) {
  std::vector<std::string> out;
  out.push_back(std::string(dry_run ? "Would import " : "Imported ") + std::to_string(done.added) +
                (done.added == 1 ? " credential" : " credentials") + "; " +
                std::to_string(done.unchanged) + " already on file" +
                (done.rejected == 0 ? "" : "; " + std::to_string(done.rejected) + " set aside") +
                ".");
  if (done.expired.empty() && done.late.empty() && done.due_soon.empty()) {
    return out;
  }
  out.push_back("As of " + core::format_long(as_of) + ", of the holders " +
                (dry_run ? "it would import" : "imported") + ":");
  if (!done.expired.empty()) {
    out.push_back("  " + std::to_string(done.expired.size()) +
                  " already expired: " + first_holders(done.expired, "expired"));
  }
  if (!done.late.empty()) {
    out.push_back("  " + std::to_string(done.late.size()) +
                  " expired but in a late window: " + first_holders(done.late, "expired"));
  }
  if (!done.due_soon.empty()) {
    out.push_back("  " + std::to_string(done.due_soon.size()) +
                  " due soon: " + first_holders(done.due_soon, "expires"));
  }
  return out;
}

std::string without_expiry_warning(const HolderImport& done) {
  const auto n = done.without_expiry.size();
  if (n == 0) {
    return {};
  }
  constexpr std::size_t shown = 10;
  std::string lines;
  for (std::size_t i = 0; i < n && i < shown; ++i) {
    lines += (i == 0 ? "" : ", ") + std::to_string(done.without_expiry[i].line);
  }
  return std::to_string(n) + (n == 1 ? " holder" : " holders") +
         " issued more than one cycle ago came without expires_on, so peercert counts " +
         (n == 1 ? "it" : "them") + " expired at the end of the first cycle (line" +
         (n == 1 ? " " : "s ") + lines + (n > shown ? ", …" : "") +
         "); where they have renewed since, give expires_on, the last day of the certificate "
         "each holds now.";
}

Json import_json(const HolderImport& done, bool dry_run) {
  return Json{{"rows", done.rows},
              {"added", done.added},
              {"unchanged", done.unchanged},
              {"rejected", done.rejected},
              {"expired", holders_json(done.expired)},
              {"late", holders_json(done.late)},
              {"due_soon", holders_json(done.due_soon)},
              {"without_expires_on", holders_json(done.without_expiry)},
              {"dry_run", dry_run}};
}

} // namespace peercert::report

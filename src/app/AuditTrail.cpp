#include "app/AuditTrail.hpp"

#include "app/Audit.hpp"
#include "app/Pathway.hpp"
#include "store/CredentialRepository.hpp"

#include <charconv>
#include <map>

namespace peercert::app {

namespace {

/// Whom an entry is about, "credential:…" or "applicant:…", or nothing.
std::string person_of(const tracker::AuditEntry& e) {
  if (!e.person.empty()) {
    return e.person;
  }
  if (e.entity == "credential" || e.entity == "applicant") {
    return e.entity + ":" + e.entity_id;
  }
  return {};
}

} // namespace

std::vector<tracker::AuditEntry> AuditTrail::entries(const store::AuditQuery& filter) const {
  auto out = audit_entries(db_, filter);
  if (scope_.everything()) {
    return out;
  }
  // Entries about no one (settings, users, boards) and about another board's people are left
  // out; each person is looked up once.
  std::map<std::string, bool> seen;
  const auto sees = [&](const std::string& person) {
    if (const auto found = seen.find(person); found != seen.end()) {
      return found->second;
    }
    bool yes = false;
    const auto colon = person.find(':');
    const std::string kind = person.substr(0, colon);
    const std::string id = colon == std::string::npos ? "" : person.substr(colon + 1);
    if (kind == "credential") {
      const auto c = store::CredentialRepository(db_).find(id);
      yes = c && scope_.sees(c->program);
    } else if (kind == "applicant") {
      std::int64_t n = 0;
      const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), n);
      yes = ec == std::errc() && end == id.data() + id.size() &&
            applicant_in_scope(db_, tracker::ApplicantId{n}, scope_);
    }
    seen.emplace(person, yes);
    return yes;
  };
  std::erase_if(out, [&](const tracker::AuditEntry& e) {
    const auto person = person_of(e);
    return person.empty() || !sees(person);
  });
  return out;
}

} // namespace peercert::app

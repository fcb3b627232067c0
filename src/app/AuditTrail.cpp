#include "app/AuditTrail.hpp"

#include "app/Audit.hpp"
#include "app/Pathway.hpp"
#include "report/CheckReport.hpp"
#include "store/ApplicationRepository.hpp"
#include "store/CeAuditRepository.hpp"
#include "store/CohortRepository.hpp"
#include "store/CredentialRepository.hpp"

#include <charconv>
#include <map>
#include <optional>

namespace peercert::app {

namespace {

std::optional<std::int64_t> whole(std::string_view text) {
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return n;
}

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

/// Decides, once per record, whether a scope sees what an audit entry is about.
class AuditTrail::Judge {
public:
  Judge(const store::Database& db, const Scope& scope) : db_(db), scope_(scope) {}

  bool sees(const tracker::AuditEntry& e) {
    if (e.entity == "ce_import") {
      // A roster touches many credentials: shown only when every one is the scope's.
      if (e.subjects.empty()) {
        return false;
      }
      for (const auto& [kind, id] : e.subjects) {
        if (!sees_person(kind + ":" + id)) {
          return false;
        }
      }
      return true;
    }
    // Each record's program is read once, however many entries are about it.
    const std::string key = e.entity + ":" + e.entity_id;
    auto known = programs_.find(key);
    if (known == programs_.end()) {
      known = programs_.emplace(key, program_of(e)).first;
    }
    if (known->second) {
      return scope_.sees(*known->second);
    }
    const auto person = person_of(e);
    return !person.empty() && sees_person(person);
  }

private:
  /// The program of the record an entry is about, where the record says it: a cohort, a
  /// membership of one, an application, a CE audit, an exam.
  std::optional<std::string> program_of(const tracker::AuditEntry& e) const {
    if (e.entity == "cohort" || e.entity == "cohort_member") {
      const auto id = whole(e.entity_id.substr(0, e.entity_id.find('/')));
      const auto c = id ? store::CohortRepository(db_).find(tracker::CohortId{*id}) : std::nullopt;
      return c ? std::optional(c->program) : std::nullopt;
    }
    if (e.entity == "application") {
      const auto id = whole(e.entity_id);
      const auto a =
          id ? store::ApplicationRepository(db_).find(tracker::ApplicationId{*id}) : std::nullopt;
      return a ? std::optional(a->program) : std::nullopt;
    }
    if (e.entity == "ce_audit") {
      const auto id = whole(e.entity_id);
      const auto a = id ? store::CeAuditRepository(db_).find(*id) : std::nullopt;
      return a ? std::optional(a->program) : std::nullopt;
    }
    if (e.entity == "exam") {
      const auto values = report::Json::parse(e.after.empty() ? e.before : e.after, nullptr, false);
      if (values.is_object() && values.contains("program") && values["program"].is_string()) {
        return values["program"].get<std::string>();
      }
    }
    return std::nullopt;
  }

  bool sees_person(const std::string& person) {
    if (const auto found = seen_.find(person); found != seen_.end()) {
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
      const auto n = whole(id);
      yes = n && applicant_in_scope(db_, tracker::ApplicantId{*n}, scope_);
    }
    seen_.emplace(person, yes);
    return yes;
  }

  const store::Database& db_;
  const Scope& scope_;
  std::map<std::string, bool> seen_;
  std::map<std::string, std::optional<std::string>> programs_;
};

std::vector<tracker::AuditEntry> AuditTrail::entries(const store::AuditQuery& filter) const {
  return visible(audit_entries(db_, filter));
}

std::vector<tracker::AuditEntry> AuditTrail::visible(std::vector<tracker::AuditEntry> all) const {
  if (scope_.everything()) {
    return all;
  }
  // Entries about no one of the scope's programs (settings, users, boards, another board's
  // records) are left out.
  Judge judge(db_, scope_);
  std::erase_if(all, [&](const tracker::AuditEntry& e) { return !judge.sees(e); });
  return all;
}

} // namespace peercert::app

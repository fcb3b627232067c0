#include "app/Verification.hpp"

#include "app/Fields.hpp"
#include "app/Lifecycle.hpp"
#include "core/Text.hpp"
#include "store/CredentialRepository.hpp"

namespace peercert::app {

Verification::Verification(const store::Database& db, const rules::ProgramCatalog& programs)
    : db_(db), programs_(programs) {}

report::PublicCredential Verification::published(const tracker::Credential& c,
                                                 core::Date as_of) const {
  // The actor is never used: verification writes nothing.
  const Lifecycle lifecycle(db_, programs_, Actor{"verification", [] { return std::string(); }});
  const auto view = lifecycle.status(c.number, as_of);
  report::PublicCredential out{c.first_name,
                               c.last_name,
                               c.number,
                               c.program,
                               renewal::public_status(view.status.status),
                               c.issued_on,
                               view.status.current.cycle.expires_on,
                               std::nullopt};
  if (view.program != nullptr && !view.program->specialties.empty()) {
    out.specialties.emplace();
    for (const auto& held : view.status.specialties) {
      out.specialties->emplace_back(held.specialty->id, held.specialty->name);
    }
  }
  return out;
}

std::optional<report::PublicCredential> Verification::by_number(std::string_view number,
                                                                core::Date as_of) const {
  const std::string wanted = one_line(number, "number", 40, true);
  const auto c = store::CredentialRepository(db_).find(wanted);
  if (!c) {
    return std::nullopt;
  }
  return published(*c, as_of);
}

std::vector<report::PublicCredential> Verification::by_name(std::string_view last_name,
                                                            std::string_view first_name,
                                                            core::Date as_of) const {
  const std::string last = one_line(last_name, "last_name", 200, true);
  const std::string first = one_line(first_name, "first_name", 200, true);
  std::vector<report::PublicCredential> out;
  for (const auto& c : store::CredentialRepository(db_).with_names(core::search_fold(first),
                                                                   core::search_fold(last))) {
    out.push_back(published(c, as_of));
  }
  return out;
}

} // namespace peercert::app

#include "app/Pathway.hpp"

#include "core/Error.hpp"
#include "store/ApplicantRepository.hpp"

#include <algorithm>
#include <string>

namespace peercert::app {

bool applicant_in_scope(const store::Database& db, tracker::ApplicantId id, const Scope& scope) {
  if (scope.everything()) {
    return true;
  }
  const auto programs = store::ApplicantRepository(db).programs_of(id);
  return programs.empty() || std::any_of(programs.begin(), programs.end(),
                                         [&](const auto& p) { return scope.sees(p); });
}

tracker::Applicant applicant_on_file(const store::Database& db, tracker::ApplicantId id,
                                     const Scope& scope) {
  // Another board's applicant is as if there were none.
  if (auto a = store::ApplicantRepository(db).find(id); a && applicant_in_scope(db, id, scope)) {
    return *a;
  }
  throw core::InputError("There is no applicant " + std::to_string(id.value) + ".");
}

tracker::Applicant writable_applicant(const store::Database& db, tracker::ApplicantId id,
                                      const Scope& scope) {
  auto a = applicant_on_file(db, id, scope);
  if (!a.erased_at.empty()) {
    throw core::InputError("Applicant " + std::to_string(id.value) +
                           "'s personal data was erased at " + a.erased_at +
                           ": nothing more is recorded about them.");
  }
  return a;
}

} // namespace peercert::app

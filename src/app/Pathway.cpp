#include "app/Pathway.hpp"

#include "core/Error.hpp"
#include "store/ApplicantRepository.hpp"

#include <string>

namespace peercert::app {

tracker::Applicant applicant_on_file(const store::Database& db, tracker::ApplicantId id) {
  if (auto a = store::ApplicantRepository(db).find(id)) {
    return *a;
  }
  throw core::InputError("There is no applicant " + std::to_string(id.value) + ".");
}

tracker::Applicant writable_applicant(const store::Database& db, tracker::ApplicantId id) {
  auto a = applicant_on_file(db, id);
  if (!a.erased_at.empty()) {
    throw core::InputError("Applicant " + std::to_string(id.value) +
                           "'s personal data was erased at " + a.erased_at +
                           ": nothing more is recorded about them.");
  }
  return a;
}

} // namespace peercert::app

#pragma once

// What every step of the certification pathway checks first about the applicant it records
// for: that they are on file, and that their data was not erased. Shared by the applicant,
// cohort and certification services.

#include "app/Actor.hpp"
#include "store/Database.hpp"
#include "tracker/Records.hpp"

namespace peercert::app {

/// The applicant with this id; refused when there is none.
tracker::Applicant applicant_on_file(const store::Database& db, tracker::ApplicantId id,
                                     const Scope& scope);

/// The applicant, unless their data was erased: then nothing more is recorded about them.
tracker::Applicant writable_applicant(const store::Database& db, tracker::ApplicantId id,
                                      const Scope& scope);
/// Whether `scope` sees the applicant: one of their programs is its, or they have none yet
/// (a person only checked for eligibility belongs to no board).
bool applicant_in_scope(const store::Database& db, tracker::ApplicantId id, const Scope& scope);

} // namespace peercert::app

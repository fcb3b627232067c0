#pragma once

// What every step of the certification pathway checks first about the applicant it records
// for: that they are on file, and that their data was not erased. Shared by the applicant,
// cohort and certification services.

#include "store/Database.hpp"
#include "tracker/Records.hpp"

namespace peercert::app {

/// The applicant with this id; refused when there is none.
tracker::Applicant applicant_on_file(const store::Database& db, tracker::ApplicantId id);

/// The applicant, unless their data was erased: then nothing more is recorded about them.
tracker::Applicant writable_applicant(const store::Database& db, tracker::ApplicantId id);

} // namespace peercert::app

#pragma once

#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <optional>
#include <vector>

namespace peercert::store {

/// Training cohorts with their members (training applications) and attendance.
class CohortRepository {
public:
  explicit CohortRepository(const Database& db) : db_(db) {}

  tracker::CohortId insert(const tracker::Cohort& c);
  std::optional<tracker::Cohort> find(tracker::CohortId id) const;
  std::vector<tracker::Cohort> list() const;
  void set_selection(tracker::CohortId id, tracker::SelectionMethod method, std::uint64_t seed);

  /// Adds a training application; its application order is the next in the cohort.
  void add_member(const tracker::CohortMember& m);
  /// Saves a member's status, waitlist position and notice date.
  void update_member(const tracker::CohortMember& m);
  /// Clears the reasons staff gave for admitting `applicant`: their words may be personal.
  void clear_override_reasons(tracker::ApplicantId applicant);
  std::optional<tracker::CohortMember> find_member(tracker::CohortId cohort,
                                                   tracker::ApplicantId applicant) const;
  /// The cohort's members in application order, with their names and hours attended.
  std::vector<tracker::CohortMember> members(tracker::CohortId cohort) const;
  /// Every cohort an applicant applied to, with their membership in it.
  std::vector<std::pair<tracker::Cohort, tracker::CohortMember>>
  memberships(tracker::ApplicantId applicant) const;

  void add_attendance(const tracker::Attendance& a);
  /// Removes a day's attendance recorded in error; returns its hours, or nothing when there
  /// was none that day.
  std::optional<core::Hours> remove_attendance(tracker::CohortId cohort,
                                               tracker::ApplicantId applicant, core::Date on);
  bool has_attendance(tracker::CohortId cohort, tracker::ApplicantId applicant,
                      core::Date on) const;

private:
  const Database& db_;
};

} // namespace peercert::store

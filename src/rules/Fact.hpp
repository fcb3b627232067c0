#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace peercert::rules {

/// The facts a person can tell peercert about themselves (DESIGN.md, "Facts JSON" and
/// "Second edition: Facts"). Rule files may only name these. The order is the order a person
/// is asked about them.
enum class FactId : std::uint8_t {
  date_of_birth,
  education,
  lived_experience,
  recovery_since,
  parent_of_youth_in_services,
  caregiver_since,
  military_service,
  willing_to_share_story,
  self_directed_recovery,
  lives_or_works_in_jurisdiction,
  lives_in_jurisdiction,
  lawful_presence,
  certified,
  out_of_state_certified,
  approved_training_completed,
  training_hours,
  training_ethics_hours,
  training_live_hours,
  training_advocacy_hours,
  training_mentoring_hours,
  training_recovery_hours,
  training_completed_on,
  specialty_training_hours,
  practicum_hours,
  work_experience_hours,
  peer_work_hours_last_3_years,
  peer_work_years,
  peer_work_started_on,
  employed_by_provider,
  supervision_hours,
  months_worked_last_3_years,
  college_credits_last_3_years,
  ce_hours_last_2_years,
  ce_ethics_hours_last_2_years,
  exam_passed,
  oral_exam_passed,
  code_of_ethics_signed,
  references,
  release_signed,
  background_check,
  background_check_on,
  registry_check,
  disqualifying_offense,
  exemption_granted,
  sanctions_completed_on,
  felony_arrest_last_3_years,
};
inline constexpr std::size_t fact_count = 46;

/// What a fact holds: a date, an education level, yes or no, a check status, exact hours
/// (hundredths) or a whole count.
enum class FactKind : std::uint8_t { date, education, yes_no, check, hours, count };

/// Highest level of education completed. A high-school diploma and a GED rank the same.
enum class Education : std::uint8_t {
  none,
  high_school_diploma,
  ged,
  associate,
  bachelor,
  master,
  doctorate,
};

/// Where a background or registry check stands.
enum class CheckStatus : std::uint8_t { passed, failed, pending, not_started };

/// A whole number of things (references, months, credit hours): 0 or more.
struct Count {
  std::int64_t value = 0;
  constexpr auto operator<=>(const Count&) const = default;
};

/// The largest hours or count a fact may hold: more is a typing mistake.
inline constexpr std::int64_t max_fact_amount = 1'000'000;

/// What peercert knows about one fact: its name in files, its kind, and the words used
/// when asking a person about it and when explaining a result to them. Questions and yes/no
/// words may name `{jurisdiction}`, which the program's jurisdiction fills in.
struct FactInfo {
  FactId id;
  std::string_view name;
  FactKind kind;
  std::string_view label;    ///< short, for staff: "Recovery since", "Work experience (hours)"
  std::string_view question; ///< asked by `check` on a terminal and by the web form
  std::string_view hint;     ///< one line under the question
  /// yes/no facts: "You said {yes}." / "You said {no}." / "You have not told us {ask}."
  /// checks: "Your {noun} has passed."
  /// hours and counts: "You have 320 {noun}" ({one} when exactly one); "how many {noun} you have"
  /// dates: "{event} on 1 March 2025"; "one year {since}"
  std::string_view yes;
  std::string_view no;
  std::string_view ask;
  std::string_view noun;
  std::string_view one;   ///< counts and hours: the noun for exactly one
  std::string_view event; ///< dates: "your current recovery began"
  std::string_view since; ///< dates: "of recovery", words after a duration since the date
};

/// Every fact, in the order a person is asked about them.
std::span<const FactInfo> all_facts();
const FactInfo& fact_info(FactId id);
std::optional<FactId> fact_from_name(std::string_view name);
/// "date_of_birth, education, …": every fact name, for messages.
std::string_view fact_names();
/// The end of a message about an unknown fact: "did you mean "education"?", or the list of
/// every fact when none is close.
std::string unknown_fact_hint(std::string_view name);

std::string_view to_string(FactKind k);

std::string_view to_string(Education e);
std::optional<Education> education_from_name(std::string_view name);
/// none 0; diploma and GED 1; associate 2; bachelor 3; master 4; doctorate 5.
int education_rank(Education e);
/// "a GED", "a high-school diploma", "no diploma": for sentences.
std::string_view education_phrase(Education e);
/// "a high-school diploma or GED", "an associate degree or higher": a minimum in words.
std::string_view education_minimum_phrase(Education e);
std::span<const Education> all_education_levels();

std::string_view to_string(CheckStatus s);
std::optional<CheckStatus> check_status_from_name(std::string_view name);
std::span<const CheckStatus> all_check_statuses();

/// Accepts true/false/yes/no in any letter case.
std::optional<bool> yes_no_from_text(std::string_view text);

/// A whole number 0 … max_fact_amount written in digits ("12"); nothing for a sign, a
/// fraction, spaces or anything else.
std::optional<Count> count_from_text(std::string_view text);

} // namespace peercert::rules

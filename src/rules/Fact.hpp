#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace peercert::rules {

/// The facts a person can tell peercert about themselves (DESIGN.md, "Facts JSON").
/// Rule files may only name these.
enum class FactId : std::uint8_t {
  date_of_birth,
  education,
  lived_experience,
  willing_to_share_story,
  self_directed_recovery,
  background_check,
  registry_check,
};
inline constexpr std::size_t fact_count = 7;

enum class FactKind : std::uint8_t { date, education, yes_no, check };

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

/// What peercert knows about one fact: its name in files, its kind, and the words used
/// when asking a person about it and when explaining a result to them.
struct FactInfo {
  FactId id;
  std::string_view name;
  FactKind kind;
  std::string_view question; ///< asked by `check` on a terminal and by the web form
  std::string_view hint;     ///< one line under the question
  // yes/no facts: "You said {yes}." / "You said {no}." / "You have not told us {ask}."
  // checks: "Your {noun} has passed." …
  std::string_view yes;
  std::string_view no;
  std::string_view ask;
  std::string_view noun;
};

/// Every fact, in the order a person is asked about them.
std::span<const FactInfo> all_facts();
const FactInfo& fact_info(FactId id);
std::optional<FactId> fact_from_name(std::string_view name);

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

} // namespace peercert::rules

#include "rules/Fact.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace peercert::rules {

namespace {

constexpr std::array<FactInfo, fact_count> facts{{
    {FactId::date_of_birth, "date_of_birth", FactKind::date, "What is your date of birth?",
     "Write it as YYYY-MM-DD, for example 2001-04-09.", "", "", "", "date of birth"},
    {FactId::education, "education", FactKind::education,
     "What is the highest level of education you have completed?",
     "A GED counts the same as a high-school diploma.", "", "", "", "education"},
    {FactId::lived_experience, "lived_experience", FactKind::yes_no,
     "Do you have lived experience of recovery from mental-health or substance-use challenges?",
     "Your own experience, not a family member's.", "you have lived experience of recovery",
     "you do not have lived experience of recovery",
     "whether you have lived experience of recovery", "lived experience"},
    {FactId::willing_to_share_story, "willing_to_share_story", FactKind::yes_no,
     "Are you willing to share your own recovery story, appropriately, with the people you "
     "support?",
     "Peer specialists share their story when it helps the person they support.",
     "you are willing to share your recovery story",
     "you are not willing to share your recovery story",
     "whether you are willing to share your recovery story", "willingness to share your story"},
    {FactId::self_directed_recovery, "self_directed_recovery", FactKind::yes_no,
     "Can you show that you are currently in self-directed recovery?",
     "Recovery that you lead and take part in yourself, today.",
     "you can show current self-directed recovery",
     "you cannot show current self-directed recovery",
     "whether you can show current self-directed recovery", "self-directed recovery"},
    {FactId::background_check, "background_check", FactKind::check,
     "What is the status of your criminal history (background) check?",
     "Passed, failed, pending, or not started yet.", "", "", "", "criminal history check"},
    {FactId::registry_check, "registry_check", FactKind::check,
     "What is the status of your registry check?", "Passed, failed, pending, or not started yet.",
     "", "", "", "registry check"},
}};

struct EducationName {
  Education level;
  std::string_view name;
  std::string_view phrase;
  std::string_view minimum;
  int rank;
};

constexpr std::array<EducationName, 7> education_names{{
    {Education::none, "none", "no diploma", "no diploma", 0},
    {Education::high_school_diploma, "high_school_diploma", "a high-school diploma",
     "a high-school diploma or GED", 1},
    {Education::ged, "ged", "a GED", "a high-school diploma or GED", 1},
    {Education::associate, "associate", "an associate degree", "an associate degree or higher", 2},
    {Education::bachelor, "bachelor", "a bachelor's degree", "a bachelor's degree or higher", 3},
    {Education::master, "master", "a master's degree", "a master's degree or higher", 4},
    {Education::doctorate, "doctorate", "a doctorate", "a doctorate", 5},
}};

constexpr std::array<Education, 7> education_levels{
    Education::none,     Education::high_school_diploma,
    Education::ged,      Education::associate,
    Education::bachelor, Education::master,
    Education::doctorate};

constexpr std::array<std::string_view, 4> check_names{"passed", "failed", "pending", "not_started"};
constexpr std::array<CheckStatus, 4> check_statuses{CheckStatus::passed, CheckStatus::failed,
                                                    CheckStatus::pending, CheckStatus::not_started};

const EducationName& education_entry(Education e) {
  return education_names.at(static_cast<std::size_t>(e));
}

} // namespace

std::span<const FactInfo> all_facts() { return facts; }

const FactInfo& fact_info(FactId id) { return facts.at(static_cast<std::size_t>(id)); }

std::optional<FactId> fact_from_name(std::string_view name) {
  for (const auto& f : facts) {
    if (f.name == name) {
      return f.id;
    }
  }
  return std::nullopt;
}

std::string_view to_string(Education e) { return education_entry(e).name; }

std::optional<Education> education_from_name(std::string_view name) {
  for (const auto& e : education_names) {
    if (e.name == name) {
      return e.level;
    }
  }
  return std::nullopt;
}

int education_rank(Education e) { return education_entry(e).rank; }
std::string_view education_phrase(Education e) { return education_entry(e).phrase; }
std::string_view education_minimum_phrase(Education e) { return education_entry(e).minimum; }
std::span<const Education> all_education_levels() { return education_levels; }

std::string_view to_string(CheckStatus s) { return check_names.at(static_cast<std::size_t>(s)); }

std::optional<CheckStatus> check_status_from_name(std::string_view name) {
  for (std::size_t i = 0; i < check_names.size(); ++i) {
    if (check_names.at(i) == name) {
      return check_statuses.at(i);
    }
  }
  return std::nullopt;
}

std::span<const CheckStatus> all_check_statuses() { return check_statuses; }

std::optional<bool> yes_no_from_text(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "true" || lower == "yes") {
    return true;
  }
  if (lower == "false" || lower == "no") {
    return false;
  }
  return std::nullopt;
}

} // namespace peercert::rules

#include "rules/Fact.hpp"

#include "core/Suggest.hpp"
#include "core/Text.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

namespace peercert::rules {

namespace {

// Columns: id, name, kind, label, question, hint, yes, no, ask, noun, one, event, since.
constexpr std::array<FactInfo, fact_count> facts{{
    {FactId::date_of_birth, "date_of_birth", FactKind::date, "Date of birth",
     "What is your date of birth?", "Write it as YYYY-MM-DD, for example 2001-04-09.", "", "",
     "your date of birth", "date of birth", "", "you were born", "of age"},
    {FactId::education, "education", FactKind::education, "Education",
     "What is the highest level of education you have completed?",
     "A GED counts the same as a high-school diploma.", "", "", "", "education", "", "", ""},
    {FactId::lived_experience, "lived_experience", FactKind::yes_no, "Lived experience",
     "Do you have lived experience of recovery from mental-health or substance-use challenges?",
     "Your own experience, not a family member's.", "you have lived experience of recovery",
     "you do not have lived experience of recovery",
     "whether you have lived experience of recovery", "lived experience", "", "", ""},
    {FactId::recovery_since, "recovery_since", FactKind::date, "Recovery since",
     "On what date did your current recovery begin?",
     "Write it as YYYY-MM-DD; your best estimate of the day is fine.", "", "",
     "when your current recovery began", "start of your current recovery", "",
     "your current recovery began", "of recovery"},
    {FactId::parent_of_youth_in_services, "parent_of_youth_in_services", FactKind::yes_no,
     "Parent of a youth in services",
     "Are you the parent or legal guardian of a youth who receives, or has received, "
     "behavioral-health services?",
     "A youth is a young person of 17 or younger.",
     "you are the parent or legal guardian of a youth in behavioral-health services",
     "you are not the parent or legal guardian of a youth in behavioral-health services",
     "whether you are the parent or legal guardian of a youth in behavioral-health services",
     "parent of a youth in services", "", "", ""},
    {FactId::caregiver_since, "caregiver_since", FactKind::date, "Caregiver since",
     "Since what date have you been the parent or caregiver of someone who receives "
     "behavioral-health services?",
     "Write it as YYYY-MM-DD; your best estimate of the day is fine.", "", "",
     "when you became a caregiver", "start of your caregiving", "", "you became a caregiver",
     "as a caregiver"},
    {FactId::military_service, "military_service", FactKind::yes_no, "Military service",
     "Have you served in the United States armed forces?",
     "Active duty, the reserves or the National Guard; a DD 214 shows it.",
     "you have served in the armed forces", "you have not served in the armed forces",
     "whether you have served in the armed forces", "military service", "", "", ""},
    {FactId::willing_to_share_story, "willing_to_share_story", FactKind::yes_no,
     "Willing to share their story",
     "Are you willing to share your own recovery story, appropriately, with the people you "
     "support?",
     "Peer specialists share their story when it helps the person they support.",
     "you are willing to share your recovery story",
     "you are not willing to share your recovery story",
     "whether you are willing to share your recovery story", "willingness to share your story", "",
     "", ""},
    {FactId::self_directed_recovery, "self_directed_recovery", FactKind::yes_no,
     "Self-directed recovery", "Can you show that you are currently in self-directed recovery?",
     "Recovery that you lead and take part in yourself, today.",
     "you can show current self-directed recovery",
     "you cannot show current self-directed recovery",
     "whether you can show current self-directed recovery", "self-directed recovery", "", "", ""},
    {FactId::lives_or_works_in_jurisdiction, "lives_or_works_in_jurisdiction", FactKind::yes_no,
     "Lives or works in the jurisdiction", "Do you live or work in {jurisdiction}?",
     "Where you live, or where you work most of the time.", "you live or work in {jurisdiction}",
     "you neither live nor work in {jurisdiction}", "whether you live or work in {jurisdiction}",
     "residence or work", "", "", ""},
    {FactId::lives_in_jurisdiction, "lives_in_jurisdiction", FactKind::yes_no,
     "Lives in the jurisdiction", "Do you live in {jurisdiction}?", "Where your home is today.",
     "you live in {jurisdiction}", "you do not live in {jurisdiction}",
     "whether you live in {jurisdiction}", "residence", "", "", ""},
    {FactId::lawful_presence, "lawful_presence", FactKind::yes_no, "Lawful presence documented",
     "Can you document your citizenship or lawful presence in the United States?",
     "A passport, birth certificate or immigration document, for example.",
     "you can document citizenship or lawful presence",
     "you cannot document citizenship or lawful presence",
     "whether you can document citizenship or lawful presence", "lawful presence", "", "", ""},
    {FactId::certified, "certified", FactKind::yes_no, "Certified in good standing",
     "Do you hold this program's certificate, current and in good standing?",
     "The certificate a specialty is added to.", "you hold the certificate in good standing",
     "you do not hold the certificate in good standing",
     "whether you hold the certificate in good standing", "certificate", "", "", ""},
    {FactId::out_of_state_certified, "out_of_state_certified", FactKind::yes_no,
     "Certified in another state",
     "Do you hold a current peer-support certification from another state, in good standing "
     "and with no discipline pending?",
     "Issued by another state's certifying body.",
     "you hold a current certification from another state in good standing",
     "you do not hold a current certification from another state in good standing",
     "whether you hold a current certification from another state in good standing",
     "certification from another state", "", "", ""},
    {FactId::approved_training_completed, "approved_training_completed", FactKind::yes_no,
     "Approved training completed", "Have you completed this program's approved training course?",
     "The course the program itself approves for certification.",
     "you have completed the program's approved training",
     "you have not completed the program's approved training",
     "whether you have completed the program's approved training", "approved training", "", "", ""},
    {FactId::training_hours, "training_hours", FactKind::hours, "Training (hours)",
     "How many hours of approved certification training have you completed?",
     "A number, such as 40 or 37.5.", "", "", "", "hours of approved training",
     "hour of approved training", "", ""},
    {FactId::training_ethics_hours, "training_ethics_hours", FactKind::hours,
     "Ethics training (hours)", "Of your training hours, how many were on ethics?",
     "A number, such as 16 or 2.5.", "", "", "", "hours of ethics training",
     "hour of ethics training", "", ""},
    {FactId::training_live_hours, "training_live_hours", FactKind::hours, "Live training (hours)",
     "Of your training hours, how many were live and interactive?",
     "In person or online with a trainer, not self-paced. A number, such as 40.", "", "", "",
     "hours of live, interactive training", "hour of live, interactive training", "", ""},
    {FactId::training_advocacy_hours, "training_advocacy_hours", FactKind::hours,
     "Advocacy training (hours)", "How many of your training hours were on advocacy?",
     "A number, such as 10.", "", "", "", "hours of advocacy training", "hour of advocacy training",
     "", ""},
    {FactId::training_mentoring_hours, "training_mentoring_hours", FactKind::hours,
     "Mentoring training (hours)",
     "How many of your training hours were on mentoring and education?", "A number, such as 10.",
     "", "", "", "hours of mentoring and education training",
     "hour of mentoring and education training", "", ""},
    {FactId::training_recovery_hours, "training_recovery_hours", FactKind::hours,
     "Recovery support training (hours)",
     "How many of your training hours were on recovery and wellness support?",
     "A number, such as 10.", "", "", "", "hours of recovery and wellness-support training",
     "hour of recovery and wellness-support training", "", ""},
    {FactId::training_completed_on, "training_completed_on", FactKind::date,
     "Training completed on", "On what date did you complete the training?",
     "Write it as YYYY-MM-DD, for example 2026-03-14.", "", "", "when you completed the training",
     "training completion date", "", "you completed the training",
     "since you completed the training"},
    {FactId::specialty_training_hours, "specialty_training_hours", FactKind::hours,
     "Specialty training (hours)",
     "How many hours of training in this specialty have you completed?", "A number, such as 40.",
     "", "", "", "hours of specialty training", "hour of specialty training", "", ""},
    {FactId::practicum_hours, "practicum_hours", FactKind::hours, "Field practicum (hours)",
     "How many hours of supervised field practicum have you completed?", "A number, such as 80.",
     "", "", "", "hours of supervised field practicum", "hour of supervised field practicum", "",
     ""},
    {FactId::work_experience_hours, "work_experience_hours", FactKind::hours,
     "Peer-support work (hours)",
     "How many hours of paid or volunteer peer-support work have you done?",
     "A number, such as 500 or 120.5.", "", "", "", "hours of peer-support work",
     "hour of peer-support work", "", ""},
    {FactId::peer_work_hours_last_3_years, "peer_work_hours_last_3_years", FactKind::hours,
     "Peer work, last 3 years (hours)",
     "In the last 3 years, how many hours of paid or volunteer peer-support work have you done?",
     "A number, such as 1550.", "", "", "", "hours of peer-support work in the last 3 years",
     "hour of peer-support work in the last 3 years", "", ""},
    {FactId::peer_work_years, "peer_work_years", FactKind::count, "Peer work (years)",
     "How many full years have you worked as a peer supporter?", "A whole number, such as 3.", "",
     "", "how many full years you have worked as a peer supporter", "years of peer-support work",
     "year of peer-support work", "", ""},
    {FactId::peer_work_started_on, "peer_work_started_on", FactKind::date, "Peer work started on",
     "On what date did you start working as a peer while seeking certification?",
     "Write it as YYYY-MM-DD.", "", "", "when you started working as a peer",
     "start of your peer work", "", "you started working as a peer",
     "since you started working as a peer"},
    {FactId::employed_by_provider, "employed_by_provider", FactKind::yes_no,
     "Employed by a provider",
     "Are you employed by a behavioral-health provider the program recognizes?",
     "For example a community mental-health services program.",
     "you are employed by a behavioral-health provider",
     "you are not employed by a behavioral-health provider",
     "whether you are employed by a behavioral-health provider", "employment by a provider", "", "",
     ""},
    {FactId::supervision_hours, "supervision_hours", FactKind::hours, "Supervision (hours)",
     "How many hours of supervision in the peer-support domains have you received?",
     "A number, such as 25.", "", "", "", "hours of supervision", "hour of supervision", "", ""},
    {FactId::months_worked_last_3_years, "months_worked_last_3_years", FactKind::count,
     "Months worked, last 3 years",
     "In the last 3 years, how many months of successful work have you had?",
     "A whole number, such as 12.", "", "", "", "months of successful work in the last 3 years",
     "month of successful work in the last 3 years", "", ""},
    {FactId::college_credits_last_3_years, "college_credits_last_3_years", FactKind::count,
     "College credits, last 3 years",
     "In the last 3 years, how many college credit hours have you earned?",
     "A whole number, such as 24.", "", "",
     "how many college credit hours you have earned in the last 3 years",
     "college credit hours earned in the last 3 years",
     "college credit hour earned in the last 3 years", "", ""},
    {FactId::ce_hours_last_2_years, "ce_hours_last_2_years", FactKind::hours,
     "CE, last 2 years (hours)",
     "In the last 2 years, how many hours of continuing education have you completed?",
     "A number, such as 20.", "", "", "", "hours of continuing education in the last 2 years",
     "hour of continuing education in the last 2 years", "", ""},
    {FactId::ce_ethics_hours_last_2_years, "ce_ethics_hours_last_2_years", FactKind::hours,
     "Ethics CE, last 2 years (hours)",
     "Of your continuing-education hours in the last 2 years, how many were on law and ethics?",
     "A number, such as 6.", "", "", "",
     "hours of law and ethics continuing education in the last 2 years",
     "hour of law and ethics continuing education in the last 2 years", "", ""},
    {FactId::exam_passed, "exam_passed", FactKind::yes_no, "Written exam passed",
     "Have you passed this program's written certification exam?",
     "The exam the program gives for certification.",
     "you have passed the written certification exam",
     "you have not passed the written certification exam",
     "whether you have passed the written certification exam", "written exam", "", "", ""},
    {FactId::oral_exam_passed, "oral_exam_passed", FactKind::yes_no, "Oral exam passed",
     "Have you passed this program's oral exam?", "The spoken exam some programs give.",
     "you have passed the oral exam", "you have not passed the oral exam",
     "whether you have passed the oral exam", "oral exam", "", "", ""},
    {FactId::code_of_ethics_signed, "code_of_ethics_signed", FactKind::yes_no,
     "Code of ethics signed", "Have you signed this program's code of ethics?",
     "The program's code of ethics or ethical conduct for peer specialists.",
     "you have signed the code of ethics", "you have not signed the code of ethics",
     "whether you have signed the code of ethics", "code of ethics", "", "", ""},
    {FactId::references, "references", FactKind::count, "Personal references",
     "How many personal references can you supply?", "A whole number, such as 2.", "", "", "",
     "personal references", "personal reference", "", ""},
    {FactId::release_signed, "release_signed", FactKind::yes_no, "Release signed",
     "Have you signed this program's release (notarized, where the program asks)?",
     "The release of information the program's application includes.",
     "you have signed the release", "you have not signed the release",
     "whether you have signed the release", "release", "", "", ""},
    {FactId::background_check, "background_check", FactKind::check, "Criminal history check",
     "What is the status of your criminal history (background) check?",
     "Passed, failed, pending, or not started yet.", "", "", "", "criminal history check", "", "",
     ""},
    {FactId::background_check_on, "background_check_on", FactKind::date,
     "Criminal history check date",
     "On what date did your criminal history check reach its current status?",
     "Write it as YYYY-MM-DD.", "", "", "when your criminal history check was done",
     "criminal history check date", "", "your criminal history check was done",
     "since your criminal history check"},
    {FactId::registry_check, "registry_check", FactKind::check, "Registry check",
     "What is the status of your registry check?", "Passed, failed, pending, or not started yet.",
     "", "", "", "registry check", "", "", ""},
    {FactId::disqualifying_offense, "disqualifying_offense", FactKind::yes_no,
     "Disqualifying offense",
     "Have you been convicted of an offense the program lists as disqualifying?",
     "The program's list of offenses for which it gives no waiver.",
     "you have been convicted of a disqualifying offense",
     "you have not been convicted of a disqualifying offense",
     "whether you have been convicted of a disqualifying offense", "disqualifying offense", "", "",
     ""},
    {FactId::exemption_granted, "exemption_granted", FactKind::yes_no, "Exemption granted",
     "Have you been granted an exemption from disqualification?",
     "Given by the screening agency after a disqualifying offense.",
     "you have been granted an exemption from disqualification",
     "you have not been granted an exemption from disqualification",
     "whether you have been granted an exemption from disqualification", "exemption", "", "", ""},
    {FactId::sanctions_completed_on, "sanctions_completed_on", FactKind::date,
     "Sanctions completed on",
     "On what date did you complete every sanction for your most recent offense?",
     "Write it as YYYY-MM-DD.", "", "", "when you completed your sanctions",
     "completion of your sanctions", "", "you completed your sanctions",
     "since you completed your sanctions"},
    {FactId::felony_arrest_last_3_years, "felony_arrest_last_3_years", FactKind::yes_no,
     "Felony arrest, last 3 years", "Have you been arrested for a felony in the last 3 years?",
     "Any arrest on a felony charge, whatever its outcome.",
     "you have been arrested for a felony in the last 3 years",
     "you have not been arrested for a felony in the last 3 years",
     "whether you have been arrested for a felony in the last 3 years", "felony arrest", "", "",
     ""},
}};

constexpr bool facts_in_order() {
  for (std::size_t i = 0; i < facts.size(); ++i) {
    if (static_cast<std::size_t>(facts[i].id) != i) {
      return false;
    }
  }
  return true;
}
static_assert(facts_in_order(), "fact_info() finds a fact by its place in the table");

std::string make_fact_names() {
  std::string out;
  for (const auto& f : facts) {
    out += (out.empty() ? "" : ", ") + std::string(f.name);
  }
  return out;
}

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

std::string_view fact_names() {
  static const std::string names = make_fact_names();
  return names;
}

std::string unknown_fact_hint(std::string_view name) {
  std::vector<std::string_view> names;
  for (const auto& f : facts) {
    names.push_back(f.name);
  }
  if (const auto best = core::closest(name, names)) {
    return "did you mean \"" + std::string(*best) + "\"?";
  }
  return "the facts are " + std::string(fact_names()) + ".";
}

std::string_view to_string(FactKind k) {
  switch (k) {
  case FactKind::date:
    return "date";
  case FactKind::education:
    return "education";
  case FactKind::yes_no:
    return "yes_no";
  case FactKind::check:
    return "check";
  case FactKind::hours:
    return "hours";
  case FactKind::count:
    return "count";
  }
  return "date";
}

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
  if (core::equals_ignoring_case(text, "true") || core::equals_ignoring_case(text, "yes")) {
    return true;
  }
  if (core::equals_ignoring_case(text, "false") || core::equals_ignoring_case(text, "no")) {
    return false;
  }
  return std::nullopt;
}

std::optional<Count> count_from_text(std::string_view text) {
  if (text.empty() || text.size() > 7) {
    return std::nullopt;
  }
  std::int64_t n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    n = n * 10 + (c - '0');
  }
  if (n > max_fact_amount) {
    return std::nullopt;
  }
  return Count{n};
}

} // namespace peercert::rules

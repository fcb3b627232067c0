#include "report/AllPrograms.hpp"

#include "report/Text.hpp"

namespace peercert::report {

namespace {

using rules::Verdict;

/// "eligible (standard)", "eligible on 1 March 2027", "not eligible: You said …".
std::string result_words(const ProgramAnswer& answer) {
  const auto& a = answer.assessment;
  const auto* unmet = rules::first_unmet(a);
  const std::string because = unmet != nullptr ? ": " + unmet->reason : std::string{};
  switch (a.verdict) {
  case Verdict::eligible:
    return a.route != nullptr ? "eligible (" + a.route->name + ")" : "eligible";
  case Verdict::not_eligible:
    return a.eligible_on ? "not yet; eligible on " + core::format_long(*a.eligible_on)
                         : "not eligible" + because;
  case Verdict::undetermined:
    return "not known yet" + because;
  }
  return "not known yet";
}

} // namespace

Json all_programs_json(const std::vector<ProgramAnswer>& answers) {
  Json out = Json::array();
  for (const auto& answer : answers) {
    const auto& a = answer.assessment;
    const auto* unmet = rules::first_unmet(a);
    Json row;
    row["program"] = answer.program->id;
    row["name"] = answer.program->name;
    row["outcome"] = std::string(rules::to_string(a.verdict));
    row["eligible_on"] = a.eligible_on ? Json(core::format_iso(*a.eligible_on)) : Json(nullptr);
    row["route"] = a.route != nullptr ? Json(a.route->id) : Json(nullptr);
    row["first_unmet"] = unmet != nullptr ? Json(unmet->reason) : Json(nullptr);
    out.push_back(std::move(row));
  }
  return out;
}

std::string all_programs_text(const std::vector<ProgramAnswer>& answers, core::Date as_of) {
  std::size_t eligible = 0;
  std::vector<std::vector<std::string>> rows;
  for (const auto& answer : answers) {
    eligible += answer.assessment.verdict == Verdict::eligible ? 1U : 0U;
    rows.push_back({answer.program->id, result_words(answer)});
  }
  std::string out = "Every program, as of " + core::format_long(as_of) + "\n\n";
  // The result column wraps under itself.
  std::size_t id_width = 0;
  for (const auto& row : rows) {
    id_width = std::max(id_width, row[0].size());
  }
  const std::string indent(id_width + 2, ' ');
  for (const auto& row : rows) {
    std::string id = row[0];
    id.resize(id_width + 2, ' ');
    out += id + wrap(row[1], 80 - indent.size(), indent) + "\n";
  }
  out += "\nEligible for " + std::to_string(eligible) + " of " + std::to_string(answers.size()) +
         (answers.size() == 1 ? " program" : " programs") +
         ". peercert check --program ID --facts FILE says why, and what is next.\n";
  return out;
}

} // namespace peercert::report

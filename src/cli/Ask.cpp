#include "cli/Ask.hpp"

#include "core/Error.hpp"

#include <istream>
#include <ostream>
#include <string>

namespace peercert::cli {

namespace {

std::string choices(rules::FactKind kind) {
  switch (kind) {
  case rules::FactKind::education:
    return "1) no diploma  2) high-school diploma  3) GED  4) associate degree\n"
           "     5) bachelor's degree  6) master's degree  7) doctorate";
  case rules::FactKind::check:
    return "1) passed  2) failed  3) pending  4) not started";
  case rules::FactKind::yes_no:
    return "yes or no";
  case rules::FactKind::date:
  case rules::FactKind::hours:
  case rules::FactKind::count:
    return "";
  }
  return "";
}

/// A menu number stands for the level or status in that place.
std::string from_menu(rules::FactKind kind, const std::string& answer) {
  if (answer.size() != 1 || answer[0] < '1' || answer[0] > '9') {
    return answer;
  }
  const auto n = static_cast<std::size_t>(answer[0] - '1');
  if (kind == rules::FactKind::education && n < rules::all_education_levels().size()) {
    return std::string(rules::to_string(rules::all_education_levels()[n]));
  }
  if (kind == rules::FactKind::check && n < rules::all_check_statuses().size()) {
    return std::string(rules::to_string(rules::all_check_statuses()[n]));
  }
  return answer;
}

} // namespace

rules::Facts ask_facts(const rules::Program& program, core::Date as_of, std::istream& in,
                       std::ostream& out) {
  const auto facts_used = program.facts_used();
  out << "Eligibility self-check: " << program.name << " (" << program.id << ")\n"
      << "Answer each question and press Enter. Press Enter alone to skip a question you cannot "
         "answer yet.\nNothing you type is stored.\n";
  rules::Facts facts;
  std::size_t n = 0;
  for (const auto fact : facts_used) {
    const auto& info = rules::fact_info(fact);
    ++n;
    out << '\n' << n << '/' << facts_used.size() << ". " << program.question(fact) << '\n';
    if (!info.hint.empty()) {
      out << "     " << info.hint << '\n';
    }
    if (const auto menu = choices(info.kind); !menu.empty()) {
      out << "     " << menu << '\n';
    }
    while (true) {
      out << "   > " << std::flush;
      std::string answer;
      if (!std::getline(in, answer)) {
        out << '\n';
        return facts;
      }
      try {
        const auto value = rules::parse_fact_text(fact, from_menu(info.kind, answer));
        rules::Facts candidate = facts;
        candidate.set(fact, value);
        rules::validate_facts(candidate, as_of);
        facts = candidate;
        break;
      } catch (const core::InputError& e) {
        out << "     " << e.said_of("That answer")
            << " Please try again, or press Enter to skip.\n";
      }
    }
  }
  out << '\n';
  return facts;
}

} // namespace peercert::cli

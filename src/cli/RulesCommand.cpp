#include "cli/RulesCommand.hpp"

#include "core/Error.hpp"
#include "report/CheckReport.hpp"
#include "rules/RuleFile.hpp"
#include "rules/RuleTests.hpp"

#include <iostream>
#include <memory>

namespace peercert::cli {

namespace {

struct RulesOptions {
  std::string id;
  std::string format;
};

std::vector<rules::Program> load_all(const std::filesystem::path& dir) {
  std::vector<rules::Program> programs;
  for (const auto& file : rules::program_files(dir)) {
    programs.push_back(rules::load_program_file(file));
  }
  if (programs.empty()) {
    throw core::InputError("The rules directory " + dir.string() + " holds no rule files.");
  }
  return programs;
}

int run_rules_list(const RulesOptions& options, const std::filesystem::path& rules) {
  const auto programs = load_all(rules);
  if (options.format == "json") {
    std::cout << report::programs_json(programs).dump(2) << '\n';
  } else {
    std::cout << report::programs_table(programs);
  }
  return 0;
}

int run_rules_show(const RulesOptions& options, const std::filesystem::path& rules,
                   core::Date today) {
  const auto date = today;
  const auto program = rules::load_program(rules, options.id);
  if (options.format == "json") {
    std::cout << report::program_json(program, date).dump(2) << '\n';
  } else {
    std::cout << report::program_text(program, date);
  }
  return 0;
}

/// Loads every rule file, checks what each cites, and runs its tests, going on past a broken
/// file. A rule or test file that does not load is bad input (2); a failing case or citation
/// is 1.
int run_rules_test(const std::filesystem::path& dir) {
  const auto files = rules::program_files(dir);
  if (files.empty()) {
    throw core::InputError("The rules directory " + dir.string() + " holds no rule files.");
  }
  bool broken = false;
  bool failed = false;
  for (const auto& file : files) {
    const auto id = file.stem().string();
    const auto test_file = dir / "tests" / (id + ".toml");
    std::vector<std::string> problems;
    std::size_t cases = 0;
    std::size_t citations = 0;
    try {
      const auto program = rules::load_program_file(file);
      citations = program.citations().size();
      problems = rules::check_citations(program, dir / "sources");
      if (std::filesystem::exists(test_file)) {
        const auto report = rules::run_rule_tests(program, test_file);
        cases = report.cases;
        problems.insert(problems.end(), report.failures.begin(), report.failures.end());
      } else {
        problems.push_back(id + " has no tests: write " + test_file.string() + ".");
      }
    } catch (const core::RuleFileError& e) {
      broken = true;
      std::cout << id << ": broken: " << e.what() << '\n';
      continue;
    }
    if (problems.empty()) {
      std::cout << id << ": " << cases << " cases passed; " << citations << " citations checked.\n";
      continue;
    }
    failed = true;
    std::cout << id << ": " << problems.size() << (problems.size() == 1 ? " problem" : " problems")
              << " in " << cases << " cases and " << citations << " citations:\n";
    for (const auto& p : problems) {
      std::cout << "  " << p << '\n';
    }
  }
  if (broken) {
    return core::to_int(core::ExitStatus::bad_input);
  }
  return failed ? core::to_int(core::ExitStatus::not_eligible) : 0;
}

} // namespace

void setup_rules(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto* rules_cmd =
      app.add_subcommand("rules", "Read the rule files and run their tests")->require_subcommand(1);
  rules_cmd->footer("Also: --as-of DATE (default today), --rules DIR, -v; see peercert --help.");
  auto options = std::make_shared<RulesOptions>();

  auto* list = rules_cmd->add_subcommand("list", "List the programs the rule files define");
  one_of(list->add_option("--format", options->format, "table (default) or json"),
         {"table", "json"});
  list->callback([options, &global, &action] {
    action = [options, &global] { return run_rules_list(*options, rules_dir(global)); };
  });

  auto* show = rules_cmd->add_subcommand(
      "show", "Show everything a program's rule file says, with the values in force --as-of");
  program_id(show->add_option("id", options->id, "Program id, such as MO-CPS"))->required();
  one_of(show->add_option("--format", options->format, "text (default) or json"), {"text", "json"});
  show->callback([options, &global, &action] {
    action = [options, &global] {
      return run_rules_show(*options, rules_dir(global), as_of(global));
    };
  });

  auto* test = rules_cmd->add_subcommand(
      "test", "Run the rule tests in rules/tests/ and check every quoted source");
  test->footer("Exit status: 0 all pass, 1 a case or a citation failed, 2 a file is broken.");
  test->callback(
      [&global, &action] { action = [&global] { return run_rules_test(rules_dir(global)); }; });
}

} // namespace peercert::cli

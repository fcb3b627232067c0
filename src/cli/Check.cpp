#include "cli/Check.hpp"

#include "cli/Ask.hpp"
#include "core/Error.hpp"
#include "report/AllPrograms.hpp"
#include "report/CheckReport.hpp"
#include "rules/Compare.hpp"
#include "rules/Eligibility.hpp"
#include "rules/RuleFile.hpp"

#include <spdlog/spdlog.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <unistd.h>

namespace peercert::cli {

namespace {

constexpr std::size_t max_facts_bytes = 1 << 20;

std::string read_facts_input(const std::string& path) {
  std::ostringstream text;
  if (path == "-") {
    text << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      throw core::InputError("--facts: the file " + path + " cannot be read.");
    }
    text << in.rdbuf();
  }
  std::string s = text.str();
  if (s.size() > max_facts_bytes) {
    throw core::InputError("--facts: the facts are larger than 1 MiB; give one JSON object.");
  }
  return s;
}

int exit_status(rules::Verdict v) {
  switch (v) {
  case rules::Verdict::eligible:
    return core::to_int(core::ExitStatus::ok);
  case rules::Verdict::not_eligible:
    return core::to_int(core::ExitStatus::not_eligible);
  case rules::Verdict::undetermined:
    return core::to_int(core::ExitStatus::undetermined);
  }
  return core::to_int(core::ExitStatus::undetermined);
}

} // namespace

void setup_check(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<CheckOptions>();
  auto* sub = app.add_subcommand(
      "check", "Check whether a person is eligible for a program, and say why and what is next");
  sub->footer(
      "Without --facts or --batch, on a terminal, check asks the questions one at a time.\n"
      "Facts JSON: {\"date_of_birth\": \"2001-04-09\", \"education\": \"ged\",\n"
      "  \"lived_experience\": true, \"willing_to_share_story\": true,\n"
      "  \"self_directed_recovery\": true, \"background_check\": \"passed\",\n"
      "  \"registry_check\": \"pending\"}  (any fact may be left out)\n"
      "education: none, high_school_diploma, ged, associate, bachelor, master, doctorate\n"
      "checks: passed, failed, pending, not_started\n"
      "Batch CSV: a header row of id and fact names; true/false or yes/no; empty = missing.\n"
      "Exit status: 0 eligible, 1 not eligible, 3 not known yet, 2 bad input\n"
      "(with --batch: 0, or 2 when any row was bad; with --all-programs: 0 eligible for\n"
      "at least one, else 3 when any is not known yet, else 1).\n"
      "Also: --as-of DATE (default today), --rules DIR, -v; see peercert --help.");
  auto* program = program_id(sub->add_option("--program", options->program,
                                             "Program id, such as MO-CPS or TX-MHPS"))
                      ->type_name("ID");
  auto* all = sub->add_flag("--all-programs", options->all_programs,
                            "Judge the facts against every program, a line each (needs --facts)");
  program->excludes(all);
  sub->add_option("--specialty", options->specialty,
                  "Judge a specialty of --program instead (NY-CRPA family): its own criteria, "
                  "with the fact certified for the base certificate")
      ->type_name("ID")
      ->needs(program);
  auto* facts = sub->add_option("--facts", options->facts,
                                "Facts JSON file, or - to read it from standard input")
                    ->type_name("FILE|-");
  auto* batch = sub->add_option("--batch", options->batch,
                                "CSV of applicants, one per row; streams one result per row")
                    ->type_name("FILE.csv|-");
  facts->excludes(batch);
  all->excludes(batch);
  one_of(sub->add_option("--format", options->format,
                         "Output: text or json (default text); with --batch csv or json "
                         "(default csv)"),
         {"text", "json", "csv"})
      ->type_name("FORMAT");
  add_encoding(sub, options->encoding);
  sub->add_flag("--ask", options->ask,
                "Ask the questions even when standard input is not a terminal")
      ->excludes(facts)
      ->excludes(batch)
      ->excludes(all);
  sub->callback([options, &global, &action] {
    action = [options, &global] { return run_check(*options, rules_dir(global), as_of(global)); };
  });
}

namespace {

/// `check --all-programs`: the facts against every program that defines criteria.
int run_all_programs(const CheckOptions& options, const std::filesystem::path& rules,
                     core::Date date) {
  if (options.facts.empty()) {
    throw core::UsageError("--all-programs needs --facts FILE (or - for standard input).");
  }
  const std::string format = options.format.empty() ? "text" : options.format;
  if (format == "csv") {
    throw core::UsageError("--format csv is only for --batch; use text or json.");
  }
  const auto facts = rules::facts_from_json_text(read_facts_input(options.facts));
  const rules::ProgramCatalog catalog(rules); // owns the programs the answers point to
  const auto answers = rules::assess_all(rules::checkable_programs(catalog), facts, date);
  if (format == "json") {
    std::cout << report::all_programs_json(answers).dump(2) << '\n';
  } else {
    std::cout << report::all_programs_text(answers, date);
  }
  return exit_status(rules::best_verdict(answers));
}

} // namespace

int run_check(const CheckOptions& options, const std::filesystem::path& rules, core::Date today) {
  const core::Date date = today;
  if (options.all_programs) {
    return run_all_programs(options, rules, date);
  }
  if (options.program.empty()) {
    throw core::UsageError("check needs --program ID, or --all-programs with --facts FILE.");
  }
  const rules::Program base = rules::load_program(rules, options.program);
  const rules::Program program =
      options.specialty.empty()
          ? base
          : rules::specialty_program(base, base.require_specialty(options.specialty));
  program.require_criteria();
  spdlog::debug("loaded {} ({} criteria)", program.file, program.criteria.size());

  if (!options.batch.empty()) {
    const std::string format = options.format.empty() ? "csv" : options.format;
    if (format == "text") {
      throw core::UsageError("--format text is not available with --batch; use csv or json.");
    }
    int status = 0;
    read_input(options.batch, options.encoding, [&](std::istream& in, const std::string& name) {
      const auto read_ahead = options.batch == "-" ? core::ReadAhead::no : core::ReadAhead::yes;
      status = run_batch(program, in, name, date, format, std::cout, std::cerr, read_ahead);
    });
    return status;
  }

  const std::string format = options.format.empty() ? "text" : options.format;
  if (format == "csv") {
    throw core::UsageError("--format csv is only for --batch; use text or json.");
  }
  rules::Facts facts;
  if (!options.facts.empty()) {
    facts = rules::facts_from_json_text(read_facts_input(options.facts));
  } else if (options.ask || isatty(STDIN_FILENO) != 0) {
    facts = ask_facts(program, date, std::cin, std::cerr);
  } else {
    throw core::UsageError("check needs facts: give --facts FILE (or - for standard input) or "
                           "--batch FILE.csv, or run it on a terminal to answer questions.");
  }

  const report::CheckAnswer answer{&program, date, rules::assess(program, facts, date),
                                   rules::next_steps(program, date)};
  if (format == "json") {
    std::cout << report::check_json(answer).dump(2) << '\n';
  } else {
    std::cout << report::check_text(answer);
  }
  return exit_status(answer.assessment.verdict);
}

} // namespace peercert::cli

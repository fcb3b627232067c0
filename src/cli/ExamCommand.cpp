#include "cli/Commands.hpp"

#include "report/Text.hpp"
#include "report/TrackerReport.hpp"

#include <iostream>
#include <memory>

namespace peercert::cli {

namespace {
struct ExamOptions {
  std::int64_t applicant = 0;
  std::string program;
  std::string date;
  std::string proctor;
  bool passed = false;
  bool failed = false;
  int score = 0;
  CLI::Option* score_option = nullptr;
  std::string format;
};

int run_exam_record(const ExamOptions& opts, app::Certification& certification, core::Date today) {
  const auto result = certification.record_exam(
      tracker::ApplicantId{opts.applicant}, opts.program,
      core::parse_date_field(opts.date, "--date"), opts.proctor,
      opts.passed   ? std::optional(true)
      : opts.failed ? std::optional(false)
                    : std::nullopt,
      opts.score_option->count() > 0 ? std::optional(opts.score) : std::nullopt, today);
  if (opts.format == "json") {
    std::cout << report::exam_json(result).dump(2) << '\n';
  } else {
    std::cout << "Recorded exam " << result.id.value << ": applicant " << opts.applicant << " "
              << (result.passed ? "passed" : "did not pass") << " the " << opts.program
              << " exam on " << core::format_iso(result.taken_on) << ".\n";
  }
  return 0;
}

int run_exam_list(const ExamOptions& opts, app::Applicants& applicants,
                  app::Certification& certification) {
  applicants.applicant(tracker::ApplicantId{opts.applicant});
  const auto exams = certification.exams(tracker::ApplicantId{opts.applicant});
  if (opts.format == "json") {
    report::Json list = report::Json::array();
    for (const auto& e : exams) {
      list.push_back(report::exam_json(e));
    }
    std::cout << list.dump(2) << '\n';
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const auto& e : exams) {
      rows.push_back({std::to_string(e.id.value), e.program, core::format_iso(e.taken_on),
                      e.passed ? "passed" : "failed", e.score ? std::to_string(*e.score) : "-",
                      e.proctor});
    }
    std::cout << report::render_table({"ID", "PROGRAM", "DATE", "RESULT", "SCORE", "PROCTOR"},
                                      rows);
  }
  return 0;
}

} // namespace

void setup_exam(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto* cmd = app.add_subcommand("exam", "Record proctored exam results")->require_subcommand(1);
  {
    auto o = std::make_shared<ExamOptions>();
    auto* sub = cmd->add_subcommand("record", "Record an exam taken after the training");
    sub->add_option("--applicant", o->applicant, "Applicant id")->required();
    program_id(sub->add_option("--program", o->program, "Program id, such as MO-CPS"))->required();
    sub->add_option("--date", o->date, "Day of the exam, YYYY-MM-DD")->required();
    sub->add_option("--proctor", o->proctor, "Who monitored the exam")->required();
    auto* passed = sub->add_flag("--passed", o->passed, "The applicant passed");
    auto* failed = sub->add_flag("--failed", o->failed, "The applicant did not pass");
    passed->excludes(failed);
    o->score_option = sub->add_option("--score", o->score, "The score, if there is one");
    add_format(sub, o->format, {"text", "json"});
    on_run(sub, o, global, action, [](const ExamOptions& opts, const GlobalOptions& g) {
      Opened s(g);
      return run_exam_record(opts, s.services.certification, as_of(g));
    });
  }
  {
    auto o = std::make_shared<ExamOptions>();
    auto* sub = cmd->add_subcommand("list", "List an applicant's exam results");
    sub->add_option("--applicant", o->applicant, "Applicant id")->required();
    add_format(sub, o->format, {"table", "json"});
    on_run(sub, o, global, action, [](const ExamOptions& opts, const GlobalOptions& g) {
      Opened s(g, Access::read);
      return run_exam_list(opts, s.services.applicants, s.services.certification);
    });
  }
}

} // namespace peercert::cli

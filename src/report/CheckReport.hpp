#pragma once

#include "core/Date.hpp"
#include "core/Hours.hpp"
#include "core/Money.hpp"
#include "rules/Eligibility.hpp"
#include "rules/Program.hpp"

#include <nlohmann/json.hpp>

#include <span>
#include <string>
#include <string_view>

namespace peercert::report {

using Json = nlohmann::ordered_json;

/// An exact amount in hundredths (hours or cents) as a JSON number: 70 for 7000, 16.5 for
/// 1650, 0.05 for 5. Whole amounts are integers, as in DESIGN.md's examples.
Json exact_number(std::int64_t hundredths);
inline Json exact_number(core::Hours h) { return exact_number(h.hundredths()); }
inline Json exact_number(core::Money m) { return exact_number(m.cents()); }

/// The answer to one eligibility check: the assessment and what it was judged against.
struct CheckAnswer {
  const rules::Program* program = nullptr;
  core::Date as_of;
  rules::Assessment assessment;
  std::vector<rules::NextStep> next_steps;
};

/// The `check --format json` object of DESIGN.md: program, as_of, outcome, eligible_on,
/// rules, next_steps.
Json check_json(const CheckAnswer& answer);

/// The same answer for a person to read: outcome, each criterion with its reason, the next
/// steps and the sources.
std::string check_text(const CheckAnswer& answer);

/// The header of `check --batch --format csv`: with a `route` column for a program with
/// routes.
std::string batch_csv_header(bool routes);
/// One applicant's answer in `check --batch`: the verdict, the day, the route met and each
/// criterion's outcome beside it. Views: it lives as long as what it was made from.
struct BatchRow {
  std::string_view id;
  rules::Verdict verdict = rules::Verdict::undetermined;
  std::optional<core::Date> eligible_on;
  std::span<const rules::Criterion> criteria; ///< the program's own
  std::span<const rules::Outcome> outcomes;   ///< one per criterion, then each route's
  std::span<const rules::Route> routes;       ///< empty for a program without routes
  const rules::Route* route = nullptr;        ///< the first route met
};
/// An assessment as a batch row; `outcomes` holds the outcomes the row points to.
BatchRow batch_row(std::string_view id, const rules::Assessment& a,
                   std::vector<rules::Outcome>& outcomes);
/// One row of `check --batch`: CSV (unmet ids joined with ';', a route's as
/// `route.criterion`) or a JSON line, written straight into `out` with nothing allocated for a
/// row.
void append_batch_csv(std::string& out, const BatchRow& row);
void append_batch_json(std::string& out, const BatchRow& row);

/// `rules list`: one row or object per program.
std::string programs_table(const std::vector<rules::Program>& programs);
Json programs_json(const std::vector<rules::Program>& programs);

/// `rules show`: everything a program's rule file says, with the values in force on `as_of`.
std::string program_text(const rules::Program& program, core::Date as_of);
Json program_json(const rules::Program& program, core::Date as_of);

} // namespace peercert::report

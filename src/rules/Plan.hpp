#pragma once

#include "core/Date.hpp"
#include "rules/Eligibility.hpp"
#include "rules/Facts.hpp"
#include "rules/Judge.hpp"
#include "rules/Program.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace peercert::rules {

/// A program's criteria compiled to one flat list of steps, judged without writing reasons
/// and without allocating: what a batch of a million applicants needs. It reaches the
/// outcomes assess() reaches (a test holds the two together over every rule file).
class Plan {
public:
  /// Keeps a reference to `program`, which must outlive the plan.
  explicit Plan(const Program& program);

  struct Result {
    Verdict verdict = Verdict::undetermined;
    std::optional<core::Date> eligible_on; ///< as Assessment::eligible_on
    const Route* route = nullptr;          ///< as Assessment::route
  };

  /// Judges `facts` on `as_of`, writing each criterion's outcome to `outcomes`
  /// (outcome_count() long): the program's criteria in rule-file order, then each route's.
  /// Throws core::InputError for facts that cannot be, as assess() does.
  Result judge(const Facts& facts, core::Date as_of, std::span<Outcome> outcomes) const;

  /// The program's own criteria, and its routes.
  std::span<const Criterion> criteria() const { return program_->criteria; }
  std::span<const Route> routes() const { return program_->routes; }
  /// How many outcomes judge() writes: every criterion of the program and of its routes.
  std::size_t outcome_count() const { return starts_.size(); }

private:
  enum class Op : std::uint8_t {
    min_age,
    max_age,
    at_least,
    since_years,
    since_months,
    within_months,
    on_or_after,
    education,
    attested,
    check,
    all_of,
    any_of,
    not_of,
  };
  /// One condition. Its parts follow it; `size` counts it and every step under it.
  struct Step {
    Op op = Op::all_of;
    FactId fact = FactId::date_of_birth;
    Education level = Education::none;
    std::int64_t amount = 0; ///< years, months, hundredths, a count or days since 1970
    std::uint32_t size = 1;
    std::uint32_t parts = 0;
  };
  using Judged = judge::Judged;

  void compile(const Condition& condition);
  Judged run(std::size_t at, const Facts& facts, core::Date as_of) const;

  const Program* program_;
  std::vector<Step> steps_;
  std::vector<std::size_t> starts_; ///< where each criterion's steps begin, routes' after
};

} // namespace peercert::rules

#include "rules/Eligibility.hpp"

#include <algorithm>

namespace peercert::rules {

namespace {

struct Eval {
  Outcome outcome = Outcome::unknown;
  std::optional<core::Date> when; ///< not met, but will be on this date if only time passes
  std::string reason;
};

class Evaluator {
public:
  Evaluator(const Facts& facts, core::Date as_of, Explain explain)
      : facts_(facts), as_of_(as_of), explain_(explain == Explain::yes) {}

  Eval operator()(const Condition& c) const {
    return std::visit([this](const auto& node) { return eval(node); }, c.node);
  }

private:
  Eval eval(const MinAge& rule) const {
    const std::string years = std::to_string(rule.years);
    const auto* dob = facts_.get_if<core::Date>(FactId::date_of_birth);
    if (dob == nullptr) {
      return {Outcome::unknown,
              {},
              say("You have not told us your date of birth, so we cannot check that you are at "
                  "least " +
                  years + ".")};
    }
    const core::Date turns = core::add_years(*dob, rule.years);
    if (turns <= as_of_) {
      if (turns == as_of_) {
        return {Outcome::met, {}, say("You turn " + years + " today, the minimum age.")};
      }
      return {Outcome::met,
              {},
              say("You are " + std::to_string(core::age_on(*dob, as_of_)) +
                  "; the minimum age is " + years + ".")};
    }
    return {Outcome::not_met, turns,
            say("You are " + std::to_string(core::age_on(*dob, as_of_)) +
                "; you must be at least " + years + ". You will be " + years + " on " +
                core::format_long(turns) + ".")};
  }

  Eval eval(const EducationAtLeast& rule) const {
    const std::string needed(education_minimum_phrase(rule.level));
    const auto* level = facts_.get_if<Education>(FactId::education);
    if (level == nullptr) {
      return {Outcome::unknown,
              {},
              say("You have not told us your highest level of education; this program needs " +
                  needed + ".")};
    }
    const std::string have(education_phrase(*level));
    if (education_rank(*level) >= education_rank(rule.level)) {
      return {
          Outcome::met, {}, say("You have " + have + ", which meets the need for " + needed + ".")};
    }
    if (*level == Education::none) {
      return {Outcome::not_met,
              {},
              say("You told us you have no diploma; this program needs " + needed + ".")};
    }
    return {Outcome::not_met, {}, say("You have " + have + "; this program needs " + needed + ".")};
  }

  Eval eval(const Attested& rule) const {
    const FactInfo& info = fact_info(rule.fact);
    const auto* value = facts_.get_if<bool>(rule.fact);
    if (value == nullptr) {
      return {Outcome::unknown, {}, say("You have not told us " + std::string(info.ask) + ".")};
    }
    if (*value) {
      return {Outcome::met, {}, say("You said " + std::string(info.yes) + ".")};
    }
    return {Outcome::not_met,
            {},
            say("You said " + std::string(info.no) + "; this program requires it.")};
  }

  Eval eval(const CheckPassed& rule) const {
    const std::string noun(fact_info(rule.fact).noun);
    const auto* status = facts_.get_if<CheckStatus>(rule.fact);
    if (status == nullptr) {
      return {Outcome::unknown, {}, say("You have not told us the result of your " + noun + ".")};
    }
    switch (*status) {
    case CheckStatus::passed:
      return {Outcome::met, {}, say("Your " + noun + " has passed.")};
    case CheckStatus::failed:
      return {Outcome::not_met,
              {},
              say("Your " + noun + " did not pass; this program requires it to pass.")};
    case CheckStatus::pending:
      return {Outcome::unknown, {}, say("Your " + noun + " is still pending.")};
    case CheckStatus::not_started:
      return {Outcome::unknown, {}, say("Your " + noun + " has not been started yet.")};
    }
    return {};
  }

  Eval eval(const AllOf& rule) const {
    std::vector<Eval> parts;
    parts.reserve(rule.parts.size());
    for (const auto& p : rule.parts) {
      parts.push_back((*this)(p));
    }
    return all_of(parts);
  }

  Eval eval(const AnyOf& rule) const {
    std::vector<Eval> parts;
    parts.reserve(rule.parts.size());
    for (const auto& p : rule.parts) {
      parts.push_back((*this)(p));
    }
    const auto has = [&](Outcome o) {
      return std::any_of(parts.begin(), parts.end(), [o](const Eval& e) { return e.outcome == o; });
    };
    Eval out;
    out.outcome = has(Outcome::met)       ? Outcome::met
                  : has(Outcome::unknown) ? Outcome::unknown
                                          : Outcome::not_met;
    if (out.outcome == Outcome::not_met) {
      for (const auto& p : parts) {
        if (p.when && (!out.when || *p.when < *out.when)) {
          out.when = p.when;
        }
      }
    }
    out.reason = join_reasons(parts, out.outcome, out.outcome == Outcome::met ? 1 : parts.size());
    return out;
  }

  Eval eval(const NotOf& rule) const {
    Eval inner = (*this)(rule.part.front());
    Eval out;
    out.outcome = inner.outcome == Outcome::met       ? Outcome::not_met
                  : inner.outcome == Outcome::not_met ? Outcome::met
                                                      : Outcome::unknown;
    out.reason = say("This must not hold: " + inner.reason);
    return out;
  }

  std::string join_reasons(const std::vector<Eval>& parts, Outcome outcome,
                           std::size_t limit) const {
    std::string out;
    if (!explain_) {
      return out;
    }
    std::size_t n = 0;
    for (const auto& p : parts) {
      if (p.outcome == outcome && n < limit) {
        out += (out.empty() ? "" : " ") + p.reason;
        ++n;
      }
    }
    return out;
  }

  std::string say(std::string text) const { return explain_ ? std::move(text) : std::string{}; }

public:
  /// Every part must hold: not met beats unknown beats met. When every part that is not met
  /// only waits for a date, the whole waits for the latest of them.
  Eval all_of(const std::vector<Eval>& parts) const {
    Eval out;
    bool any_unknown = false;
    bool any_not_met = false;
    bool only_time = true;
    for (const auto& p : parts) {
      if (p.outcome == Outcome::not_met) {
        any_not_met = true;
        if (p.when) {
          out.when = !out.when || *p.when > *out.when ? p.when : out.when;
        } else {
          only_time = false;
        }
      } else if (p.outcome == Outcome::unknown) {
        any_unknown = true;
        only_time = false;
      }
    }
    out.outcome = any_not_met ? Outcome::not_met : any_unknown ? Outcome::unknown : Outcome::met;
    if (out.outcome != Outcome::not_met || !only_time) {
      out.when.reset();
    }
    out.reason = join_reasons(parts, out.outcome, parts.size());
    return out;
  }

private:
  const Facts& facts_;
  core::Date as_of_;
  bool explain_;
};

} // namespace

Assessment assess(const Program& program, const Facts& facts, core::Date as_of, Explain explain) {
  validate_facts(facts, as_of);
  const Evaluator evaluator(facts, as_of, explain);
  Assessment out;
  std::vector<Eval> evals;
  evals.reserve(program.criteria.size());
  out.rules.reserve(program.criteria.size());
  for (const auto& criterion : program.criteria) {
    Eval e = evaluator(criterion.condition);
    out.rules.push_back(RuleResult{&criterion, e.outcome, e.when, e.reason});
    evals.push_back(std::move(e));
  }
  const Eval overall = evaluator.all_of(evals);
  out.verdict = overall.outcome == Outcome::met       ? Verdict::eligible
                : overall.outcome == Outcome::not_met ? Verdict::not_eligible
                                                      : Verdict::undetermined;
  out.eligible_on = overall.when;
  return out;
}

std::vector<NextStep> next_steps(const Program& program, core::Date as_of) {
  std::vector<NextStep> out;
  out.reserve(program.pathway.size());
  for (const auto& step : program.pathway) {
    out.push_back(NextStep{&step, program.render(step.description, as_of)});
  }
  return out;
}

std::string_view to_string(Outcome o) {
  switch (o) {
  case Outcome::met:
    return "met";
  case Outcome::not_met:
    return "not_met";
  case Outcome::unknown:
    return "unknown";
  }
  return "unknown";
}

std::string_view to_string(Verdict v) {
  switch (v) {
  case Verdict::eligible:
    return "eligible";
  case Verdict::not_eligible:
    return "not_eligible";
  case Verdict::undetermined:
    return "undetermined";
  }
  return "undetermined";
}

} // namespace peercert::rules

#include "rules/Eligibility.hpp"

#include "rules/Combine.hpp"
#include "rules/Judge.hpp"

#include <algorithm>
#include <array>

namespace peercert::rules {

namespace {

struct Eval {
  Outcome outcome = Outcome::unknown;
  std::optional<core::Date> when; ///< not met, but will be on this date if only time passes
  std::string reason;
};

class Evaluator {
public:
  Evaluator(const Facts& facts, core::Date as_of, Explain explain, std::string_view jurisdiction)
      : facts_(facts), as_of_(as_of), explain_(explain == Explain::yes),
        jurisdiction_(jurisdiction) {}

  Eval operator()(const Condition& c) const {
    return std::visit([this](const auto& node) { return eval(node); }, c.node);
  }

private:
  Eval eval(const MinAge& rule) const {
    const std::string years = std::to_string(rule.years);
    const auto judged = judge::min_age(facts_, rule.years, as_of_);
    if (judged.outcome == Outcome::unknown) {
      return {Outcome::unknown,
              {},
              say("You have not told us your date of birth, so we cannot check that you are at "
                  "least " +
                  years + ".")};
    }
    const auto* dob = facts_.get_if<core::Date>(FactId::date_of_birth);
    const core::Date turns = core::add_years(*dob, rule.years);
    if (judged.outcome == Outcome::met) {
      if (turns == as_of_) {
        return {Outcome::met, {}, say("You turn " + years + " today, the minimum age.")};
      }
      return {Outcome::met,
              {},
              say("You are " + std::to_string(core::age_on(*dob, as_of_)) +
                  "; the minimum age is " + years + ".")};
    }
    return {Outcome::not_met, judged.when,
            say("You are " + std::to_string(core::age_on(*dob, as_of_)) +
                "; you must be at least " + years + ". You will be " + years + " on " +
                core::format_long(turns) + ".")};
  }

  Eval eval(const MaxAge& rule) const {
    const std::string years = std::to_string(rule.years);
    const auto judged = judge::max_age(facts_, rule.years, as_of_);
    if (judged.outcome == Outcome::unknown) {
      return {Outcome::unknown,
              {},
              say("You have not told us your date of birth, so we cannot check that you are at "
                  "most " +
                  years + ".")};
    }
    const int age = core::age_on(*facts_.get_if<core::Date>(FactId::date_of_birth), as_of_);
    if (judged.outcome == Outcome::met) {
      return {Outcome::met,
              {},
              say("You are " + std::to_string(age) + "; the maximum age is " + years + ".")};
    }
    return {Outcome::not_met,
            {},
            say("You are " + std::to_string(age) + "; this program is for people aged " + years +
                " or younger.")};
  }

  Eval eval(const AtLeast& rule) const {
    const FactInfo& info = fact_info(rule.fact);
    const bool hours = info.kind == FactKind::hours;
    const auto amount = [&](std::int64_t n) {
      return hours ? core::Hours::from_hundredths(n).to_short_string() : std::to_string(n);
    };
    const auto noun = [&](std::int64_t n) {
      return std::string(n == (hours ? 100 : 1) ? info.one : info.noun);
    };
    const std::string needed =
        "this program needs at least " + amount(rule.amount) + " " + noun(rule.amount) + ".";
    const auto judged = judge::at_least(facts_, rule.fact, rule.amount);
    const auto have = judge::amount_of(facts_, rule.fact);
    if (judged.outcome == Outcome::unknown) {
      return {
          Outcome::unknown,
          {},
          say("You have not told us how many " + std::string(info.noun) + " you have; " + needed)};
    }
    const std::string has = "You have " + amount(*have) + " " + noun(*have);
    if (judged.outcome == Outcome::met) {
      return {Outcome::met, {}, say(has + "; " + needed)};
    }
    return {Outcome::not_met,
            {},
            say(has + "; " + needed.substr(0, needed.size() - 1) + ", " +
                amount(rule.amount - *have) + " more.")};
  }

  Eval eval(const Since& rule) const {
    const FactInfo& info = fact_info(rule.fact);
    const std::string span = duration_words(rule.amount, rule.unit) + " " + std::string(info.since);
    const auto judged = judge::since(facts_, rule.fact, rule.amount, rule.unit, as_of_);
    if (judged.outcome == Outcome::unknown) {
      return {Outcome::unknown,
              {},
              say("You have not told us " + std::string(info.ask) +
                  "; this program needs at "
                  "least " +
                  span + ".")};
    }
    const auto* date = facts_.get_if<core::Date>(rule.fact);
    const core::Date reached = judge::since_reached(*date, rule.amount, rule.unit);
    const std::string when = capitalised(info.event) + " on " + core::format_long(*date);
    if (judged.outcome == Outcome::met) {
      return {
          Outcome::met, {}, say(when + ": you have at least " + span + ", as this program needs.")};
    }
    return {Outcome::not_met, judged.when,
            say(when + "; this program needs at least " + span + ". You will have " + span +
                " on " + core::format_long(reached) + ".")};
  }

  Eval eval(const WithinMonths& rule) const {
    const FactInfo& info = fact_info(rule.fact);
    const std::string months = duration_words(rule.months, DurationUnit::months);
    const auto judged = judge::within_months(facts_, rule.fact, rule.months, as_of_);
    if (judged.outcome == Outcome::unknown) {
      return {Outcome::unknown,
              {},
              say("You have not told us " + std::string(info.ask) +
                  "; this program needs it within the " + months + " before you apply.")};
    }
    const auto* date = facts_.get_if<core::Date>(rule.fact);
    const std::string when = capitalised(info.event) + " on " + core::format_long(*date);
    if (judged.outcome == Outcome::met) {
      return {Outcome::met,
              {},
              say(when + ", within the " + months + " before today, as this program needs.")};
    }
    return {Outcome::not_met,
            {},
            say(when + ", more than " + months + " ago; this program needs it within the " +
                months + " before you apply.")};
  }

  Eval eval(const OnOrAfter& rule) const {
    const FactInfo& info = fact_info(rule.fact);
    const std::string day = core::format_long(rule.day);
    const auto judged = judge::on_or_after(facts_, rule.fact, rule.day);
    if (judged.outcome == Outcome::unknown) {
      return {Outcome::unknown,
              {},
              say("You have not told us " + std::string(info.ask) +
                  "; this program needs it on or after " + day + ".")};
    }
    const std::string when =
        capitalised(info.event) + " on " + core::format_long(*facts_.get_if<core::Date>(rule.fact));
    if (judged.outcome == Outcome::met) {
      return {Outcome::met, {}, say(when + ", on or after " + day + ", as this program needs.")};
    }
    return {Outcome::not_met, {}, say(when + "; this program needs it on or after " + day + ".")};
  }

  Eval eval(const EducationAtLeast& rule) const {
    const std::string needed(education_minimum_phrase(rule.level));
    const auto judged = judge::education_at_least(facts_, rule.level);
    if (judged.outcome == Outcome::unknown) {
      return {Outcome::unknown,
              {},
              say("You have not told us your highest level of education; this program needs " +
                  needed + ".")};
    }
    const auto* level = facts_.get_if<Education>(FactId::education);
    const std::string have(education_phrase(*level));
    if (judged.outcome == Outcome::met) {
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
    const auto judged = judge::attested(facts_, rule.fact);
    if (!explain_) {
      return {judged.outcome, {}, {}};
    }
    if (judged.outcome == Outcome::unknown) {
      return {Outcome::unknown, {}, "You have not told us " + place(info.ask) + "."};
    }
    if (judged.outcome == Outcome::met) {
      return {Outcome::met, {}, "You said " + place(info.yes) + "."};
    }
    // Inside "any of", another part may still be met: the program does not require this one.
    return {Outcome::not_met,
            {},
            "You said " + place(info.no) + (any_depth_ > 0 ? "." : "; this program requires it.")};
  }

  Eval eval(const CheckPassed& rule) const {
    const std::string noun(fact_info(rule.fact).noun);
    // Decided by judge::check_passed; worded here for each status.
    const Outcome outcome = judge::check_passed(facts_, rule.fact).outcome;
    const auto* status = facts_.get_if<CheckStatus>(rule.fact);
    if (status == nullptr) {
      return {outcome, {}, say("You have not told us the result of your " + noun + ".")};
    }
    switch (*status) {
    case CheckStatus::passed:
      return {outcome, {}, say("Your " + noun + " has passed.")};
    case CheckStatus::failed:
      return {outcome,
              {},
              say("Your " + noun + " did not pass" +
                  (any_depth_ > 0 ? "." : "; this program requires it to pass."))};
    case CheckStatus::pending:
      return {outcome, {}, say("Your " + noun + " is still pending.")};
    case CheckStatus::not_started:
      return {outcome, {}, say("Your " + noun + " has not been started yet.")};
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
    ++any_depth_;
    for (const auto& p : rule.parts) {
      parts.push_back((*this)(p));
    }
    --any_depth_;
    AnyPartHolds any;
    for (const auto& p : parts) {
      any.add(p);
    }
    Eval out;
    out.outcome = any.outcome();
    out.when = any.waits_for();
    out.reason = join_reasons(parts, out.outcome, out.outcome == Outcome::met ? 1 : parts.size());
    if (out.outcome == Outcome::not_met && explain_ && parts.size() > 1) {
      out.reason = "This program needs one of these, and none is met. " + out.reason;
    }
    return out;
  }

  Eval eval(const NotOf& rule) const {
    if (const auto* attested = std::get_if<Attested>(&rule.part.front().node)) {
      // "Not convicted of a disqualifying offense": said in the fact's own words.
      const FactInfo& info = fact_info(attested->fact);
      const auto judged = judge::attested(facts_, attested->fact);
      const Outcome outcome = negated(judged.outcome);
      if (outcome == Outcome::unknown) {
        return {outcome, {}, say("You have not told us " + place(info.ask) + ".")};
      }
      if (outcome == Outcome::met) {
        return {outcome, {}, say("You said " + place(info.no) + ".")};
      }
      return {outcome,
              {},
              say("You said " + place(info.yes) +
                  (any_depth_ > 0 ? "." : "; this program does not accept that."))};
    }
    Eval inner = (*this)(rule.part.front());
    Eval out;
    out.outcome = negated(inner.outcome);
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

  /// Words of a fact with `{jurisdiction}` filled in.
  std::string place(std::string_view words) const {
    std::string out(words);
    constexpr std::string_view key = "{jurisdiction}";
    if (const auto at = out.find(key); at != std::string::npos) {
      out.replace(at, key.size(), jurisdiction_);
    }
    return out;
  }

  /// "one year", "18 months": durations in reasons, small numbers in words.
  static std::string duration_words(int amount, DurationUnit unit) {
    static constexpr std::array<std::string_view, 11> words{
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};
    std::string n = amount >= 0 && amount <= 10
                        ? std::string(words.at(static_cast<std::size_t>(amount)))
                        : std::to_string(amount);
    const bool years = unit == DurationUnit::years;
    return n + (years ? (amount == 1 ? " year" : " years") : (amount == 1 ? " month" : " months"));
  }

  static std::string capitalised(std::string_view text) {
    std::string out(text);
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') {
      out[0] = static_cast<char>(out[0] - 'a' + 'A');
    }
    return out;
  }

public:
  /// Every part must hold: not met beats unknown beats met. When every part that is not met
  /// only waits for a date, the whole waits for the latest of them.
  Eval all_of(const std::vector<Eval>& parts) const {
    AllPartsHold all;
    for (const auto& p : parts) {
      all.add(p);
    }
    Eval out;
    out.outcome = all.outcome();
    out.when = all.waits_for();
    out.reason = join_reasons(parts, out.outcome, parts.size());
    return out;
  }

private:
  const Facts& facts_;
  core::Date as_of_;
  bool explain_;
  std::string_view jurisdiction_;
  mutable int any_depth_ = 0; ///< how many "any of" the condition being judged sits inside
};

} // namespace

Assessment assess(const Program& program, const Facts& facts, core::Date as_of, Explain explain) {
  validate_facts(facts, as_of);
  const Evaluator evaluator(facts, as_of, explain, program.jurisdiction);
  Assessment out;
  // Every criterion of `criteria`, each written to `results`; what they make together.
  const auto all_of = [&](const std::vector<Criterion>& criteria,
                          std::vector<RuleResult>& results) {
    results.reserve(criteria.size());
    AllPartsHold all;
    for (const auto& criterion : criteria) {
      Eval e = evaluator(criterion.condition);
      all.add(e);
      results.push_back(RuleResult{&criterion, e.outcome, e.when, std::move(e.reason)});
    }
    return judge::Judged{all.outcome(), all.waits_for()};
  };
  AllPartsHold overall_parts;
  overall_parts.add(all_of(program.criteria, out.rules));
  if (!program.routes.empty()) {
    AnyPartHolds any;
    for (const auto& route : program.routes) {
      RouteResult r{&route, Outcome::unknown, std::nullopt, {}};
      const auto judged = all_of(route.criteria, r.rules);
      r.outcome = judged.outcome;
      r.met_on = judged.when;
      any.add(judged);
      if (out.route == nullptr && judged.outcome == Outcome::met) {
        out.route = &route;
      }
      out.routes.push_back(std::move(r));
    }
    overall_parts.add(judge::Judged{any.outcome(), any.waits_for()});
  }
  const judge::Judged overall{overall_parts.outcome(), overall_parts.waits_for()};
  out.verdict = overall.outcome == Outcome::met       ? Verdict::eligible
                : overall.outcome == Outcome::not_met ? Verdict::not_eligible
                                                      : Verdict::undetermined;
  out.eligible_on = overall.when;
  for (const auto& d : program.deadlines) {
    if (const auto* date = facts.get_if<core::Date>(d.fact)) {
      out.deadlines.push_back({d.id, d.text, core::add_months(*date, d.months)});
    }
  }
  for (const auto& r : out.rules) {
    const auto* limit = std::get_if<MaxAge>(&r.criterion->condition.node);
    if (limit != nullptr && r.outcome == Outcome::met) {
      const auto& dob = *facts.get_if<core::Date>(FactId::date_of_birth);
      out.deadlines.push_back(
          {r.criterion->id,
           "The last day you are " + std::to_string(limit->years) +
               " or younger, as this program's age limit needs on the day you are certified",
           core::add_days(core::add_years(dob, limit->years + 1), -1)});
    }
  }
  return out;
}

bool names_deadlines(const Program& program) {
  return !program.deadlines.empty() ||
         std::any_of(program.criteria.begin(), program.criteria.end(), [](const Criterion& c) {
           return std::holds_alternative<MaxAge>(c.condition.node);
         });
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

const RuleResult* first_unmet(const Assessment& a) {
  if (a.verdict == Verdict::eligible) {
    return nullptr;
  }
  // Not met before unknown: a person not eligible hears what rules them out.
  for (const auto wanted : {Outcome::not_met, Outcome::unknown}) {
    for (const auto& r : a.rules) {
      if (r.outcome == wanted) {
        return &r;
      }
    }
    for (const auto& route : a.routes) {
      for (const auto& r : route.rules) {
        if (r.outcome == wanted) {
          return &r;
        }
      }
    }
  }
  return nullptr;
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

namespace {

void collect_checks(const Condition& c, std::vector<FactId>& out) {
  if (const auto* check = std::get_if<CheckPassed>(&c.node)) {
    if (std::find(out.begin(), out.end(), check->fact) == out.end()) {
      out.push_back(check->fact);
    }
  } else if (const auto* all = std::get_if<AllOf>(&c.node)) {
    for (const auto& part : all->parts) {
      collect_checks(part, out);
    }
  }
}

} // namespace

std::vector<FactId> checks_not_passed(const Program& program, const Facts& facts) {
  std::vector<FactId> required;
  for (const auto& criterion : program.criteria) {
    collect_checks(criterion.condition, required);
  }
  std::erase_if(required, [&](FactId id) {
    const auto* status = facts.get_if<CheckStatus>(id);
    return status != nullptr && *status == CheckStatus::passed;
  });
  return required;
}

} // namespace peercert::rules

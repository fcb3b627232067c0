// The renderers of eligibility: a check's answer (text, JSON, batch rows) and a program as
// `rules show` and `rules list` describe it. One file because both describe the same rule
// file's criteria, requirements and dated values with one set of helpers (describe(),
// dated_text(), requirement_lines()); split, those helpers would need a header of their own.
#include "report/CheckReport.hpp"

#include "report/Text.hpp"

#include "core/Csv.hpp"
#include "renewal/Progress.hpp"

#include <algorithm>
#include <map>

namespace peercert::report {

namespace {

using rules::Outcome;
using rules::Verdict;

constexpr std::size_t text_width = 80;

Json date_or_null(const std::optional<core::Date>& d) {
  return d ? Json(core::format_iso(*d)) : Json(nullptr);
}

std::string outcome_label(Outcome o) {
  switch (o) {
  case Outcome::met:
    return "met";
  case Outcome::not_met:
    return "not met";
  case Outcome::unknown:
    return "unknown";
  }
  return "unknown";
}

std::string headline(const CheckAnswer& a) {
  // Not met: the program's own criteria; unknown: those and every route's.
  const auto count = [&](Outcome o) {
    const auto in = [o](const std::vector<rules::RuleResult>& results) {
      return std::count_if(results.begin(), results.end(),
                           [o](const rules::RuleResult& r) { return r.outcome == o; });
    };
    auto n = in(a.assessment.rules);
    if (o == Outcome::unknown && a.assessment.route == nullptr) {
      for (const auto& route : a.assessment.routes) {
        n += in(route.rules);
      }
    }
    return n;
  };
  const bool routes = !a.assessment.routes.empty();
  const auto criteria = [](std::ptrdiff_t n) {
    return std::to_string(n) + (n == 1 ? " criterion" : " criteria");
  };
  switch (a.assessment.verdict) {
  case Verdict::eligible:
    if (a.assessment.route != nullptr) {
      return "Eligible: you meet every criterion of this program, by the way in \"" +
             a.assessment.route->name + "\".";
    }
    return "Eligible: you meet every criterion of this program.";
  case Verdict::not_eligible:
    if (a.assessment.eligible_on) {
      return "Not eligible yet: you will meet every criterion on " +
             core::format_long(*a.assessment.eligible_on) + ".";
    }
    if (routes && count(Outcome::not_met) == 0) {
      return "Not eligible: you meet no way into this program yet; each way in lists what is "
             "missing.";
    }
    return "Not eligible: " + criteria(count(Outcome::not_met)) +
           (count(Outcome::not_met) == 1 ? " is" : " are") + " not met" +
           (routes && a.assessment.route == nullptr ? ", and no way in is met yet." : ".");
  case Verdict::undetermined:
    return "Not known yet: " + criteria(count(Outcome::unknown)) +
           (count(Outcome::unknown) == 1 ? " needs" : " need") + " more information.";
  }
  return "";
}

std::string describe(const rules::Condition& c) {
  return std::visit(
      [](const auto& n) -> std::string {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, rules::MinAge>) {
          return "age at least " + std::to_string(n.years);
        } else if constexpr (std::is_same_v<T, rules::MaxAge>) {
          return "age at most " + std::to_string(n.years);
        } else if constexpr (std::is_same_v<T, rules::AtLeast>) {
          const auto& info = rules::fact_info(n.fact);
          return std::string(info.name) + " at least " +
                 (info.kind == rules::FactKind::hours
                      ? core::Hours::from_hundredths(n.amount).to_short_string()
                      : std::to_string(n.amount));
        } else if constexpr (std::is_same_v<T, rules::Since>) {
          const bool years = n.unit == rules::DurationUnit::years;
          return std::to_string(n.amount) +
                 (years ? (n.amount == 1 ? " year" : " years")
                        : (n.amount == 1 ? " month" : " months")) +
                 " since " + std::string(rules::fact_info(n.fact).name);
        } else if constexpr (std::is_same_v<T, rules::WithinMonths>) {
          return std::string(rules::fact_info(n.fact).name) + " within the last " +
                 std::to_string(n.months) + (n.months == 1 ? " month" : " months");
        } else if constexpr (std::is_same_v<T, rules::OnOrAfter>) {
          return std::string(rules::fact_info(n.fact).name) + " on or after " +
                 core::format_iso(n.day);
        } else if constexpr (std::is_same_v<T, rules::EducationAtLeast>) {
          return "education at least " + std::string(rules::education_minimum_phrase(n.level));
        } else if constexpr (std::is_same_v<T, rules::Attested>) {
          return std::string(rules::fact_info(n.fact).name) + " is true";
        } else if constexpr (std::is_same_v<T, rules::CheckPassed>) {
          return std::string(rules::fact_info(n.fact).name) + " passed";
        } else if constexpr (std::is_same_v<T, rules::NotOf>) {
          return "not (" + describe(n.part.front()) + ")";
        } else {
          std::string out = std::is_same_v<T, rules::AllOf> ? "all of (" : "any of (";
          for (std::size_t i = 0; i < n.parts.size(); ++i) {
            out += (i > 0 ? "; " : "") + describe(n.parts[i]);
          }
          return out + ")";
        }
      },
      c.node);
}

template <class T, class ToJson>
Json dated_json(const rules::Dated<T>& d, core::Date on, ToJson to_json) {
  const auto* e = d.in_force(on);
  if (e == nullptr) {
    return nullptr;
  }
  Json out;
  out["value"] = to_json(e->value);
  out["from"] = date_or_null(e->from);
  out["source"] = e->source;
  if (e->to_confirm) {
    out["to_confirm"] = true;
  }
  return out;
}

template <class T, class ToText>
std::string dated_text(const rules::Dated<T>& d, core::Date on, ToText to_text) {
  const auto* e = d.in_force(on);
  if (e == nullptr) {
    return d.defined() ? "not in force on this date" : "not defined by the rule file";
  }
  std::string out = to_text(e->value) + "  [" + e->source + "]";
  if (e->from) {
    out += " from " + core::format_iso(*e->from);
  }
  if (e->to_confirm) {
    out += " (to confirm)";
  }
  return out;
}

const auto money_json = [](const core::Money& m) { return exact_number(m); };
const auto hours_json = [](const core::Hours& h) { return exact_number(h); };
const auto int_json = [](int n) { return n; };
const auto money_text = [](const core::Money& m) { return m.to_string(); };
/// "1 year", "2 years".
std::string plural(int n, std::string_view unit) {
  return std::to_string(n) + " " + std::string(unit) + (n == 1 ? "" : "s");
}
const auto hours_text = [](const core::Hours& h) {
  return h.to_short_string() + (h == core::Hours::whole(1) ? " hour" : " hours");
};
const auto checks_text = [](const std::vector<rules::FactId>& facts) {
  std::string out;
  for (auto f : facts) {
    out += (out.empty() ? "" : ", ") + std::string(rules::fact_info(f).name);
  }
  return out;
};

std::string requirement_kind(const rules::CeRequirement& r, const rules::Program& p) {
  const auto words = rules::requirement_kind_words(r, p);
  return words.empty() ? "any continuing education" : words;
}

std::string cycle_words(const rules::Program& p) {
  const auto& c = p.renewal.cycle;
  switch (c.kind) {
  case rules::CycleKind::anniversary:
    if (p.renewal.holder_chooses_length()) {
      return "each certificate runs from the day after the last one ends, for the length the "
             "holder chose (chained)";
    }
    return c.month_start ? "each cycle runs from the first day of the issue month, on its "
                           "anniversaries; CE counts from that day (anniversary, month start)"
                         : "each cycle runs from an anniversary of the issue date (anniversary)";
  case rules::CycleKind::fixed_date: {
    std::string out = "every certificate ends on " + core::format_day_month(c.month, c.day);
    out += c.years == rules::YearParity::odd    ? " of an odd-numbered year"
           : c.years == rules::YearParity::even ? " of an even-numbered year"
                                                : "";
    return out + ", the first such day after issue (fixed date)";
  }
  case rules::CycleKind::birthday:
    return "ends on the holder's birthday: the first on the first birthday at least one year "
           "after issue (birthday)";
  case rules::CycleKind::calendar_year:
    return "calendar years: the first runs to 31 December of the year after issue and counts CE "
           "from 1 January of that year (calendar year)";
  }
  return "";
}

std::string cited(const std::string& text, const std::string& source) {
  return source.empty() ? text : text + "  [" + source + "]";
}

/// One line per requirement: "total: 36 hours [src] — Hours of CE (any kind)".
std::string requirement_lines(const rules::Program& p,
                              const std::vector<rules::CeRequirement>& reqs, core::Date on) {
  std::string out;
  for (const auto& r : reqs) {
    std::string hours = dated_text(r.hours, on, hours_text);
    if (const auto* span = r.over_years.in_force(on)) {
      hours += ", at least once every " + plural(span->value, "year") + "  [" + span->source + "]";
    }
    for (const auto& cap : r.caps) {
      hours += ", of which " + std::string(rules::category_words(cap.category)) +
               " counts at most " + dated_text(cap.hours, on, hours_text);
    }
    out += "    " +
           wrap(r.id + ": " + hours + " — " + r.description + " (" + requirement_kind(r, p) + ")",
                76, "      ") +
           "\n";
  }
  return out;
}

Json requirements_json(const std::vector<rules::CeRequirement>& reqs, core::Date on) {
  Json list = Json::array();
  for (const auto& r : reqs) {
    Json req;
    req["id"] = r.id;
    req["description"] = r.description;
    if (r.categories == rules::continuing_education) {
      req["categories"] = nullptr;
    } else {
      req["categories"] = Json::array();
      for (auto c : rules::all_ce_categories()) {
        if ((r.categories & rules::category_bit(c)) != 0) {
          req["categories"].push_back(std::string(rules::to_string(c)));
        }
      }
    }
    req["delivery"] = r.delivery ? Json(std::string(rules::to_string(*r.delivery))) : Json(nullptr);
    req["hours"] = dated_json(r.hours, on, [](const core::Hours& h) { return exact_number(h); });
    req["over_years"] = dated_json(r.over_years, on, [](int n) { return n; });
    if (!r.caps.empty()) {
      req["caps"] = Json::array();
      for (const auto& cap : r.caps) {
        Json c;
        c["category"] = std::string(rules::to_string(cap.category));
        c["hours"] =
            dated_json(cap.hours, on, [](const core::Hours& h) { return exact_number(h); });
        req["caps"].push_back(std::move(c));
      }
    }
    list.push_back(std::move(req));
  }
  return list;
}

} // namespace

Json exact_number(std::int64_t hundredths) {
  if (hundredths % 100 == 0) {
    return hundredths / 100;
  }
  // Shortest round-trip form: 1650 -> 16.5, exactly as written with two decimals.
  return static_cast<double>(hundredths) / 100.0;
}

Json check_json(const CheckAnswer& answer) {
  const auto& program = *answer.program;
  Json out;
  out["program"] = program.id;
  out["as_of"] = core::format_iso(answer.as_of);
  out["outcome"] = std::string(rules::to_string(answer.assessment.verdict));
  out["eligible_on"] = date_or_null(answer.assessment.eligible_on);
  const auto results_json = [&](const std::vector<rules::RuleResult>& results) {
    Json list = Json::array();
    for (const auto& r : results) {
      Json rule;
      rule["id"] = r.criterion->id;
      rule["outcome"] = std::string(rules::to_string(r.outcome));
      rule["reason"] = r.reason;
      rule["source"] = program.source(r.criterion->source).citation;
      rule["description"] = r.criterion->description;
      rule["eligible_on"] = date_or_null(r.met_on);
      rule["to_confirm"] = r.criterion->to_confirm;
      if (r.criterion->to_confirm) {
        rule["note"] = program.confirm_note;
      }
      list.push_back(std::move(rule));
    }
    return list;
  };
  out["rules"] = results_json(answer.assessment.rules);
  if (!answer.assessment.routes.empty()) {
    out["route"] =
        answer.assessment.route != nullptr ? Json(answer.assessment.route->id) : Json(nullptr);
    out["routes"] = Json::array();
    for (const auto& r : answer.assessment.routes) {
      Json route;
      route["id"] = r.route->id;
      route["name"] = r.route->name;
      route["outcome"] = std::string(rules::to_string(r.outcome));
      route["eligible_on"] = date_or_null(r.met_on);
      route["criteria"] = results_json(r.rules);
      out["routes"].push_back(std::move(route));
    }
  }
  if (rules::names_deadlines(program)) {
    out["deadlines"] = Json::array();
    for (const auto& d : answer.assessment.deadlines) {
      Json deadline;
      deadline["id"] = d.id;
      deadline["text"] = d.text;
      deadline["on"] = core::format_iso(d.on);
      out["deadlines"].push_back(std::move(deadline));
    }
  }
  out["next_steps"] = Json::array();
  for (const auto& s : answer.next_steps) {
    Json step;
    step["id"] = s.step->id;
    step["title"] = s.step->title;
    step["description"] = s.description;
    step["source"] = program.source(s.step->source).citation;
    out["next_steps"].push_back(std::move(step));
  }
  return out;
}

std::string check_text(const CheckAnswer& answer) {
  const auto& program = *answer.program;
  const auto& a = answer.assessment;
  std::string out =
      program.name + " (" + program.id + "), as of " + core::format_long(answer.as_of) + "\n\n";
  out += wrap(headline(answer), text_width, "") + "\n\n";

  std::size_t id_width = 0;
  for (const auto& r : a.rules) {
    id_width = std::max(id_width, r.criterion->id.size());
  }
  for (const auto& route : a.routes) {
    for (const auto& r : route.rules) {
      id_width = std::max(id_width, r.criterion->id.size());
    }
  }
  const std::size_t reason_column = 2 + 9 + id_width + 2;
  const std::string indent(reason_column, ' ');
  std::vector<std::string> cited;
  bool any_to_confirm = false;
  const auto lines = [&](const std::vector<rules::RuleResult>& results) {
    for (const auto& r : results) {
      std::string label = outcome_label(r.outcome);
      label.resize(9, ' ');
      std::string id = r.criterion->id;
      id.resize(id_width + 2, ' ');
      std::string reason = r.reason + " [" + r.criterion->source + "]";
      if (r.criterion->to_confirm) {
        reason += " *";
        any_to_confirm = true;
      }
      out += "  " + label + id + wrap(reason, text_width - reason_column, indent) + "\n";
      if (std::find(cited.begin(), cited.end(), r.criterion->source) == cited.end()) {
        cited.push_back(r.criterion->source);
      }
    }
  };
  lines(a.rules);
  if (!a.routes.empty()) {
    out += a.rules.empty() ? "Ways in: you need every criterion of one of them\n"
                           : "\nWays in: besides the criteria above, every criterion of one of "
                             "them\n";
    for (const auto& route : a.routes) {
      const std::string state = a.route == route.route              ? "met: this is your way in"
                                : route.outcome == Outcome::met     ? "met"
                                : route.outcome == Outcome::unknown ? "not known yet"
                                                                    : "not met";
      out += "\n  " + route.route->name + " (" + route.route->id + "): " + state + "\n";
      lines(route.rules);
    }
  }
  if (any_to_confirm) {
    out += "\n  " + wrap("* " + program.confirm_note, text_width - 4, "    ") + "\n";
  }

  if (!answer.next_steps.empty()) {
    out +=
        a.verdict == Verdict::eligible ? "\nNext steps\n" : "\nThe steps once you are eligible\n";
    std::size_t n = 0;
    for (const auto& s : answer.next_steps) {
      const std::string number = std::to_string(++n) + ". ";
      out += "  " + number +
             wrap(s.step->title + ". " + s.description + " [" + s.step->source + "]",
                  text_width - 2 - number.size(), std::string(2 + number.size(), ' ')) +
             "\n";
      if (std::find(cited.begin(), cited.end(), s.step->source) == cited.end()) {
        cited.push_back(s.step->source);
      }
    }
  }

  if (!a.deadlines.empty()) {
    out += "\nDeadlines\n";
    for (const auto& d : a.deadlines) {
      const std::string on = core::format_long(d.on) + "  ";
      out += "  " + on +
             wrap(d.text + ".", text_width - 2 - on.size(), std::string(2 + on.size(), ' ')) + "\n";
    }
  }

  out += "\nSources\n";
  for (const auto& id : cited) {
    const auto& s = program.source(id);
    out += "  " + wrap("[" + id + "] " + s.citation, text_width - 2, "    ") + "\n";
  }
  return out;
}

std::string batch_csv_header(bool routes) {
  return routes ? "id,outcome,eligible_on,route,unmet\r\n" : "id,outcome,eligible_on,unmet\r\n";
}

BatchRow batch_row(std::string_view id, const rules::Assessment& a,
                   std::vector<rules::Outcome>& outcomes) {
  outcomes.clear();
  for (const auto& r : a.rules) {
    outcomes.push_back(r.outcome);
  }
  for (const auto& route : a.routes) {
    for (const auto& r : route.rules) {
      outcomes.push_back(r.outcome);
    }
  }
  const rules::Criterion* first = a.rules.empty() ? nullptr : a.rules.front().criterion;
  const rules::Route* first_route = a.routes.empty() ? nullptr : a.routes.front().route;
  return {id,
          a.verdict,
          a.eligible_on,
          {first, a.rules.size()},
          outcomes,
          {first_route, a.routes.size()},
          a.route};
}

namespace {

/// A JSON string as nlohmann's dump() writes one: UTF-8 as it is, control characters escaped.
void append_json_string(std::string& out, std::string_view text) {
  static constexpr std::string_view hex = "0123456789abcdef";
  out += '"';
  for (const char c : text) {
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\b':
      out += "\\b";
      break;
    case '\f':
      out += "\\f";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20) {
        out += "\\u00";
        out += hex[static_cast<unsigned char>(c) >> 4U];
        out += hex[static_cast<unsigned char>(c) & 0xFU];
      } else {
        out += c;
      }
    }
  }
  out += '"';
}

/// Appends every criterion not met, `separator` between them, each in `quote`: the program's
/// own by id, then each route's as route.criterion, in rule-file order. Route and criterion
/// ids are letters, digits and underscores: nothing in them needs escaping.
void append_unmet(std::string& out, const BatchRow& row, char separator, std::string_view quote) {
  bool first = true;
  std::size_t i = 0;
  const auto list = [&](std::string_view route, std::span<const rules::Criterion> criteria) {
    for (const auto& c : criteria) {
      if (row.outcomes[i++] != Outcome::not_met) {
        continue;
      }
      if (!first) {
        out += separator;
      }
      first = false;
      out += quote;
      if (!route.empty()) {
        out += route;
        out += '.';
      }
      out += c.id;
      out += quote;
    }
  };
  list({}, row.criteria);
  for (const auto& route : row.routes) {
    list(route.id, route.criteria);
  }
}

} // namespace

void append_batch_csv(std::string& out, const BatchRow& row) {
  core::append_csv_field(out, row.id);
  out += ',';
  out += rules::to_string(row.verdict);
  out += ',';
  if (row.eligible_on) {
    core::append_iso(out, *row.eligible_on);
  }
  out += ',';
  if (!row.routes.empty()) {
    if (row.route != nullptr) {
      out += row.route->id;
    }
    out += ',';
  }
  append_unmet(out, row, ';', "");
  out += "\r\n";
}

void append_batch_json(std::string& out, const BatchRow& row) {
  out += "{\"id\":";
  append_json_string(out, row.id);
  out += ",\"outcome\":\"";
  out += rules::to_string(row.verdict);
  out += "\",\"eligible_on\":";
  if (row.eligible_on) {
    out += '"';
    core::append_iso(out, *row.eligible_on);
    out += '"';
  } else {
    out += "null";
  }
  if (!row.routes.empty()) {
    out += ",\"route\":";
    if (row.route != nullptr) {
      append_json_string(out, row.route->id);
    } else {
      out += "null";
    }
  }
  out += ",\"unmet\":[";
  append_unmet(out, row, ',', "\"");
  out += "]}\n";
}

std::string programs_table(const std::vector<rules::Program>& programs) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : programs) {
    rows.push_back({p.id, p.name, p.jurisdiction, std::to_string(p.criteria.size()),
                    std::to_string(p.pathway.size()),
                    std::to_string(p.renewal.requirements.size())});
  }
  return render_table({"ID", "NAME", "JURISDICTION", "CRITERIA", "STEPS", "CE RULES"}, rows);
}

Json programs_json(const std::vector<rules::Program>& programs) {
  Json out = Json::array();
  for (const auto& p : programs) {
    Json row;
    row["id"] = p.id;
    row["name"] = p.name;
    row["jurisdiction"] = p.jurisdiction;
    row["board"] = p.board;
    row["criteria"] = p.criteria.size();
    row["pathway_steps"] = p.pathway.size();
    row["file"] = p.file;
    out.push_back(std::move(row));
  }
  return out;
}

Json program_json(const rules::Program& p, core::Date as_of) {
  Json out;
  out["id"] = p.id;
  out["name"] = p.name;
  out["jurisdiction"] = p.jurisdiction;
  out["board"] = p.board;
  out["file"] = p.file;
  out["as_of"] = core::format_iso(as_of);
  out["sources"] = Json::array();
  for (const auto& [id, s] : p.sources) {
    Json source;
    source["id"] = id;
    source["citation"] = s.citation;
    source["document"] = s.document.empty() ? Json(nullptr) : Json(s.document);
    source["regulation"] = s.regulation.empty() ? Json(nullptr) : Json(s.regulation);
    source["url"] = s.url.empty() ? Json(nullptr) : Json(s.url);
    out["sources"].push_back(std::move(source));
  }
  out["questions"] = Json::array();
  for (auto fact : p.facts_used()) {
    const auto& info = rules::fact_info(fact);
    Json q;
    q["fact"] = info.name;
    q["question"] = p.question(fact);
    q["hint"] = info.hint;
    q["kind"] = std::string(rules::to_string(info.kind));
    switch (info.kind) {
    case rules::FactKind::date:
    case rules::FactKind::yes_no:
    case rules::FactKind::hours:
    case rules::FactKind::count:
      break;
    case rules::FactKind::education:
      q["choices"] = Json::array();
      for (auto e : rules::all_education_levels()) {
        q["choices"].push_back(std::string(rules::to_string(e)));
      }
      break;
    case rules::FactKind::check:
      q["choices"] = Json::array();
      for (auto c : rules::all_check_statuses()) {
        q["choices"].push_back(std::string(rules::to_string(c)));
      }
      break;
    }
    out["questions"].push_back(std::move(q));
  }
  const auto criteria_json = [](const std::vector<rules::Criterion>& criteria) {
    Json list = Json::array();
    for (const auto& c : criteria) {
      Json criterion;
      criterion["id"] = c.id;
      criterion["description"] = c.description;
      criterion["condition"] = describe(c.condition);
      criterion["source"] = c.source;
      criterion["quote"] = c.quote.empty() ? Json(nullptr) : Json(c.quote);
      criterion["to_confirm"] = c.to_confirm;
      list.push_back(std::move(criterion));
    }
    return list;
  };
  out["criteria"] = criteria_json(p.criteria);
  if (!p.routes.empty()) {
    out["routes"] = Json::array();
    for (const auto& r : p.routes) {
      Json route;
      route["id"] = r.id;
      route["name"] = r.name;
      route["criteria"] = criteria_json(r.criteria);
      out["routes"].push_back(std::move(route));
    }
  }
  if (!p.deadlines.empty()) {
    out["deadlines"] = Json::array();
    for (const auto& d : p.deadlines) {
      Json deadline;
      deadline["id"] = d.id;
      deadline["text"] = d.text;
      deadline["fact"] = std::string(rules::fact_info(d.fact).name);
      deadline["months"] = d.months;
      deadline["source"] = d.source;
      out["deadlines"].push_back(std::move(deadline));
    }
  }
  out["confirm_note"] = p.confirm_note.empty() ? Json(nullptr) : Json(p.confirm_note);
  out["pathway"] = Json::array();
  for (const auto& s : rules::next_steps(p, as_of)) {
    Json step;
    step["id"] = s.step->id;
    step["title"] = s.step->title;
    step["description"] = s.description;
    step["source"] = s.step->source;
    out["pathway"].push_back(std::move(step));
  }
  out["contact_phone"] =
      dated_json(p.contact_phone, as_of, [](const std::string& s) { return Json(s); });
  Json training;
  training["name"] = p.training.name.empty() ? Json(nullptr) : Json(p.training.name);
  training["hours"] = dated_json(p.training.hours, as_of, hours_json);
  training["cohort_capacity"] = dated_json(p.training.cohort_capacity, as_of, int_json);
  training["notify_days_before"] = dated_json(p.training.notify_days_before, as_of, int_json);
  out["training"] = std::move(training);
  Json certification;
  certification["application_fee"] = dated_json(p.certification.application_fee, as_of, money_json);
  if (p.certification.exam_attempts.defined()) {
    certification["exam_attempts"] = dated_json(p.certification.exam_attempts, as_of, int_json);
  }
  if (p.certification.application_months.defined()) {
    certification["application_months"] =
        dated_json(p.certification.application_months, as_of, int_json);
  }
  out["certification"] = std::move(certification);
  if (!p.specialties.empty()) {
    out["specialties"] = Json::array();
    for (const auto& sp : p.specialties) {
      Json specialty;
      specialty["id"] = sp.id;
      specialty["name"] = sp.name;
      specialty["source"] = sp.source;
      specialty["criteria"] = criteria_json(sp.criteria);
      specialty["requirements"] = requirements_json(sp.requirements, as_of);
      out["specialties"].push_back(std::move(specialty));
    }
  }
  if (p.initial.defined()) {
    Json initial;
    initial["name"] = p.initial.name.empty() ? Json(nullptr) : Json(p.initial.name);
    initial["months"] = dated_json(p.initial.months, as_of, int_json);
    initial["extensions"] = dated_json(p.initial.extensions, as_of, int_json);
    initial["extension_months"] = dated_json(p.initial.extension_months, as_of, int_json);
    if (p.initial.upgrade_days_before.defined()) {
      initial["upgrade_days_before"] = dated_json(p.initial.upgrade_days_before, as_of, int_json);
    }
    initial["hours_required"] =
        exact_number(renewal::hours_required(p, p.initial.requirements, as_of));
    initial["requirements"] = requirements_json(p.initial.requirements, as_of);
    out["initial"] = std::move(initial);
  } else {
    out["initial"] = nullptr;
  }
  const auto& r = p.renewal;
  Json renewal;
  Json cycle;
  cycle["kind"] = std::string(rules::to_string(r.cycle.kind));
  if (r.cycle.kind == rules::CycleKind::fixed_date) {
    cycle["month"] = r.cycle.month;
    cycle["day"] = r.cycle.day;
    cycle["years"] = r.cycle.years == rules::YearParity::odd    ? "odd"
                     : r.cycle.years == rules::YearParity::even ? "even"
                                                                : "every";
  }
  if (r.cycle.month_start) {
    cycle["anchor"] = "month_start";
  }
  cycle["source"] = r.cycle.source.empty() ? Json(nullptr) : Json(r.cycle.source);
  renewal["cycle"] = std::move(cycle);
  renewal["every_years"] = dated_json(r.every_years, as_of, int_json);
  if (r.holder_chooses_length()) {
    renewal["lengths"] =
        dated_json(r.lengths, as_of, [](const std::vector<int>& years) { return Json(years); });
    renewal["hours_per_year"] = dated_json(r.hours_per_year, as_of, hours_json);
  }
  renewal["fee"] = dated_json(r.fee, as_of, money_json);
  renewal["reminder_days"] = dated_json(r.reminder_days, as_of, int_json);
  renewal["grace_days"] = dated_json(r.grace_days, as_of, int_json);
  renewal["late_days"] = dated_json(r.late_days, as_of, int_json);
  renewal["late_months"] = dated_json(r.late_months, as_of, int_json);
  renewal["late_fee"] = dated_json(r.late_fee, as_of, money_json);
  if (r.shortest_entry.defined()) {
    renewal["shortest_entry"] = dated_json(r.shortest_entry, as_of, hours_json);
  }
  if (r.late_fee_within_days.defined()) {
    renewal["late_fee_within_days"] =
        dated_json(r.late_fee_within_days, as_of, [](int n) { return Json(n); });
  }
  renewal["after_late"] =
      dated_json(r.after_late, as_of, [](const std::string& t) { return Json(t); });
  renewal["inactive_after_late"] = r.inactive_after_late;
  renewal["fresh_checks"] =
      dated_json(r.fresh_checks, as_of, [](const std::vector<rules::FactId>& facts) {
        Json list = Json::array();
        for (auto f : facts) {
          list.push_back(rules::fact_info(f).name);
        }
        return list;
      });
  renewal["categories"] = Json::array();
  for (auto c : p.ce_categories()) {
    renewal["categories"].push_back(std::string(rules::to_string(c)));
  }
  renewal["hours_required"] = r.requirements.empty()
                                  ? Json(nullptr)
                                  : exact_number(renewal::hours_required(p, r.requirements, as_of));
  renewal["requirements"] = requirements_json(r.requirements, as_of);
  renewal["waivers"] = Json::array();
  for (const auto& w : r.waivers) {
    Json waiver;
    waiver["id"] = w.id;
    waiver["description"] = w.description;
    waiver["when"] =
        w.kind == rules::WaiverKind::newly_certified ? "newly_certified" : "short_first_cycle";
    waiver["months"] =
        w.kind == rules::WaiverKind::newly_certified ? Json(w.months) : Json(nullptr);
    waiver["source"] = w.source;
    renewal["waivers"].push_back(std::move(waiver));
  }
  out["renewal"] = std::move(renewal);
  if (p.reactivation.defined()) {
    Json reactivation;
    reactivation["fee"] = dated_json(p.reactivation.fee, as_of, money_json);
    reactivation["within_years"] = dated_json(p.reactivation.within_years, as_of, int_json);
    out["reactivation"] = std::move(reactivation);
  } else {
    out["reactivation"] = nullptr;
  }
  return out;
}

std::string program_text(const rules::Program& p, core::Date as_of) {
  std::string out = p.id + " — " + p.name + "\n";
  out += "Jurisdiction: " + p.jurisdiction + ". Certified by: " + p.board + ".\n";
  out += "Rule file: " + p.file + ". Values in force on " + core::format_long(as_of) + ".\n";

  out += "\nEligibility criteria\n";
  if (!p.has_criteria()) {
    out += "  none: the rule file defines no eligibility criteria; peercert tracks renewal "
           "only.\n";
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : p.criteria) {
    rows.push_back(
        {c.id, describe(c.condition), "[" + c.source + "]" + (c.to_confirm ? " to confirm" : "")});
  }
  if (!rows.empty()) {
    out += render_table({"ID", "CONDITION", "SOURCE"}, rows, "  ");
  }
  for (const auto& r : p.routes) {
    out += "\nWay in \"" + r.name + "\" (" + r.id + "), one of " + std::to_string(p.routes.size()) +
           "\n";
    std::vector<std::vector<std::string>> lines;
    for (const auto& c : r.criteria) {
      lines.push_back({c.id, describe(c.condition),
                       "[" + c.source + "]" + (c.to_confirm ? " to confirm" : "")});
    }
    out += render_table({"ID", "CONDITION", "SOURCE"}, lines, "  ");
  }
  if (!p.deadlines.empty()) {
    out += "\nDeadlines the self-check names\n";
    for (const auto& d : p.deadlines) {
      out += "  " +
             wrap(d.id + ": " + std::to_string(d.months) + (d.months == 1 ? " month" : " months") +
                      " after " + std::string(rules::fact_info(d.fact).name) + " — " + d.text +
                      "  [" + d.source + "]",
                  78, "    ") +
             "\n";
    }
  }
  if (!p.confirm_note.empty()) {
    out += "  " + wrap("To confirm: " + p.confirm_note, 78, "  ") + "\n";
  }

  if (!p.pathway.empty()) {
    out += "\nPathway\n";
    std::size_t n = 0;
    for (const auto& s : rules::next_steps(p, as_of)) {
      const std::string number = std::to_string(++n) + ". ";
      out += "  " + number +
             wrap(s.step->title + ". " + s.description + " [" + s.step->source + "]",
                  78 - number.size(), std::string(2 + number.size(), ' ')) +
             "\n";
    }
  }

  out += "\nTraining\n";
  out += "  name:                " +
         (p.training.name.empty() ? "not defined by the rule file" : p.training.name) + "\n";
  out += "  hours:               " + dated_text(p.training.hours, as_of, hours_text) + "\n";
  out += "  seats per cohort:    " +
         dated_text(p.training.cohort_capacity, as_of, [](int n) { return std::to_string(n); }) +
         "\n";
  out += "  notice before start: " +
         dated_text(p.training.notify_days_before, as_of, [](int n) { return plural(n, "day"); }) +
         "\n";
  out += "\nCertification\n";
  out +=
      "  application fee:     " + dated_text(p.certification.application_fee, as_of, money_text) +
      "\n";
  if (p.certification.exam_attempts.defined()) {
    out += "  exam attempts:       " +
           dated_text(p.certification.exam_attempts, as_of,
                      [](int n) { return "at most " + std::to_string(n) + " per application"; }) +
           "\n";
  }
  if (p.certification.application_months.defined()) {
    out += "  application lapses:  " +
           dated_text(p.certification.application_months, as_of,
                      [](int n) { return plural(n, "month") + " after submission, unapproved"; }) +
           "\n";
  }
  for (const auto& sp : p.specialties) {
    out += "\nSpecialty \"" + sp.name + "\" (" + sp.id + ") [" + sp.source + "]\n";
    std::vector<std::vector<std::string>> lines;
    for (const auto& c : sp.criteria) {
      lines.push_back({c.id, describe(c.condition),
                       "[" + c.source + "]" + (c.to_confirm ? " to confirm" : "")});
    }
    if (!lines.empty()) {
      out += render_table({"ID", "CONDITION", "SOURCE"}, lines, "  ");
    }
    if (!sp.requirements.empty()) {
      out += "  while held, at least " +
             renewal::hours_required(p, sp.requirements, as_of).to_short_string() +
             " more hours a cycle, never blocking the base renewal:\n";
      out += requirement_lines(p, sp.requirements, as_of);
    }
  }

  if (p.initial.defined()) {
    const auto& i = p.initial;
    out += "\nInitial certificate" + (i.name.empty() ? std::string{} : ": " + i.name) + "\n";
    out += "  lasts:               " +
           dated_text(i.months, as_of, [](int n) { return plural(n, "month"); }) + "\n";
    out += "  extensions:          " +
           dated_text(i.extensions, as_of, [](int n) { return "at most " + std::to_string(n); }) +
           "\n";
    out += "  each extension:      " +
           dated_text(i.extension_months, as_of, [](int n) { return plural(n, "month"); }) + "\n";
    if (i.upgrade_days_before.defined()) {
      out += "  upgrade filed:       " +
             dated_text(i.upgrade_days_before, as_of,
                        [](int n) {
                          return "at least " + plural(n, "day") +
                                 " before it ends; it cannot be renewed";
                        }) +
             "\n";
    }
    out += "  before the full certificate, at least " +
           renewal::hours_required(p, i.requirements, as_of).to_short_string() + " hours:\n";
    out += requirement_lines(p, i.requirements, as_of);
  }

  const auto& r = p.renewal;
  out += "\nRenewal\n";
  out += "  cycle:               " +
         wrap(cited(cycle_words(p), r.cycle.source), 56, std::string(23, ' ')) + "\n";
  if (r.holder_chooses_length()) {
    out += "  every:               " +
           dated_text(r.lengths, as_of,
                      [](const std::vector<int>& years) {
                        std::string words;
                        for (std::size_t i = 0; i < years.size(); ++i) {
                          words += (i == 0                  ? ""
                                    : i + 1 == years.size() ? " or "
                                                            : ", ") +
                                   std::to_string(years[i]);
                        }
                        return words + " years, as the holder chooses at each renewal";
                      }) +
           "\n";
    out += "  hours a year:        " + dated_text(r.hours_per_year, as_of, hours_text) + "\n";
    out += "  first certificate:   " +
           dated_text(r.every_years, as_of, [](int n) { return plural(n, "year"); }) + "\n";
  } else {
    out += "  every:               " +
           dated_text(r.every_years, as_of, [](int n) { return plural(n, "year"); }) + "\n";
  }
  out += "  fee:                 " + dated_text(r.fee, as_of, money_text) + "\n";
  out += "  reminder window:     " +
         (r.reminder_days.in_force(as_of) != nullptr
              ? dated_text(r.reminder_days, as_of, [](int n) { return plural(n, "day"); })
              : std::string("90 days (peercert's default; not defined by the rule file)")) +
         "\n";
  out += "  grace period:        " +
         dated_text(r.grace_days, as_of,
                    [](int n) { return std::to_string(n) + " days after expiry, no late fee"; }) +
         "\n";
  out +=
      "  late renewal:        " +
      (r.late_months.defined()
           ? dated_text(r.late_months, as_of,
                        [](int n) { return "up to " + std::to_string(n) + " months after expiry"; })
           : dated_text(
                 r.late_days, as_of,
                 [](int n) { return "up to " + std::to_string(n) + " days after expiry"; })) +
      "\n";
  out += "  late fee:            " + dated_text(r.late_fee, as_of, money_text) + "\n";
  if (r.shortest_entry.defined()) {
    out += "  shortest CE entry:   " + dated_text(r.shortest_entry, as_of, hours_text) + "\n";
  }
  if (r.late_fee_within_days.defined()) {
    out += "  late fee owed from:  " +
           dated_text(r.late_fee_within_days, as_of,
                      [](int n) { return std::to_string(n) + " days before expiry"; }) +
           "\n";
  }
  if (r.after_late.defined()) {
    out += "  after that:          " +
           wrap(dated_text(r.after_late, as_of, [](const std::string& t) { return t; }), 56,
                std::string(23, ' ')) +
           "\n";
  }
  if (r.inactive_after_late) {
    out += "  unrenewed:           becomes inactive once the late window closes\n";
  }
  out += "  fresh checks:        " + dated_text(r.fresh_checks, as_of, checks_text) + "\n";
  std::string categories;
  for (auto c : p.ce_categories()) {
    categories += (categories.empty() ? "" : ", ") + std::string(rules::to_string(c));
  }
  out += "  CE categories:       " +
         (r.categories.empty() ? "any (the rule file names none)" : categories) + "\n";
  if (r.requirements.empty()) {
    out += "  continuing education: not defined by the rule file\n";
  } else {
    out += "  continuing education, at least " +
           renewal::hours_required(p, r.requirements, as_of).to_short_string() +
           (r.holder_chooses_length() ? " hours for each year chosen:\n" : " hours a cycle:\n");
    out += requirement_lines(p, r.requirements, as_of);
  }
  for (const auto& w : r.waivers) {
    out +=
        "  waiver " + wrap(w.id + ": " + w.description + "  [" + w.source + "]", 68, "    ") + "\n";
  }

  if (p.reactivation.defined()) {
    out += "\nReactivation\n";
    out += "  fee:                 " + dated_text(p.reactivation.fee, as_of, money_text) + "\n";
    out += "  within:              " +
           dated_text(p.reactivation.within_years, as_of,
                      [](int n) { return std::to_string(n) + " years of becoming inactive"; }) +
           "\n";
  }

  out +=
      "\nContact: " + dated_text(p.contact_phone, as_of, [](const std::string& s) { return s; }) +
      "\n";

  out += "\nSources\n";
  for (const auto& [id, s] : p.sources) {
    out += "  " +
           wrap("[" + id + "] " + s.citation + " (" +
                    (s.document.empty() ? s.regulation : "rules/sources/" + s.document) +
                    (s.url.empty() ? "" : ", " + s.url) + ")",
                78, "    ") +
           "\n";
  }
  return out;
}

} // namespace peercert::report

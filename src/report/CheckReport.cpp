#include "report/CheckReport.hpp"

#include "report/Text.hpp"

#include "core/Csv.hpp"

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
  const auto count = [&](Outcome o) {
    return std::count_if(a.assessment.rules.begin(), a.assessment.rules.end(),
                         [o](const rules::RuleResult& r) { return r.outcome == o; });
  };
  const auto criteria = [](std::ptrdiff_t n) {
    return std::to_string(n) + (n == 1 ? " criterion" : " criteria");
  };
  switch (a.assessment.verdict) {
  case Verdict::eligible:
    return "Eligible: you meet every criterion of this program.";
  case Verdict::not_eligible:
    if (a.assessment.eligible_on) {
      return "Not eligible yet: you will meet every criterion on " +
             core::format_long(*a.assessment.eligible_on) + ".";
    }
    return "Not eligible: " + criteria(count(Outcome::not_met)) +
           (count(Outcome::not_met) == 1 ? " is" : " are") + " not met.";
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
  return out;
}

const auto money_json = [](const core::Money& m) { return exact_number(m); };
const auto hours_json = [](const core::Hours& h) { return exact_number(h); };
const auto int_json = [](int n) { return n; };
const auto money_text = [](const core::Money& m) { return m.to_string(); };
const auto hours_text = [](const core::Hours& h) { return h.to_short_string() + " hours"; };
const auto checks_text = [](const std::vector<rules::FactId>& facts) {
  std::string out;
  for (auto f : facts) {
    out += (out.empty() ? "" : ", ") + std::string(rules::fact_info(f).name);
  }
  return out;
};

std::string requirement_kind(const rules::CeRequirement& r) {
  std::string out;
  if (r.delivery) {
    out += r.delivery == rules::CeDelivery::live ? "live" : "self-study";
  }
  if (r.category) {
    out += (out.empty() ? "" : " ") + std::string(rules::to_string(*r.category));
  }
  return out.empty() ? "any continuing education" : out;
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
  out["rules"] = Json::array();
  for (const auto& r : answer.assessment.rules) {
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
    out["rules"].push_back(std::move(rule));
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
  const std::size_t reason_column = 2 + 9 + id_width + 2;
  const std::string indent(reason_column, ' ');
  std::vector<std::string> cited;
  bool any_to_confirm = false;
  for (const auto& r : a.rules) {
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

  out += "\nSources\n";
  for (const auto& id : cited) {
    const auto& s = program.source(id);
    out += "  " + wrap("[" + id + "] " + s.citation, text_width - 2, "    ") + "\n";
  }
  return out;
}

std::string batch_csv_header() { return "id,outcome,eligible_on,unmet\r\n"; }

namespace {
std::string unmet_ids(const rules::Assessment& a, char separator) {
  std::string out;
  for (const auto& r : a.rules) {
    if (r.outcome == Outcome::not_met) {
      if (!out.empty()) {
        out += separator;
      }
      out += r.criterion->id;
    }
  }
  return out;
}
} // namespace

void append_batch_csv(std::string& out, std::string_view id, const rules::Assessment& a) {
  core::append_csv_record(out, {std::string(id), std::string(rules::to_string(a.verdict)),
                                a.eligible_on ? core::format_iso(*a.eligible_on) : "",
                                unmet_ids(a, ';')});
}

void append_batch_json(std::string& out, std::string_view id, const rules::Assessment& a) {
  Json row;
  row["id"] = id;
  row["outcome"] = std::string(rules::to_string(a.verdict));
  row["eligible_on"] = date_or_null(a.eligible_on);
  row["unmet"] = Json::array();
  for (const auto& r : a.rules) {
    if (r.outcome == Outcome::not_met) {
      row["unmet"].push_back(r.criterion->id);
    }
  }
  out += row.dump();
  out += '\n';
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
    switch (info.kind) {
    case rules::FactKind::date:
      q["kind"] = "date";
      break;
    case rules::FactKind::yes_no:
      q["kind"] = "yes_no";
      break;
    case rules::FactKind::education:
      q["kind"] = "education";
      q["choices"] = Json::array();
      for (auto e : rules::all_education_levels()) {
        q["choices"].push_back(std::string(rules::to_string(e)));
      }
      break;
    case rules::FactKind::check:
      q["kind"] = "check";
      q["choices"] = Json::array();
      for (auto c : rules::all_check_statuses()) {
        q["choices"].push_back(std::string(rules::to_string(c)));
      }
      break;
    }
    out["questions"].push_back(std::move(q));
  }
  out["criteria"] = Json::array();
  for (const auto& c : p.criteria) {
    Json criterion;
    criterion["id"] = c.id;
    criterion["description"] = c.description;
    criterion["condition"] = describe(c.condition);
    criterion["source"] = c.source;
    criterion["quote"] = c.quote.empty() ? Json(nullptr) : Json(c.quote);
    criterion["to_confirm"] = c.to_confirm;
    out["criteria"].push_back(std::move(criterion));
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
  out["certification"] = std::move(certification);
  Json renewal;
  renewal["every_years"] = dated_json(p.renewal.every_years, as_of, int_json);
  renewal["fee"] = dated_json(p.renewal.fee, as_of, money_json);
  renewal["reminder_days"] = dated_json(p.renewal.reminder_days, as_of, int_json);
  renewal["late_days"] = dated_json(p.renewal.late_days, as_of, int_json);
  renewal["late_fee"] = dated_json(p.renewal.late_fee, as_of, money_json);
  renewal["fresh_checks"] =
      dated_json(p.renewal.fresh_checks, as_of, [](const std::vector<rules::FactId>& facts) {
        Json list = Json::array();
        for (auto f : facts) {
          list.push_back(rules::fact_info(f).name);
        }
        return list;
      });
  renewal["requirements"] = Json::array();
  for (const auto& r : p.renewal.requirements) {
    Json req;
    req["id"] = r.id;
    req["description"] = r.description;
    req["category"] = r.category ? Json(std::string(rules::to_string(*r.category))) : Json(nullptr);
    req["delivery"] = r.delivery ? Json(std::string(rules::to_string(*r.delivery))) : Json(nullptr);
    req["hours"] = dated_json(r.hours, as_of, hours_json);
    renewal["requirements"].push_back(std::move(req));
  }
  out["renewal"] = std::move(renewal);
  return out;
}

std::string program_text(const rules::Program& p, core::Date as_of) {
  std::string out = p.id + " — " + p.name + "\n";
  out += "Jurisdiction: " + p.jurisdiction + ". Certified by: " + p.board + ".\n";
  out += "Rule file: " + p.file + ". Values in force on " + core::format_long(as_of) + ".\n";

  out += "\nEligibility criteria\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : p.criteria) {
    rows.push_back(
        {c.id, describe(c.condition), "[" + c.source + "]" + (c.to_confirm ? " to confirm" : "")});
  }
  out += render_table({"ID", "CONDITION", "SOURCE"}, rows, "  ");
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
         dated_text(p.training.notify_days_before, as_of,
                    [](int n) { return std::to_string(n) + " days"; }) +
         "\n";
  out += "\nCertification\n";
  out +=
      "  application fee:     " + dated_text(p.certification.application_fee, as_of, money_text) +
      "\n";

  out += "\nRenewal\n";
  out +=
      "  every:               " +
      dated_text(p.renewal.every_years, as_of, [](int n) { return std::to_string(n) + " years"; }) +
      "\n";
  out += "  fee:                 " + dated_text(p.renewal.fee, as_of, money_text) + "\n";
  out += "  reminder window:     " +
         (p.renewal.reminder_days.in_force(as_of) != nullptr
              ? dated_text(p.renewal.reminder_days, as_of,
                           [](int n) { return std::to_string(n) + " days"; })
              : std::string("90 days (peercert's default; not defined by the rule file)")) +
         "\n";
  out += "  late renewal:        " +
         dated_text(p.renewal.late_days, as_of,
                    [](int n) { return "up to " + std::to_string(n) + " days after expiry"; }) +
         "\n";
  out += "  late fee:            " + dated_text(p.renewal.late_fee, as_of, money_text) + "\n";
  out += "  fresh checks:        " + dated_text(p.renewal.fresh_checks, as_of, checks_text) + "\n";
  for (const auto& r : p.renewal.requirements) {
    out += "  " + r.id + ": " + dated_text(r.hours, as_of, hours_text) + " — " + r.description +
           " (" + requirement_kind(r) + ")\n";
  }
  if (p.renewal.requirements.empty()) {
    out += "  continuing education: not defined by the rule file\n";
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

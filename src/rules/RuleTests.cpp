// `peercert rules test`: reads a program's test file and judges each case against the rules.
// One piece because its two kinds of case share the reader, the defaults and the way a
// failure is worded, and a board reads the file format in one place (rules/README.md).

#include "rules/RuleTests.hpp"

#include "core/Error.hpp"
#include "renewal/Renewal.hpp"
#include "rules/Eligibility.hpp"
#include "rules/Facts.hpp"
#include "rules/TomlDate.hpp"
#include "rules/TomlKeys.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace peercert::rules {

namespace {

using core::RuleFileError;

class TestFileReader {
public:
  explicit TestFileReader(std::string path) : path_(std::move(path)) {}

  [[noreturn]] void fail(const toml::node& where, const std::string& message) const {
    const auto& at = where.source().begin;
    throw RuleFileError(path_ + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) +
                        ": " + message);
  }

  void check_keys(const toml::table& t, std::initializer_list<std::string_view> allowed,
                  std::string_view context) const {
    if (const auto unknown = unknown_key(t, allowed, context)) {
      const auto& at = unknown->where.begin;
      throw RuleFileError(path_ + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) +
                          ": " + unknown->message);
    }
  }

  core::Date date(const toml::node& n) const {
    if (auto d = toml_date(n)) {
      return *d;
    }
    fail(n, "expected a date written YYYY-MM-DD.");
  }

  std::string string(const toml::node& n) const {
    if (!n.is_string()) {
      fail(n, "expected a string.");
    }
    return n.as_string()->get();
  }

  core::Hours hours(const toml::node& n) const {
    if (auto h = toml_hours(n)) {
      return *h;
    }
    fail(n, "expected hours as an integer or a string such as \"1.25\".");
  }

  std::int64_t integer(const toml::node& n) const {
    if (!n.is_integer()) {
      fail(n, "expected a whole number.");
    }
    return n.as_integer()->get();
  }

  core::Money money(const toml::node& n) const {
    if (auto m = toml_money(n)) {
      return *m;
    }
    fail(n, "expected money as a string such as \"75.00\".");
  }

  /// Sets the facts of a [facts] table over `facts`.
  void read_facts(const toml::table& t, Facts& facts) const {
    for (auto&& [key, node] : t) {
      const auto id = fact_from_name(key.str());
      if (!id) {
        fail(node, "unknown fact \"" + std::string(key.str()) + "\".");
      }
      try {
        if (node.is_boolean()) {
          facts.set(*id, node.as_boolean()->get());
        } else if (node.is_date()) {
          facts.set(*id, date(node));
        } else if (node.is_integer()) {
          facts.set(*id, parse_fact_text(*id, std::to_string(node.as_integer()->get())));
        } else if (node.is_floating_point()) {
          fail(node, "a floating-point number is not exact: write hours as a string such as "
                     "\"12.5\".");
        } else {
          facts.set(*id, parse_fact_text(*id, string(node)));
        }
      } catch (const core::InputError& e) {
        fail(node, e.what());
      }
    }
  }

private:
  std::string path_;
};

std::string collapse_spaces(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) {
      out += ' ';
    }
    space = false;
    out += c;
  }
  return out;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw RuleFileError(path.string() + ": cannot be read.");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string hours_text(core::Hours h) { return h.to_short_string(); }

/// Runs the [[renewal_case]] tables: a credential's dates, its renewals and CE entries, an
/// as-of date in; its status, cycle dates and hours out.
void run_renewal_cases(const Program& program, const TestFileReader& reader,
                       const toml::array& cases, std::optional<core::Date> default_as_of,
                       RuleTestReport& report) {
  for (const auto& node : cases) {
    const auto& t = *node.as_table();
    reader.check_keys(t,
                      {"name",
                       "issued_on",
                       "imported_expires_on",
                       "date_of_birth",
                       "renewed",
                       "as_of",
                       "ce",
                       "status",
                       "error",
                       "expires_on",
                       "cycle_start",
                       "counts_from",
                       "days_until_expiry",
                       "hours_required",
                       "hours_completed",
                       "hours_needed",
                       "needed",
                       "required",
                       "completed",
                       "waived",
                       "late_until",
                       "late_fee",
                       "cycle_years",
                       "renewable_years",
                       "specialties",
                       "specialties_met"},
                      "[[renewal_case]]");
    ++report.cases;
    const auto* name_node = t.get("name");
    if (name_node == nullptr) {
      reader.fail(t, "a [[renewal_case]] has no \"name\".");
    }
    const std::string name = "renewal case \"" + reader.string(*name_node) + "\"";
    const auto* issued_node = t.get("issued_on");
    if (issued_node == nullptr) {
      reader.fail(t, name + " has no \"issued_on\".");
    }
    renewal::CredentialDates dates{reader.date(*issued_node), {}, {}};
    if (const auto* e = t.get("imported_expires_on")) {
      dates.expires_on = reader.date(*e);
    }
    if (const auto* b = t.get("date_of_birth")) {
      dates.date_of_birth = reader.date(*b);
    }
    std::optional<core::Date> as_of = default_as_of;
    if (const auto* a = t.get("as_of")) {
      as_of = reader.date(*a);
    }
    if (!as_of) {
      reader.fail(t, name + " has no \"as_of\" and [defaults] gives none.");
    }
    int renewed = 0;
    if (const auto* r = t.get("renewed")) {
      renewed = static_cast<int>(reader.integer(*r));
      if (renewed < 0 || renewed > 1000) {
        reader.fail(*r, "\"renewed\" must be a number of renewals from 0 to 1000.");
      }
    }
    // A certificate whose holder chose its length (NY-CPS): imported with its last day.
    std::optional<int> cycle_years;
    if (const auto* y = t.get("cycle_years")) {
      cycle_years = static_cast<int>(reader.integer(*y));
      if (!dates.expires_on || renewed != 0) {
        reader.fail(*y, "\"cycle_years\" needs \"imported_expires_on\" and no \"renewed\".");
      }
    }
    // Specialties held: [{ id = "family", since = 2024-01-01 }].
    std::vector<renewal::Endorsement> endorsed;
    if (const auto* list = t.get_as<toml::array>("specialties")) {
      for (const auto& element : *list) {
        const auto* e = element.as_table();
        if (e == nullptr || e->get("id") == nullptr || e->get("since") == nullptr) {
          reader.fail(element, "each of \"specialties\" must be { id = \"…\", since = DATE }.");
        }
        reader.check_keys(*e, {"id", "since"}, "a specialty held");
        const std::string id = reader.string(*e->get("id"));
        if (program.specialty(id) == nullptr) {
          reader.fail(*e->get("id"), "the program has no specialty \"" + id + "\".");
        }
        endorsed.push_back({id, reader.date(*e->get("since")), std::nullopt});
      }
    }
    std::vector<renewal::CeEntry> entries;
    if (const auto* ce = t.get("ce")) {
      if (!ce->is_array()) {
        reader.fail(*ce, "\"ce\" must be a list of { on = …, hours = …, category = … }.");
      }
      for (const auto& element : *ce->as_array()) {
        if (!element.is_table()) {
          reader.fail(element, "each CE entry must be { on = …, hours = …, category = … }.");
        }
        const auto& e = *element.as_table();
        reader.check_keys(e, {"on", "hours", "category", "delivery"}, "a CE entry");
        const auto* on = e.get("on");
        const auto* hours = e.get("hours");
        const auto* category = e.get("category");
        if (on == nullptr || hours == nullptr || category == nullptr) {
          reader.fail(e, "a CE entry needs \"on\", \"hours\" and \"category\".");
        }
        renewal::CeEntry entry{
            reader.date(*on), reader.hours(*hours), {}, CeDelivery::self_study, {}};
        const auto c = ce_category_from_name(reader.string(*category));
        if (!c || !program.accepts(*c)) {
          reader.fail(*category, "\"" + reader.string(*category) + "\" is not a CE category of " +
                                     program.id + ".");
        }
        entry.category = *c;
        if (const auto* d = e.get("delivery")) {
          const auto delivery = ce_delivery_from_name(reader.string(*d));
          if (!delivery) {
            reader.fail(*d, "\"delivery\" must be \"live\" or \"self_study\".");
          }
          entry.delivery = *delivery;
        }
        entries.push_back(entry);
      }
    }
    const auto* status_node = t.get("status");
    if (status_node == nullptr) {
      reader.fail(t, name + " has no expected \"status\".");
    }
    const std::string want_status = reader.string(*status_node);

    renewal::CredentialStatus got;
    try {
      if (program.renewal.holder_chooses_length()) {
        const auto began = dates.expires_on ? renewal::Began::import : renewal::Began::issue;
        const renewal::History h{dates,
                                 {renewal::first_period(program, dates, began, false, cycle_years)},
                                 {},
                                 endorsed};
        got = renewal::standing(program, h, entries, *as_of);
      } else {
        auto h = renewal::renewed_history(program, dates, renewed);
        h.endorsed = endorsed;
        got = renewal::standing(program, h, entries, *as_of);
      }
    } catch (const core::InputError& e) {
      if (want_status != "input_error") {
        report.failures.push_back(name + ": refused the credential: " + e.what());
      } else if (const auto* words = t.get("error");
                 words != nullptr &&
                 std::string(e.what()).find(reader.string(*words)) == std::string::npos) {
        report.failures.push_back(name + ": the error is \"" + e.what() +
                                  "\", which does not contain \"" + reader.string(*words) + "\".");
      }
      continue;
    }
    const auto expect = [&](const std::string& what, const std::string& have,
                            const std::string& want) {
      if (have != want) {
        report.failures.push_back(name + ": " + what + " is " + have + ", expected " + want + ".");
      }
    };
    expect("status", std::string(renewal::to_string(got.status)), want_status);
    const auto& p = got.current;
    const auto date_field = [&](const char* key, core::Date have) {
      if (const auto* n = t.get(key)) {
        expect(key, core::format_iso(have), core::format_iso(reader.date(*n)));
      }
    };
    date_field("expires_on", p.cycle.expires_on);
    date_field("cycle_start", p.cycle.start);
    date_field("counts_from", p.cycle.counts_from);
    const auto hours_field = [&](const char* key, core::Hours have) {
      if (const auto* n = t.get(key)) {
        expect(key, hours_text(have), hours_text(reader.hours(*n)));
      }
    };
    hours_field("hours_required", p.hours_required);
    hours_field("hours_completed", p.hours_completed);
    hours_field("hours_needed", p.hours_needed);
    if (const auto* n = t.get("days_until_expiry")) {
      expect("days_until_expiry", std::to_string(got.days_until_expiry),
             std::to_string(reader.integer(*n)));
    }
    if (const auto* n = t.get("needed")) {
      expect("needed", renewal::describe_needed(p.needed), reader.string(*n));
    }
    if (const auto* n = t.get("waived")) {
      if (!n->is_boolean()) {
        reader.fail(*n, "\"waived\" must be true or false.");
      }
      expect("waived", p.waived_by != nullptr ? "true" : "false",
             n->as_boolean()->get() ? "true" : "false");
    }
    // "none" expects no value.
    const auto is_none = [](const toml::node& n) {
      return n.is_string() && n.as_string()->get() == "none";
    };
    if (const auto* n = t.get("late_until")) {
      expect("late_until", got.late_until ? core::format_iso(*got.late_until) : "none",
             is_none(*n) ? "none" : core::format_iso(reader.date(*n)));
    }
    if (const auto* met = t.get_as<toml::table>("specialties_met")) {
      for (auto&& [id, value] : *met) {
        const std::string_view wanted = id.str(); // a lambda may not capture a binding
        const auto it = std::find_if(
            got.specialties.begin(), got.specialties.end(),
            [&](const renewal::SpecialtyStanding& s) { return s.specialty->id == wanted; });
        if (it == got.specialties.end() || !value.is_boolean()) {
          reader.fail(value, "\"specialties_met\" names a specialty the case does not hold, "
                             "or not as true or false.");
        }
        expect("specialty " + std::string(id.str()) + " requirements met",
               it->requirements_met() ? "true" : "false",
               value.as_boolean()->get() ? "true" : "false");
      }
    }
    if (const auto* n = t.get("renewable_years")) {
      expect("renewable_years", got.renewable_years ? std::to_string(*got.renewable_years) : "none",
             is_none(*n) ? "none" : std::to_string(reader.integer(*n)));
    }
    if (const auto* n = t.get("late_fee")) {
      expect("late_fee", got.late_fee ? got.late_fee->to_string() : "none",
             is_none(*n) ? "none" : reader.money(*n).to_string());
    }
    for (const char* key : {"required", "completed"}) {
      const auto* table = t.get_as<toml::table>(key);
      if (table == nullptr) {
        continue;
      }
      for (auto&& [id, value] : *table) {
        const std::string_view wanted = id.str();
        const auto it = std::find_if(
            p.requirements.begin(), p.requirements.end(),
            [&](const renewal::RequirementProgress& r) { return r.requirement->id == wanted; });
        if (it == p.requirements.end()) {
          reader.fail(value, "the program has no requirement \"" + std::string(id.str()) +
                                 "\" in force in this cycle.");
        }
        const bool required = std::string_view(key) == "required";
        expect(std::string(key) + " of " + std::string(id.str()),
               hours_text(required ? it->required : it->completed),
               hours_text(reader.hours(value)));
      }
    }
  }
}

} // namespace

RuleTestReport run_rule_tests(const Program& program, const std::filesystem::path& test_file) {
  const std::string path = test_file.string();
  const std::string text = read_file(test_file);
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    const auto& at = e.source().begin;
    throw RuleFileError(path + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) +
                        ": " + std::string(e.description()) + ".");
  }
  const TestFileReader reader(path);
  reader.check_keys(root, {"program", "defaults", "case", "renewal_case"}, "the test file");

  RuleTestReport report{program.id, path, 0, {}};
  const auto* program_node = root.get("program");
  if (program_node == nullptr || reader.string(*program_node) != program.id) {
    throw RuleFileError(path + ":1:1: the test file must say program = \"" + program.id + "\".");
  }

  Facts default_facts;
  std::optional<core::Date> default_as_of;
  if (const auto* defaults = root.get_as<toml::table>("defaults")) {
    reader.check_keys(*defaults, {"as_of", "facts"}, "[defaults]");
    if (const auto* a = defaults->get("as_of")) {
      default_as_of = reader.date(*a);
    }
    if (const auto* f = defaults->get_as<toml::table>("facts")) {
      reader.read_facts(*f, default_facts);
    }
  }

  const auto* cases = root.get_as<toml::array>("case");
  const auto* renewal_cases = root.get_as<toml::array>("renewal_case");
  const auto tables = [](const toml::array* a) {
    return a != nullptr && !a->empty() && a->is_array_of_tables();
  };
  if (!tables(cases) && !tables(renewal_cases)) {
    throw RuleFileError(path + ":1:1: the test file has no [[case]] or [[renewal_case]] tables.");
  }
  if (tables(renewal_cases)) {
    run_renewal_cases(program, reader, *renewal_cases, default_as_of, report);
  }
  if (!tables(cases)) {
    return report;
  }
  for (const auto& node : *cases) {
    const auto& t = *node.as_table();
    reader.check_keys(t,
                      {"name", "as_of", "facts", "unset", "specialty", "outcome", "eligible_on",
                       "route", "rules", "reasons"},
                      "[[case]]");
    ++report.cases;
    const auto* name_node = t.get("name");
    if (name_node == nullptr) {
      reader.fail(t, "a [[case]] has no \"name\".");
    }
    const std::string name = "case \"" + reader.string(*name_node) + "\"";

    std::optional<core::Date> as_of = default_as_of;
    if (const auto* a = t.get("as_of")) {
      as_of = reader.date(*a);
    }
    if (!as_of) {
      reader.fail(t, name + " has no \"as_of\" and [defaults] gives none.");
    }
    Facts facts = default_facts;
    if (const auto* f = t.get("facts")) {
      if (!f->is_table()) {
        reader.fail(*f, "\"facts\" must be a table.");
      }
      reader.read_facts(*f->as_table(), facts);
    }
    if (const auto* unset = t.get_as<toml::array>("unset")) {
      for (const auto& u : *unset) {
        const auto id = fact_from_name(reader.string(u));
        if (!id) {
          reader.fail(u, "unknown fact \"" + reader.string(u) + "\".");
        }
        facts.clear(*id);
      }
    }
    const auto* outcome_node = t.get("outcome");
    if (outcome_node == nullptr) {
      reader.fail(t, name + " has no expected \"outcome\".");
    }
    const std::string expected_outcome = reader.string(*outcome_node);

    // A specialty's case judges its criteria, as `check --specialty` does.
    std::optional<Program> specialty;
    if (const auto* id = t.get("specialty")) {
      const auto* found = program.specialty(reader.string(*id));
      if (found == nullptr) {
        reader.fail(*id, "the program has no specialty \"" + reader.string(*id) + "\".");
      }
      specialty = specialty_program(program, *found);
    }
    const Program& judged = specialty ? *specialty : program;
    Assessment result;
    try {
      judged.require_criteria();
      result = assess(judged, facts, *as_of);
    } catch (const core::InputError& e) {
      if (expected_outcome != "input_error") {
        report.failures.push_back(name + ": refused the facts: " + e.what());
      }
      continue;
    }
    const std::string got(to_string(result.verdict));
    if (got != expected_outcome) {
      report.failures.push_back(name + ": outcome is " + got + ", expected " + expected_outcome +
                                ".");
    }
    std::optional<core::Date> expected_on;
    if (const auto* e = t.get("eligible_on")) {
      expected_on = reader.date(*e);
    }
    if (expected_on != result.eligible_on) {
      report.failures.push_back(
          name + ": eligible_on is " +
          (result.eligible_on ? core::format_iso(*result.eligible_on) : "none") + ", expected " +
          (expected_on ? core::format_iso(*expected_on) : "none") + ".");
    }
    if (const auto* r = t.get("route")) {
      // The first route met, or "none".
      const std::string want = reader.string(*r);
      const std::string route = result.route != nullptr ? result.route->id : "none";
      if (route != want) {
        report.failures.push_back(name + ": the route met is " + route + ", expected " + want +
                                  ".");
      }
    }
    // A criterion of the program by its id, or of a route as "route.criterion".
    const auto find_rule = [&](std::string_view id) -> const RuleResult* {
      const auto dot = id.find('.');
      for (const auto& r : result.rules) {
        if (dot == std::string_view::npos && r.criterion->id == id) {
          return &r;
        }
      }
      for (const auto& route : result.routes) {
        for (const auto& r : route.rules) {
          if (dot != std::string_view::npos && route.route->id == id.substr(0, dot) &&
              r.criterion->id == id.substr(dot + 1)) {
            return &r;
          }
        }
      }
      return nullptr;
    };
    if (const auto* rules = t.get_as<toml::table>("rules")) {
      for (auto&& [key, value] : *rules) {
        const auto* r = find_rule(key.str());
        if (r == nullptr) {
          reader.fail(value, "the program has no criterion \"" + std::string(key.str()) + "\".");
        }
        const std::string want = reader.string(value);
        if (to_string(r->outcome) != want) {
          report.failures.push_back(name + ": criterion " + std::string(key.str()) + " is " +
                                    std::string(to_string(r->outcome)) + ", expected " + want +
                                    ".");
        }
      }
    }
    if (const auto* reasons = t.get_as<toml::table>("reasons")) {
      for (auto&& [key, value] : *reasons) {
        const auto* r = find_rule(key.str());
        if (r == nullptr) {
          reader.fail(value, "the program has no criterion \"" + std::string(key.str()) + "\".");
        }
        const std::string want = reader.string(value);
        if (r->reason.find(want) == std::string::npos) {
          report.failures.push_back(name + ": the reason for " + std::string(key.str()) + " is \"" +
                                    r->reason + "\", which does not contain \"" + want + "\".");
        }
      }
    }
  }
  return report;
}

std::vector<std::string> check_citations(const Program& program,
                                         const std::filesystem::path& sources_dir) {
  std::vector<std::string> problems;
  std::map<std::string, std::string> documents; // source id -> collapsed text
  for (const auto& [id, source] : program.sources) {
    if (source.document.empty()) {
      continue;
    }
    const auto path = sources_dir / source.document;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      problems.push_back(program.file + ": source " + id + " names the document " +
                         source.document + ", which is not in " + sources_dir.string() + ".");
      continue;
    }
    std::ostringstream text;
    text << in.rdbuf();
    documents[id] = collapse_spaces(text.str());
  }
  for (const auto& c : program.citations()) {
    if (c.quote.empty()) {
      continue;
    }
    const auto doc = documents.find(c.source);
    if (doc == documents.end()) {
      continue; // a regulation, or a missing document reported above
    }
    if (doc->second.find(collapse_spaces(c.quote)) == std::string::npos) {
      problems.push_back(program.file + ": " + c.what + " quotes \"" + c.quote +
                         "\", which is not in " + program.source(c.source).document + ".");
    }
  }
  return problems;
}

} // namespace peercert::rules

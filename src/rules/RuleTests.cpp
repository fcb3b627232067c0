#include "rules/RuleTests.hpp"

#include "core/Error.hpp"
#include "rules/Eligibility.hpp"
#include "rules/Facts.hpp"
#include "rules/TomlDate.hpp"

#include <toml++/toml.h>

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
    for (auto&& [key, value] : t) {
      if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end()) {
        const auto& at = key.source().begin;
        throw RuleFileError(path_ + ":" + std::to_string(at.line) + ":" +
                            std::to_string(at.column) + ": unknown key \"" +
                            std::string(key.str()) + "\" in " + std::string(context) + ".");
      }
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
  reader.check_keys(root, {"program", "defaults", "case"}, "the test file");

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
  if (cases == nullptr || cases->empty() || !cases->is_array_of_tables()) {
    throw RuleFileError(path + ":1:1: the test file has no [[case]] tables.");
  }
  for (const auto& node : *cases) {
    const auto& t = *node.as_table();
    reader.check_keys(
        t, {"name", "as_of", "facts", "unset", "outcome", "eligible_on", "rules", "reasons"},
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

    Assessment result;
    try {
      result = assess(program, facts, *as_of);
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
    const auto find_rule = [&](std::string_view id) -> const RuleResult* {
      for (const auto& r : result.rules) {
        if (r.criterion->id == id) {
          return &r;
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

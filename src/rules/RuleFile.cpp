// The rule-file reader: one TOML format read and checked in one pass, so that every refusal
// names the file, line and column and says what was expected. One piece because every part
// (criteria, conditions, dated values, sources, cycles, requirements) reads through the same
// reader state (the file's path, the program's facts, the sources cited so far).
#include "rules/RuleFile.hpp"
#include "rules/ProgramId.hpp"

#include "core/Error.hpp"
#include "core/Suggest.hpp"
#include "rules/TomlDate.hpp"
#include "rules/TomlKeys.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace peercert::rules {

namespace {

using core::RuleFileError;

constexpr std::array<std::string_view, 12> condition_keys{
    "min_age", "max_age", "education_at_least", "attested", "check_passed", "at_least",
    "since",   "within",  "on_or_after",        "all",      "any",          "not"};

/// A criterion's keys: what names it, then one condition.
const std::vector<std::string_view>& criterion_keys() {
  static const std::vector<std::string_view> keys = [] {
    std::vector<std::string_view> out{"id", "description", "source", "quote", "to_confirm"};
    out.insert(out.end(), condition_keys.begin(), condition_keys.end());
    return out;
  }();
  return keys;
}

using core::edit_distance;

template <class Range> std::string quoted_list(const Range& names) {
  std::string out;
  for (const auto& n : names) {
    out += (out.empty() ? "\"" : ", \"") + std::string(n) + "\"";
  }
  return out;
}

/// "did you mean "x"?" for the closest of `names` within two edits, else the whole list:
/// the end of a message about an unknown name.
template <class Range> std::string suggestion(std::string_view name, const Range& names) {
  const std::vector<std::string_view> candidates(names.begin(), names.end());
  if (const auto best = core::closest(name, candidates)) {
    return "did you mean \"" + std::string(*best) + "\"?";
  }
  return "use one of " + quoted_list(names) + ".";
}

std::vector<std::string_view> all_fact_names() {
  std::vector<std::string_view> names;
  for (const auto& f : all_facts()) {
    names.push_back(f.name);
  }
  return names;
}

std::vector<std::string_view> category_names() {
  std::vector<std::string_view> names;
  for (auto c : all_ce_categories()) {
    names.push_back(to_string(c));
  }
  return names;
}

std::string fact_names_of_kind(FactKind kind) {
  std::vector<std::string_view> names;
  for (const auto& f : all_facts()) {
    if (f.kind == kind) {
      names.push_back(f.name);
    }
  }
  return quoted_list(names);
}

bool is_identifier(std::string_view s) {
  if (s.empty() || s.front() < 'a' || s.front() > 'z') {
    return false;
  }
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

/// Reads one rule file into a Program, failing at the first problem with file:line:column.
class Loader {
public:
  Loader(const std::string& path, std::string_view expected_id)
      : path_(path), expected_id_(expected_id) {}

  Program load(const toml::table& root) {
    program_.file = path_;
    check_keys(root,
               {"schema", "id", "name", "jurisdiction", "board", "confirm_note", "sources",
                "questions", "contact", "criteria", "routes", "deadlines", "specialties", "pathway",
                "training", "certification", "initial", "renewal", "reactivation"},
               "the rule file");
    const auto schema = required_int(root, "schema", "the rule file");
    if (schema != rule_schema_version) {
      fail(*root.get("schema"), "this peercert reads rule-file schema " +
                                    std::to_string(rule_schema_version) + ", not " +
                                    std::to_string(schema) + ".");
    }
    program_.id = required_string(root, "id", "the rule file");
    // Ids are typed in any case on the command line and the pages, and read upper-case.
    if (!is_program_id(program_.id)) {
      fail(*root.get("id"), "id must be upper-case letters, digits and hyphens, such as MO-CPS.");
    }
    if (!expected_id_.empty() && program_.id != expected_id_) {
      fail(*root.get("id"), "id \"" + program_.id + "\" must match the file name \"" +
                                std::string(expected_id_) + "\".");
    }
    program_.name = required_string(root, "name", "the rule file");
    program_.jurisdiction = required_string(root, "jurisdiction", "the rule file");
    program_.board = required_string(root, "board", "the rule file");
    program_.confirm_note = optional_string(root, "confirm_note", "the rule file");

    read_sources(root);
    read_questions(root);
    if (const auto* contact = table_at(root, "contact", "the rule file")) {
      check_keys(*contact, {"phone"}, "[contact]");
      program_.contact_phone =
          dated<std::string>(contact->get("phone"), "contact.phone", [this](const toml::node& n) {
            return string_value(n, "contact.phone");
          });
    }
    read_criteria(root);
    read_training(root);
    read_certification(root);
    read_renewal(root);
    read_initial(root);     // after [renewal]: its requirements use the renewal categories
    read_specialties(root); // the same
    read_reactivation(root);
    read_pathway(root); // last: its descriptions may name the values above
    if (program_.confirm_note.empty()) {
      for (const auto& c : program_.citations()) {
        if (c.to_confirm) {
          fail(root, c.what + " is marked to_confirm, so the rule file needs a \"confirm_note\" "
                              "telling people whom to ask.");
        }
      }
    }
    return std::move(program_);
  }

private:
  [[noreturn]] void fail(const toml::source_region& where, const std::string& message) const {
    throw RuleFileError(path_ + ":" + std::to_string(where.begin.line) + ":" +
                        std::to_string(where.begin.column) + ": " + message);
  }
  [[noreturn]] void fail(const toml::node& where, const std::string& message) const {
    fail(where.source(), message);
  }

  void check_keys(const toml::table& t, std::span<const std::string_view> allowed,
                  std::string_view context) const {
    if (const auto unknown = unknown_key(t, allowed, context)) {
      fail(unknown->where, unknown->message);
    }
  }
  void check_keys(const toml::table& t, std::initializer_list<std::string_view> allowed,
                  std::string_view context) const {
    check_keys(t, std::span<const std::string_view>(allowed.begin(), allowed.size()), context);
  }

  const toml::table* table_at(const toml::table& t, std::string_view key,
                              std::string_view context) const {
    const auto* node = t.get(key);
    if (node == nullptr) {
      return nullptr;
    }
    if (!node->is_table()) {
      fail(*node, "\"" + std::string(key) + "\" in " + std::string(context) + " must be a table.");
    }
    return node->as_table();
  }

  const toml::table& inline_table(const toml::node& n, const std::string& what,
                                  std::string_view example) const {
    if (!n.is_table()) {
      fail(n, "\"" + what + "\" takes a table, such as " + std::string(example) + ".");
    }
    return *n.as_table();
  }

  const toml::node& required_node(const toml::table& t, std::string_view key,
                                  const std::string& context) const {
    const auto* node = t.get(key);
    if (node == nullptr) {
      fail(t, context + " is missing \"" + std::string(key) + "\".");
    }
    return *node;
  }

  std::string string_value(const toml::node& n, std::string_view what) const {
    if (!n.is_string()) {
      fail(n, "\"" + std::string(what) + "\" must be a string.");
    }
    return n.as_string()->get();
  }

  std::string required_string(const toml::table& t, std::string_view key,
                              std::string_view context) const {
    const auto* node = t.get(key);
    if (node == nullptr) {
      fail(t, std::string(context) + " is missing \"" + std::string(key) + "\".");
    }
    auto s = string_value(*node, key);
    if (s.empty()) {
      fail(*node, "\"" + std::string(key) + "\" must not be empty.");
    }
    return s;
  }

  std::string optional_string(const toml::table& t, std::string_view key,
                              std::string_view /*context*/) const {
    const auto* node = t.get(key);
    return node == nullptr ? std::string{} : string_value(*node, key);
  }

  std::int64_t int_value(const toml::node& n, std::string_view what) const {
    if (!n.is_integer()) {
      fail(n, "\"" + std::string(what) + "\" must be an integer.");
    }
    return n.as_integer()->get();
  }

  std::int64_t required_int(const toml::table& t, std::string_view key,
                            std::string_view context) const {
    const auto* node = t.get(key);
    if (node == nullptr) {
      fail(t, std::string(context) + " is missing \"" + std::string(key) + "\".");
    }
    return int_value(*node, key);
  }

  int positive_int(const toml::node& n, std::string_view what) const {
    const auto v = int_value(n, what);
    if (v < 1 || v > 100000) {
      fail(n, "\"" + std::string(what) + "\" must be a whole number from 1 to 100000.");
    }
    return static_cast<int>(v);
  }

  bool bool_value(const toml::node& n, std::string_view what) const {
    if (!n.is_boolean()) {
      fail(n, "\"" + std::string(what) + "\" must be true or false.");
    }
    return n.as_boolean()->get();
  }

  core::Date date_value(const toml::node& n, std::string_view what) const {
    if (auto d = toml_date(n)) {
      return *d;
    }
    fail(n, "\"" + std::string(what) + "\" must be a date written YYYY-MM-DD.");
  }

  core::Hours hours_value(const toml::node& n, std::string_view what) const {
    if (auto h = toml_hours(n)) {
      return *h;
    }
    if (n.is_floating_point()) {
      fail(n, "\"" + std::string(what) +
                  "\" is a floating-point number, which is not exact: write hours as an integer "
                  "or a string such as \"1.25\".");
    }
    fail(n, "\"" + std::string(what) +
                "\" must be hours as an integer or a string with at most two decimals, such as "
                "\"1.25\".");
  }

  core::Money money_value(const toml::node& n, std::string_view what) const {
    if (auto m = toml_money(n)) {
      return *m;
    }
    if (n.is_floating_point()) {
      fail(n, "\"" + std::string(what) +
                  "\" is a floating-point number, which is not exact: write money as a string "
                  "such as \"75.00\".");
    }
    fail(n, "\"" + std::string(what) +
                "\" must be an amount of dollars written as a string such as \"75.00\".");
  }

  FactId fact_value(const toml::node& n, std::string_view what, std::optional<FactKind> kind,
                    std::string_view kind_words) const {
    const auto name = string_value(n, what);
    const auto id = fact_from_name(name);
    if (!id) {
      fail(n, "unknown fact \"" + name + "\"; " + suggestion(name, all_fact_names()));
    }
    if (kind && fact_info(*id).kind != *kind) {
      fail(n, "fact \"" + name + "\" is not " + std::string(kind_words) + "; \"" +
                  std::string(what) + "\" takes one of " + fact_names_of_kind(*kind) + ".");
    }
    return *id;
  }

  std::string source_ref(const toml::table& t, std::string_view context) const {
    const auto* node = t.get("source");
    if (node == nullptr) {
      fail(t, std::string(context) + " has no \"source\": every rule value must cite one of "
                                     "the [sources] of this file.");
    }
    auto id = string_value(*node, "source");
    if (program_.sources.count(id) == 0) {
      std::vector<std::string> known;
      for (const auto& [k, v] : program_.sources) {
        known.push_back(k);
      }
      fail(*node, "source \"" + id + "\" is not declared; declare it as [sources." + id +
                      "] or use one of " + quoted_list(known) + ".");
    }
    return id;
  }

  /// A value that may change over time: one inline table `{ value = …, source = … }` or a
  /// list of them with `from` dates.
  template <class T, class Convert>
  Dated<T> dated(const toml::node* node, const std::string& what, Convert convert) const {
    Dated<T> out;
    if (node == nullptr) {
      return out;
    }
    std::vector<const toml::table*> tables;
    if (node->is_table()) {
      tables.push_back(node->as_table());
    } else if (node->is_array() && !node->as_array()->empty()) {
      for (const auto& element : *node->as_array()) {
        if (!element.is_table()) {
          fail(element, "each entry of \"" + what +
                            "\" must be a table { from = …, value = …, source = … }.");
        }
        tables.push_back(element.as_table());
      }
    } else {
      fail(*node, "\"" + what +
                      "\" must be { value = …, source = \"…\" } or a list of such entries with "
                      "from dates.");
    }
    for (std::size_t i = 0; i < tables.size(); ++i) {
      const toml::table& t = *tables[i];
      check_keys(t, {"from", "value", "source", "quote", "to_confirm"}, "\"" + what + "\"");
      typename Dated<T>::Entry entry;
      if (const auto* from = t.get("from")) {
        entry.from = date_value(*from, "from");
      } else if (i > 0) {
        fail(t, "entry " + std::to_string(i + 1) + " of \"" + what +
                    "\" has no \"from\" date; only the first entry may leave it out.");
      }
      if (i > 0 && entry.from && out.entries.back().from &&
          *entry.from <= *out.entries.back().from) {
        fail(*t.get("from"), "entries of \"" + what + "\" overlap: the entry from " +
                                 core::format_iso(*entry.from) +
                                 " must start after the one before it, from " +
                                 core::format_iso(*out.entries.back().from) + ".");
      }
      const auto* value = t.get("value");
      if (value == nullptr) {
        fail(t, "an entry of \"" + what + "\" has no \"value\".");
      }
      entry.value = convert(*value);
      entry.source = source_ref(t, "an entry of \"" + what + "\"");
      entry.quote = optional_string(t, "quote", what);
      if (const auto* confirm = t.get("to_confirm")) {
        entry.to_confirm = bool_value(*confirm, "to_confirm");
      }
      out.entries.push_back(std::move(entry));
    }
    return out;
  }

  void read_sources(const toml::table& root) {
    const auto* sources = table_at(root, "sources", "the rule file");
    if (sources == nullptr || sources->empty()) {
      fail(root, "the rule file declares no [sources]: every rule value must cite one.");
    }
    for (auto&& [key, node] : *sources) {
      const std::string id(key.str());
      if (!node.is_table()) {
        fail(node, "[sources." + id + "] must be a table.");
      }
      const auto& t = *node.as_table();
      const std::string context = "[sources." + id + "]";
      check_keys(t, {"citation", "document", "regulation", "url"}, context);
      Source s;
      s.id = id;
      s.citation = required_string(t, "citation", context);
      s.document = optional_string(t, "document", context);
      s.regulation = optional_string(t, "regulation", context);
      s.url = optional_string(t, "url", context);
      if (s.document.empty() == s.regulation.empty()) {
        fail(t, context + " must name either a \"document\" (a file in rules/sources/) or a "
                          "\"regulation\" (such as \"1 TAC §354.3207\"), not both or neither.");
      }
      if (s.document.find('/') != std::string::npos || s.document.find("..") != std::string::npos) {
        fail(*t.get("document"), "\"document\" must be a file name in rules/sources/.");
      }
      program_.sources.emplace(id, std::move(s));
    }
  }

  void read_questions(const toml::table& root) {
    const auto* questions = table_at(root, "questions", "the rule file");
    if (questions == nullptr) {
      return;
    }
    for (auto&& [key, node] : *questions) {
      const auto id = fact_from_name(key.str());
      if (!id) {
        fail(key.source(), "unknown fact \"" + std::string(key.str()) + "\" in [questions]; " +
                               suggestion(key.str(), all_fact_names()));
      }
      program_.questions[*id] = string_value(node, key.str());
    }
  }

  Condition condition(const toml::table& t, const std::string& context) const {
    const toml::node* found = nullptr;
    std::string_view found_key;
    for (auto key : condition_keys) {
      const auto* node = t.get(key);
      if (node == nullptr) {
        continue;
      }
      if (found != nullptr) {
        fail(*node, context + " has two conditions, \"" + std::string(found_key) + "\" and \"" +
                        std::string(key) + "\"; combine them with all = [ … ].");
      }
      found = node;
      found_key = key;
    }
    if (found == nullptr) {
      fail(t, context + " has no condition; give one of " + quoted_list(condition_keys) + ".");
    }
    const toml::node& n = *found;
    if (found_key == "min_age") {
      const auto years = int_value(n, "min_age");
      if (years < 1 || years > 150) {
        fail(n, "\"min_age\" must be a number of years from 1 to 150.");
      }
      return Condition{MinAge{static_cast<int>(years)}};
    }
    if (found_key == "max_age") {
      const auto years = int_value(n, "max_age");
      if (years < 1 || years > 150) {
        fail(n, "\"max_age\" must be a number of years from 1 to 150.");
      }
      return Condition{MaxAge{static_cast<int>(years)}};
    }
    if (found_key == "at_least") {
      const auto& spec = inline_table(
          n, "at_least", "at_least = { fact = \"work_experience_hours\", value = 500 }");
      check_keys(spec, {"fact", "value"}, "\"at_least\"");
      const auto fact = fact_value(required_node(spec, "fact", "\"at_least\""), "at_least.fact",
                                   std::nullopt, "");
      const auto kind = fact_info(fact).kind;
      const auto& value = required_node(spec, "value", "\"at_least\"");
      if (kind == FactKind::hours) {
        const auto h = hours_value(value, "at_least.value");
        if (h == core::Hours{}) {
          fail(value, "\"at_least.value\" must be more than 0 hours.");
        }
        return Condition{AtLeast{fact, h.hundredths()}};
      }
      if (kind == FactKind::count) {
        return Condition{AtLeast{fact, positive_int(value, "at_least.value")}};
      }
      fail(*spec.get("fact"), "fact \"" + std::string(fact_info(fact).name) +
                                  "\" is not hours or a count; \"at_least\" takes one of " +
                                  fact_names_of_kind(FactKind::hours) + ", " +
                                  fact_names_of_kind(FactKind::count) + ".");
    }
    if (found_key == "since" || found_key == "within") {
      const std::string key(found_key);
      const auto& spec = inline_table(
          n, key,
          key == "since" ? "since = { fact = \"recovery_since\", years = 1 }"
                         : "within = { fact = \"training_completed_on\", months = 12 }");
      if (key == "since") {
        check_keys(spec, {"fact", "years", "months"}, "\"since\"");
      } else {
        check_keys(spec, {"fact", "months"}, "\"within\"");
      }
      const auto fact = fact_value(required_node(spec, "fact", "\"" + key + "\""), key + ".fact",
                                   FactKind::date, "a date");
      if (key == "within") {
        return Condition{WithinMonths{
            fact, positive_int(required_node(spec, "months", "\"within\""), "within.months")}};
      }
      const auto* years = spec.get("years");
      const auto* months = spec.get("months");
      if ((years == nullptr) == (months == nullptr)) {
        fail(spec, "\"since\" takes either \"years\" or \"months\", not both or neither.");
      }
      return Condition{
          years != nullptr
              ? Since{fact, positive_int(*years, "since.years"), DurationUnit::years}
              : Since{fact, positive_int(*months, "since.months"), DurationUnit::months}};
    }
    if (found_key == "on_or_after") {
      const auto& spec =
          inline_table(n, "on_or_after",
                       "on_or_after = { fact = \"training_completed_on\", date = 2022-07-01 }");
      check_keys(spec, {"fact", "date"}, "\"on_or_after\"");
      const auto fact = fact_value(required_node(spec, "fact", "\"on_or_after\""),
                                   "on_or_after.fact", FactKind::date, "a date");
      return Condition{OnOrAfter{
          fact, date_value(required_node(spec, "date", "\"on_or_after\""), "on_or_after.date")}};
    }
    if (found_key == "education_at_least") {
      const auto name = string_value(n, "education_at_least");
      const auto level = education_from_name(name);
      if (!level) {
        std::vector<std::string_view> names;
        for (auto e : all_education_levels()) {
          names.push_back(to_string(e));
        }
        fail(n, "unknown education level \"" + name + "\"; use one of " + quoted_list(names) + ".");
      }
      return Condition{EducationAtLeast{*level}};
    }
    if (found_key == "attested") {
      return Condition{Attested{fact_value(n, "attested", FactKind::yes_no, "a yes/no fact")}};
    }
    if (found_key == "check_passed") {
      return Condition{CheckPassed{fact_value(n, "check_passed", FactKind::check, "a check")}};
    }
    if (found_key == "not") {
      if (!n.is_table()) {
        fail(n, "\"not\" takes one condition as an inline table, such as "
                "not = { attested = \"lived_experience\" }.");
      }
      NotOf out;
      out.part.push_back(part(*n.as_table(), context));
      return Condition{std::move(out)};
    }
    // all / any
    if (!n.is_array() || n.as_array()->empty()) {
      fail(n, "\"" + std::string(found_key) +
                  "\" takes a non-empty list of conditions, such as [{ check_passed = "
                  "\"background_check\" }, { check_passed = \"registry_check\" }].");
    }
    std::vector<Condition> parts;
    for (const auto& element : *n.as_array()) {
      if (!element.is_table()) {
        fail(element, "each part of \"" + std::string(found_key) +
                          "\" must be a condition in braces, such as { min_age = 18 }.");
      }
      parts.push_back(part(*element.as_table(), context));
    }
    if (found_key == "all") {
      return Condition{AllOf{std::move(parts)}};
    }
    return Condition{AnyOf{std::move(parts)}};
  }

  /// A condition nested in all / any / not: nothing but one condition key.
  Condition part(const toml::table& t, const std::string& context) const {
    for (auto&& [key, value] : t) {
      if (std::find(condition_keys.begin(), condition_keys.end(), key.str()) ==
          condition_keys.end()) {
        fail(key.source(), "unknown key \"" + std::string(key.str()) + "\" in a condition of " +
                               context + "; a condition is one of " + quoted_list(condition_keys) +
                               ".");
      }
    }
    return condition(t, context);
  }

  std::string identifier(const toml::table& t, const std::string& context,
                         std::set<std::string>& seen) const {
    auto id = required_string(t, "id", context);
    if (!is_identifier(id)) {
      fail(*t.get("id"), "\"id\" must be lower-case letters, digits and underscores, starting "
                         "with a letter.");
    }
    if (!seen.insert(id).second) {
      fail(*t.get("id"), context + " id \"" + id + "\" is used twice.");
    }
    return id;
  }

  /// The [[tables]] at `key`, or null when absent; `path` is how a board writes them
  /// ("routes.criteria" inside a route), `key` when empty.
  const toml::array* array_of_tables(const toml::table& root, std::string_view key,
                                     std::string_view path = {}) const {
    const auto* node = root.get(key);
    if (node == nullptr) {
      return nullptr;
    }
    if (!node->is_array_of_tables()) {
      fail(*node, "\"" + std::string(key) + "\" must be written as [[" +
                      std::string(path.empty() ? key : path) + "]] tables.");
    }
    return node->as_array();
  }

  /// Criteria written as [[`section`]] tables, each id once among them.
  std::vector<Criterion> criteria_of(const toml::array& list, const std::string& section) {
    std::set<std::string> seen;
    std::vector<Criterion> out;
    int youngest = 0;                                     // the highest min_age
    std::vector<std::pair<int, const toml::node*>> upper; // each max_age, where it is written
    for (const auto& node : list) {
      const auto& t = *node.as_table();
      check_keys(t, criterion_keys(), section);
      Criterion c;
      c.id = identifier(t, section, seen);
      const std::string context = "criterion \"" + c.id + "\"";
      c.description = required_string(t, "description", context);
      c.source = source_ref(t, context);
      c.quote = optional_string(t, "quote", context);
      if (const auto* confirm = t.get("to_confirm")) {
        c.to_confirm = bool_value(*confirm, "to_confirm");
      }
      c.condition = condition(t, context);
      if (const auto* low = std::get_if<MinAge>(&c.condition.node)) {
        youngest = std::max(youngest, low->years);
      } else if (const auto* high = std::get_if<MaxAge>(&c.condition.node)) {
        upper.emplace_back(high->years, t.get("max_age"));
      }
      out.push_back(std::move(c));
    }
    // An age window: no upper limit under a lower one.
    for (const auto& [years, where] : upper) {
      if (years < youngest) {
        fail(*where, "the age window's maximum, max_age = " + std::to_string(years) +
                         ", is under its minimum, min_age = " + std::to_string(youngest) + ".");
      }
    }
    return out;
  }

  void read_criteria(const toml::table& root) {
    // Without criteria or routes, a program tracks renewal only; `check` says it has none.
    if (const auto* criteria = array_of_tables(root, "criteria")) {
      program_.criteria = criteria_of(*criteria, "[[criteria]]");
    }
    read_routes(root);
    read_deadlines(root);
    const auto marked = [](const std::vector<Criterion>& list) {
      return std::any_of(list.begin(), list.end(), [](const Criterion& c) { return c.to_confirm; });
    };
    const bool any_to_confirm = marked(program_.criteria) ||
                                std::any_of(program_.routes.begin(), program_.routes.end(),
                                            [&](const Route& r) { return marked(r.criteria); });
    if (any_to_confirm && program_.confirm_note.empty()) {
      fail(root, "criteria are marked to_confirm, so the rule file needs a \"confirm_note\" "
                 "telling applicants whom to ask.");
    }
  }

  /// [[routes]]: several ways in, each with criteria of its own ([[routes.criteria]]).
  void read_routes(const toml::table& root) {
    const auto* routes = array_of_tables(root, "routes");
    if (routes == nullptr) {
      return;
    }
    std::set<std::string> seen;
    for (const auto& node : *routes) {
      const auto& t = *node.as_table();
      check_keys(t, {"id", "name", "criteria"}, "[[routes]]");
      Route r;
      r.id = identifier(t, "[[routes]]", seen);
      const std::string context = "route \"" + r.id + "\"";
      r.name = required_string(t, "name", context);
      const auto* list = array_of_tables(t, "criteria", "routes.criteria");
      if (list == nullptr || list->empty()) {
        fail(t, context + " needs at least one criterion, written as [[routes.criteria]].");
      }
      r.criteria = criteria_of(*list, "[[routes.criteria]]");
      program_.routes.push_back(std::move(r));
    }
  }

  /// [[deadlines]]: days the self-check names from a date fact.
  void read_deadlines(const toml::table& root) {
    const auto* deadlines = array_of_tables(root, "deadlines");
    if (deadlines == nullptr) {
      return;
    }
    std::set<std::string> seen;
    for (const auto& node : *deadlines) {
      const auto& t = *node.as_table();
      check_keys(t, {"id", "text", "fact", "months", "source", "quote"}, "[[deadlines]]");
      Deadline d;
      d.id = identifier(t, "[[deadlines]]", seen);
      const std::string context = "deadline \"" + d.id + "\"";
      d.text = required_string(t, "text", context);
      d.fact = fact_value(required_node(t, "fact", context), "fact", FactKind::date, "a date");
      d.months = positive_int(required_node(t, "months", context), "months");
      d.source = source_ref(t, context);
      d.quote = optional_string(t, "quote", context);
      program_.deadlines.push_back(std::move(d));
    }
  }

  void read_training(const toml::table& root) {
    const auto* t = table_at(root, "training", "the rule file");
    if (t == nullptr) {
      return;
    }
    check_keys(*t, {"name", "hours", "cohort_capacity", "notify_days_before"}, "[training]");
    auto& training = program_.training;
    training.name = optional_string(*t, "name", "[training]");
    training.hours =
        dated<core::Hours>(t->get("hours"), "training.hours", [this](const toml::node& n) {
          const auto h = hours_value(n, "training.hours");
          if (h == core::Hours{}) {
            fail(n, "\"training.hours\" must be more than 0 hours.");
          }
          return h;
        });
    training.cohort_capacity = dated<int>(
        t->get("cohort_capacity"), "training.cohort_capacity",
        [this](const toml::node& n) { return positive_int(n, "training.cohort_capacity"); });
    training.notify_days_before = dated<int>(
        t->get("notify_days_before"), "training.notify_days_before",
        [this](const toml::node& n) { return positive_int(n, "training.notify_days_before"); });
  }

  void read_certification(const toml::table& root) {
    const auto* t = table_at(root, "certification", "the rule file");
    if (t == nullptr) {
      return;
    }
    check_keys(*t, {"application_fee", "exam_attempts", "application_months"}, "[certification]");
    auto& c = program_.certification;
    c.application_fee = dated<core::Money>(
        t->get("application_fee"), "certification.application_fee",
        [this](const toml::node& n) { return money_value(n, "certification.application_fee"); });
    c.exam_attempts = positive_dated(*t, "exam_attempts", "certification.exam_attempts");
    c.application_months =
        positive_dated(*t, "application_months", "certification.application_months");
  }

  Dated<int> positive_dated(const toml::table& t, std::string_view key, const std::string& what) {
    return dated<int>(t.get(key), what,
                      [this, what](const toml::node& n) { return positive_int(n, what); });
  }

  Dated<core::Money> money_dated(const toml::table& t, std::string_view key,
                                 const std::string& what) {
    return dated<core::Money>(t.get(key), what,
                              [this, what](const toml::node& n) { return money_value(n, what); });
  }

  void read_initial(const toml::table& root) {
    const auto* t = table_at(root, "initial", "the rule file");
    if (t == nullptr) {
      return;
    }
    check_keys(
        *t,
        {"name", "months", "extensions", "extension_months", "requirements", "upgrade_days_before"},
        "[initial]");
    auto& initial = program_.initial;
    initial.name = optional_string(*t, "name", "[initial]");
    initial.months = positive_dated(*t, "months", "initial.months");
    if (!initial.months.defined()) {
      fail(*t, "[initial] is missing \"months\": how long the initial certificate lasts.");
    }
    initial.extensions = positive_dated(*t, "extensions", "initial.extensions");
    initial.extension_months = positive_dated(*t, "extension_months", "initial.extension_months");
    if (initial.extensions.defined() != initial.extension_months.defined()) {
      fail(*t, "[initial] needs both \"extensions\" and \"extension_months\", or neither.");
    }
    initial.requirements = read_requirements(*t, "initial");
    // A provisional certificate (FL-CRPS) is upgraded by a deadline, never extended. Without
    // [renewal] "every_years" the full certificate's length is not known: the upgrade filing
    // is then refused, saying so.
    initial.upgrade_days_before =
        positive_dated(*t, "upgrade_days_before", "initial.upgrade_days_before");
    if (initial.upgrade_days_before.defined() && initial.extensions.defined()) {
      fail(*t->get("upgrade_days_before"),
           "\"upgrade_days_before\" is for a provisional certificate that cannot be extended; "
           "remove \"extensions\" or it.");
    }
  }

  void read_renewal(const toml::table& root) {
    const auto* t = table_at(root, "renewal", "the rule file");
    if (t == nullptr) {
      return;
    }
    check_keys(*t,
               {"every_years", "lengths", "hours_per_year", "cycle", "fee", "reminder_days",
                "grace_days", "late_days", "late_months", "late_fee", "late_fee_within_days",
                "shortest_entry", "after_late", "inactive_after_late", "fresh_checks", "categories",
                "requirements", "waivers"},
               "[renewal]");
    auto& r = program_.renewal;
    r.every_years =
        dated<int>(t->get("every_years"), "renewal.every_years", [this](const toml::node& n) {
          const auto years = int_value(n, "renewal.every_years");
          if (years < 1 || years > 3) {
            fail(n, "\"renewal.every_years\" must be 1, 2 or 3.");
          }
          return static_cast<int>(years);
        });
    read_cycle(*t);
    r.fee = money_dated(*t, "fee", "renewal.fee");
    r.reminder_days = positive_dated(*t, "reminder_days", "renewal.reminder_days");
    r.grace_days = positive_dated(*t, "grace_days", "renewal.grace_days");
    r.late_days = positive_dated(*t, "late_days", "renewal.late_days");
    r.late_months = positive_dated(*t, "late_months", "renewal.late_months");
    if (r.late_days.defined() && r.late_months.defined()) {
      fail(*t->get("late_months"),
           "give the late window as \"late_days\" or \"late_months\", not both.");
    }
    r.late_fee = money_dated(*t, "late_fee", "renewal.late_fee");
    r.late_fee_within_days =
        positive_dated(*t, "late_fee_within_days", "renewal.late_fee_within_days");
    r.shortest_entry = dated<core::Hours>(
        t->get("shortest_entry"), "renewal.shortest_entry", [this](const toml::node& n) {
          const auto h = hours_value(n, "renewal.shortest_entry");
          if (h == core::Hours{} || h > core::Hours::whole(24)) {
            fail(n, "\"renewal.shortest_entry\" must be more than 0 and at most 24 hours.");
          }
          return h;
        });
    const bool late_window = r.late_days.defined() || r.late_months.defined();
    if (r.late_fee.defined() && !late_window && !r.late_fee_within_days.defined()) {
      fail(*t->get("late_fee"), "\"late_fee\" needs \"late_days\" or \"late_months\" (how long "
                                "after expiry a late renewal is accepted) or "
                                "\"late_fee_within_days\" (how many days before expiry it is "
                                "owed from).");
    }
    if (r.late_fee_within_days.defined() && !r.late_fee.defined()) {
      fail(*t->get("late_fee_within_days"),
           "\"late_fee_within_days\" needs \"late_fee\": the fee owed from that day.");
    }
    r.after_late =
        dated<std::string>(t->get("after_late"), "renewal.after_late", [this](const toml::node& n) {
          return string_value(n, "renewal.after_late");
        });
    if (const auto* inactive = t->get("inactive_after_late")) {
      r.inactive_after_late = bool_value(*inactive, "inactive_after_late");
    }
    r.fresh_checks = dated<std::vector<FactId>>(
        t->get("fresh_checks"), "renewal.fresh_checks", [this](const toml::node& n) {
          if (!n.is_array()) {
            fail(n, "\"renewal.fresh_checks\" must be a list of checks, such as "
                    "[\"background_check\", \"registry_check\"].");
          }
          std::vector<FactId> checks;
          for (const auto& element : *n.as_array()) {
            checks.push_back(fact_value(element, "fresh_checks", FactKind::check, "a check"));
          }
          return checks;
        });
    read_categories(*t);
    r.requirements = read_requirements(*t, "renewal");
    read_lengths(*t);
    if (!r.every_years.defined() && !r.holder_chooses_length() &&
        (!r.requirements.empty() || r.cycle.kind != CycleKind::anniversary)) {
      fail(*t, "[renewal] has requirements or a cycle but no \"every_years\".");
    }
    if (!r.requirements.empty() && r.categories.empty()) {
      fail(*t, "[renewal] has requirements but no \"categories\": list the CE categories the "
               "program names, such as categories = [\"ethics\", \"general\"].");
    }
    read_waivers(*t);
    if (r.holder_chooses_length() && !r.waivers.empty()) {
      fail(*t, "[[renewal.waivers]] cannot apply where holders choose their renewal length.");
    }
  }

  /// `lengths` and `hours_per_year` (NY-CPS): the holder chooses each renewal's length, and
  /// renewing for N years needs N times the hours a year; they stand for one requirement of
  /// any CE the program accepts.
  void read_lengths(const toml::table& t) {
    auto& r = program_.renewal;
    r.lengths =
        dated<std::vector<int>>(t.get("lengths"), "renewal.lengths", [this](const toml::node& n) {
          if (!n.is_array() || n.as_array()->empty()) {
            fail(n, "\"renewal.lengths\" must be a list of years, such as [1, 2, 3].");
          }
          std::vector<int> years;
          for (const auto& element : *n.as_array()) {
            const auto y = int_value(element, "renewal.lengths");
            if (y < 1 || y > 3) {
              fail(element,
                   "\"renewal.lengths\" may hold 1, 2 or 3 years, not " + std::to_string(y) + ".");
            }
            if (!years.empty() && y <= years.back()) {
              fail(element, "\"renewal.lengths\" must list each length once, shortest first.");
            }
            years.push_back(static_cast<int>(y));
          }
          return years;
        });
    r.hours_per_year = dated<core::Hours>(
        t.get("hours_per_year"), "renewal.hours_per_year", [this](const toml::node& n) {
          const auto h = hours_value(n, "renewal.hours_per_year");
          if (h == core::Hours{}) {
            fail(n, "\"renewal.hours_per_year\" must be more than 0 hours.");
          }
          return h;
        });
    if (r.lengths.defined() != r.hours_per_year.defined()) {
      fail(t, "[renewal] needs both \"lengths\" and \"hours_per_year\", or neither.");
    }
    if (!r.holder_chooses_length()) {
      return;
    }
    if (r.cycle.kind != CycleKind::anniversary || r.cycle.month_start) {
      fail(*t.get("cycle"), "where holders choose their renewal length, each certificate runs "
                            "from the day after the last one ends: leave \"cycle\" out.");
    }
    if (!r.requirements.empty()) {
      fail(*t.get("requirements"), "where holders choose their renewal length, the hours are "
                                   "\"hours_per_year\"; leave [[renewal.requirements]] out.");
    }
    if (r.categories.empty()) {
      fail(t, "[renewal] has \"hours_per_year\" but no \"categories\": list the CE categories "
              "the program names, such as categories = [\"general\"].");
    }
    CeRequirement per_year;
    per_year.id = "continuing_education";
    per_year.description = "Continuing education for each year of the renewal period chosen";
    per_year.hours = r.hours_per_year;
    r.requirements.push_back(std::move(per_year));
  }

  /// [[specialties]]: held on top of the certificate, each with its criteria and the CE it
  /// adds to the base credential's cycles ([[specialties.requirements]]).
  void read_specialties(const toml::table& root) {
    const auto* list = array_of_tables(root, "specialties");
    if (list == nullptr) {
      return;
    }
    std::set<std::string> seen;
    for (const auto& node : *list) {
      const auto& t = *node.as_table();
      check_keys(t, {"id", "name", "source", "quote", "criteria", "requirements"},
                 "[[specialties]]");
      Specialty s;
      s.id = identifier(t, "[[specialties]]", seen);
      const std::string context = "specialty \"" + s.id + "\"";
      s.name = required_string(t, "name", context);
      s.source = source_ref(t, context);
      s.quote = optional_string(t, "quote", context);
      if (const auto* criteria = array_of_tables(t, "criteria", "specialties.criteria")) {
        s.criteria = criteria_of(*criteria, "[[specialties.criteria]]");
        if (std::any_of(s.criteria.begin(), s.criteria.end(),
                        [](const Criterion& c) { return c.to_confirm; }) &&
            program_.confirm_note.empty()) {
          fail(t, context + " has criteria marked to_confirm, so the rule file needs a "
                            "\"confirm_note\" telling applicants whom to ask.");
        }
      }
      if (t.get("requirements") != nullptr && program_.renewal.categories.empty()) {
        fail(*t.get("requirements"), context + " has CE requirements but [renewal] names no "
                                               "\"categories\" for them to count.");
      }
      s.requirements = read_requirements(t, "specialties");
      program_.specialties.push_back(std::move(s));
    }
  }

  void read_cycle(const toml::table& renewal) {
    const auto* node = renewal.get("cycle");
    if (node == nullptr) {
      return;
    }
    const auto& t = inline_table(*node, "cycle", "cycle = { kind = \"birthday\", source = \"…\" }");
    check_keys(t, {"kind", "month", "day", "years", "anchor", "source", "quote"}, "\"cycle\"");
    auto& c = program_.renewal.cycle;
    const auto& kind_node = required_node(t, "kind", "\"cycle\"");
    const auto kind_name = string_value(kind_node, "cycle.kind");
    const auto kind = cycle_kind_from_name(kind_name);
    if (!kind) {
      fail(kind_node,
           "unknown cycle kind \"" + kind_name + "\"; " +
               suggestion(kind_name, std::array<std::string_view, 4>{"anniversary", "fixed_date",
                                                                     "birthday", "calendar_year"}));
    }
    c.kind = *kind;
    c.source = source_ref(t, "\"cycle\"");
    c.quote = optional_string(t, "quote", "cycle");
    if (const auto* anchor = t.get("anchor")) {
      if (c.kind != CycleKind::anniversary ||
          string_value(*anchor, "cycle.anchor") != "month_start") {
        fail(*anchor, "\"cycle.anchor\" may only be \"month_start\", in an anniversary cycle.");
      }
      c.month_start = true;
    }
    if (c.kind != CycleKind::fixed_date) {
      for (auto key : {"month", "day", "years"}) {
        if (const auto* extra = t.get(key)) {
          fail(*extra, "\"" + std::string(key) + "\" belongs to a fixed_date cycle only.");
        }
      }
      return;
    }
    const auto& month = required_node(t, "month", "a fixed_date cycle");
    const auto& day = required_node(t, "day", "a fixed_date cycle");
    const auto m = int_value(month, "cycle.month");
    const auto d = int_value(day, "cycle.day");
    if (m < 1 || m > 12) {
      fail(month, "\"cycle.month\" must be a month from 1 to 12.");
    }
    // A day every year has: 29 February is refused.
    const date::month_day md{date::month{static_cast<unsigned>(m)},
                             date::day{static_cast<unsigned>(std::clamp<std::int64_t>(d, 0, 99))}};
    if (d < 1 || !(date::year{2025} / md).ok()) {
      fail(day, "\"cycle.day\" must be a day that month has in every year.");
    }
    c.month = static_cast<unsigned>(m);
    c.day = static_cast<unsigned>(d);
    if (const auto* years = t.get("years")) {
      const auto text = string_value(*years, "cycle.years");
      if (text == "odd") {
        c.years = YearParity::odd;
      } else if (text == "even") {
        c.years = YearParity::even;
      } else {
        fail(*years, "\"cycle.years\" must be \"odd\" or \"even\".");
      }
    }
  }

  void read_categories(const toml::table& renewal) {
    const auto* node = renewal.get("categories");
    if (node == nullptr) {
      return;
    }
    if (!node->is_array() || node->as_array()->empty()) {
      fail(*node, "\"categories\" must be a non-empty list, such as [\"ethics\", \"general\"].");
    }
    for (const auto& element : *node->as_array()) {
      const auto category = category_value(element, "categories");
      auto& list = program_.renewal.categories;
      if (std::find(list.begin(), list.end(), category) != list.end()) {
        fail(element, "category \"" + std::string(to_string(category)) + "\" is listed twice.");
      }
      list.push_back(category);
    }
  }

  CeCategory category_value(const toml::node& n, std::string_view what) const {
    const auto name = string_value(n, what);
    const auto category = ce_category_from_name(name);
    if (!category) {
      fail(n, "unknown CE category \"" + name + "\"; " + suggestion(name, category_names()));
    }
    return *category;
  }

  std::vector<CeRequirement> read_requirements(const toml::table& parent,
                                               const std::string& section) {
    std::vector<CeRequirement> out;
    const auto* list = array_of_tables(parent, "requirements");
    if (list == nullptr) {
      return out;
    }
    const std::string context = "[[" + section + ".requirements]]";
    std::set<std::string> seen;
    std::vector<const toml::table*> tables;
    for (const auto& node : *list) {
      const auto& t = *node.as_table();
      check_keys(t,
                 {"id", "description", "category", "categories", "delivery", "hours", "over_years",
                  "caps"},
                 context);
      CeRequirement req;
      req.id = identifier(t, context, seen);
      const std::string where = "requirement \"" + req.id + "\"";
      req.description = required_string(t, "description", where);
      const auto* category = t.get("category");
      const auto* categories = t.get("categories");
      if (category != nullptr && categories != nullptr) {
        fail(*categories, where + " gives both \"category\" and \"categories\"; keep one.");
      }
      if (category != nullptr) {
        req.categories = category_bit(category_value(*category, "category"));
      } else if (categories != nullptr) {
        if (!categories->is_array() || categories->as_array()->empty()) {
          fail(*categories, "\"categories\" must be a non-empty list of CE categories.");
        }
        req.categories = 0;
        for (const auto& element : *categories->as_array()) {
          req.categories |= category_bit(category_value(element, "categories"));
        }
      }
      if (const auto* d = t.get("delivery")) {
        req.delivery = ce_delivery_from_name(string_value(*d, "delivery"));
        if (!req.delivery) {
          fail(*d, "\"delivery\" must be \"live\" or \"self_study\".");
        }
      }
      if (t.get("hours") == nullptr) {
        fail(t, where + " has no \"hours\".");
      }
      const std::string what = section + ".requirements." + req.id + ".hours";
      req.hours = dated<core::Hours>(t.get("hours"), what, [this, what](const toml::node& n) {
        const auto h = hours_value(n, what);
        if (h == core::Hours{}) {
          fail(n, "\"" + what + "\" must be more than 0 hours.");
        }
        return h;
      });
      req.over_years =
          positive_dated(t, "over_years", section + ".requirements." + req.id + ".over_years");
      read_caps(t, req, section);
      out.push_back(std::move(req));
      tables.push_back(&t);
    }
    // The categories a requirement names must be the program's (renewal categories are read
    // before the requirements; the initial certificate's follow the same list).
    check_nesting(out, tables);
    return out;
  }

  /// `caps = [{ category = "…", hours = { value = N, source = "…" } }]`: at most N hours of a
  /// category count toward the requirement. The category must be one it counts, not its
  /// only one, and the cap no larger than the requirement.
  void read_caps(const toml::table& t, CeRequirement& req, const std::string& section) {
    const auto* caps = t.get("caps");
    if (caps == nullptr) {
      return;
    }
    if (!caps->is_array() || caps->as_array()->empty()) {
      fail(*caps, "\"caps\" must be a list such as [{ category = \"professional_development\", "
                  "hours = { value = 4, source = \"…\" } }].");
    }
    for (const auto& element : *caps->as_array()) {
      if (!element.is_table()) {
        fail(element, "each cap must be { category = \"…\", hours = { value = N, source = "
                      "\"…\" } }.");
      }
      const auto& c = *element.as_table();
      check_keys(c, {"category", "hours"}, "a cap");
      CeCap cap;
      const auto& category = required_node(c, "category", "a cap");
      cap.category = category_value(category, "category");
      if ((req.categories & category_bit(cap.category)) == 0) {
        fail(category, "requirement \"" + req.id + "\" does not count category \"" +
                           std::string(to_string(cap.category)) + "\", so it cannot cap it.");
      }
      if (req.categories == category_bit(cap.category)) {
        fail(category, "requirement \"" + req.id + "\" counts only \"" +
                           std::string(to_string(cap.category)) +
                           "\": a cap on it would leave the requirement unmeetable.");
      }
      for (const auto& other : req.caps) {
        if (other.category == cap.category) {
          fail(category, "requirement \"" + req.id + "\" caps \"" +
                             std::string(to_string(cap.category)) + "\" twice.");
        }
      }
      const std::string what =
          section + ".requirements." + req.id + ".caps." + std::string(to_string(cap.category));
      const auto& hours = required_node(c, "hours", "a cap");
      cap.hours = dated<core::Hours>(&hours, what, [this, &what, &req](const toml::node& n) {
        const auto h = hours_value(n, what);
        if (h == core::Hours{}) {
          fail(n, "\"" + what + "\" must be more than 0 hours.");
        }
        for (const auto& e : req.hours.entries) {
          if (h > e.value) {
            fail(n, "the cap of " + h.to_short_string() + " hours on \"" +
                        what.substr(what.rfind('.') + 1) + "\" is larger than requirement \"" +
                        req.id + "\" (" + e.value.to_short_string() + " hours).");
          }
        }
        return h;
      });
      req.caps.push_back(std::move(cap));
    }
  }

  /// Requirements must nest or be disjoint over the kinds of hour the program accepts, so that
  /// the fewest hours meeting all of them is exact (renewal::fewest_hours).
  void check_nesting(const std::vector<CeRequirement>& reqs,
                     const std::vector<const toml::table*>& tables) const {
    CategorySet accepted = 0;
    for (auto c : program_.renewal.categories) {
      accepted |= category_bit(c);
    }
    if (accepted == 0) {
      accepted = all_categories;
    }
    for (std::size_t j = 0; j < reqs.size(); ++j) {
      const auto named = static_cast<CategorySet>(reqs[j].categories & ~accepted);
      if (reqs[j].categories != continuing_education && named != 0 &&
          !program_.renewal.categories.empty()) {
        for (auto c : all_ce_categories()) {
          if ((named & category_bit(c)) != 0) {
            fail(*tables[j], "requirement \"" + reqs[j].id + "\" counts category \"" +
                                 std::string(to_string(c)) +
                                 "\", which is not in [renewal] categories.");
          }
        }
      }
      const auto cells_j = static_cast<CellSet>(reqs[j].cells() & cells_of(accepted, {}));
      for (std::size_t i = 0; i < j; ++i) {
        const auto cells_i = static_cast<CellSet>(reqs[i].cells() & cells_of(accepted, {}));
        const auto both = static_cast<CellSet>(cells_i & cells_j);
        // A cap holds only where no requirement inside the capped one counts its category.
        const auto capped_inside = [&](const CeRequirement& outer, CellSet inner_cells,
                                       const CeRequirement& inner, const toml::table& where) {
          for (const auto& cap : outer.caps) {
            if ((inner_cells & cells_of(category_bit(cap.category), {})) != 0) {
              fail(where, "requirement \"" + inner.id + "\" counts \"" +
                              std::string(to_string(cap.category)) + "\", which requirement \"" +
                              outer.id +
                              "\" around it caps; a cap must not hold back a "
                              "requirement inside it.");
            }
          }
        };
        if (both == cells_i && both != 0) {
          capped_inside(reqs[j], cells_i, reqs[i], *tables[i]);
        }
        if (both == cells_j && both != 0) {
          capped_inside(reqs[i], cells_j, reqs[j], *tables[j]);
        }
        if (both != 0 && both != cells_i && both != cells_j) {
          fail(*tables[j], "requirement \"" + reqs[j].id + "\" overlaps requirement \"" +
                               reqs[i].id +
                               "\" without one containing the other; requirements must nest "
                               "(live ethics inside ethics inside the total) or be disjoint.");
        }
      }
    }
  }

  void read_waivers(const toml::table& renewal) {
    const auto* list = array_of_tables(renewal, "waivers");
    if (list == nullptr) {
      return;
    }
    std::set<std::string> seen;
    for (const auto& node : *list) {
      const auto& t = *node.as_table();
      check_keys(t, {"id", "description", "when", "months", "source", "quote"},
                 "[[renewal.waivers]]");
      Waiver w;
      w.id = identifier(t, "[[renewal.waivers]]", seen);
      const std::string where = "waiver \"" + w.id + "\"";
      w.description = required_string(t, "description", where);
      const auto& when = required_node(t, "when", where);
      const auto kind = string_value(when, "when");
      if (kind == "newly_certified") {
        w.kind = WaiverKind::newly_certified;
        w.months = positive_int(required_node(t, "months", where), "months");
      } else if (kind == "short_first_cycle") {
        w.kind = WaiverKind::short_first_cycle;
        if (const auto* months = t.get("months")) {
          fail(*months, "\"months\" belongs to a newly_certified waiver only.");
        }
      } else {
        fail(when, "unknown waiver \"" + kind + "\"; " +
                       suggestion(kind, std::array<std::string_view, 2>{"newly_certified",
                                                                        "short_first_cycle"}));
      }
      w.source = source_ref(t, where);
      w.quote = optional_string(t, "quote", where);
      program_.renewal.waivers.push_back(std::move(w));
    }
  }

  void read_reactivation(const toml::table& root) {
    const auto* t = table_at(root, "reactivation", "the rule file");
    if (t == nullptr) {
      return;
    }
    check_keys(*t, {"fee", "within_years"}, "[reactivation]");
    program_.reactivation.fee = money_dated(*t, "fee", "reactivation.fee");
    program_.reactivation.within_years =
        positive_dated(*t, "within_years", "reactivation.within_years");
  }

  void read_pathway(const toml::table& root) {
    const auto* steps = array_of_tables(root, "pathway");
    if (steps == nullptr) {
      return;
    }
    std::set<std::string> seen;
    const auto names = placeholder_names();
    for (const auto& node : *steps) {
      const auto& t = *node.as_table();
      check_keys(t, {"id", "title", "description", "source", "quote"}, "[[pathway]]");
      PathwayStep step;
      step.id = identifier(t, "[[pathway]]", seen);
      const std::string context = "pathway step \"" + step.id + "\"";
      step.title = required_string(t, "title", context);
      step.description = required_string(t, "description", context);
      step.source = source_ref(t, context);
      step.quote = optional_string(t, "quote", context);
      check_placeholders(*t.get("description"), step.description, names);
      program_.pathway.push_back(std::move(step));
    }
  }

  void check_placeholders(const toml::node& where, std::string_view text,
                          const std::vector<std::string_view>& names) const {
    std::size_t pos = 0;
    while ((pos = text.find('{', pos)) != std::string_view::npos) {
      const auto close = text.find('}', pos);
      if (close == std::string_view::npos) {
        fail(where, "a \"{\" in the description has no closing \"}\".");
      }
      const auto name = text.substr(pos + 1, close - pos - 1);
      if (std::find(names.begin(), names.end(), name) == names.end()) {
        fail(where, "unknown value {" + std::string(name) + "} in the description; use one of " +
                        quoted_list(names) + ".");
      }
      if (program_.render("{" + std::string(name) + "}", date::year{9999} / 12 / 31)
              .starts_with("(not defined")) {
        fail(where, "the description uses {" + std::string(name) +
                        "}, which this rule file does not define.");
      }
      pos = close + 1;
    }
  }

  std::string path_;
  std::string_view expected_id_;
  Program program_;
};

} // namespace

Program parse_program(std::string_view text, const std::string& display_path,
                      std::string_view expected_id) {
  toml::table root;
  try {
    root = toml::parse(text, display_path);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    throw RuleFileError(display_path + ":" + std::to_string(where.line) + ":" +
                        std::to_string(where.column) + ": " + std::string(e.description()) + ".");
  }
  return Loader(display_path, expected_id).load(root);
}

Program load_program_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw RuleFileError(path.string() + ": cannot be read.");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_program(text.str(), path.string(), path.stem().string());
}

std::vector<std::filesystem::path> program_files(const std::filesystem::path& rules_dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(rules_dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".toml") {
      files.push_back(entry.path());
    }
  }
  if (ec) {
    throw core::InputError("The rules directory " + rules_dir.string() + " cannot be read.");
  }
  std::sort(files.begin(), files.end());
  return files;
}

Program load_program(const std::filesystem::path& rules_dir, std::string_view id) {
  const auto files = program_files(rules_dir);
  for (const auto& f : files) {
    if (f.stem() == id) {
      return load_program_file(f);
    }
  }
  std::vector<std::string> ids;
  for (const auto& f : files) {
    ids.push_back(f.stem().string());
  }
  throw core::InputError("Unknown program \"" + std::string(id) + "\"; the programs in " +
                         rules_dir.string() + " are " +
                         (ids.empty() ? std::string("none") : quoted_list(ids)) + ".");
}

} // namespace peercert::rules

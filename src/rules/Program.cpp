#include "rules/Program.hpp"
#include "rules/ToConfirm.hpp"

#include "core/Error.hpp"

#include <algorithm>
#include <array>
#include <functional>

namespace peercert::rules {

namespace {

void collect_facts(const Condition& c, std::vector<bool>& used) {
  const auto mark = [&](FactId f) { used.at(static_cast<std::size_t>(f)) = true; };
  std::visit(
      [&](const auto& n) {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, MinAge> || std::is_same_v<T, MaxAge>) {
          mark(FactId::date_of_birth);
        } else if constexpr (std::is_same_v<T, EducationAtLeast>) {
          mark(FactId::education);
        } else if constexpr (std::is_same_v<T, Attested> || std::is_same_v<T, CheckPassed> ||
                             std::is_same_v<T, AtLeast> || std::is_same_v<T, Since> ||
                             std::is_same_v<T, WithinMonths> || std::is_same_v<T, OnOrAfter>) {
          mark(n.fact);
        } else if constexpr (std::is_same_v<T, AllOf> || std::is_same_v<T, AnyOf>) {
          for (const auto& p : n.parts) {
            collect_facts(p, used);
          }
        } else {
          collect_facts(n.part.front(), used);
        }
      },
      c.node);
}

template <class T, class Format>
std::optional<std::string> value_on(const Dated<T>& d, core::Date on, Format format) {
  if (const auto* e = d.in_force(on)) {
    return format(e->value);
  }
  return std::nullopt;
}

struct Placeholder {
  std::string_view name;
  std::function<std::optional<std::string>(const Program&, core::Date)> value;
};

const std::array<Placeholder, 7>& placeholders() {
  static const auto hours = [](const core::Hours& h) { return h.to_short_string(); };
  static const auto money = [](const core::Money& m) { return m.to_string(); };
  static const auto number = [](int n) { return std::to_string(n); };
  static const std::array<Placeholder, 7> table{{
      {"training_hours",
       [](const Program& p, core::Date on) { return value_on(p.training.hours, on, hours); }},
      {"cohort_capacity",
       [](const Program& p, core::Date on) {
         return value_on(p.training.cohort_capacity, on, number);
       }},
      {"notify_days_before",
       [](const Program& p, core::Date on) {
         return value_on(p.training.notify_days_before, on, number);
       }},
      {"application_fee",
       [](const Program& p, core::Date on) {
         return value_on(p.certification.application_fee, on, money);
       }},
      {"renewal_fee",
       [](const Program& p, core::Date on) { return value_on(p.renewal.fee, on, money); }},
      {"renewal_years",
       [](const Program& p, core::Date on) { return value_on(p.renewal.every_years, on, number); }},
      {"contact_phone",
       [](const Program& p, core::Date on) {
         return value_on(p.contact_phone, on, [](const std::string& s) { return s; });
       }},
  }};
  return table;
}

} // namespace

std::vector<FactId> Program::facts_used() const {
  std::vector<bool> used(fact_count, false);
  for (const auto& c : criteria) {
    collect_facts(c.condition, used);
  }
  for (const auto& r : routes) {
    for (const auto& c : r.criteria) {
      collect_facts(c.condition, used);
    }
  }
  std::vector<FactId> out;
  for (const auto& f : all_facts()) {
    if (used.at(static_cast<std::size_t>(f.id))) {
      out.push_back(f.id);
    }
  }
  return out;
}

std::string Program::question(FactId fact) const {
  const auto it = questions.find(fact);
  std::string text(it != questions.end() ? std::string_view(it->second) : fact_info(fact).question);
  constexpr std::string_view placeholder = "{jurisdiction}";
  if (const auto at = text.find(placeholder); at != std::string::npos) {
    text.replace(at, placeholder.size(), jurisdiction);
  }
  return text;
}

void Program::require_criteria() const {
  if (!has_criteria()) {
    throw core::InputError("The rule file of " + id + " defines no eligibility criteria.");
  }
}

bool Program::accepts(CeCategory category) const {
  return renewal.categories.empty() ||
         std::find(renewal.categories.begin(), renewal.categories.end(), category) !=
             renewal.categories.end();
}

CategorySet Program::accepted_categories() const {
  CategorySet out = 0;
  for (auto c : renewal.categories) {
    out |= category_bit(c);
  }
  return out == 0 ? all_categories : out;
}

std::vector<CeCategory> Program::ce_categories() const {
  std::vector<CeCategory> out;
  for (auto c : all_ce_categories()) {
    if (accepts(c)) {
      out.push_back(c);
    }
  }
  return out;
}

const Source& Program::source(const std::string& source_id) const {
  if (auto it = sources.find(source_id); it != sources.end()) {
    return it->second;
  }
  // The loader refuses rule files that cite an undeclared source, so this is a program bug.
  throw core::Error("Rule file " + file + " cites an undeclared source " + source_id + ".");
}

const Specialty* Program::specialty(std::string_view specialty_id) const {
  for (const auto& s : specialties) {
    if (s.id == specialty_id) {
      return &s;
    }
  }
  return nullptr;
}

const Specialty& Program::require_specialty(std::string_view specialty_id) const {
  if (const auto* found = specialty(specialty_id)) {
    return *found;
  }
  std::string known;
  for (const auto& s : specialties) {
    known += (known.empty() ? "" : ", ") + s.id;
  }
  throw core::InputError::about(
      "specialty",
      "\"" + std::string(specialty_id) + "\" is not a specialty of " + id +
          (known.empty() ? ", which defines none." : "; its specialties are " + known + "."));
}

std::string Program::render(std::string_view text, core::Date on) const {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto open = text.find('{', pos);
    const auto close = open == std::string_view::npos ? open : text.find('}', open);
    if (close == std::string_view::npos) {
      out.append(text.substr(pos));
      break;
    }
    out.append(text.substr(pos, open - pos));
    const auto key = text.substr(open + 1, close - open - 1);
    const auto& table = placeholders();
    const auto it = std::find_if(table.begin(), table.end(),
                                 [&](const Placeholder& p) { return p.name == key; });
    if (it == table.end()) {
      out.append(text.substr(open, close - open + 1));
    } else if (auto v = it->value(*this, on)) {
      out.append(*v);
    } else {
      out.append("(not defined by the rule file on " + core::format_iso(on) + ")");
    }
    pos = close + 1;
  }
  return out;
}

namespace {

void each_requirement_value(const std::string& section,
                            const std::vector<CeRequirement>& requirements, auto&& f) {
  for (const auto& r : requirements) {
    const std::string what = section + ".requirements." + r.id;
    f(what + ".hours", r.hours);
    f(what + ".over_years", r.over_years);
    for (const auto& cap : r.caps) {
      f(what + ".caps." + std::string(to_string(cap.category)), cap.hours);
    }
  }
}

/// Calls `f(name, dated)` for every sourced value of `p` that may change over time, in
/// rule-file order, named as `rules show` names it: what citations and the values to confirm
/// both walk.
void each_value(const Program& p, auto&& f) {
  f("contact.phone", p.contact_phone);
  f("training.hours", p.training.hours);
  f("training.cohort_capacity", p.training.cohort_capacity);
  f("training.notify_days_before", p.training.notify_days_before);
  f("certification.application_fee", p.certification.application_fee);
  f("certification.exam_attempts", p.certification.exam_attempts);
  f("certification.application_months", p.certification.application_months);
  f("initial.months", p.initial.months);
  f("initial.upgrade_days_before", p.initial.upgrade_days_before);
  f("initial.extensions", p.initial.extensions);
  f("initial.extension_months", p.initial.extension_months);
  each_requirement_value("initial", p.initial.requirements, f);
  const auto& r = p.renewal;
  f("renewal.every_years", r.every_years);
  f("renewal.lengths", r.lengths);
  f("renewal.hours_per_year", r.hours_per_year);
  f("renewal.fee", r.fee);
  f("renewal.reminder_days", r.reminder_days);
  f("renewal.grace_days", r.grace_days);
  f("renewal.late_days", r.late_days);
  f("renewal.late_months", r.late_months);
  f("renewal.late_fee", r.late_fee);
  f("renewal.late_fee_within_days", r.late_fee_within_days);
  f("renewal.shortest_entry", r.shortest_entry);
  f("renewal.after_late", r.after_late);
  f("renewal.fresh_checks", r.fresh_checks);
  each_requirement_value("renewal", r.requirements, f);
  for (const auto& s : p.specialties) {
    each_requirement_value("specialties." + s.id, s.requirements, f);
  }
  f("reactivation.fee", p.reactivation.fee);
  f("reactivation.within_years", p.reactivation.within_years);
}

} // namespace

std::vector<Program::Citation> Program::citations() const {
  std::vector<Citation> out;
  for (const auto& c : criteria) {
    out.push_back({"criterion " + c.id, c.source, c.quote, c.to_confirm});
  }
  for (const auto& r : routes) {
    for (const auto& c : r.criteria) {
      out.push_back({"route " + r.id + " criterion " + c.id, c.source, c.quote, c.to_confirm});
    }
  }
  for (const auto& s : specialties) {
    out.push_back({"specialty " + s.id, s.source, s.quote});
    for (const auto& c : s.criteria) {
      out.push_back({"specialty " + s.id + " criterion " + c.id, c.source, c.quote, c.to_confirm});
    }
  }
  for (const auto& s : pathway) {
    out.push_back({"pathway step " + s.id, s.source, s.quote});
  }
  for (const auto& d : deadlines) {
    out.push_back({"deadline " + d.id, d.source, d.quote});
  }
  each_value(*this, [&](const std::string& what, const auto& d) {
    for (const auto& e : d.entries) {
      out.push_back({e.from ? what + " from " + core::format_iso(*e.from) : what, e.source, e.quote,
                     e.to_confirm});
    }
  });
  if (!renewal.cycle.source.empty()) {
    out.push_back({"renewal.cycle", renewal.cycle.source, renewal.cycle.quote});
  }
  for (const auto& w : renewal.waivers) {
    out.push_back({"renewal waiver " + w.id, w.source, w.quote});
  }
  return out;
}

Program specialty_program(const Program& program, const Specialty& specialty) {
  Program out = program;
  out.name = program.name + " — " + specialty.name;
  out.criteria = specialty.criteria;
  out.routes.clear();
  out.deadlines.clear();
  out.pathway.clear();
  out.specialties.clear();
  return out;
}

std::vector<std::string_view> placeholder_names() {
  std::vector<std::string_view> names;
  for (const auto& p : placeholders()) {
    names.push_back(p.name);
  }
  return names;
}

namespace {

struct CategoryName {
  CeCategory category;
  std::string_view name;
  std::string_view words;
};

constexpr std::array<CategoryName, ce_category_count> category_names{{
    {CeCategory::ethics, "ethics", "ethics"},
    {CeCategory::general, "general", "general"},
    {CeCategory::peer_support, "peer_support", "peer support"},
    {CeCategory::suicide_prevention, "suicide_prevention", "suicide prevention"},
    {CeCategory::health_equity, "health_equity", "health equity"},
    {CeCategory::supervised_work, "supervised_work", "supervised work"},
    {CeCategory::cultural_competence, "cultural_competence", "cultural competence"},
    {CeCategory::professional_development, "professional_development", "professional development"},
    {CeCategory::boundaries, "boundaries", "boundaries"},
    {CeCategory::trauma_informed_care, "trauma_informed_care", "trauma-informed care"},
    {CeCategory::human_trafficking, "human_trafficking", "human trafficking"},
    {CeCategory::system_navigation, "system_navigation", "system navigation"},
    {CeCategory::behavioral_health, "behavioral_health", "behavioral health"},
    {CeCategory::wellness, "wellness", "wellness"},
    {CeCategory::coaching, "coaching", "coaching"},
    {CeCategory::medication_supported_recovery, "medication_supported_recovery",
     "medication-supported recovery"},
    {CeCategory::family, "family", "family"},
    {CeCategory::veteran, "veteran", "veteran"},
}};

/// The order categories are listed in: the second edition's first, then the third's.
constexpr std::array<CeCategory, ce_category_count> categories_in_order{
    CeCategory::ethics,
    CeCategory::general,
    CeCategory::peer_support,
    CeCategory::suicide_prevention,
    CeCategory::health_equity,
    CeCategory::supervised_work,
    CeCategory::cultural_competence,
    CeCategory::professional_development,
    CeCategory::boundaries,
    CeCategory::trauma_informed_care,
    CeCategory::human_trafficking,
    CeCategory::system_navigation,
    CeCategory::behavioral_health,
    CeCategory::wellness,
    CeCategory::coaching,
    CeCategory::medication_supported_recovery,
    CeCategory::family,
    CeCategory::veteran};

constexpr std::array<std::string_view, 4> cycle_kind_names{"anniversary", "fixed_date", "birthday",
                                                           "calendar_year"};

} // namespace

std::string_view to_string(CeCategory c) {
  return category_names.at(static_cast<std::size_t>(c)).name;
}

std::string_view category_words(CeCategory c) {
  return category_names.at(static_cast<std::size_t>(c)).words;
}

std::span<const CeCategory> all_ce_categories() { return categories_in_order; }

std::string_view to_string(CeDelivery d) { return d == CeDelivery::live ? "live" : "self_study"; }

std::string_view to_string(CycleKind k) { return cycle_kind_names.at(static_cast<std::size_t>(k)); }

std::optional<CeCategory> ce_category_from_name(std::string_view name) {
  for (const auto& c : category_names) {
    if (c.name == name) {
      return c.category;
    }
  }
  return std::nullopt;
}

std::optional<CeDelivery> ce_delivery_from_name(std::string_view name) {
  if (name == "live") {
    return CeDelivery::live;
  }
  if (name == "self_study") {
    return CeDelivery::self_study;
  }
  return std::nullopt;
}

std::optional<CycleKind> cycle_kind_from_name(std::string_view name) {
  for (std::size_t i = 0; i < cycle_kind_names.size(); ++i) {
    if (cycle_kind_names.at(i) == name) {
      return static_cast<CycleKind>(i);
    }
  }
  return std::nullopt;
}

std::string requirement_kind_words(const CeRequirement& r, const Program& program) {
  std::string out;
  if (r.delivery) {
    out = *r.delivery == CeDelivery::live ? "live" : "self-study";
  }
  const CategorySet accepted = program.accepted_categories();
  const auto named = static_cast<CategorySet>(r.categories & accepted);
  if (named != (accepted & continuing_education)) {
    std::string names;
    for (auto c : all_ce_categories()) {
      if ((named & category_bit(c)) != 0) {
        names += (names.empty() ? "" : " or ") + std::string(category_words(c));
      }
    }
    out += (out.empty() ? "" : " ") + names;
  }
  return out;
}

std::vector<std::string> values_to_confirm(const Program& p, core::Date on) {
  std::vector<std::string> out;
  each_value(p, [&](const std::string& what, const auto& d) {
    if (const auto* e = d.in_force(on); e != nullptr && e->to_confirm) {
      out.push_back(what);
    }
  });
  return out;
}

} // namespace peercert::rules

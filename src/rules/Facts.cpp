#include "rules/Facts.hpp"

#include "core/Error.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <string>

namespace peercert::rules {

namespace {

using core::InputError;

std::string normalise_name(std::string_view text) {
  std::string s(text);
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
    return c == ' ' || c == '-' ? '_' : static_cast<char>(std::tolower(c));
  });
  return s;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) {
    s.remove_prefix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) {
    s.remove_suffix(1);
  }
  return s;
}

template <class Range, class ToName> std::string join_names(const Range& values, ToName to_name) {
  std::string out;
  for (const auto& v : values) {
    out += (out.empty() ? "" : ", ") + std::string(to_name(v));
  }
  return out;
}

std::string known_fact_names() {
  return join_names(all_facts(), [](const FactInfo& f) { return f.name; });
}

} // namespace

FactValue parse_fact_text(FactId id, std::string_view text) {
  text = trim(text);
  if (text.empty()) {
    return std::monostate{};
  }
  const FactInfo& info = fact_info(id);
  const std::string field(info.name);
  switch (info.kind) {
  case FactKind::date:
    return core::parse_date_field(text, field);
  case FactKind::education:
    if (auto e = education_from_name(normalise_name(text))) {
      return *e;
    }
    throw InputError(field + " must be one of " +
                     join_names(all_education_levels(), [](Education e) { return to_string(e); }) +
                     ".");
  case FactKind::yes_no:
    if (auto b = yes_no_from_text(text)) {
      return *b;
    }
    throw InputError(field + " must be true or false (yes or no).");
  case FactKind::check:
    if (auto c = check_status_from_name(normalise_name(text))) {
      return *c;
    }
    throw InputError(field + " must be one of " +
                     join_names(all_check_statuses(), [](CheckStatus c) { return to_string(c); }) +
                     ".");
  }
  throw InputError(field + " has an unsupported kind.");
}

Facts facts_from_json_text(std::string_view json_text) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::parse_error& e) {
    // The parser's message quotes the offending text; report only where it is.
    throw InputError("The facts are not valid JSON (error at byte " + std::to_string(e.byte) +
                     ").");
  }
  if (!doc.is_object()) {
    throw InputError("The facts must be one JSON object, such as {\"date_of_birth\": "
                     "\"2001-04-09\"}.");
  }
  Facts facts;
  for (const auto& [key, value] : doc.items()) {
    const auto id = fact_from_name(key);
    if (!id) {
      throw InputError("Unknown fact \"" + key + "\"; the facts are " + known_fact_names() + ".");
    }
    if (value.is_null()) {
      continue;
    }
    const FactInfo& info = fact_info(*id);
    if (info.kind == FactKind::yes_no) {
      if (!value.is_boolean()) {
        throw InputError(key + " must be true or false.");
      }
      facts.set(*id, value.get<bool>());
      continue;
    }
    if (!value.is_string()) {
      throw InputError(key + " must be a string.");
    }
    facts.set(*id, parse_fact_text(*id, value.get_ref<const std::string&>()));
  }
  return facts;
}

void validate_facts(const Facts& facts, core::Date as_of) {
  if (const auto* dob = facts.get_if<core::Date>(FactId::date_of_birth)) {
    if (*dob > as_of) {
      throw InputError("date_of_birth is after the as-of date " + core::format_iso(as_of) + ".");
    }
  }
}

} // namespace peercert::rules

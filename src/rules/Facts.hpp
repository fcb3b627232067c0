#pragma once

#include "core/Date.hpp"
#include "rules/Fact.hpp"

#include <array>
#include <string_view>
#include <variant>

namespace peercert::rules {

/// One fact's value, or monostate when the person has not given it.
using FactValue = std::variant<std::monostate, core::Date, Education, bool, CheckStatus>;

/// What a person has told peercert about themselves. Any fact may be missing: the rules that
/// need it are then "unknown".
class Facts {
public:
  void set(FactId id, FactValue value) { values_.at(index(id)) = value; }
  void clear(FactId id) { values_.at(index(id)) = std::monostate{}; }
  bool has(FactId id) const { return !std::holds_alternative<std::monostate>(get(id)); }
  const FactValue& get(FactId id) const { return values_.at(index(id)); }

  template <class T> const T* get_if(FactId id) const { return std::get_if<T>(&get(id)); }

private:
  static std::size_t index(FactId id) { return static_cast<std::size_t>(id); }
  std::array<FactValue, fact_count> values_{};
};

/// Parses a fact written as text (a CSV cell, an answer typed at a prompt, a web form field).
/// An empty text is a missing fact. Names of levels and statuses may use any letter case and
/// spaces or hyphens for underscores ("Not started"). Throws InputError naming the fact,
/// never quoting the value.
FactValue parse_fact_text(FactId id, std::string_view text);

/// Parses the facts JSON of DESIGN.md. Unknown keys, wrong types and bad values throw
/// InputError naming the field; null is a missing fact.
Facts facts_from_json_text(std::string_view json_text);

/// Refuses facts that cannot be true on `as_of` (a date of birth after it).
void validate_facts(const Facts& facts, core::Date as_of);

} // namespace peercert::rules

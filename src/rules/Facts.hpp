#pragma once

#include "core/Date.hpp"
#include "core/Hours.hpp"
#include "rules/Fact.hpp"

#include <array>
#include <optional>
#include <string_view>
#include <variant>

namespace peercert::rules {

/// One fact's value, or monostate when the person has not given it.
using FactValue =
    std::variant<std::monostate, core::Date, Education, bool, CheckStatus, core::Hours, Count>;

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

/// A fact's value written as parse_fact_text reads it back: "2001-04-09", "ged", "yes",
/// "not_started", "12.5", "2"; empty for a missing fact.
std::string fact_to_text(const FactValue& value);

/// Parses the facts JSON of DESIGN.md. Unknown keys, wrong types and bad values throw
/// InputError naming the field; null is a missing fact. Numbers are read from their text, never
/// through floating point: hours take at most two decimals, counts are whole.
Facts facts_from_json_text(std::string_view json_text);

/// The first date fact after `as_of`, in question order: a date that cannot be true yet.
std::optional<FactId> date_after(const Facts& facts, core::Date as_of);

/// Refuses facts that cannot be true on `as_of`: a date after it (a date of birth, a training
/// completed tomorrow).
void validate_facts(const Facts& facts, core::Date as_of);

} // namespace peercert::rules

#include "rules/Facts.hpp"

#include "core/Error.hpp"
#include "core/Text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

namespace peercert::rules {

namespace {

using core::InputError;

/// Room for the longest level or status name; longer text names none of them.
using NameBuffer = std::array<char, 32>;

/// `text` in lower case with spaces and hyphens as underscores, written into `buffer`; empty
/// when it does not fit.
std::string_view normalise_name(std::string_view text, NameBuffer& buffer) {
  if (text.size() > buffer.size()) {
    return {};
  }
  std::transform(text.begin(), text.end(), buffer.begin(),
                 [](char c) { return c == ' ' || c == '-' ? '_' : core::ascii_lower(c); });
  return {buffer.data(), text.size()};
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

std::string amount_limit() { return std::to_string(max_fact_amount); }

core::Hours parse_hours_fact(std::string_view text, std::string_view field) {
  const auto h = core::Hours::parse(text);
  if (!h) {
    throw InputError::about(std::string(field),
                            "must be a number of hours, 0 or more, with at most two decimals, "
                            "such as 12.5.");
  }
  if (*h > core::Hours::whole(max_fact_amount)) {
    throw InputError::about(std::string(field), "must be at most " + amount_limit() + " hours.");
  }
  return *h;
}

Count parse_count_fact(std::string_view text, std::string_view field) {
  if (auto c = count_from_text(text)) {
    return *c;
  }
  throw InputError::about(std::string(field),
                          "must be a whole number from 0 to " + amount_limit() + ".");
}

/// Reads the facts JSON event by event, so that a number keeps the text it was written with
/// (nlohmann's tree would turn 1.25 into a double) and every error knows its field.
class FactsReader : public nlohmann::json_sax<nlohmann::json> {
public:
  Facts facts;

  bool null() override {
    return scalar([](FactId) {});
  }

  bool boolean(bool value) override {
    return scalar([&](FactId id) {
      if (fact_info(id).kind != FactKind::yes_no) {
        wrong_type(id);
      }
      facts.set(id, value);
    });
  }

  bool number_integer(number_integer_t value) override {
    return scalar([&](FactId id) { number(id, std::to_string(value)); });
  }

  bool number_unsigned(number_unsigned_t value) override {
    return scalar([&](FactId id) { number(id, std::to_string(value)); });
  }

  bool number_float(number_float_t /*value*/, const string_t& text) override {
    return scalar([&](FactId id) { number(id, text); });
  }

  bool string(string_t& value) override {
    return scalar([&](FactId id) {
      const auto kind = fact_info(id).kind;
      if (kind == FactKind::yes_no) {
        wrong_type(id);
      }
      facts.set(id, parse_fact_text(id, value));
    });
  }

  bool binary(binary_t& /*value*/) override {
    return scalar([](FactId id) { wrong_type(id); });
  }

  bool start_object(std::size_t /*elements*/) override {
    if (depth_ == 0) {
      ++depth_;
      object_seen_ = true;
      return true;
    }
    return scalar([](FactId id) { wrong_type(id); });
  }

  bool end_object() override {
    --depth_;
    return true;
  }

  bool start_array(std::size_t /*elements*/) override {
    if (depth_ == 0) {
      not_an_object();
    }
    return scalar([](FactId id) { wrong_type(id); });
  }

  bool end_array() override { return true; }

  bool key(string_t& name) override {
    const auto id = fact_from_name(name);
    if (!id) {
      throw InputError("Unknown fact \"" + name + "\"; " + unknown_fact_hint(name));
    }
    if (seen_.at(static_cast<std::size_t>(*id))) {
      throw InputError::about(name, "is given twice.");
    }
    seen_.at(static_cast<std::size_t>(*id)) = true;
    key_ = id;
    return true;
  }

  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& error) override {
    // The parser's message quotes the offending text, which may be personal: say only where.
    if (error.id == 406 && key_) { // a number too large for a double
      const std::string field(fact_info(*key_).name);
      throw InputError::about(field, "is a number out of range.");
    }
    throw InputError("The facts are not valid JSON (error at byte " + std::to_string(position) +
                     ").");
  }

  /// After the whole document: a top-level scalar never reached start_object.
  void finish() const {
    if (!object_seen_) {
      not_an_object();
    }
  }

private:
  template <class Set> bool scalar(Set set) {
    if (depth_ == 0) {
      not_an_object();
    }
    if (key_) {
      set(*key_);
    }
    return true;
  }

  [[noreturn]] static void not_an_object() {
    throw InputError("The facts must be one JSON object, such as {\"date_of_birth\": "
                     "\"2001-04-09\"}.");
  }

  [[noreturn]] static void wrong_type(FactId id) {
    const auto& info = fact_info(id);
    const std::string field(info.name);
    switch (info.kind) {
    case FactKind::yes_no:
      throw InputError::about(field, "must be true or false.");
    case FactKind::hours:
      throw InputError::about(field, "must be a number of hours, such as 12.5.");
    case FactKind::count:
      throw InputError::about(field, "must be a whole number, such as 2.");
    case FactKind::date:
    case FactKind::education:
    case FactKind::check:
      break;
    }
    throw InputError::about(field, "must be a string.");
  }

  void number(FactId id, const std::string& text) {
    const auto& info = fact_info(id);
    if (info.kind != FactKind::hours && info.kind != FactKind::count) {
      wrong_type(id);
    }
    facts.set(id, parse_fact_text(id, text));
  }

  int depth_ = 0;
  bool object_seen_ = false;
  std::optional<FactId> key_;
  std::array<bool, fact_count> seen_{};
};

} // namespace

FactValue parse_fact_text(FactId id, std::string_view text) {
  text = trim(text);
  if (text.empty()) {
    return std::monostate{};
  }
  const FactInfo& info = fact_info(id);
  const std::string_view field = info.name;
  NameBuffer buffer{};
  switch (info.kind) {
  case FactKind::date:
    return core::parse_date_field(text, field);
  case FactKind::education:
    if (auto e = education_from_name(normalise_name(text, buffer))) {
      return *e;
    }
    throw InputError::about(std::string(field),
                            "must be one of " + join_names(all_education_levels(), [](Education e) {
                              return to_string(e);
                            }) + ".");
  case FactKind::yes_no:
    if (auto b = yes_no_from_text(text)) {
      return *b;
    }
    throw InputError::about(std::string(field), "must be true or false (yes or no).");
  case FactKind::check:
    if (auto c = check_status_from_name(normalise_name(text, buffer))) {
      return *c;
    }
    throw InputError::about(std::string(field),
                            "must be one of " + join_names(all_check_statuses(), [](CheckStatus c) {
                              return to_string(c);
                            }) + ".");
  case FactKind::hours:
    return parse_hours_fact(text, field);
  case FactKind::count:
    return parse_count_fact(text, field);
  }
  throw InputError::about(std::string(field), "has an unsupported kind.");
}

std::string fact_to_text(const FactValue& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return {};
        } else if constexpr (std::is_same_v<T, core::Date>) {
          return core::format_iso(v);
        } else if constexpr (std::is_same_v<T, bool>) {
          return v ? "yes" : "no";
        } else if constexpr (std::is_same_v<T, core::Hours>) {
          return v.to_short_string();
        } else if constexpr (std::is_same_v<T, Count>) {
          return std::to_string(v.value);
        } else {
          return std::string(to_string(v));
        }
      },
      value);
}

Facts facts_from_json_text(std::string_view json_text) {
  FactsReader reader;
  nlohmann::json::sax_parse(json_text, &reader);
  reader.finish();
  return reader.facts;
}

std::optional<FactId> date_after(const Facts& facts, core::Date as_of) {
  static const std::vector<FactId> dates = [] {
    std::vector<FactId> out;
    for (const auto& info : all_facts()) {
      if (info.kind == FactKind::date) {
        out.push_back(info.id);
      }
    }
    return out;
  }();
  for (const auto id : dates) {
    if (const auto* d = facts.get_if<core::Date>(id); d != nullptr && *d > as_of) {
      return id;
    }
  }
  return std::nullopt;
}

void validate_facts(const Facts& facts, core::Date as_of) {
  if (const auto late = date_after(facts, as_of)) {
    const std::string field(fact_info(*late).name);
    throw InputError::about(field, "is after the as-of date " + core::format_iso(as_of) + ".");
  }
}

} // namespace peercert::rules

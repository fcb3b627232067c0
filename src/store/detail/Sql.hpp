#pragma once

// Helpers for the store's .cpp files only: binding and reading peercert values.

#include "core/Date.hpp"
#include "core/Hours.hpp"
#include "core/Money.hpp"
#include "store/Database.hpp"
#include "store/detail/Statement.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace peercert::store::detail {

/// The key of "the same CE entry" beside its credential: FNV-1a, 64 bits, over the day, the
/// provider, the title and the hours (ce_entries.same_key; peercert_ce_key in SQL).
inline std::int64_t ce_same_key(std::string_view completed_on, std::string_view provider,
                                std::string_view title, std::int64_t hours_hundredths) {
  std::uint64_t h = 14695981039346656037ULL;
  const auto mix = [&h](std::string_view part) {
    for (const char c : part) {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ULL;
    }
    h ^= 0x1fU; // a separator no field holds
    h *= 1099511628211ULL;
  };
  mix(completed_on);
  mix(provider);
  mix(title);
  mix(std::to_string(hours_hundredths));
  return static_cast<std::int64_t>(h);
}

/// Empty text is stored as NULL.
inline void bind_text(detail::Statement& st, int index, const std::string& value) {
  if (value.empty()) {
    st.bind(index);
  } else {
    st.bind(index, value);
  }
}

inline void bind_date(detail::Statement& st, int index, const std::optional<core::Date>& d) {
  if (d) {
    st.bind(index, core::format_iso(*d));
  } else {
    st.bind(index);
  }
}

/// A missing number is stored as NULL.
inline void bind_int(detail::Statement& st, int index, const std::optional<int>& n) {
  if (n) {
    st.bind(index, *n);
  } else {
    st.bind(index);
  }
}

inline std::optional<int> optional_int(const detail::Column& c) {
  return c.is_null() ? std::nullopt : std::optional(c.as_int());
}

inline std::string text(const detail::Column& c) {
  return c.is_null() ? std::string{} : c.as_string();
}

/// A text column as a view of SQLite's own copy: valid until the statement steps again.
inline std::string_view view(const detail::Column& c) { return c.view(); }

inline std::optional<core::Date> optional_date(const detail::Column& c) {
  if (c.is_null()) {
    return std::nullopt;
  }
  if (auto d = core::parse_date(view(c))) {
    return d;
  }
  throw StoreError(std::string("The database holds a malformed date in column ") + c.name() + ".");
}

inline core::Date date(const detail::Column& c) {
  if (auto d = optional_date(c)) {
    return *d;
  }
  throw StoreError(std::string("The database is missing a date in column ") + c.name() + ".");
}

inline core::Hours hours(const detail::Column& c) {
  return core::Hours::from_hundredths(c.is_null() ? 0 : c.as_int64());
}

inline core::Money money(const detail::Column& c) {
  return core::Money::from_cents(c.is_null() ? 0 : c.as_int64());
}

/// A LIKE pattern (with ESCAPE '\\') matching text that contains `word` as it is: % and _ in
/// it match only themselves.
inline std::string like_pattern(std::string_view word) {
  std::string out = "%";
  for (const char c : word) {
    if (c == '%' || c == '_' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "%";
}

/// " AND search_key LIKE ?1 ESCAPE '\\' AND …": one condition per folded search word, bound
/// with bind_search_words.
inline std::string search_conditions(std::size_t words) {
  std::string out;
  for (std::size_t i = 0; i < words; ++i) {
    out += " AND search_key LIKE ?" + std::to_string(i + 1) + " ESCAPE '\\'";
  }
  return out;
}

inline void bind_search_words(detail::Statement& st, const std::vector<std::string>& words) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    st.bind(static_cast<int>(i + 1), like_pattern(words[i]));
  }
}

/// " AND `column` IN (?first, …)" for `programs` (none: no row), or nothing when every
/// program is wanted; bound with bind_programs.
inline std::string program_condition(std::string_view column,
                                     const std::optional<std::vector<std::string>>& programs,
                                     std::size_t first) {
  if (!programs) {
    return {};
  }
  if (programs->empty()) {
    return " AND 1 = 0";
  }
  std::string out = " AND " + std::string(column) + " IN (";
  for (std::size_t i = 0; i < programs->size(); ++i) {
    out += (i == 0 ? "?" : ", ?") + std::to_string(first + i);
  }
  return out + ")";
}

inline void bind_programs(detail::Statement& st,
                          const std::optional<std::vector<std::string>>& programs,
                          std::size_t first) {
  for (std::size_t i = 0; programs && i < programs->size(); ++i) {
    st.bind(static_cast<int>(first + i), (*programs)[i]);
  }
}

} // namespace peercert::store::detail

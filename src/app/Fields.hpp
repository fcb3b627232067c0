#pragma once

// Checks of the text fields people and files give the tracker: the same words for the
// command line, CSV imports and (later) web forms. Errors name the field, never its value.

#include "core/Date.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace peercert::app {

/// `text` without spaces at either end.
std::string trimmed(std::string_view text);

/// One line of text (no control characters) of at most `max` characters, trimmed. With
/// `required`, an empty value is refused as "FIELD is required."
std::string one_line(std::string_view value, std::string_view field, std::size_t max = 200,
                     bool required = false);

/// An email address, or empty.
std::string email_address(std::string_view value, std::string_view field = "email");
/// Whether `value` is an address email_address() accepts (one stored before addresses were
/// checked as they are now may not be): a reminder is never sent to one that is not.
bool is_email_address(std::string_view value);

/// A telephone number of digits, spaces and + - ( ) ., or empty.
std::string phone_number(std::string_view value);

/// A date written YYYY-MM-DD, or nothing for an empty value.
std::optional<core::Date> optional_date(std::string_view value, std::string_view field);

/// Refuses a date after the as-of date: "FIELD is after the as-of date …".
void not_after(const std::optional<core::Date>& d, core::Date as_of, std::string_view field);

/// The words of a search as staff typed them, folded (case, accents) into the words every
/// match must contain. Refused when there is nothing to search for.
std::vector<std::string> search_words(std::string_view text);

} // namespace peercert::app

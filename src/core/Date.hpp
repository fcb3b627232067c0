#pragma once

#include <date/date.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace peercert::core {

/// A calendar date. peercert never uses times of day for its rules.
using Date = date::year_month_day;

/// Parses exactly `YYYY-MM-DD` (four-digit year, two-digit month and day) and rejects
/// impossible dates such as 2026-02-30. Returns nothing when the text is not such a date.
std::optional<Date> parse_date(std::string_view text);

/// Like parse_date, but throws InputError naming `field` (never the value, which may be
/// personal data).
Date parse_date_field(std::string_view text, std::string_view field);

/// The order of a date's parts in a board's own spreadsheet: ISO (`2018-03-15`), American
/// (`3/15/2018`, MM/DD/YYYY) or day first (`15/3/2018`, DD/MM/YYYY).
enum class DateOrder : std::uint8_t { iso, month_first, day_first };

/// The order `--date-format` names: `YYYY-MM-DD`, `MM/DD/YYYY` or `DD/MM/YYYY` (any case).
std::optional<DateOrder> date_order_from_name(std::string_view name);
/// The name date_order_from_name() reads.
std::string_view to_string(DateOrder order);

/// 15 March 2018 written in `order`, for a label or a message: `3/15/2018`.
std::string_view example_date(DateOrder order);

/// A date written in `order`: month and day of one or two digits and a four-digit year,
/// separated by `/`, `-` or `.`; an ISO date is read in any order, as it cannot be mistaken.
/// Nothing when the text is not such a date or the day does not exist.
std::optional<Date> parse_date_in(std::string_view text, DateOrder order);

/// `2026-11-24`.
std::string format_iso(Date d);
/// Appends `d` as format_iso writes it.
void append_iso(std::string& out, Date d);

/// `24 November 2026`, for sentences written to people.
std::string format_long(Date d);

/// `1 September`: a day of the year, for sentences.
std::string format_day_month(unsigned month, unsigned day);

/// The date `years` years after `d`. A 29 February that does not exist in the target year
/// becomes 1 March (DESIGN.md, "Fixed conventions"). This is the one place that policy lives.
Date add_years(Date d, int years);

/// The date `months` months after `d` (negative goes back). A day the target month lacks
/// (31 April, 29 February in a common year) becomes the 1st of the month after it, the same
/// policy as add_years (DESIGN.md, "Cycles").
Date add_months(Date d, int months);

/// The date `days` days after `d` (negative goes back).
Date add_days(Date d, int days);

/// Days from `from` to `to`: positive when `to` is later.
int days_between(Date from, Date to);

/// Age in whole years on `on` of someone born on `birth`. Someone born on 29 February turns a
/// year older on 1 March in common years, so `age_on(b, d) >= n` exactly when
/// `d >= add_years(b, n)`.
int age_on(Date birth, Date on);

/// Today's date in the local time zone: only the command line uses it, as the default of
/// `--as-of`. Rules and renewal take the date as a parameter.
Date today_local();

} // namespace peercert::core

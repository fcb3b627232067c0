#include "core/Date.hpp"

#include "core/Error.hpp"
#include "core/Text.hpp"

#include <array>
#include <charconv>
#include <chrono>
#include <ctime>

namespace peercert::core {

namespace {

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') {
      return false;
    }
  }
  return !s.empty();
}

int to_number(std::string_view s) {
  int n = 0;
  std::from_chars(s.data(), s.data() + s.size(), n);
  return n;
}

/// The date of these digits, or nothing when the day does not exist (2026-02-30).
std::optional<Date> calendar_date(std::string_view y, std::string_view m, std::string_view d) {
  const Date date{date::year{to_number(y)}, date::month{static_cast<unsigned>(to_number(m))},
                  date::day{static_cast<unsigned>(to_number(d))}};
  if (!date.ok()) {
    return std::nullopt;
  }
  return date;
}

} // namespace

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  const auto y = text.substr(0, 4);
  const auto m = text.substr(5, 2);
  const auto d = text.substr(8, 2);
  if (!all_digits(y) || !all_digits(m) || !all_digits(d)) {
    return std::nullopt;
  }
  return calendar_date(y, m, d);
}

std::optional<DateOrder> date_order_from_name(std::string_view name) {
  for (const auto order : {DateOrder::iso, DateOrder::month_first, DateOrder::day_first}) {
    std::string lower(to_string(order));
    for (auto& c : lower) {
      c = ascii_lower(c);
    }
    if (equals_ignoring_case(name, lower)) {
      return order;
    }
  }
  return std::nullopt;
}

std::string_view to_string(DateOrder order) {
  switch (order) {
  case DateOrder::month_first:
    return "MM/DD/YYYY";
  case DateOrder::day_first:
    return "DD/MM/YYYY";
  case DateOrder::iso:
    break;
  }
  return "YYYY-MM-DD";
}

std::string_view example_date(DateOrder order) {
  switch (order) {
  case DateOrder::month_first:
    return "3/15/2018";
  case DateOrder::day_first:
    return "15/3/2018";
  case DateOrder::iso:
    break;
  }
  return "2018-03-15";
}

std::optional<Date> parse_date_in(std::string_view text, DateOrder order) {
  if (auto iso = parse_date(text); iso || order == DateOrder::iso) {
    return iso;
  }
  // Three runs of digits with one separator between them, the same one twice.
  const auto sep = text.find_first_of("/-.");
  if (sep == std::string_view::npos) {
    return std::nullopt;
  }
  const auto sep2 = text.find(text[sep], sep + 1);
  if (sep2 == std::string_view::npos) {
    return std::nullopt;
  }
  const auto first = text.substr(0, sep);
  const auto second = text.substr(sep + 1, sep2 - sep - 1);
  const auto y = text.substr(sep2 + 1);
  if (!all_digits(first) || !all_digits(second) || !all_digits(y) || first.size() > 2 ||
      second.size() > 2 || y.size() != 4) {
    return std::nullopt;
  }
  const auto m = order == DateOrder::month_first ? first : second;
  const auto d = order == DateOrder::month_first ? second : first;
  return calendar_date(y, m, d);
}

Date parse_date_field(std::string_view text, std::string_view field) {
  if (auto d = parse_date(text)) {
    return *d;
  }
  throw InputError::about(std::string(field),
                          "is not a valid date: write it as YYYY-MM-DD, for example 2001-04-09.");
}

std::string format_iso(Date d) {
  std::array<char, 16> buf{};
  const int n = std::snprintf(buf.data(), buf.size(), "%04d-%02u-%02u", static_cast<int>(d.year()),
                              static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return std::string(buf.data(), static_cast<std::size_t>(n));
}

void append_iso(std::string& out, Date d) {
  const int year = static_cast<int>(d.year());
  if (year < 0 || year > 9999) {
    out += format_iso(d);
    return;
  }
  const auto digit = [](unsigned n) { return static_cast<char>('0' + n); };
  const auto y = static_cast<unsigned>(year);
  const auto m = static_cast<unsigned>(d.month());
  const auto day = static_cast<unsigned>(d.day());
  const std::array<char, 10> text{digit(y / 1000),
                                  digit(y / 100 % 10),
                                  digit(y / 10 % 10),
                                  digit(y % 10),
                                  '-',
                                  digit(m / 10),
                                  digit(m % 10),
                                  '-',
                                  digit(day / 10),
                                  digit(day % 10)};
  out.append(text.data(), text.size());
}

std::string format_day_month(unsigned month, unsigned day) {
  static constexpr std::array<const char*, 12> months{
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  return std::to_string(day) + " " + months.at(month - 1);
}

std::string format_long(Date d) {
  return format_day_month(static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day())) + " " +
         std::to_string(static_cast<int>(d.year()));
}

Date add_years(Date d, int years) {
  const Date moved = d + date::years{years};
  if (moved.ok()) {
    return moved;
  }
  // Only 29 February can land on a day that does not exist: it becomes 1 March.
  return Date{moved.year(), date::March, date::day{1}};
}

Date add_months(Date d, int months) {
  const date::year_month moved = date::year_month{d.year(), d.month()} + date::months{months};
  const Date out{moved.year(), moved.month(), d.day()};
  if (out.ok()) {
    return out;
  }
  const date::year_month next = moved + date::months{1};
  return Date{next.year(), next.month(), date::day{1}};
}

Date add_days(Date d, int days) { return Date{date::sys_days{d} + date::days{days}}; }

int days_between(Date from, Date to) {
  return static_cast<int>((date::sys_days{to} - date::sys_days{from}).count());
}

int age_on(Date birth, Date on) {
  int age = static_cast<int>(on.year()) - static_cast<int>(birth.year());
  const auto on_md = date::month_day{on.month(), on.day()};
  const auto birth_md = date::month_day{birth.month(), birth.day()};
  if (on_md < birth_md) {
    --age;
  }
  return age;
}

Date today_local() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return Date{date::year{local.tm_year + 1900},
              date::month{static_cast<unsigned>(local.tm_mon + 1)},
              date::day{static_cast<unsigned>(local.tm_mday)}};
}

} // namespace peercert::core

#include "store/CredentialLayout.hpp"

#include "store/CeTotals.hpp"
#include "store/detail/CredentialRow.hpp"
#include "store/detail/PeriodRow.hpp"
#include "store/detail/Sql.hpp"
#include "store/detail/TotalRow.hpp"

#include <algorithm>
#include <charconv>
#include <map>

namespace peercert::store {

namespace {

/// The next `sep`-ended part of `text`, taken off its front.
std::string_view take(std::string_view& text, char sep) {
  const auto end = text.find(sep);
  const auto part = text.substr(0, end);
  text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  return part;
}

[[noreturn]] void malformed() {
  throw StoreError("The database's credential layout holds a malformed row; `peercert db "
                   "rebuild-totals` makes it again.");
}

std::int64_t number(std::string_view text) {
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size()) {
    malformed();
  }
  return n;
}

core::Date day(std::string_view text) {
  const auto d = core::parse_date(text);
  if (!d) {
    malformed();
  }
  return *d;
}

/// Every period of "number,cycle_index,starts_on,expires_on,counts_from,began;…", in order.
std::vector<renewal::Period> read_periods(std::string_view text) {
  std::vector<renewal::Period> out;
  while (!text.empty()) {
    auto row = take(text, ';');
    const auto n = static_cast<int>(number(take(row, ',')));
    const auto index = take(row, ',');
    const auto start = day(take(row, ','));
    const auto expires = day(take(row, ','));
    const auto counts_from = day(take(row, ','));
    const auto p = detail::period_of(
        n, index.empty() ? std::nullopt : std::optional(static_cast<int>(number(index))), start,
        expires, counts_from, row);
    if (!p) {
      malformed();
    }
    out.push_back(*p);
  }
  std::sort(out.begin(), out.end(),
            [](const renewal::Period& a, const renewal::Period& b) { return a.number < b.number; });
  return out;
}

/// Every total of "slot,category,delivery,hours,first_on,last_on;…", as CeTotals reads them.
std::vector<renewal::CeEntry> read_totals(std::string_view text) {
  std::vector<renewal::CeEntry> out;
  while (!text.empty()) {
    auto row = take(text, ';');
    take(row, ','); // the slot: the rows come in its order
    const auto category = take(row, ',');
    const auto delivery = take(row, ',');
    const auto hundredths = number(take(row, ','));
    const auto first = day(take(row, ','));
    const auto e = detail::total_of(category, delivery, hundredths, first, day(row));
    out.push_back(e);
  }
  return out;
}

/// Rows of one table not in the other, both ways.
std::int64_t differing(const Database& db, const std::string& a, const std::string& b) {
  return detail::scalar_int(db, "SELECT (SELECT count(*) FROM (SELECT * FROM " + a +
                                    " EXCEPT SELECT * FROM " + b +
                                    ") AS one) + (SELECT count(*) FROM (SELECT * FROM " + b +
                                    " EXCEPT SELECT * FROM " + a + ") AS other)");
}

} // namespace

std::vector<Expiring> CredentialLayout::expiring(const std::vector<ExpiryRange>& ranges,
                                                 core::Date up_to) const {
  std::vector<Expiring> out;
  expiring(ranges, up_to, [&out](Expiring&& e) { out.push_back(std::move(e)); });
  return out;
}

void CredentialLayout::expiring(const std::vector<ExpiryRange>& ranges, core::Date up_to,
                                const std::function<void(Expiring&&)>& each) const {
  if (ranges.empty()) {
    return;
  }
  // One range of the layout from the earliest day to the latest of all ranges; each row is
  // then kept only inside its own program's range.
  std::map<std::string, std::pair<std::string, std::string>, std::less<>> by_program;
  auto first = ranges.front().first;
  auto last = ranges.front().last;
  for (const auto& r : ranges) {
    first = std::min(first, r.first);
    last = std::max(last, r.last);
    by_program.emplace(r.program, std::pair{core::format_iso(r.first), core::format_iso(r.last)});
  }
  // One program: its own index (program, expires_on, then the key) reads only its rows.
  detail::Statement st(db_,
                       "SELECT " + detail::credential_columns("l") +
                           ", l.period, l.periods, l.totals, l.expires_on FROM credential_layout "
                           "l WHERE l.expires_on BETWEEN ?1 AND ?2" +
                           (ranges.size() == 1 ? " AND l.program = ?3" : "") +
                           " ORDER BY l.expires_on, l.credential_number");
  st.bind(1, core::format_iso(first));
  st.bind(2, core::format_iso(last));
  if (ranges.size() == 1) {
    st.bind(3, ranges.front().program);
  }
  const CeTotals sums(db_);
  while (st.step()) {
    const auto range = by_program.find(detail::view(st.column(2)));
    const auto expires_on = detail::view(st.column(15));
    if (range == by_program.end() || expires_on < range->second.first ||
        expires_on > range->second.second) {
      continue;
    }
    Expiring e{detail::read_credential(st, 0),
               {},
               read_periods(detail::view(st.column(13))),
               read_totals(detail::view(st.column(14)))};
    const int current = st.column(12).as_int();
    if (e.periods.empty() || e.periods.back().number != current) {
      malformed();
    }
    e.period = e.periods.back();
    // A day before the latest entry: the totals that run past it are summed up to it.
    if (std::any_of(e.totals.begin(), e.totals.end(),
                    [&](const renewal::CeEntry& t) { return t.completed_on > up_to; })) {
      e.totals = sums.for_credential(e.credential.id, up_to);
    }
    each(std::move(e));
  }
}

LayoutRebuild CredentialLayout::rebuild() {
  detail::exec(db_, "CREATE TEMP TABLE layout_made AS SELECT * FROM credential_layout_source");
  LayoutRebuild out;
  out.stale = differing(db_, "credential_layout", "layout_made");
  if (out.stale > 0) {
    detail::exec(db_, "DELETE FROM credential_layout");
    detail::exec(db_, "INSERT INTO credential_layout SELECT * FROM layout_made ORDER BY 1, 3");
  }
  detail::exec(db_, "DROP TABLE layout_made");
  out.rows = detail::scalar_int(db_, "SELECT count(*) FROM credential_layout");
  return out;
}

std::int64_t CredentialLayout::stale() const {
  return differing(db_, "credential_layout", "credential_layout_source");
}

} // namespace peercert::store

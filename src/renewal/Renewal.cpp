#include "renewal/Renewal.hpp"

#include "core/Error.hpp"

#include <algorithm>
#include <array>

namespace peercert::renewal {

namespace {

constexpr int default_reminder_days = 90;

bool matches(const rules::CeRequirement& r, const CeEntry& e) {
  return (!r.category || *r.category == e.category) && (!r.delivery || *r.delivery == e.delivery);
}

core::Hours positive_part(core::Hours h) { return h > core::Hours{} ? h : core::Hours{}; }

} // namespace

int cycle_years(const rules::Program& program, core::Date issued_on) {
  const auto* years = program.renewal.every_years.in_force(issued_on);
  if (years == nullptr) {
    throw core::InputError("The rule file of " + program.id +
                           " does not define a renewal cycle in force on " +
                           core::format_iso(issued_on) + ".");
  }
  return years->value;
}

Cycle cycle(int years, core::Date issued_on, int index) {
  // From the issue date each time, so a 29 February issue keeps its day in leap years.
  const core::Date start = core::add_years(issued_on, years * index);
  const core::Date next = core::add_years(issued_on, years * (index + 1));
  return Cycle{index, start, core::add_days(next, -1)};
}

std::optional<int> cycle_of(int years, core::Date issued_on, core::Date on) {
  if (on < issued_on) {
    return std::nullopt;
  }
  int k = (static_cast<int>(on.year()) - static_cast<int>(issued_on.year())) / years;
  // The estimate from the years can be one too many around the anniversary.
  while (k > 0 && cycle(years, issued_on, k).start > on) {
    --k;
  }
  while (cycle(years, issued_on, k).expires_on < on) {
    ++k;
  }
  return k;
}

std::vector<NeededPart> fewest_hours(const std::vector<RequirementProgress>& requirements) {
  // The kinds of hour form a 2×2 grid, category (ethics, general) × delivery (live,
  // self_study); a requirement asks for hours in one cell, a row, a column or anywhere.
  // The fewest hours: each cell's own deficit first, then the larger of what the rows and
  // what the columns still lack (a 2×2 transport), then whatever the total still lacks.
  std::array<std::array<core::Hours, 2>, 2> cell{};
  std::array<core::Hours, 2> row{};    // by category
  std::array<core::Hours, 2> column{}; // by delivery
  core::Hours any{};
  for (const auto& r : requirements) {
    const auto deficit = positive_part(r.required - r.completed);
    const auto& req = *r.requirement;
    if (req.category && req.delivery) {
      auto& c = cell.at(static_cast<std::size_t>(*req.category))
                    .at(static_cast<std::size_t>(*req.delivery));
      c = std::max(c, deficit);
    } else if (req.category) {
      auto& c = row.at(static_cast<std::size_t>(*req.category));
      c = std::max(c, deficit);
    } else if (req.delivery) {
      auto& c = column.at(static_cast<std::size_t>(*req.delivery));
      c = std::max(c, deficit);
    } else {
      any = std::max(any, deficit);
    }
  }
  static constexpr std::array<std::string_view, 2> category_words{"ethics", "general"};
  static constexpr std::array<std::string_view, 2> delivery_words{"live", "self-study"};
  std::array<std::array<core::Hours, 2>, 2> add = cell;
  std::array<core::Hours, 2> row_extra{};
  std::array<core::Hours, 2> column_extra{};
  for (std::size_t c = 0; c < 2; ++c) {
    row_extra.at(c) = positive_part(row.at(c) - add.at(c).at(0) - add.at(c).at(1));
  }
  for (std::size_t d = 0; d < 2; ++d) {
    column_extra.at(d) = positive_part(column.at(d) - add.at(0).at(d) - add.at(1).at(d));
  }
  // Pair what rows and columns lack in the same cells, so one hour serves both.
  std::vector<NeededPart> out;
  const auto put = [&](std::string kind, core::Hours h) {
    if (h <= core::Hours{}) {
      return;
    }
    for (auto& part : out) {
      if (part.kind == kind) {
        part.hours += h;
        return;
      }
    }
    out.push_back({std::move(kind), h});
  };
  for (std::size_t c = 0; c < 2; ++c) {
    for (std::size_t d = 0; d < 2; ++d) {
      const auto shared = std::min(row_extra.at(c), column_extra.at(d));
      add.at(c).at(d) += shared;
      row_extra.at(c) = row_extra.at(c) - shared;
      column_extra.at(d) = column_extra.at(d) - shared;
    }
  }
  core::Hours total{};
  for (std::size_t c = 0; c < 2; ++c) {
    for (std::size_t d = 0; d < 2; ++d) {
      put(std::string(delivery_words.at(d)) + " " + std::string(category_words.at(c)),
          add.at(c).at(d));
      total += add.at(c).at(d);
    }
  }
  for (std::size_t c = 0; c < 2; ++c) {
    put(std::string(category_words.at(c)), row_extra.at(c));
    total += row_extra.at(c);
  }
  for (std::size_t d = 0; d < 2; ++d) {
    put(std::string(delivery_words.at(d)), column_extra.at(d));
    total += column_extra.at(d);
  }
  put("", positive_part(any - total));
  return out;
}

std::string describe_needed(const std::vector<NeededPart>& needed) {
  core::Hours total{};
  core::Hours specific{};
  for (const auto& p : needed) {
    total += p.hours;
    if (!p.kind.empty()) {
      specific += p.hours;
    }
  }
  if (total == core::Hours{}) {
    return "none";
  }
  if (specific == core::Hours{}) {
    return total.to_string() + " h of any kind";
  }
  if (needed.size() == 1) {
    return total.to_string() + " h, all " + needed.front().kind;
  }
  std::string parts;
  for (const auto& p : needed) {
    if (!p.kind.empty()) {
      parts += (parts.empty() ? "" : ", ") + p.hours.to_string() + " " + p.kind;
    }
  }
  return total.to_string() + " h, of which " + parts;
}

CycleProgress progress(const rules::Program& program, const Cycle& c,
                       const std::vector<CeEntry>& entries, core::Date up_to) {
  CycleProgress out;
  out.cycle = c;
  const core::Date last = std::min(up_to, c.expires_on);
  for (const auto& r : program.renewal.requirements) {
    if (const auto* h = r.hours.in_force(c.start)) {
      out.requirements.push_back({&r, h->value, {}});
      out.hours_required = std::max(out.hours_required, h->value);
    }
  }
  for (const auto& e : entries) {
    if (e.completed_on < c.start || e.completed_on > last) {
      continue;
    }
    out.hours_completed += e.hours;
    for (auto& r : out.requirements) {
      if (matches(*r.requirement, e)) {
        r.completed += e.hours;
      }
    }
  }
  out.needed = fewest_hours(out.requirements);
  for (const auto& p : out.needed) {
    out.hours_needed += p.hours;
  }
  return out;
}

std::string_view to_string(Status s) {
  switch (s) {
  case Status::active:
    return "active";
  case Status::due_soon:
    return "due_soon";
  case Status::expired:
    return "expired";
  }
  return "active";
}

Window renewal_window(const rules::Program& program, const Cycle& c) {
  Window w;
  const auto* reminder = program.renewal.reminder_days.in_force(c.expires_on);
  w.opens = core::add_days(c.expires_on, -(reminder ? reminder->value : default_reminder_days));
  w.closes = c.expires_on;
  if (const auto* late = program.renewal.late_days.in_force(c.expires_on)) {
    w.closes = core::add_days(c.expires_on, late->value);
    w.late_allowed = true;
  }
  return w;
}

CredentialStatus status(const rules::Program& program, core::Date issued_on, int renewals_filed,
                        const std::vector<CeEntry>& entries, core::Date as_of) {
  const int years = cycle_years(program, issued_on);
  const Cycle current = cycle(years, issued_on, renewals_filed);
  CredentialStatus out;
  out.current = progress(program, current, entries, as_of);
  out.days_until_expiry = core::days_between(as_of, current.expires_on);
  if (const auto* r = program.renewal.reminder_days.in_force(as_of)) {
    out.reminder_days = r->value;
    out.reminder_days_default = false;
  }
  if (out.days_until_expiry < 0) {
    out.status = Status::expired;
  } else if (out.days_until_expiry <= out.reminder_days) {
    out.status = Status::due_soon;
  }
  if (const auto* fee = program.renewal.fee.in_force(as_of)) {
    out.renewal_fee = fee->value;
  }
  const auto window = renewal_window(program, current);
  if (window.late_allowed) {
    out.late_until = window.closes;
    if (const auto* fee = program.renewal.late_fee.in_force(as_of)) {
      out.late_fee = fee->value;
    }
  }
  return out;
}

} // namespace peercert::renewal

#include "renewal/Progress.hpp"

#include <algorithm>
#include <bit>
#include <numeric>

namespace peercert::renewal {

namespace {

core::Hours positive_part(core::Hours h) { return h > core::Hours{} ? h : core::Hours{}; }

core::Hours times(core::Hours h, int n) { return core::Hours::from_hundredths(h.hundredths() * n); }

/// The kinds of hour the program accepts: every kind when it names no categories.
rules::CellSet accepted_cells(const rules::Program& program) {
  return rules::cells_of(program.accepted_categories(), {});
}

RequirementProgress requirement_progress(const rules::Program& program,
                                         const rules::CeRequirement& r, core::Hours required,
                                         core::Date counted_from) {
  return {&r,
          required,
          {},
          static_cast<rules::CellSet>(r.cells() & accepted_cells(program)),
          counted_from,
          nullptr,
          rules::requirement_kind_words(r, program)};
}

bool capped_somewhere(const std::vector<std::pair<rules::CellSet, core::Hours>>& caps,
                      rules::CellSet cell) {
  return std::any_of(caps.begin(), caps.end(),
                     [cell](const auto& c) { return (c.first & cell) != 0; });
}

/// The waiver that applies to cycle `c`, if any.
const rules::Waiver* waiver_for(const rules::Program& program, const Schedule& schedule,
                                const Cycle& c) {
  const core::Date issued = schedule.dates().issued_on;
  for (const auto& w : program.renewal.waivers) {
    switch (w.kind) {
    case rules::WaiverKind::newly_certified:
      // Certified within the `months` months before the cycle's last valid day.
      if (c.start <= issued && issued <= c.expires_on &&
          core::add_months(issued, w.months) >= c.expires_on) {
        return &w;
      }
      break;
    case rules::WaiverKind::short_first_cycle:
      if (schedule.short_first(c.index)) {
        return &w;
      }
      break;
    }
  }
  return nullptr;
}

} // namespace

std::vector<NeededPart> fewest_hours(const std::vector<RequirementProgress>& requirements) {
  std::vector<std::size_t> order(requirements.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::popcount(requirements[a].cells) < std::popcount(requirements[b].cells);
  });
  struct Root {
    rules::CellSet cells;
    core::Hours need;
  };
  std::vector<Root> roots;
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
  for (const auto i : order) {
    const auto& r = requirements[i];
    core::Hours inside{};
    const auto kept = std::remove_if(roots.begin(), roots.end(), [&](const Root& root) {
      if ((root.cells & ~r.cells) != 0) {
        return false;
      }
      inside += root.need;
      return true;
    });
    roots.erase(kept, roots.end());
    const core::Hours need = std::max(positive_part(r.required - r.completed), inside);
    put(r.kind, need - inside);
    roots.push_back({r.cells, need});
  }
  // Parts of a specific kind first, then any kind: "10.00 h, of which 4.00 live ethics".
  std::stable_partition(out.begin(), out.end(),
                        [](const NeededPart& p) { return !p.kind.empty(); });
  return out;
}

core::Hours hours_required(const rules::Program& program,
                           const std::vector<rules::CeRequirement>& requirements, core::Date on) {
  std::vector<RequirementProgress> from_nothing;
  for (const auto& r : requirements) {
    if (const auto* h = r.hours.in_force(on)) {
      from_nothing.push_back(requirement_progress(program, r, h->value, on));
    }
  }
  return total_of(fewest_hours(from_nothing));
}

core::Hours total_of(const std::vector<NeededPart>& needed) {
  core::Hours total{};
  for (const auto& p : needed) {
    total += p.hours;
  }
  return total;
}

std::string describe_needed(const std::vector<NeededPart>& needed) {
  const core::Hours total = total_of(needed);
  core::Hours specific{};
  for (const auto& p : needed) {
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

namespace {

/// Judges `requirements` over `c`; with a schedule, the program's waivers and requirements
/// that span several cycles apply (a full certificate's cycles), without one they do not (an
/// initial certificate).
CycleProgress judge(const rules::Program& program,
                    const std::vector<rules::CeRequirement>& requirements, const Schedule* schedule,
                    const Cycle& c, const std::vector<CeEntry>& entries, core::Date up_to,
                    int years = 1) {
  CycleProgress out;
  out.cycle = c;
  out.defined = !requirements.empty();
  out.waived_by = schedule != nullptr ? waiver_for(program, *schedule, c) : nullptr;
  const core::Date last = std::min(up_to, c.expires_on);
  rules::CellSet counted = 0; // the kinds of hour some requirement counts
  // Caps in force: for each requirement judged, its capped categories and their limits.
  struct Capped {
    rules::CellSet cells;
    core::Hours limit;
    core::Hours have; ///< the category's hours toward the requirement, uncapped
  };
  std::vector<std::vector<Capped>> caps;
  // The smallest cap on each category in any requirement: the cycle's own total counts no
  // more of it.
  std::vector<std::pair<rules::CellSet, core::Hours>> total_caps;
  for (const auto& r : requirements) {
    const auto* h = r.hours.in_force(c.start);
    if (h == nullptr) {
      continue;
    }
    RequirementProgress p = requirement_progress(program, r, times(h->value, years), c.counts_from);
    std::vector<Capped> capped;
    for (const auto& cap : r.caps) {
      if (const auto* limit = cap.hours.in_force(c.start)) {
        const auto cells = rules::cells_of(rules::category_bit(cap.category), r.delivery);
        const core::Hours most = times(limit->value, years);
        capped.push_back({cells, most, {}});
        // New hours of a capped kind never help this requirement more than others would,
        // so the fewest hours are bought elsewhere (the loader keeps capped kinds out of
        // the requirements inside it).
        p.cells &= ~cells;
        const auto same = std::find_if(total_caps.begin(), total_caps.end(),
                                       [&](const auto& t) { return t.first == cells; });
        if (same == total_caps.end()) {
          total_caps.emplace_back(cells, most);
        } else {
          same->second = std::min(same->second, most);
        }
      }
    }
    caps.push_back(std::move(capped));
    p.waived_by = out.waived_by;
    counted = static_cast<rules::CellSet>(counted | p.cells);
    if (const auto* span = r.over_years.in_force(c.start); span != nullptr && schedule != nullptr) {
      // At least once every N years: this cycle and those before it back to N years, whole
      // cycles (the one holding the day N years back from its first day), never before the
      // first full cycle.
      const auto back = core::add_years(core::add_days(c.expires_on, 1), -span->value);
      const auto k = schedule->cycle_containing(back);
      p.counted_from = std::max(schedule->first_full_start(), k ? schedule->cycle(*k).start : back);
    }
    if (out.waived_by != nullptr) {
      p.required = core::Hours{};
    }
    out.requirements.push_back(p);
  }
  std::vector<core::Hours> total_capped(total_caps.size());
  for (const auto& e : entries) {
    // A summed entry counts as if completed on its last day (see CeEntry::earliest).
    if (e.completed_on > last) {
      continue;
    }
    const auto cell = rules::cell_of(e.category, e.delivery);
    if (!out.defined || (counted & cell) != 0 || capped_somewhere(total_caps, cell)) {
      if (e.completed_on >= c.counts_from) {
        out.hours_completed += e.hours;
        for (std::size_t k = 0; k < total_caps.size(); ++k) {
          if ((total_caps[k].first & cell) != 0) {
            total_capped[k] += e.hours;
          }
        }
      }
    }
    for (std::size_t i = 0; i < out.requirements.size(); ++i) {
      auto& r = out.requirements[i];
      if (e.completed_on < r.counted_from) {
        continue;
      }
      if ((r.cells & cell) != 0) {
        r.completed += e.hours;
      }
      for (auto& cap : caps[i]) {
        if ((cap.cells & cell) != 0) {
          cap.have += e.hours;
        }
      }
    }
  }
  // Hours over a cap count toward no requirement that holds it, nor the cycle's total.
  for (std::size_t i = 0; i < out.requirements.size(); ++i) {
    for (const auto& cap : caps[i]) {
      out.requirements[i].completed += std::min(cap.have, cap.limit);
    }
  }
  for (std::size_t k = 0; k < total_caps.size(); ++k) {
    out.hours_completed =
        out.hours_completed - positive_part(total_capped[k] - total_caps[k].second);
  }
  // From nothing: every requirement's own hours.
  auto from_nothing = out.requirements;
  for (auto& r : from_nothing) {
    r.completed = core::Hours{};
  }
  out.hours_required = total_of(fewest_hours(from_nothing));
  out.needed = fewest_hours(out.requirements);
  out.hours_needed = total_of(out.needed);
  return out;
}

} // namespace

CycleProgress progress(const rules::Program& program, const Schedule& schedule, const Cycle& c,
                       const std::vector<CeEntry>& entries, core::Date up_to) {
  return judge(program, program.renewal.requirements, &schedule, c, entries, up_to);
}

CycleProgress chosen_length_progress(const rules::Program& program, const Cycle& c, int years,
                                     const std::vector<CeEntry>& entries, core::Date up_to) {
  return judge(program, program.renewal.requirements, nullptr, c, entries, up_to, years);
}

CycleProgress specialty_progress(const rules::Program& program, const rules::Specialty& specialty,
                                 const Cycle& c, const std::vector<CeEntry>& entries,
                                 core::Date up_to) {
  return judge(program, specialty.requirements, nullptr, c, entries, up_to);
}

CycleProgress initial_progress(const rules::Program& program, const Cycle& span,
                               const std::vector<CeEntry>& entries, core::Date up_to) {
  return judge(program, program.initial.requirements, nullptr, span, entries, up_to);
}

} // namespace peercert::renewal

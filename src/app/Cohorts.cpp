#include "app/Cohorts.hpp"

#include "app/Audit.hpp"
#include "app/Boards.hpp"
#include "app/Fields.hpp"
#include "app/Pathway.hpp"
#include "core/Error.hpp"
#include "store/CohortRepository.hpp"
#include "tracker/Pathway.hpp"

#include <algorithm>

namespace peercert::app {

namespace {

using core::InputError;

std::string member_key(const tracker::CohortMember& m) {
  return std::to_string(m.cohort.value) + "/" + std::to_string(m.applicant.value);
}

/// The criteria with `outcome`: the program's own, then — while no route is met — each
/// route's, as route.criterion.
std::string ids_of(const rules::Assessment& a, rules::Outcome outcome) {
  std::string out;
  const auto add = [&](const std::vector<rules::RuleResult>& results, const std::string& prefix) {
    for (const auto& r : results) {
      if (r.outcome == outcome) {
        out += (out.empty() ? "" : ", ") + prefix + r.criterion->id;
      }
    }
  };
  add(a.rules, "");
  if (a.route == nullptr) {
    for (const auto& route : a.routes) {
      add(route.rules, route.route->id + ".");
    }
  }
  return out;
}

} // namespace

Cohorts::Cohorts(const store::Database& db, const rules::ProgramCatalog& programs, Actor actor)
    : db_(db), programs_(programs), actor_(std::move(actor)) {}

const rules::Program& Cohorts::program_with_training(const std::string& id) const {
  const auto& program = programs_.get(id);
  if (!program.training.hours.defined() || !program.training.cohort_capacity.defined() ||
      !program.training.notify_days_before.defined()) {
    throw InputError("The rule file of " + id +
                     " does not define the training's hours, seats and notice period, so "
                     "peercert cannot run its cohorts.");
  }
  return program;
}

tracker::Cohort Cohorts::create_cohort(const std::string& program_id, core::Date starts_on,
                                       std::optional<int> capacity) {
  const auto& program = program_with_training(program_id);
  require_in_scope(actor_.scope, program_id);
  const auto* hours = program.training.hours.in_force(starts_on);
  const auto* seats = program.training.cohort_capacity.in_force(starts_on);
  const auto* notice = program.training.notify_days_before.in_force(starts_on);
  if (hours == nullptr || seats == nullptr || notice == nullptr) {
    throw InputError("The rule file of " + program_id + " has no training values in force on " +
                     core::format_iso(starts_on) + ".");
  }
  if (capacity && (*capacity < 1 || *capacity > seats->value)) {
    throw InputError::about("capacity", "must be from 1 to " + std::to_string(seats->value) +
                                            ", the seats per training of " + program_id + ".");
  }
  tracker::Cohort c;
  c.program = program_id;
  c.starts_on = starts_on;
  c.capacity = capacity.value_or(seats->value);
  c.training_hours = hours->value;
  c.notify_days_before = notice->value;
  c.created_at = actor_.now();
  return store::in_transaction(db_, [&] {
    c.id = store::CohortRepository(db_).insert(c);
    Audit(db_, actor_)
        .record("cohort.create", "cohort", std::to_string(c.id.value), "",
                report::cohort_json(c).dump());
    return c;
  });
}

tracker::Cohort Cohorts::cohort(tracker::CohortId id) const {
  if (auto c = store::CohortRepository(db_).find(id); c && actor_.scope.sees(c->program)) {
    return *c;
  }
  throw InputError("There is no cohort " + std::to_string(id.value) + ".");
}

std::vector<tracker::Cohort> Cohorts::cohorts() const {
  return actor_.scope.narrow(store::CohortRepository(db_).list());
}

std::vector<tracker::CohortMember> Cohorts::members(tracker::CohortId id) const {
  return store::CohortRepository(db_).members(cohort(id).id);
}

report::CohortFile Cohorts::cohort_file(tracker::CohortId id) const {
  return {cohort(id), members(id)};
}

std::vector<report::CohortFile> Cohorts::cohort_files() const {
  std::vector<report::CohortFile> out;
  for (auto& c : cohorts()) {
    auto m = members(c.id);
    out.push_back({std::move(c), std::move(m)});
  }
  return out;
}

ApplyOutcome Cohorts::apply(tracker::CohortId cohort_id, tracker::ApplicantId applicant_id,
                            const std::optional<std::string>& override_reason, core::Date as_of) {
  if (override_reason && trimmed(*override_reason).empty()) {
    throw InputError::about("reason",
                            "is required with --override: say why the applicant is admitted.");
  }
  return store::in_transaction(db_, [&] {
    const auto c = cohort(cohort_id);
    const auto a = writable_applicant(db_, applicant_id, actor_.scope);
    store::CohortRepository cohorts(db_);
    if (cohorts.find_member(cohort_id, applicant_id)) {
      throw InputError("Applicant " + std::to_string(applicant_id.value) +
                       " has already applied to cohort " + std::to_string(cohort_id.value) + ".");
    }
    const auto& program = programs_.get(c.program);
    const auto assessment = rules::assess(program, a.facts, as_of, rules::Explain::no);
    if (assessment.verdict == rules::Verdict::not_eligible && !override_reason) {
      throw InputError("Applicant " + std::to_string(applicant_id.value) + " is not eligible for " +
                       c.program + " (not met: " + ids_of(assessment, rules::Outcome::not_met) +
                       "); see peercert applicant show " + std::to_string(applicant_id.value) +
                       ", or admit them with --override --reason TEXT.");
    }
    tracker::CohortMember m;
    m.cohort = cohort_id;
    m.applicant = applicant_id;
    m.applied_at = actor_.now();
    m.override_reason = override_reason ? one_line(*override_reason, "reason", 500) : "";
    cohorts.add_member(m);
    auto stored = *cohorts.find_member(cohort_id, applicant_id);
    if (c.selection) {
      // Selection has run: a late application joins the end of the waitlist.
      int last = 0;
      for (const auto& other : cohorts.members(cohort_id)) {
        last = std::max(last, other.waitlist_position.value_or(0));
      }
      stored.status = tracker::MemberStatus::waitlisted;
      stored.waitlist_position = last + 1;
      cohorts.update_member(stored);
    }
    auto after = report::member_json(stored);
    after["eligibility"] = std::string(rules::to_string(assessment.verdict));
    Audit(db_, actor_)
        .record(override_reason ? "cohort.apply.override" : "cohort.apply", "cohort_member",
                member_key(stored), "", after.dump());
    ApplyOutcome out{stored, assessment.verdict, {}};
    for (const auto& r : assessment.rules) {
      if (r.outcome == rules::Outcome::unknown) {
        out.unknown.push_back(r.criterion->id);
      }
    }
    return out;
  });
}

SelectOutcome Cohorts::select(tracker::CohortId cohort_id, tracker::SelectionMethod method,
                              std::uint64_t seed) {
  return store::in_transaction(db_, [&] {
    const auto c = cohort(cohort_id);
    store::CohortRepository cohorts(db_);
    const auto members = cohorts.members(cohort_id);
    const auto result = tracker::select_members(members, c.capacity, method, seed);
    const auto find = [&](tracker::ApplicantId id) {
      return *std::find_if(members.begin(), members.end(),
                           [&](const tracker::CohortMember& m) { return m.applicant == id; });
    };
    const auto save = [&](tracker::CohortMember after, const tracker::CohortMember& before) {
      if (after.status == before.status && after.waitlist_position == before.waitlist_position) {
        return;
      }
      cohorts.update_member(after);
      Audit(db_, actor_)
          .record("cohort.select", "cohort_member", member_key(after),
                  report::member_json(before).dump(), report::member_json(after).dump());
    };
    for (auto id : result.selected) {
      const auto before = find(id);
      auto after = before;
      after.status = tracker::MemberStatus::selected;
      after.waitlist_position.reset();
      save(after, before);
    }
    int position = 0;
    for (auto id : result.waitlisted) {
      const auto before = find(id);
      auto after = before;
      after.status = tracker::MemberStatus::waitlisted;
      after.waitlist_position = ++position;
      save(after, before);
    }
    cohorts.set_selection(cohort_id, method, seed);
    const auto before_json = report::cohort_json(c);
    auto after_cohort = c;
    after_cohort.selection = method;
    if (method == tracker::SelectionMethod::lottery) {
      after_cohort.lottery_seed = seed;
    } else {
      after_cohort.lottery_seed.reset();
    }
    Audit(db_, actor_)
        .record("cohort.select", "cohort", std::to_string(cohort_id.value), before_json.dump(),
                report::cohort_json(after_cohort).dump());
    int taken = 0;
    for (const auto& m : cohorts.members(cohort_id)) {
      taken += m.status == tracker::MemberStatus::selected ? 1 : 0;
    }
    return SelectOutcome{result.selected, result.waitlisted, taken};
  });
}

tracker::CohortMember Cohorts::member(tracker::CohortId cohort_id,
                                      tracker::ApplicantId applicant_id) const {
  if (auto found = store::CohortRepository(db_).find_member(cohort_id, applicant_id)) {
    return *found;
  }
  throw InputError("Applicant " + std::to_string(applicant_id.value) +
                   " has not applied to cohort " + std::to_string(cohort_id.value) + ".");
}

void Cohorts::withdraw(tracker::CohortId cohort_id, tracker::ApplicantId applicant_id) {
  store::in_transaction(db_, [&] {
    const auto c = cohort(cohort_id);
    store::CohortRepository cohorts(db_);
    const auto before = member(cohort_id, applicant_id);
    if (before.status == tracker::MemberStatus::withdrawn) {
      throw InputError("Applicant " + std::to_string(applicant_id.value) +
                       " has already withdrawn from cohort " + std::to_string(cohort_id.value) +
                       ".");
    }
    if (tracker::training_complete(before, c)) {
      throw InputError("Applicant " + std::to_string(applicant_id.value) +
                       " has completed the training of cohort " + std::to_string(cohort_id.value) +
                       ": a finished training is not withdrawn from.");
    }
    auto after = before;
    after.status = tracker::MemberStatus::withdrawn;
    after.waitlist_position.reset();
    cohorts.update_member(after);
    Audit(db_, actor_)
        .record("cohort.withdraw", "cohort_member", member_key(after),
                report::member_json(before).dump(), report::member_json(after).dump());
  });
}

NotifyOutcome Cohorts::notify(tracker::CohortId cohort_id, core::Date on, core::Date as_of) {
  not_after(on, as_of, "notified_on");
  return store::in_transaction(db_, [&] {
    const auto c = cohort(cohort_id);
    if (!c.selection) {
      throw InputError("Cohort " + std::to_string(cohort_id.value) +
                       " has no selection yet: run peercert cohort select first.");
    }
    store::CohortRepository cohorts(db_);
    NotifyOutcome out;
    out.notify_by = tracker::notify_by(c);
    out.days_late = std::max(0, core::days_between(out.notify_by, on));
    for (const auto& before : cohorts.members(cohort_id)) {
      const bool to_tell = before.status == tracker::MemberStatus::selected ||
                           before.status == tracker::MemberStatus::waitlisted;
      if (!to_tell || before.notified_on) {
        continue;
      }
      auto after = before;
      after.notified_on = on;
      cohorts.update_member(after);
      Audit(db_, actor_)
          .record("cohort.notify", "cohort_member", member_key(after),
                  report::member_json(before).dump(), report::member_json(after).dump());
      ++out.notified;
    }
    return out;
  });
}

AttendOutcome Cohorts::attend(tracker::CohortId cohort_id, tracker::ApplicantId applicant_id,
                              core::Date on, core::Hours hours, core::Date as_of) {
  if (hours <= core::Hours{} || hours > core::Hours::whole(24)) {
    throw InputError::about("hours", "must be more than 0 and at most 24 in a day.");
  }
  not_after(on, as_of, "attended_on");
  return store::in_transaction(db_, [&] {
    const auto c = cohort(cohort_id);
    store::CohortRepository cohorts(db_);
    const auto member = cohorts.find_member(cohort_id, applicant_id);
    if (!member || member->status != tracker::MemberStatus::selected) {
      throw InputError("Applicant " + std::to_string(applicant_id.value) +
                       " does not hold a seat in cohort " + std::to_string(cohort_id.value) + ".");
    }
    if (on < c.starts_on) {
      throw InputError::about("attended_on", "is before the training starts on " +
                                                 core::format_iso(c.starts_on) + ".");
    }
    if (cohorts.has_attendance(cohort_id, applicant_id, on)) {
      throw InputError("Attendance of applicant " + std::to_string(applicant_id.value) + " on " +
                       core::format_iso(on) + " is already recorded.");
    }
    const tracker::Attendance record_row{cohort_id, applicant_id, on, hours};
    cohorts.add_attendance(record_row);
    const auto after = *cohorts.find_member(cohort_id, applicant_id);
    report::Json entry;
    entry["attended_on"] = core::format_iso(on);
    entry["hours"] = report::exact_number(hours);
    entry["total_hours"] = report::exact_number(after.attended);
    Audit(db_, actor_)
        .record("cohort.attend", "cohort_member", member_key(after), "", entry.dump());
    return AttendOutcome{after.attended, c.training_hours, tracker::training_complete(after, c)};
  });
}

AttendOutcome Cohorts::remove_attendance(tracker::CohortId cohort_id,
                                         tracker::ApplicantId applicant_id, core::Date on) {
  return store::in_transaction(db_, [&] {
    const auto c = cohort(cohort_id);
    store::CohortRepository cohorts(db_);
    const auto before = member(cohort_id, applicant_id);
    const auto removed = cohorts.remove_attendance(cohort_id, applicant_id, on);
    if (!removed) {
      throw InputError("No attendance of applicant " + std::to_string(applicant_id.value) + " on " +
                       core::format_iso(on) + " is recorded in cohort " +
                       std::to_string(cohort_id.value) + ".");
    }
    const auto after = *cohorts.find_member(cohort_id, applicant_id);
    report::Json was;
    was["attended_on"] = core::format_iso(on);
    was["hours"] = report::exact_number(*removed);
    was["total_hours"] = report::exact_number(before.attended);
    report::Json now;
    now["attended_on"] = core::format_iso(on);
    now["hours"] = nullptr;
    now["total_hours"] = report::exact_number(after.attended);
    Audit(db_, actor_)
        .record("cohort.attend.remove", "cohort_member", member_key(after), was.dump(), now.dump());
    return AttendOutcome{after.attended, c.training_hours, tracker::training_complete(after, c)};
  });
}

} // namespace peercert::app

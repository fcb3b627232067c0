#include "renewal/Renewal.hpp"

#include "core/Error.hpp"

#include <algorithm>

namespace peercert::renewal {

namespace {

constexpr int default_reminder_days = 90;

} // namespace

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
  const auto& r = program.renewal;
  if (const auto* grace = r.grace_days.in_force(c.expires_on)) {
    w.grace_until = core::add_days(c.expires_on, grace->value);
    w.closes = *w.grace_until;
    w.late_allowed = true;
  }
  if (const auto* late = r.late_days.in_force(c.expires_on)) {
    w.closes = std::max(w.closes, core::add_days(c.expires_on, late->value));
    w.late_allowed = true;
  } else if (const auto* months = r.late_months.in_force(c.expires_on)) {
    w.closes = std::max(w.closes, core::add_months(c.expires_on, months->value));
    w.late_allowed = true;
  }
  return w;
}

CredentialStatus status(const rules::Program& program, const Schedule& schedule, int renewals_filed,
                        const std::vector<CeEntry>& entries, core::Date as_of) {
  const Cycle current = schedule.cycle(renewals_filed);
  CredentialStatus out;
  out.current = progress(program, schedule, current, entries, as_of);
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
    // The late fee a filing on `as_of` would owe: none before expiry or in a grace period,
    // none to speak of once the late window has closed.
    out.late_until = window.closes;
    if (as_of <= current.expires_on || (window.grace_until && as_of <= *window.grace_until)) {
      out.late_fee = core::Money{};
    } else if (as_of <= window.closes) {
      const auto* fee = program.renewal.late_fee.in_force(as_of);
      out.late_fee = fee != nullptr ? fee->value : core::Money{};
    }
  }
  return out;
}

} // namespace peercert::renewal

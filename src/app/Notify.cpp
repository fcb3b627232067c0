#include "app/Notify.hpp"

#include "app/Fields.hpp"
#include "app/Renewals.hpp"
#include "core/Error.hpp"
#include "renewal/Reminders.hpp"
#include "store/ReminderRepository.hpp"

#include <spdlog/spdlog.h>

namespace peercert::app {

Notifier::Notifier(const store::Database& db, const rules::ProgramCatalog& programs, Actor actor)
    : db_(db), programs_(programs), actor_(std::move(actor)) {}

ReminderRun Notifier::send(const NotifyRequest& request, mail::Mailer& mailer, core::Date as_of) {
  const std::string from = email_address(request.from, "from");
  if (from.empty()) {
    throw core::InputError::about("from",
                                  "is required: the board's address the reminders come from.");
  }
  if (!request.program.empty()) {
    programs_.get(request.program); // an unknown program is refused, naming the known ones
  }
  ReminderQuery query;
  query.program = request.program;
  if (request.thresholds) {
    query.within = request.thresholds->front();
  }
  const auto due = Renewals(db_, programs_, actor_).reminders(as_of, query);
  store::ReminderRepository repo(db_);
  const auto sent_before = repo.sent();
  ReminderRun out;
  for (const auto& v : due) {
    const auto& s = v.status;
    const auto thresholds =
        request.thresholds ? *request.thresholds : renewal::reminder_thresholds(s.reminder_days);
    const auto threshold = renewal::due_threshold(s.days_until_expiry, thresholds);
    if (!threshold) {
      continue;
    }
    if (sent_before.contains({v.credential.id.value, s.period.number, *threshold})) {
      ++out.already_sent;
      continue;
    }
    if (v.credential.email.empty()) {
      out.without_email.push_back(v.credential.number);
      continue;
    }
    const auto mail = report::reminder_mail(v, *threshold, from);
    const std::string name =
        v.credential.number + "-" + std::to_string(s.period.number) + "-" +
        (*threshold == renewal::expired_threshold ? std::string("expired")
                                                  : std::to_string(*threshold));
    const std::string now = actor_.now();
    try {
      mailer.send(from, mail.to, report::rfc5322(mail, from, now), name);
    } catch (const core::EnvironmentError& e) {
      throw core::EnvironmentError(std::string(e.what()) + " " + std::to_string(out.sent.size()) +
                                   (out.sent.size() == 1 ? " reminder was" : " reminders were") +
                                   (request.record ? " sent and recorded" : " written") +
                                   " before it; run notify reminders again to send the rest.");
    }
    if (request.record) {
      // Recorded as soon as the server has taken it: a crash between the two resends this one
      // message at the next run, and nothing else.
      repo.record({v.credential.id, s.period.number, *threshold, s.days_until_expiry, as_of,
                   mail.message_id, now});
    }
    out.sent.push_back({v.credential.number, v.credential.program, *threshold, s.days_until_expiry,
                        s.current.defined && !s.current.requirements_met()
                            ? renewal::describe_needed(s.current.needed)
                            : std::string{}});
  }
  spdlog::info("reminders: {} sent, {} sent before, {} without an email", out.sent.size(),
               out.already_sent, out.without_email.size());
  return out;
}

} // namespace peercert::app

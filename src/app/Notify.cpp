#include "app/Notify.hpp"
#include "report/ReminderMail.hpp"

#include "app/Fields.hpp"
#include "app/Lifecycle.hpp"
#include "core/Error.hpp"
#include "renewal/Reminders.hpp"
#include "store/ReminderRepository.hpp"
#include "store/SettingsRepository.hpp"
#include "tracker/CredentialNumber.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <random>

namespace peercert::app {

namespace {
/// A token naming one run in its claims: 128 random bits as hex.
std::string run_token() {
  std::random_device random;
  std::string out;
  static constexpr std::string_view hex = "0123456789abcdef";
  for (int i = 0; i < 8; ++i) {
    const auto r = random();
    out += hex.at((r >> 12U) & 0xfU);
    out += hex.at((r >> 8U) & 0xfU);
    out += hex.at((r >> 4U) & 0xfU);
    out += hex.at(r & 0xfU);
  }
  return out;
}

/// Claims are about the machine's clock, not the as-of date: a lease is real time.
std::int64_t seconds_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// The outbox file name of a message: the credential number, its period and its threshold. A
/// number stored before numbers were checked may hold anything: each character of such a one
/// but letters, digits, '-' and '_' is written '_', so that the name stays one plain file name.
std::string message_name(std::string_view number, int period, int threshold) {
  std::string name(number);
  if (!tracker::well_formed_credential_number(number)) {
    for (auto& c : name) {
      const bool safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_';
      c = safe ? c : '_';
    }
  }
  return name + "-" + std::to_string(period) + "-" +
         (threshold == renewal::expired_threshold ? std::string("expired")
                                                  : std::to_string(threshold));
}
} // namespace

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
  const auto due = Lifecycle(db_, programs_, actor_).reminders(as_of, query);
  const auto board = store::SettingsRepository(db_).load(); // each message's footer
  store::ReminderRepository repo(db_);
  const auto sent_before = repo.sent();
  const std::string run = run_token();
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
    if (v.credential.email.empty() || !is_email_address(v.credential.email)) {
      out.without_email.push_back(v.credential.number);
      continue;
    }
    const store::ReminderKey key{v.credential.id, s.period.number, *threshold};
    if (request.record) {
      const auto claim = repo.claim(key, run, seconds_now(), request.claim_lease);
      if (claim == store::Claim::sent) {
        ++out.already_sent;
        continue;
      }
      if (claim == store::Claim::held) {
        ++out.sending_elsewhere;
        continue;
      }
    }
    const auto mail = report::reminder_mail(v, *threshold, from, board);
    const std::string name = message_name(v.credential.number, s.period.number, *threshold);
    const std::string now = actor_.now();
    try {
      mailer.send(from, mail.to, report::rfc5322(mail, from, now), name);
    } catch (const core::EnvironmentError& e) {
      if (request.record) {
        repo.release(key, run); // not sent: the next run may send it at once
      }
      throw core::EnvironmentError(std::string(e.what()) + " " + std::to_string(out.sent.size()) +
                                   (out.sent.size() == 1 ? " reminder was" : " reminders were") +
                                   (request.record ? " sent and recorded" : " written") +
                                   " before it; run notify reminders again to send the rest.");
    }
    if (request.record) {
      // Recorded as soon as the server has taken it: a crash between the two resends this one
      // message at the next run, and nothing else.
      repo.record({key, s.days_until_expiry, as_of, mail.message_id, now});
    }
    out.sent.push_back({v.credential.number, v.credential.program, *threshold, s.days_until_expiry,
                        s.current.defined && !s.current.requirements_met()
                            ? renewal::describe_needed(s.current.needed)
                            : std::string{}});
  }
  spdlog::info("reminders: {} sent, {} sent before, {} being sent by another run, {} without an "
               "email",
               out.sent.size(), out.already_sent, out.sending_elsewhere, out.without_email.size());
  return out;
}

} // namespace peercert::app

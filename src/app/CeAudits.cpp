#include "app/CeAudits.hpp"

#include "app/Audit.hpp"
#include "app/Boards.hpp"
#include "app/Fields.hpp"
#include "core/Decimal.hpp"
#include "core/Error.hpp"
#include "report/CeAuditReport.hpp"

namespace peercert::app {

using core::InputError;

std::int64_t audit_share(std::string_view text) {
  std::string_view digits = text;
  if (digits.ends_with('%')) {
    digits.remove_suffix(1);
  }
  const auto share = core::parse_hundredths(digits);
  if (!share || *share <= 0 || *share > 10000) {
    throw InputError::about("share",
                            "must be a percentage above 0 and at most 100, such as 10 or 12.5.");
  }
  return *share;
}

CeAudits::CeAudits(const store::Database& db, const rules::ProgramCatalog& programs, Actor actor)
    : db_(db), programs_(programs), actor_(std::move(actor)) {}

DrawOutcome CeAudits::select(const DrawRequest& request, core::Date as_of) {
  programs_.get(request.program); // an unknown program is refused, naming the known ones
  require_in_scope(actor_.scope, request.program);
  if (request.share_hundredths <= 0 || request.share_hundredths > 10000) {
    throw InputError::about("share", "must be a percentage above 0 and at most 100.");
  }
  if (request.from > request.to) {
    throw InputError::about(
        "from",
        "is after the period's last day: the period of renewals runs from one day to a later one.");
  }
  not_after(request.to, as_of, "to");
  if (request.due <= as_of) {
    throw InputError::about("due", "must be after the as-of date " + core::format_iso(as_of) +
                                       ": holders need time to send their evidence.");
  }
  return store::in_transaction(db_, [&] {
    store::CeAuditRepository repo(db_);
    const auto candidates = repo.candidates(request.program, request.from, request.to);
    DrawOutcome out;
    out.draw = {0,
                request.program,
                request.share_hundredths,
                request.seed,
                request.from,
                request.to,
                request.due,
                as_of,
                candidates.size(),
                actor_.now()};
    const auto picked = tracker::draw(
        candidates.size(), tracker::audit_count(candidates.size(), request.share_hundredths),
        request.seed);
    std::vector<const tracker::AuditCandidate*> fresh;
    for (const auto i : picked) {
      if (repo.audit_of_renewal(candidates[i].renewal)) {
        out.already_audited.push_back(candidates[i].credential_number);
      } else {
        fresh.push_back(&candidates[i]);
      }
    }
    if (fresh.empty()) {
      return out;
    }
    out.draw.id = repo.insert_draw(out.draw);
    const Audit audit(db_, actor_);
    const std::string share = core::format_hundredths_short(request.share_hundredths);
    const std::string note = "Drawn with " + share + "% of " + std::to_string(candidates.size()) +
                             " renewals filed " + core::format_iso(request.from) + " to " +
                             core::format_iso(request.to) + ", seed " +
                             std::to_string(request.seed) + ".";
    for (const auto* c : fresh) {
      const auto id = repo.insert_audit(out.draw.id, *c, request.due, out.draw.created_at);
      repo.insert_step(
          id, {tracker::AuditState::selected, as_of, note, actor_.name, out.draw.created_at});
      auto opened = repo.find(id);
      if (!opened) {
        throw store::StoreError("A CE audit just written cannot be read back.");
      }
      audit.record("ce_audit.select", "ce_audit", std::to_string(id), "",
                   report::ce_audit_record_json(*opened).dump(), {},
                   {{"credential", c->credential_number}});
      out.selected.push_back(std::move(*opened));
    }
    return out;
  });
}

tracker::CeAudit CeAudits::advance(std::int64_t id, tracker::AuditState to, core::Date on,
                                   std::string_view note, core::Date as_of) {
  not_after(on, as_of, "on");
  const std::string text = one_line(note, "note", 1000);
  if (to == tracker::AuditState::failed && text.empty()) {
    throw InputError::about("note", "is required to fail an audit: say what the evidence lacked.");
  }
  return store::in_transaction(db_, [&] {
    store::CeAuditRepository repo(db_);
    const auto found = repo.find(id);
    if (!found || !actor_.scope.sees(found->program)) {
      throw InputError("There is no CE audit " + std::to_string(id) + ".", "id");
    }
    tracker::check_move(id, found->state, to);
    if (!found->steps.empty() && on < found->steps.back().on) {
      throw InputError::about("on", "is before the audit's last step, on " +
                                        core::format_iso(found->steps.back().on) + ".");
    }
    repo.insert_step(id, {to, on, text, actor_.name, actor_.now()});
    repo.set_state(id, to);
    auto after = repo.find(id);
    if (!after) {
      throw store::StoreError("A CE audit just written cannot be read back.");
    }
    Audit(db_, actor_)
        .record("ce_audit." + std::string(tracker::to_string(to)), "ce_audit", std::to_string(id),
                report::ce_audit_record_json(*found).dump(),
                report::ce_audit_record_json(*after).dump(), {},
                {{"credential", after->credential_number}});
    return *after;
  });
}

tracker::CeAudit CeAudits::audit(std::int64_t id) const {
  if (auto found = store::CeAuditRepository(db_).find(id);
      found && actor_.scope.sees(found->program)) {
    return *found;
  }
  throw InputError("There is no CE audit " + std::to_string(id) + ".", "id");
}

std::vector<tracker::CeAudit> CeAudits::list(const store::CeAuditQuery& query) const {
  if (!query.program.empty()) {
    programs_.get(query.program); // an unknown program is refused, naming the known ones
  }
  return actor_.scope.narrow(store::CeAuditRepository(db_).list(query));
}

} // namespace peercert::app

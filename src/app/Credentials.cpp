#include "app/Credentials.hpp"

#include "app/Audit.hpp"
#include "app/Fields.hpp"
#include "report/TrackerReport.hpp"
#include "store/CredentialRepository.hpp"

namespace peercert::app {

using core::InputError;

Credentials::Credentials(const store::Database& db, Actor actor)
    : db_(db), actor_(std::move(actor)) {}

tracker::Credential Credentials::update_holder(const std::string& number,
                                               const HolderFields& fields) {
  tracker::Credential after;
  std::string first;
  std::string last;
  std::string email;
  if (fields.first_name) {
    first = one_line(*fields.first_name, "first_name", 200, true);
  }
  if (fields.last_name) {
    last = one_line(*fields.last_name, "last_name", 200, true);
  }
  if (fields.email) {
    email = email_address(*fields.email);
  }
  if (!fields.first_name && !fields.last_name && !fields.email) {
    throw InputError("Nothing to change: give --first-name, --last-name or --email.");
  }
  return store::in_transaction(db_, [&] {
    store::CredentialRepository credentials(db_);
    const auto found = credentials.find(trimmed(number));
    if (!found) {
      throw InputError("There is no credential " + trimmed(number) + ".");
    }
    const tracker::Credential before = *found;
    after = before;
    if (fields.first_name) {
      after.first_name = first;
    }
    if (fields.last_name) {
      after.last_name = last;
    }
    if (fields.email) {
      after.email = email;
    }
    if (after.first_name == before.first_name && after.last_name == before.last_name &&
        after.email == before.email) {
      throw InputError("Nothing to change: " + before.number + " already has these details.");
    }
    credentials.update_holder(after);
    Audit(db_, actor_)
        .record("credential.update", "credential", after.number,
                report::credential_json(before).dump(), report::credential_json(after).dump());
    return after;
  });
}

std::vector<tracker::Credential> Credentials::search(std::string_view text,
                                                     std::size_t limit) const {
  return store::CredentialRepository(db_).search(search_words(text), limit);
}

} // namespace peercert::app

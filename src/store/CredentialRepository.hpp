#pragma once

#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace peercert::store::detail {
class Statement;
}

namespace peercert::store {

/// Credentials: issued through peercert or imported from a board's records.
class CredentialRepository {
public:
  explicit CredentialRepository(const Database& db) : db_(db) {}

  tracker::CredentialId insert(const tracker::Credential& c);
  /// The credential a typed number names: numbers are one case (tracker::credential_number_key),
  /// but a number typed exactly as one of a look-alike pair on file finds that one.
  std::optional<tracker::Credential> find(const std::string& number) const;
  /// The credentials issued to an applicant.
  std::vector<tracker::Credential> for_applicant(tracker::ApplicantId applicant) const;
  /// Changes the holder's names and email (and what search finds them by).
  void update_holder(const tracker::Credential& c);
  /// Credentials whose search key holds this folded text (a last name, or a part of one):
  /// the candidates a name lookup then matches word by word.
  std::vector<tracker::Credential> with_name_containing(const std::string& folded) const;
  /// Credentials whose folded name, email and number contain every one of `folded_words`,
  /// by last name; at most `limit`.
  /// Credentials of `programs` (every program when nothing) whose search key holds each word.
  std::vector<tracker::Credential> search(const std::vector<std::string>& folded_words,
                                          const std::optional<std::vector<std::string>>& programs,
                                          std::size_t limit) const;
  std::optional<tracker::Credential> find_by_id(tracker::CredentialId id) const;
  /// All credentials, or one program's, by number.
  std::vector<tracker::Credential> list(const std::string& program = {}) const;
  std::int64_t count() const;
  /// Gives a credential another number (and the search key that holds it).
  void renumber(tracker::CredentialId id, const std::string& number);
  /// Pairs of credentials whose numbers differ only in case, stored before numbers were one
  /// case, by number.
  std::vector<std::pair<tracker::Credential, tracker::Credential>> look_alikes() const;
  /// The next credential number of a program that no credential holds yet; records it as
  /// issued. Call inside the transaction that inserts the credential.
  std::string next_number(const std::string& program);

  /// Credential numbers looked up one after another through one prepared statement, as an
  /// import does for each number it has not met yet.
  class Lookup {
  public:
    explicit Lookup(const Database& db);
    Lookup(const Lookup&) = delete;
    Lookup& operator=(const Lookup&) = delete;
    ~Lookup();
    std::optional<tracker::Credential> find(const std::string& number);

  private:
    std::unique_ptr<detail::Statement> statement_;
  };

private:
  const Database& db_;
};

} // namespace peercert::store

#pragma once

#include "store/CeTotals.hpp"
#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace SQLite {
class Statement;
}

namespace peercert::store {

/// Continuing-education entries. Every write keeps the per-period totals (CeTotals) in step.
class CeRepository {
public:
  explicit CeRepository(const Database& db);
  CeRepository(const CeRepository&) = delete;
  CeRepository& operator=(const CeRepository&) = delete;
  ~CeRepository();

  /// Adds an entry unless the same one (credential, day, provider, title, hours) is on file.
  /// Returns whether it was added.
  bool insert(const tracker::CeRecord& e);
  /// A credential's entries that count, oldest first; voided ones too with `with_voided`.
  std::vector<tracker::CeRecord> for_credential(tracker::CredentialId id,
                                                bool with_voided = false) const;
  std::optional<tracker::CeRecord> find(std::int64_t id) const;
  /// Marks an entry voided: it stops counting and stays on file.
  void void_entry(std::int64_t id, const std::string& at, const std::string& reason);
  /// Changes an entry's day, hours, category, delivery and title. Returns false, changing
  /// nothing, when the result would be another entry already on file.
  bool update(const tracker::CeRecord& e);
  std::int64_t count() const;
  /// Records again which period each of a credential's entries counts in, as `counts_in`
  /// decides from its day (renewal::counts_in over the credential's periods now), and counts
  /// its totals again: after its periods change. It is then no longer to decide.
  void decide_periods(tracker::CredentialId credential,
                      const std::function<std::optional<int>(core::Date)>& counts_in);
  /// Credentials whose entries were stored before entries recorded their period (schema 15):
  /// peercert decides them when it opens the database.
  std::vector<tracker::CredentialId> periods_to_decide() const;

  /// Adds many entries through one prepared statement: for imports of millions of rows. The
  /// totals of the credentials it added to are counted once, by finish(): call it before the
  /// transaction commits.
  class Inserter {
  public:
    explicit Inserter(const Database& db);
    Inserter(const Inserter&) = delete;
    Inserter& operator=(const Inserter&) = delete;
    ~Inserter();
    bool insert(const tracker::CeRecord& e);
    /// Counts the totals of every credential an entry was added to.
    void finish();

  private:
    std::unique_ptr<SQLite::Statement> exists_;
    std::unique_ptr<SQLite::Statement> insert_;
    CeTotals totals_;
    std::unordered_set<std::int64_t> touched_;
  };

private:
  void recount_entry_credential(std::int64_t entry);

  const Database& db_;
  CeTotals totals_;
  /// for_credential's statements (without and with voided entries), prepared once per
  /// repository: the reminder report asks for one credential after another.
  mutable std::array<std::unique_ptr<SQLite::Statement>, 2> by_credential_;
};

/// Renewals of credentials, one per cycle.
class RenewalRepository {
public:
  explicit RenewalRepository(const Database& db) : db_(db) {}

  std::int64_t insert(const tracker::RenewalRecord& r);
  std::vector<tracker::RenewalRecord> for_credential(tracker::CredentialId id) const;
  /// How many cycles each credential has renewed, for every credential with a renewal.
  std::vector<std::pair<tracker::CredentialId, int>> counts() const;

private:
  const Database& db_;
};

} // namespace peercert::store

#pragma once

#include "store/CeTotals.hpp"
#include "store/Database.hpp"
#include "tracker/Records.hpp"

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_set>
#include <vector>

namespace peercert::store::detail {
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

  /// Adds many entries, many rows a statement: for imports of millions of rows. Whether an
  /// entry is on file already is decided in memory by the same key as ce_entries_same (each
  /// credential's keys read once), and with SQL only for a key seen before; the totals grow
  /// once per period and kind touched, by the import's own sums, in finish(): call it before
  /// the transaction commits.
  class Inserter {
  public:
    explicit Inserter(const Database& db);
    Inserter(const Inserter&) = delete;
    Inserter& operator=(const Inserter&) = delete;
    ~Inserter();
    /// Whether `e` is added: false when the same entry is on file or earlier in the import.
    bool insert(tracker::CeRecord e);
    /// Writes what is still held and adds the sums to the totals.
    void finish();

  private:
    struct Pending {
      tracker::CeRecord entry;
      std::string completed_on;
      std::int64_t key = 0;
    };
    /// What one period and kind of one credential gained.
    struct Sum {
      std::int64_t hundredths = 0;
      std::int64_t entries = 0;
      core::Date first;
      core::Date last;
    };
    void flush();

    const Database& db_;
    std::unique_ptr<detail::Statement> exists_;
    std::unique_ptr<detail::Statement> keys_;
    std::unique_ptr<detail::Statement> insert_many_;
    std::vector<Pending> pending_;
    std::unordered_set<std::int64_t> credentials_read_; ///< whose keys on file are in `keys_seen_`
    std::unordered_set<std::uint64_t> keys_seen_;       ///< credential and same_key, mixed
    std::map<std::tuple<std::int64_t, int, int, int>, Sum> sums_;
    CeTotals totals_;
  };

private:
  void recount_entry_credential(std::int64_t entry);

  const Database& db_;
  CeTotals totals_;
  /// for_credential's statements (without and with voided entries), prepared once per
  /// repository: the reminder report asks for one credential after another.
  mutable std::array<std::unique_ptr<detail::Statement>, 2> by_credential_;
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

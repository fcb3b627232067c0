-- peercert schema 11: the CE hours each certificate period has counted so far, per kind of
-- hour (category × delivery), kept in step with every entry logged, imported, voided or
-- edited and with every period written, in the same transaction. Per kind, not per
-- requirement, so that a rule-file edit never leaves them stale. An entry is counted in a
-- slot of the last period that started on or before its day: slot 2k for a day inside period
-- k, 2k + 1 for a day after its last one (before the next period starts, or after the last
-- period ended); entries before a credential's first period count in none. The first and
-- last days counted let the rules tell whether a sum can be counted whole on a given day, or
-- must be recounted from its rows. `peercert db rebuild-totals`
-- writes them again from the entries, with the same statement as below.

CREATE TABLE ce_cycle_totals (
  credential_id INTEGER NOT NULL REFERENCES credentials (id),
  slot INTEGER NOT NULL CHECK (slot >= 0), -- 2 × credential_cycles.number, + 1 after it
  category TEXT NOT NULL,
  delivery TEXT NOT NULL,
  hours INTEGER NOT NULL CHECK (hours > 0), -- hundredths
  entries INTEGER NOT NULL CHECK (entries > 0),
  first_on TEXT NOT NULL,
  last_on TEXT NOT NULL,
  PRIMARY KEY (credential_id, slot, category, delivery),
  CHECK (first_on <= last_on)
) WITHOUT ROWID;

INSERT INTO ce_cycle_totals
SELECT credential_id, slot, category, delivery, sum(hours), count(*), min(completed_on),
       max(completed_on)
FROM (SELECT e.credential_id, e.category, e.delivery, e.hours, e.completed_on,
             (SELECT 2 * p.number + (e.completed_on > p.expires_on) FROM credential_cycles p
              WHERE p.credential_id = e.credential_id AND p.starts_on <= e.completed_on
              ORDER BY p.number DESC LIMIT 1) AS slot
      FROM ce_entries e WHERE e.voided_at IS NULL)
WHERE slot IS NOT NULL
GROUP BY credential_id, slot, category, delivery;

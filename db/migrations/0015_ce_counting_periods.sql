-- peercert schema 15: each CE entry records the period it counts in, as the renewal rules
-- decide it (renewal::counting_period: the period whose CE window holds its day, or the cycle a
-- renewal would start for an entry logged ahead), and the totals are keyed on that record
-- instead of a second rule written here in SQL. NULL: the entry counts in no period (before the
-- first CE window, or after an initial certificate that has ended).
--
-- The entries on file are decided by peercert when it next opens the database (the rules live
-- in the rule files, not here): ce_periods_to_decide lists their credentials, and their totals
-- are written again, keyed on the period, as each one is decided.

ALTER TABLE ce_entries ADD COLUMN counts_in INTEGER CHECK (counts_in >= 0);

CREATE TABLE ce_periods_to_decide (
  credential_id INTEGER PRIMARY KEY REFERENCES credentials (id)
);

INSERT INTO ce_periods_to_decide SELECT DISTINCT credential_id FROM ce_entries;
DELETE FROM ce_cycle_totals;

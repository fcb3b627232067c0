-- A cheaper key for "the same CE entry": a 64-bit hash of the day, provider, title and hours
-- beside the credential, instead of a unique index over the four texts. The index now holds
-- two integers per entry; an insert or an edit whose key matches compares the four values
-- themselves, so two different entries are never taken for one.
ALTER TABLE ce_entries ADD COLUMN same_key INTEGER NOT NULL DEFAULT 0;
UPDATE ce_entries SET same_key = peercert_ce_key(completed_on, provider, title, hours);
DROP INDEX ce_entries_same;
CREATE INDEX ce_entries_same ON ce_entries (credential_id, same_key);

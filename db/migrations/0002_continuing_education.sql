-- peercert schema 2: continuing-education entries and renewals of credentials.

CREATE TABLE ce_entries (
  id INTEGER PRIMARY KEY,
  credential_id INTEGER NOT NULL REFERENCES credentials (id),
  completed_on TEXT NOT NULL,
  hours INTEGER NOT NULL CHECK (hours > 0 AND hours <= 2400),
  category TEXT NOT NULL CHECK (category IN ('ethics', 'general')),
  delivery TEXT NOT NULL CHECK (delivery IN ('live', 'self_study')),
  provider TEXT NOT NULL,
  title TEXT NOT NULL,
  created_at TEXT NOT NULL
);
-- The same credential, day, provider, title and hours are the same entry: importing a
-- roster twice adds nothing. The index also finds a credential's entries.
CREATE UNIQUE INDEX ce_entries_same ON ce_entries (credential_id, completed_on, provider, title, hours);

CREATE TABLE renewals (
  id INTEGER PRIMARY KEY,
  credential_id INTEGER NOT NULL REFERENCES credentials (id),
  cycle INTEGER NOT NULL CHECK (cycle >= 0),
  filed_on TEXT NOT NULL,
  fee_due INTEGER CHECK (fee_due >= 0),
  fee_paid INTEGER NOT NULL CHECK (fee_paid >= 0),
  late INTEGER NOT NULL CHECK (late IN (0, 1)),
  background_check_on TEXT,
  registry_check_on TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (credential_id, cycle)
);

-- peercert schema 5: a credential's whole life. Each certificate period is a row, its dates
-- decided once (from the credential's one anchor) and never recomputed; staff status changes
-- and reinstatements are rows too. A holder's date of birth (birthday cycles) and an imported
-- expiry (the anchor of a board's existing holder) live on the credential.

ALTER TABLE credentials ADD COLUMN date_of_birth TEXT;
ALTER TABLE credentials ADD COLUMN imported_expires_on TEXT;

CREATE TABLE credential_cycles (
  credential_id INTEGER NOT NULL REFERENCES credentials (id),
  number INTEGER NOT NULL CHECK (number >= 0),
  cycle_index INTEGER CHECK (cycle_index >= 0), -- the full certificate's cycle; NULL: initial
  starts_on TEXT NOT NULL,
  expires_on TEXT NOT NULL,
  counts_from TEXT NOT NULL,
  began TEXT NOT NULL CHECK (began IN ('issue', 'initial', 'extension', 'renewal', 'import',
                                       'reinstatement')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (credential_id, number),
  CHECK (starts_on <= counts_from AND counts_from <= expires_on)
);
CREATE INDEX credential_cycles_by_expiry ON credential_cycles (expires_on);

CREATE TABLE credential_status_changes (
  id INTEGER PRIMARY KEY,
  credential_id INTEGER NOT NULL REFERENCES credentials (id),
  status TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'suspended', 'revoked')),
  changed_on TEXT NOT NULL,
  reason TEXT NOT NULL,
  reinstatement INTEGER NOT NULL DEFAULT 0 CHECK (reinstatement IN (0, 1)),
  fee_paid INTEGER CHECK (fee_paid >= 0),
  created_at TEXT NOT NULL
);
CREATE INDEX credential_status_changes_by_credential
  ON credential_status_changes (credential_id, id);

-- The cycles of credentials issued before this schema depend on the rule files, which SQL
-- cannot read: peercert writes them, from the issue date and the renewals on file, the next
-- time it opens this database, and empties this list as it goes.
CREATE TABLE credentials_without_cycles (credential_id INTEGER PRIMARY KEY);
INSERT INTO credentials_without_cycles (credential_id) SELECT id FROM credentials;

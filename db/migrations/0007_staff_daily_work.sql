-- peercert schema 7: the staff's daily work — corrections and search.

-- A CE entry logged in error is voided, never deleted: it stops counting and stays on file.
ALTER TABLE ce_entries ADD COLUMN voided_at TEXT;
ALTER TABLE ce_entries ADD COLUMN void_reason TEXT;

-- An application the board refuses, with its reason; the application stays.
CREATE TABLE application_denials (
  application_id INTEGER PRIMARY KEY REFERENCES applications (id),
  denied_on TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- A staff user who has left cannot log in; the name stays in the audit log.
ALTER TABLE users ADD COLUMN disabled_at TEXT;

-- What staff search by, folded (case, accents) by peercert's peercert_fold(): name, email
-- and, for credentials, the number. Kept by the repositories on every write.
ALTER TABLE credentials ADD COLUMN search_key TEXT;
UPDATE credentials SET search_key = peercert_fold(
  first_name || ' ' || last_name || ' ' || coalesce(email, '') || ' ' || credential_number);
ALTER TABLE applicants ADD COLUMN search_key TEXT;
UPDATE applicants SET search_key = peercert_fold(
  first_name || ' ' || last_name || ' ' || coalesce(email, ''));

-- An audit row about many records at once (a CE roster touches many credentials) names each
-- one here, so that asking the log about one credential finds it. Append-only, as the log.
CREATE TABLE audit_subjects (
  audit_id INTEGER NOT NULL REFERENCES audit_log (id),
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL
);
CREATE INDEX audit_subjects_by_entity ON audit_subjects (entity, entity_id);
CREATE TRIGGER audit_subjects_no_update BEFORE UPDATE ON audit_subjects
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_subjects_no_delete BEFORE DELETE ON audit_subjects
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;

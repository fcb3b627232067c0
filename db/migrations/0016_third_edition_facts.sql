-- peercert schema 16: the third edition's standard facts about applicants (DESIGN.md, "New
-- standard facts") and the CE categories its programs name. Each fact is a column named as in
-- the facts JSON: dates TEXT, yes/no 0 or 1, hours INTEGER hundredths, counts INTEGER. The
-- criminal history check's date, background_check_on, was already a column and is now a fact.

ALTER TABLE applicants ADD COLUMN caregiver_since TEXT;
ALTER TABLE applicants ADD COLUMN military_service INTEGER CHECK (military_service IN (0, 1));
ALTER TABLE applicants ADD COLUMN certified INTEGER CHECK (certified IN (0, 1));
ALTER TABLE applicants ADD COLUMN out_of_state_certified INTEGER
  CHECK (out_of_state_certified IN (0, 1));
ALTER TABLE applicants ADD COLUMN specialty_training_hours INTEGER
  CHECK (specialty_training_hours >= 0);
ALTER TABLE applicants ADD COLUMN peer_work_hours_last_3_years INTEGER
  CHECK (peer_work_hours_last_3_years >= 0);
ALTER TABLE applicants ADD COLUMN peer_work_years INTEGER CHECK (peer_work_years >= 0);
ALTER TABLE applicants ADD COLUMN peer_work_started_on TEXT;
ALTER TABLE applicants ADD COLUMN employed_by_provider INTEGER
  CHECK (employed_by_provider IN (0, 1));
ALTER TABLE applicants ADD COLUMN ce_hours_last_2_years INTEGER CHECK (ce_hours_last_2_years >= 0);
ALTER TABLE applicants ADD COLUMN ce_ethics_hours_last_2_years INTEGER
  CHECK (ce_ethics_hours_last_2_years >= 0);
ALTER TABLE applicants ADD COLUMN disqualifying_offense INTEGER
  CHECK (disqualifying_offense IN (0, 1));
ALTER TABLE applicants ADD COLUMN exemption_granted INTEGER CHECK (exemption_granted IN (0, 1));
ALTER TABLE applicants ADD COLUMN sanctions_completed_on TEXT;
ALTER TABLE applicants ADD COLUMN felony_arrest_last_3_years INTEGER
  CHECK (felony_arrest_last_3_years IN (0, 1));

-- The third edition's CE categories: a CHECK constraint cannot be altered, so the table is
-- rebuilt with its rows, ids, columns in their order, and index.
CREATE TABLE ce_entries_v16 (
  id INTEGER PRIMARY KEY,
  credential_id INTEGER NOT NULL REFERENCES credentials (id),
  completed_on TEXT NOT NULL,
  hours INTEGER NOT NULL CHECK (hours > 0 AND hours <= 2400),
  category TEXT NOT NULL CHECK (category IN ('ethics', 'general', 'peer_support',
                                              'suicide_prevention', 'health_equity',
                                              'supervised_work', 'cultural_competence',
                                              'professional_development', 'boundaries',
                                              'trauma_informed_care', 'human_trafficking',
                                              'system_navigation', 'behavioral_health',
                                              'wellness', 'coaching',
                                              'medication_supported_recovery', 'family',
                                              'veteran')),
  delivery TEXT NOT NULL CHECK (delivery IN ('live', 'self_study')),
  provider TEXT NOT NULL,
  title TEXT NOT NULL,
  created_at TEXT NOT NULL,
  voided_at TEXT,
  void_reason TEXT,
  same_key INTEGER NOT NULL DEFAULT 0,
  counts_in INTEGER CHECK (counts_in >= 0)
);
INSERT INTO ce_entries_v16 (id, credential_id, completed_on, hours, category, delivery, provider,
                            title, created_at, voided_at, void_reason, same_key, counts_in)
  SELECT id, credential_id, completed_on, hours, category, delivery, provider, title, created_at,
         voided_at, void_reason, same_key, counts_in
  FROM ce_entries;
DROP TABLE ce_entries;
ALTER TABLE ce_entries_v16 RENAME TO ce_entries;
CREATE INDEX ce_entries_same ON ce_entries (credential_id, same_key);

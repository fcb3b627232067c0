-- peercert schema 4: the second edition's facts about applicants (DESIGN.md, "Facts") and the
-- CE categories programs name. Each fact is a column named as in the facts JSON: dates TEXT,
-- yes/no 0 or 1, hours INTEGER hundredths, counts INTEGER.

ALTER TABLE applicants ADD COLUMN recovery_since TEXT;
ALTER TABLE applicants ADD COLUMN parent_of_youth_in_services INTEGER
  CHECK (parent_of_youth_in_services IN (0, 1));
ALTER TABLE applicants ADD COLUMN lives_or_works_in_jurisdiction INTEGER
  CHECK (lives_or_works_in_jurisdiction IN (0, 1));
ALTER TABLE applicants ADD COLUMN lives_in_jurisdiction INTEGER
  CHECK (lives_in_jurisdiction IN (0, 1));
ALTER TABLE applicants ADD COLUMN lawful_presence INTEGER CHECK (lawful_presence IN (0, 1));
ALTER TABLE applicants ADD COLUMN approved_training_completed INTEGER
  CHECK (approved_training_completed IN (0, 1));
ALTER TABLE applicants ADD COLUMN training_hours INTEGER CHECK (training_hours >= 0);
ALTER TABLE applicants ADD COLUMN training_ethics_hours INTEGER CHECK (training_ethics_hours >= 0);
ALTER TABLE applicants ADD COLUMN training_live_hours INTEGER CHECK (training_live_hours >= 0);
ALTER TABLE applicants ADD COLUMN training_advocacy_hours INTEGER
  CHECK (training_advocacy_hours >= 0);
ALTER TABLE applicants ADD COLUMN training_mentoring_hours INTEGER
  CHECK (training_mentoring_hours >= 0);
ALTER TABLE applicants ADD COLUMN training_recovery_hours INTEGER
  CHECK (training_recovery_hours >= 0);
ALTER TABLE applicants ADD COLUMN training_completed_on TEXT;
ALTER TABLE applicants ADD COLUMN practicum_hours INTEGER CHECK (practicum_hours >= 0);
ALTER TABLE applicants ADD COLUMN work_experience_hours INTEGER CHECK (work_experience_hours >= 0);
ALTER TABLE applicants ADD COLUMN supervision_hours INTEGER CHECK (supervision_hours >= 0);
ALTER TABLE applicants ADD COLUMN months_worked_last_3_years INTEGER
  CHECK (months_worked_last_3_years >= 0);
ALTER TABLE applicants ADD COLUMN college_credits_last_3_years INTEGER
  CHECK (college_credits_last_3_years >= 0);
ALTER TABLE applicants ADD COLUMN exam_passed INTEGER CHECK (exam_passed IN (0, 1));
ALTER TABLE applicants ADD COLUMN oral_exam_passed INTEGER CHECK (oral_exam_passed IN (0, 1));
ALTER TABLE applicants ADD COLUMN code_of_ethics_signed INTEGER
  CHECK (code_of_ethics_signed IN (0, 1));
ALTER TABLE applicants ADD COLUMN "references" INTEGER CHECK ("references" >= 0);
ALTER TABLE applicants ADD COLUMN release_signed INTEGER CHECK (release_signed IN (0, 1));

-- The CE categories of the second edition: a CHECK constraint cannot be altered, so the table
-- is rebuilt with its rows, ids and index.
CREATE TABLE ce_entries_v4 (
  id INTEGER PRIMARY KEY,
  credential_id INTEGER NOT NULL REFERENCES credentials (id),
  completed_on TEXT NOT NULL,
  hours INTEGER NOT NULL CHECK (hours > 0 AND hours <= 2400),
  category TEXT NOT NULL CHECK (category IN ('ethics', 'general', 'peer_support',
                                              'suicide_prevention', 'health_equity',
                                              'supervised_work')),
  delivery TEXT NOT NULL CHECK (delivery IN ('live', 'self_study')),
  provider TEXT NOT NULL,
  title TEXT NOT NULL,
  created_at TEXT NOT NULL
);
INSERT INTO ce_entries_v4 (id, credential_id, completed_on, hours, category, delivery, provider,
                           title, created_at)
  SELECT id, credential_id, completed_on, hours, category, delivery, provider, title, created_at
  FROM ce_entries;
DROP TABLE ce_entries;
ALTER TABLE ce_entries_v4 RENAME TO ce_entries;
CREATE UNIQUE INDEX ce_entries_same ON ce_entries (credential_id, completed_on, provider, title, hours);

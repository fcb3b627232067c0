-- peercert schema 6: the audit log stays append-only, but the personal values its rows record
-- (names, contact details, dates of birth, check results) move to a table of their own, tagged
-- with the person they are about, so that erasing a person's data reaches them. An audit row
-- keeps when, who, what and which record; it points to its values.

CREATE TABLE audit_values (
  id INTEGER PRIMARY KEY,
  person TEXT,       -- 'applicant:12' or 'credential:MO-CPS-000001'; NULL: about no one
  before_json TEXT,
  after_json TEXT,
  erased_at TEXT     -- when the person's data was erased; the values are then gone
);
CREATE INDEX audit_values_by_person ON audit_values (person);

ALTER TABLE audit_log ADD COLUMN values_id INTEGER REFERENCES audit_values (id);

-- The rows written so far: their values move, keyed by the row's own id.
INSERT INTO audit_values (id, person, before_json, after_json)
  SELECT id,
         CASE
           WHEN entity = 'applicant' THEN 'applicant:' || entity_id
           WHEN entity = 'cohort_member' THEN 'applicant:' || substr(entity_id, instr(entity_id, '/') + 1)
           WHEN entity IN ('application', 'exam') AND
                json_extract(coalesce(after_json, before_json), '$.applicant') IS NOT NULL
             THEN 'applicant:' || json_extract(coalesce(after_json, before_json), '$.applicant')
           WHEN entity = 'credential' THEN 'credential:' || entity_id
           ELSE NULL
         END,
         before_json, after_json
  FROM audit_log
  WHERE before_json IS NOT NULL OR after_json IS NOT NULL;

DROP TRIGGER audit_log_no_update;
UPDATE audit_log SET values_id = id, before_json = NULL, after_json = NULL
  WHERE before_json IS NOT NULL OR after_json IS NOT NULL;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- An applicant whose personal data was erased (`peercert applicant erase`): when. The row stays,
-- nameless, so that cohorts, exams and applications keep their counts.
ALTER TABLE applicants ADD COLUMN erased_at TEXT;

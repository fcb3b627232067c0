-- peercert schema 1: applicants, training cohorts, exams, certification applications,
-- credentials and the audit log. Dates are TEXT 'YYYY-MM-DD', times TEXT UTC ISO 8601,
-- hours INTEGER hundredths, money INTEGER cents: portable to other SQL databases.

CREATE TABLE applicants (
  id INTEGER PRIMARY KEY,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  email TEXT,
  phone TEXT,
  date_of_birth TEXT,
  education TEXT,
  lived_experience INTEGER CHECK (lived_experience IN (0, 1)),
  willing_to_share_story INTEGER CHECK (willing_to_share_story IN (0, 1)),
  self_directed_recovery INTEGER CHECK (self_directed_recovery IN (0, 1)),
  background_check TEXT,
  background_check_on TEXT,
  registry_check TEXT,
  registry_check_on TEXT,
  employer TEXT,
  hired_on TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE cohorts (
  id INTEGER PRIMARY KEY,
  program TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  capacity INTEGER NOT NULL CHECK (capacity > 0),
  training_hours INTEGER NOT NULL CHECK (training_hours > 0),
  notify_days_before INTEGER NOT NULL CHECK (notify_days_before >= 0),
  selection TEXT CHECK (selection IN ('first_come', 'lottery')),
  lottery_seed TEXT,
  created_at TEXT NOT NULL
);

CREATE TABLE cohort_members (
  cohort_id INTEGER NOT NULL REFERENCES cohorts (id),
  applicant_id INTEGER NOT NULL REFERENCES applicants (id),
  applied_at TEXT NOT NULL,
  application_order INTEGER NOT NULL,
  override_reason TEXT,
  status TEXT NOT NULL CHECK (status IN ('applied', 'selected', 'waitlisted', 'withdrawn')),
  waitlist_position INTEGER,
  notified_on TEXT,
  PRIMARY KEY (cohort_id, applicant_id)
);
CREATE INDEX cohort_members_by_applicant ON cohort_members (applicant_id);

CREATE TABLE attendance (
  cohort_id INTEGER NOT NULL,
  applicant_id INTEGER NOT NULL,
  attended_on TEXT NOT NULL,
  hours INTEGER NOT NULL CHECK (hours > 0 AND hours <= 2400),
  PRIMARY KEY (cohort_id, applicant_id, attended_on),
  FOREIGN KEY (cohort_id, applicant_id) REFERENCES cohort_members (cohort_id, applicant_id)
);

CREATE TABLE exams (
  id INTEGER PRIMARY KEY,
  applicant_id INTEGER NOT NULL REFERENCES applicants (id),
  program TEXT NOT NULL,
  taken_on TEXT NOT NULL,
  proctor TEXT NOT NULL,
  passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
  score INTEGER,
  created_at TEXT NOT NULL
);
CREATE INDEX exams_by_applicant ON exams (applicant_id, program);

CREATE TABLE applications (
  id INTEGER PRIMARY KEY,
  applicant_id INTEGER NOT NULL REFERENCES applicants (id),
  program TEXT NOT NULL,
  submitted_on TEXT NOT NULL,
  fee_due INTEGER NOT NULL CHECK (fee_due >= 0),
  fee_paid INTEGER NOT NULL CHECK (fee_paid >= 0),
  status TEXT NOT NULL CHECK (status IN ('submitted', 'approved')),
  decided_on TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX applications_by_applicant ON applications (applicant_id, program);

CREATE TABLE credentials (
  id INTEGER PRIMARY KEY,
  credential_number TEXT NOT NULL UNIQUE,
  program TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  email TEXT,
  applicant_id INTEGER REFERENCES applicants (id),
  application_id INTEGER UNIQUE REFERENCES applications (id),
  created_at TEXT NOT NULL
);
CREATE INDEX credentials_by_program ON credentials (program, issued_on);

-- The last sequence number issued per program, for credential numbers.
CREATE TABLE credential_sequences (
  program TEXT PRIMARY KEY,
  last_issued INTEGER NOT NULL
);

-- Append-only: who changed what, when, with the values before and after.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT
);
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;

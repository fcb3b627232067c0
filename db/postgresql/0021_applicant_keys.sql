-- Each applicant's name and email folded for comparison, as db/migrations/0021 on SQLite. No
-- PostgreSQL database held applicants before this step: it came in the same edition.
ALTER TABLE applicants ADD COLUMN name_key TEXT COLLATE "C";
ALTER TABLE applicants ADD COLUMN email_key TEXT COLLATE "C";
CREATE INDEX applicants_by_name_key ON applicants (name_key, date_of_birth);
CREATE INDEX applicants_by_email_key ON applicants (email_key);

-- Each applicant's name and email folded for comparison (core::search_fold), written by
-- peercert beside them as search_key is, so that a likely duplicate is found through an index
-- rather than by folding every row, and the same way on SQLite and PostgreSQL.
ALTER TABLE applicants ADD COLUMN name_key TEXT;
ALTER TABLE applicants ADD COLUMN email_key TEXT;
UPDATE applicants SET name_key = peercert_fold(first_name || ' ' || last_name),
                      email_key = peercert_fold(email);
CREATE INDEX applicants_by_name_key ON applicants (name_key, date_of_birth);
CREATE INDEX applicants_by_email_key ON applicants (email_key);

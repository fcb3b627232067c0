-- peercert schema 19: a second factor for staff logins (DESIGN.md, "Staff may be required to
-- use a second factor"). A user's TOTP secret (base32), the one shown at enrolment until its
-- first code is entered, and the 30-second step of the last code taken, so that each code is
-- taken once; and ten single-use recovery codes, stored hashed.

CREATE TABLE second_factors (
  user_id INTEGER PRIMARY KEY REFERENCES users (id),
  secret TEXT,
  pending_secret TEXT,
  last_step INTEGER NOT NULL DEFAULT 0,
  enrolled_at TEXT
);

CREATE TABLE recovery_codes (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  code_hash TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX recovery_codes_by_user ON recovery_codes (user_id);

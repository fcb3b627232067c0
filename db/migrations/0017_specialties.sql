-- peercert schema 17: specialties held on top of a credential (DESIGN.md, "Specialties"): NY
-- CRPA-Family, NC's veteran designation, California's four areas. A row is held from `since`
-- until the day before `ended_on`; an ended one says why.

CREATE TABLE credential_specialties (
  id INTEGER PRIMARY KEY,
  credential_id INTEGER NOT NULL REFERENCES credentials (id),
  specialty TEXT NOT NULL,
  since TEXT NOT NULL,
  ended_on TEXT,
  end_reason TEXT,
  created_at TEXT NOT NULL,
  CHECK (ended_on IS NULL OR ended_on >= since),
  CHECK ((ended_on IS NULL) = (end_reason IS NULL))
);

CREATE INDEX credential_specialties_by_credential ON credential_specialties (credential_id);

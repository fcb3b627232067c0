-- peercert schema 8: CE audits. A draw picks a reproducible random share of the credentials
-- renewed in a period (its parameters are kept, so anyone can draw it again); each audit then
-- moves selected → evidence_requested → submitted → passed | failed, one dated step at a time.

CREATE TABLE ce_audit_draws (
  id INTEGER PRIMARY KEY,
  program TEXT NOT NULL,
  share INTEGER NOT NULL CHECK (share > 0 AND share <= 10000), -- hundredths of a percent
  seed TEXT NOT NULL,        -- an unsigned 64-bit number, as decimal text
  from_on TEXT NOT NULL,
  to_on TEXT NOT NULL,
  due_on TEXT NOT NULL,
  drawn_on TEXT NOT NULL,
  candidates INTEGER NOT NULL CHECK (candidates >= 0),
  created_at TEXT NOT NULL,
  CHECK (from_on <= to_on)
);

CREATE TABLE ce_audits (
  id INTEGER PRIMARY KEY,
  draw_id INTEGER NOT NULL REFERENCES ce_audit_draws (id),
  credential_id INTEGER NOT NULL REFERENCES credentials (id),
  renewal_id INTEGER NOT NULL UNIQUE REFERENCES renewals (id), -- a renewal is audited once
  due_on TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('selected', 'evidence_requested', 'submitted', 'passed',
                                       'failed')),
  created_at TEXT NOT NULL
);
CREATE INDEX ce_audits_by_state ON ce_audits (state, due_on);
CREATE INDEX ce_audits_by_credential ON ce_audits (credential_id);

CREATE TABLE ce_audit_steps (
  id INTEGER PRIMARY KEY,
  audit_id INTEGER NOT NULL REFERENCES ce_audits (id),
  state TEXT NOT NULL,
  on_date TEXT NOT NULL,
  note TEXT,
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX ce_audit_steps_by_audit ON ce_audit_steps (audit_id, id);

CREATE INDEX renewals_by_filed_on ON renewals (filed_on);

-- peercert schema 9: renewal reminders sent by email. One row per message the mail server
-- accepted: a holder hears once per threshold (days before expiry, 0 after it) of each
-- certificate period, whoever runs `notify reminders` and however often.

CREATE TABLE reminders_sent (
  credential_id INTEGER NOT NULL REFERENCES credentials (id),
  period INTEGER NOT NULL CHECK (period >= 0),
  threshold INTEGER NOT NULL CHECK (threshold >= 0),
  days_before INTEGER NOT NULL, -- days until expiry on the day it was sent
  sent_on TEXT NOT NULL,
  message_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (credential_id, period, threshold)
);

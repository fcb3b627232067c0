-- peercert schema 12: a reminder is claimed before it is sent. Two `notify reminders` runs at
-- once each claim a message in a committed row before handing it to the mail server, so only
-- one of them sends it; the claim goes when the message is recorded in reminders_sent. A claim
-- left by a run that crashed is taken over once it is older than the run's --claim-lease.

CREATE TABLE reminder_claims (
  credential_id INTEGER NOT NULL REFERENCES credentials (id),
  period INTEGER NOT NULL CHECK (period >= 0),
  threshold INTEGER NOT NULL CHECK (threshold >= 0),
  run TEXT NOT NULL,            -- a random token of the run holding the claim
  claimed_at INTEGER NOT NULL,  -- seconds since 1970-01-01 UTC, by the machine's clock
  PRIMARY KEY (credential_id, period, threshold)
);

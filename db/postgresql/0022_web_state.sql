-- As db/migrations/0022 on SQLite. What the web server keeps from one request to the next, in
-- the database rather than in one process's memory: several peercert-serve processes on one
-- database act as one, and a restart keeps staff logged in. Tokens and counted keys (names, addresses) are kept only as
-- their SHA-256, in hex; times are Unix seconds (milliseconds for counters).
CREATE TABLE web_sessions (
  token_hash TEXT COLLATE "C" PRIMARY KEY,
  user_name TEXT COLLATE "C" NOT NULL,
  role TEXT COLLATE "C" NOT NULL CHECK (role IN ('staff', 'admin')),
  csrf TEXT COLLATE "C" NOT NULL,
  user_version BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX web_sessions_by_expiry ON web_sessions (expires_at);
-- A login whose password held and whose second factor is still to come.
CREATE TABLE web_pending_logins (
  token_hash TEXT COLLATE "C" PRIMARY KEY,
  user_name TEXT COLLATE "C" NOT NULL,
  role TEXT COLLATE "C" NOT NULL CHECK (role IN ('staff', 'admin')),
  user_version BIGINT NOT NULL,  -- the user's session_version at the password
  next TEXT COLLATE "C" NOT NULL,
  must_enrol BIGINT NOT NULL CHECK (must_enrol IN (0, 1)),
  expires_at BIGINT NOT NULL
);
-- Login throttles and verification rate limits: `used` tries or lookups since `since`.
CREATE TABLE web_counters (
  kind TEXT COLLATE "C" NOT NULL,
  key_hash TEXT COLLATE "C" NOT NULL,
  used BIGINT NOT NULL,
  since BIGINT NOT NULL,
  PRIMARY KEY (kind, key_hash)
);
CREATE INDEX web_counters_by_since ON web_counters (kind, since);

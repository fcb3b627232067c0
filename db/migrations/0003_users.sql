-- peercert schema 3: staff users of the web pages. Passwords are stored only as
-- Argon2id hashes (libsodium's crypto_pwhash_str).

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('staff', 'admin')),
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

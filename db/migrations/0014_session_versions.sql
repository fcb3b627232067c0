-- peercert schema 14: a staff user's sessions end when their password changes. Each session
-- carries the version its user had at login; changing or resetting the password, or disabling
-- the user, moves the version on, so every session started before is refused.

ALTER TABLE users ADD COLUMN session_version INTEGER NOT NULL DEFAULT 0;

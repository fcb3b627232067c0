-- peercert schema 18: what a board says about itself (DESIGN.md, "Moving in, running it,
-- reading it right"): its name, contact, address, where to renew and its public address, for
-- reminder emails' footer, the certificate's QR code and the pages. One row per setting set.

CREATE TABLE board_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

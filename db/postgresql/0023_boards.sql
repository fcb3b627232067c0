-- As db/migrations/0023 on SQLite. Boards: one installation serving several boards, each with
-- its programs and its staff. A program belongs to at most one board; a staff user sees the
-- records of their boards' programs, or of every program (all_boards, which every user made
-- before boards is).
CREATE TABLE boards (
  id TEXT COLLATE "C" PRIMARY KEY,
  name TEXT COLLATE "C" NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL
);
CREATE TABLE board_programs (
  program TEXT COLLATE "C" PRIMARY KEY,
  board_id TEXT COLLATE "C" NOT NULL REFERENCES boards (id)
);
CREATE INDEX board_programs_by_board ON board_programs (board_id);
ALTER TABLE users ADD COLUMN all_boards BIGINT NOT NULL DEFAULT 1 CHECK (all_boards IN (0, 1));
CREATE TABLE user_boards (
  user_id BIGINT NOT NULL REFERENCES users (id),
  board_id TEXT COLLATE "C" NOT NULL REFERENCES boards (id),
  PRIMARY KEY (user_id, board_id)
);

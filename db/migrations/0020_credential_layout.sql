-- Each credential with its current certificate period, in one row ordered by that period's
-- last valid day: what the reminder report, its page, the summary and the chart read as one
-- range of this table, with no look-up per credential. The row carries the credential's own
-- columns (as in credentials), every period and every CE total of the credential, each list
-- as text: periods "number,cycle_index,starts_on,expires_on,counts_from,began" and totals
-- "slot,category,delivery,hours,first_on,last_on", joined by ';'. Triggers keep it in step
-- with every write to credentials, credential_cycles and ce_cycle_totals; `peercert db
-- rebuild-totals` makes it again from them. A credential without a period has no row.
CREATE TABLE credential_layout (
  expires_on TEXT NOT NULL,
  id INTEGER NOT NULL,
  credential_number TEXT NOT NULL,
  program TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  email TEXT,
  applicant_id INTEGER,
  application_id INTEGER,
  created_at TEXT NOT NULL,
  date_of_birth TEXT,
  imported_expires_on TEXT,
  period INTEGER NOT NULL,
  periods TEXT NOT NULL,
  totals TEXT,
  PRIMARY KEY (expires_on, credential_number)
) WITHOUT ROWID;
CREATE UNIQUE INDEX credential_layout_by_credential ON credential_layout (id);
CREATE INDEX credential_layout_by_program ON credential_layout (program, expires_on);

-- What credential_layout holds, made from the tables it follows; `WHERE id = ?` reads one
-- credential's row.
CREATE VIEW credential_layout_source AS
SELECT p.expires_on, c.id, c.credential_number, c.program, c.issued_on, c.first_name,
       c.last_name, c.email, c.applicant_id, c.application_id, c.created_at, c.date_of_birth,
       c.imported_expires_on, p.number AS period,
       (SELECT group_concat(q.number || ',' || coalesce(q.cycle_index, '') || ',' ||
                            q.starts_on || ',' || q.expires_on || ',' || q.counts_from || ',' ||
                            q.began, ';')
        FROM credential_cycles q WHERE q.credential_id = c.id) AS periods,
       (SELECT group_concat(t.slot || ',' || t.category || ',' || t.delivery || ',' ||
                            t.hours || ',' || t.first_on || ',' || t.last_on, ';')
        FROM ce_cycle_totals t WHERE t.credential_id = c.id) AS totals
FROM credentials c
JOIN credential_cycles p ON p.credential_id = c.id
 AND p.number = (SELECT max(m.number) FROM credential_cycles m WHERE m.credential_id = c.id);

CREATE TRIGGER credential_layout_cycle_added AFTER INSERT ON credential_cycles BEGIN
  DELETE FROM credential_layout WHERE id = NEW.credential_id;
  INSERT INTO credential_layout SELECT * FROM credential_layout_source WHERE id = NEW.credential_id;
END;
CREATE TRIGGER credential_layout_cycle_changed AFTER UPDATE ON credential_cycles BEGIN
  DELETE FROM credential_layout WHERE id IN (OLD.credential_id, NEW.credential_id);
  INSERT INTO credential_layout SELECT * FROM credential_layout_source
    WHERE id IN (OLD.credential_id, NEW.credential_id);
END;
CREATE TRIGGER credential_layout_cycle_removed AFTER DELETE ON credential_cycles BEGIN
  DELETE FROM credential_layout WHERE id = OLD.credential_id;
  INSERT INTO credential_layout SELECT * FROM credential_layout_source WHERE id = OLD.credential_id;
END;
CREATE TRIGGER credential_layout_holder_changed AFTER UPDATE ON credentials BEGIN
  DELETE FROM credential_layout WHERE id IN (OLD.id, NEW.id);
  INSERT INTO credential_layout SELECT * FROM credential_layout_source WHERE id IN (OLD.id, NEW.id);
END;
CREATE TRIGGER credential_layout_holder_removed AFTER DELETE ON credentials BEGIN
  DELETE FROM credential_layout WHERE id = OLD.id;
END;
CREATE TRIGGER credential_layout_total_added AFTER INSERT ON ce_cycle_totals BEGIN
  UPDATE credential_layout SET totals = (SELECT totals FROM credential_layout_source
                                         WHERE id = NEW.credential_id)
    WHERE id = NEW.credential_id;
END;
CREATE TRIGGER credential_layout_total_changed AFTER UPDATE ON ce_cycle_totals BEGIN
  UPDATE credential_layout SET totals = (SELECT totals FROM credential_layout_source
                                         WHERE id = credential_layout.id)
    WHERE id IN (OLD.credential_id, NEW.credential_id);
END;
CREATE TRIGGER credential_layout_total_removed AFTER DELETE ON ce_cycle_totals BEGIN
  UPDATE credential_layout SET totals = (SELECT totals FROM credential_layout_source
                                         WHERE id = OLD.credential_id)
    WHERE id = OLD.credential_id;
END;

INSERT INTO credential_layout SELECT * FROM credential_layout_source;

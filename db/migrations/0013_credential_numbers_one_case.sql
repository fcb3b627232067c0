-- peercert schema 13: credential numbers are one case. A number differing from one on file
-- only in case is the same number: every stored number becomes upper-case, except where two
-- numbers differ only in case (look-alikes). Those stay as stored until staff mend them with
-- `peercert credential renumber` (`peercert db check` lists them). The audit log stays as it
-- was written, and each of its rows about a renumbered credential also names the new number,
-- so that asking the log about the credential still finds them; the personal values it holds
-- follow the number, so that erasure still reaches them.

CREATE TEMP TABLE lower_numbers AS
  SELECT id, credential_number AS old, upper(credential_number) AS new
  FROM credentials WHERE credential_number <> upper(credential_number);
CREATE INDEX temp.lower_numbers_by_new ON lower_numbers (new);

CREATE TEMP TABLE renumbered AS
  SELECT id, old, new FROM lower_numbers l
  WHERE NOT EXISTS (SELECT 1 FROM credentials o WHERE o.credential_number = l.new)
    AND NOT EXISTS (SELECT 1 FROM lower_numbers m WHERE m.new = l.new AND m.id <> l.id);
CREATE UNIQUE INDEX temp.renumbered_by_old ON renumbered (old);

UPDATE credentials SET credential_number = (SELECT new FROM renumbered r WHERE r.id = credentials.id)
  WHERE id IN (SELECT id FROM renumbered);

UPDATE audit_values
  SET person = 'credential:' || (SELECT new FROM renumbered r WHERE 'credential:' || r.old = person)
  WHERE person IN (SELECT 'credential:' || old FROM renumbered);

INSERT INTO audit_subjects (audit_id, entity, entity_id)
  SELECT l.id, 'credential', r.new FROM renumbered r
    JOIN audit_log l ON l.entity = 'credential' AND l.entity_id = r.old
  UNION
  SELECT s.audit_id, 'credential', r.new FROM renumbered r
    JOIN audit_subjects s ON s.entity = 'credential' AND s.entity_id = r.old;

DROP TABLE renumbered;
DROP TABLE lower_numbers;

-- The numbers that stayed as stored, found by their upper-case form: a look-up of a typed
-- number reads this small index after the unique one.
CREATE INDEX credentials_lookalike ON credentials (upper(credential_number))
  WHERE credential_number <> upper(credential_number);

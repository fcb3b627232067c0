#!/usr/bin/python3
"""Six defects found in review, kept as tests. Each starts over a fresh database and says ok
or FAIL:

  notify-twice        two `notify reminders` runs at once against a slow mail server: each of
                      45 due holders gets one message (before: 90, every holder two).
  outbox-traversal    a credential number `../../../escaped` or `/tmp/.../abs` is refused on
                      import, and a dry run over such a number stored earlier writes nothing
                      outside --outbox (before: both imported, and the dry run wrote the
                      message wherever the number pointed).
  look-alike-numbers  `mo-cps-000900` is the same number as `MO-CPS-000900`, so a second
                      holder cannot take it, and `TX-MHPS-…` cannot be a MO-CPS number (before:
                      both imported; verification could answer the impostor).
  stale-session       changing a user's password ends the sessions opened with the old one
                      (before: the old session cookie kept working).
  header-escape       an unknown CSV column with terminal escapes and a NUL is shown as text,
                      and the message goes on past the NUL (before: raw escapes reached the
                      terminal and the message stopped at the NUL).
  email-controls      an email with a control character is refused on import and on
                      `credential update` (before: stored as given, both ways).
  verify-per-day      `serve --verify-per-day N` caps public verification lookups board-wide,
                      whatever the source address (before: no such option; one lookup budget
                      per address let anyone with many addresses walk the register).

    defects.py --peercert PATH --rules DIR [NAME ...]

Without names every attack runs. Everything listens on and connects from 127.0.0.x only.
With PEERCERT_TEST_POSTGRESQL set, each database is one of that PostgreSQL server's
(tests/backend.py).
"""
import argparse
import email
import email.policy
import json
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import backend  # noqa: E402: an SQLite file or a PostgreSQL database (tests/backend.py)
from attacks import Serving  # noqa: E402

SINK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "mail", "smtp_sink.py")
PASSWORD = "correct horse battery"
HEADER = "credential_number,program,issued_on,first_name,last_name,email"


class Db:
    """A fresh database in a folder of its own, and the peercert commands that use it."""

    def __init__(self, args):
        self.args = args
        self.dir = tempfile.mkdtemp(prefix="peercert-defect-")
        self.path = backend.database(self.dir, "p.db")
        self.env = dict(os.environ, PEERCERT_DB=self.path, PEERCERT_RULES=args.rules, TZ="UTC",
                        HOME=self.dir, PEERCERT_NOW="2026-11-24T12:00:00Z",
                        PEERCERT_ACTOR="tester", PEERCERT_SMTP_TIMEOUT="10")
        self.env.setdefault("ASAN_OPTIONS", "detect_leaks=0")
        for secret in ("PEERCERT_SMTP_USER", "PEERCERT_SMTP_PASSWORD"):
            self.env.pop(secret, None)

    def argv(self, *argv):
        return [self.args.peercert, "--as-of", "2026-11-24", *argv]

    def run(self, *argv, stdin=None):
        """Bytes in, bytes out: stderr is judged byte by byte."""
        return subprocess.run(self.argv(*argv), env=self.env, capture_output=True,
                              input=stdin.encode() if isinstance(stdin, str) else stdin,
                              timeout=60)

    def csv(self, rows, name="holders.csv", header=HEADER.encode()):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(header + b"\n")
            for row in rows:
                f.write(",".join(row).encode() + b"\n")
        return path

    def import_rows(self, rows, name="holders.csv"):
        return self.run("credential", "import", self.csv(rows, name))

    def sql(self, query, *params):
        """The rows of `query` (`?` for each parameter); a change is committed."""
        return backend.query(self.path, query, *params)

    def dump(self):
        """Every table's rows (peercert db dump): what a refusal must leave as it was."""
        return backend.dump(self.args.peercert, self.path, self.env)


def text(b):
    return b.decode("utf-8", "replace").strip()


def refused(db, result, before, field):
    """What is wrong with a refusal: it must exit 2, name the field, and write nothing."""
    wrong = []
    if result.returncode != 2:
        wrong.append(f"exit {result.returncode}")
    if field.encode() not in result.stderr:
        wrong.append(f"stderr does not name {field}")
    if db.dump() != before:
        wrong.append("the database changed")
    return wrong


class Server(Serving):
    """`peercert serve` over the database of a Db."""

    def __init__(self, db, *flags):
        super().__init__(db.argv(), db.env, db.dir, *flags)

    def session_login(self, name, password):
        """The status of the login and the session cookie it set, if any."""
        status, cookies = self.login(name, password)
        session = [c.split(";")[0] for c in cookies
                   if c.startswith("peercert_session=") and not c.startswith("peercert_session=;")]
        return status, session[0] if session else None


def notify_twice(args):
    db = Db(args)
    rows = [(f"MO-CPS-{201 + i:06d}", "MO-CPS", f"2024-12-{1 + i % 28:02d}" if i < 28 else
             f"2025-01-{i - 27:02d}", "Holder", f"Number{i + 1:02d}", f"h{i + 1:02d}@example.org")
            for i in range(45)]
    imported = db.import_rows(rows)
    if imported.returncode != 0:
        return False, f"the import failed: {text(imported.stderr)}"
    folder = os.path.join(db.dir, "sink")
    sink = subprocess.Popen(["/usr/bin/python3", SINK, folder, "--delay-ms", "50"],
                            stdout=subprocess.PIPE, text=True)
    try:
        port = int(sink.stdout.readline().split()[1])
        argv = db.argv("notify", "reminders", "--smtp", f"smtp://127.0.0.1:{port}",
                       "--from", "board@example.org")
        runs = [subprocess.Popen(argv, env=db.env, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE) for _ in range(2)]
        outs = [r.communicate(timeout=60) for r in runs]
    finally:
        sink.terminate()
        sink.wait(timeout=10)
    to = []
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), "rb") as f:
            to.append(email.message_from_binary_file(f, policy=email.policy.default)
                      ["X-Envelope-To"])
    recorded = db.sql("SELECT count(*) FROM reminders_sent")[0][0]
    codes = [r.returncode for r in runs]
    ok = codes == [0, 0] and len(to) == 45 and len(set(to)) == 45 and recorded == 45
    detail = (f"exits {codes}; the sink got {len(to)} messages for {len(set(to))} holders; "
              f"{recorded} recorded as sent")
    for code, (_, err) in zip(codes, outs):
        if code != 0:
            detail += f"; stderr: {text(err)[:200]}"
    return ok, detail


def files_under(folder):
    return {os.path.join(d, f) for d, _, names in os.walk(folder) for f in names}


def escaped_in_tmp():
    return {n for n in os.listdir("/tmp") if n.lower().startswith("escaped")}


def outbox_traversal(args):
    db = Db(args)
    wrong = []
    first = db.import_rows([("MO-CPS-000301", "MO-CPS", "2024-12-20", "Val", "Id",
                             "val@example.org")])
    if first.returncode != 0:
        return False, f"a valid import failed: {text(first.stderr)}"
    tmp_before = escaped_in_tmp()
    for number in ("../../../escaped", os.path.join(db.dir, "abs")):
        before = db.dump()
        result = db.import_rows([(number, "MO-CPS", "2024-12-21", "Eve", "Sly",
                                  "eve@example.org")])
        why = refused(db, result, before, "credential_number")
        if why:
            wrong.append(f"import of {number!r}: {', '.join(why)}")
    # Numbers stored before the fix: one climbing out of the outbox, one absolute.
    legacy = db.import_rows([("MO-CPS-000302", "MO-CPS", "2024-12-22", "Leg", "Acy",
                              "leg@example.org"),
                             ("MO-CPS-000303", "MO-CPS", "2024-12-23", "Abs", "Olute",
                              "abs@example.org")], "legacy.csv")
    if legacy.returncode != 0:
        return False, f"a valid import failed: {text(legacy.stderr)}"
    absolute = os.path.join(db.dir, "escaped-abs")
    db.sql("UPDATE credentials SET credential_number = '../../escaped-legacy' "
           "WHERE credential_number = 'MO-CPS-000302'")
    db.sql("UPDATE credentials SET credential_number = ? "
           "WHERE credential_number = 'MO-CPS-000303'", absolute)
    outbox = os.path.join(db.dir, "a", "b", "outbox")
    files_before = files_under(db.dir)
    run = db.run("notify", "reminders", "--from", "board@example.org", "--dry-run",
                 "--outbox", outbox)
    outside = sorted(os.path.relpath(f, db.dir) for f in files_under(db.dir) - files_before
                     if not f.startswith(outbox + os.sep) and
                     not os.path.basename(f).startswith("p.db"))
    outside += sorted("/tmp/" + n for n in escaped_in_tmp() - tmp_before)
    if outside:
        wrong.append(f"the dry run wrote outside the outbox: {outside}")
    inside = sorted(os.listdir(outbox)) if os.path.isdir(outbox) else []
    # The stored numbers still get their messages, each under one plain name in the outbox.
    if run.returncode != 0 or len(inside) != 3 or any("/" in n or n.startswith(".")
                                                      for n in inside):
        wrong.append("the dry run did not write the three messages inside the outbox")
    ok = not wrong
    detail = "; ".join(wrong) if wrong else "both numbers refused on import"
    return ok, (f"{detail}; the dry run exited {run.returncode} with {inside} in the outbox"
                + (f" ({text(run.stderr)[:150]})" if run.returncode else ""))


def look_alike_numbers(args):
    db = Db(args)
    wrong = []
    first = db.import_rows([("MO-CPS-000900", "MO-CPS", "2025-06-01", "Ada", "Lovelace",
                             "ada@example.org")])
    if first.returncode != 0:
        return False, f"a valid import failed: {text(first.stderr)}"
    for row, what in ((("mo-cps-000900", "MO-CPS", "2025-06-02", "Bob", "Other",
                        "bob@example.org"), "mo-cps-000900 for another holder"),
                      (("TX-MHPS-000901", "MO-CPS", "2025-06-03", "Tex", "Ranger",
                        "tex@example.org"), "TX-MHPS-000901 as a MO-CPS number")):
        before = db.dump()
        why = refused(db, db.import_rows([row]), before, "credential_number")
        if why:
            wrong.append(f"import of {what}: {', '.join(why)}")
    s = Server(db)
    try:
        status, _, body = s.ask("GET", "/api/verify?number=mo-cps-000900",
                                    headers={"Accept": "application/json"})
    finally:
        s.stop()
    try:
        found = json.loads(body)
    except ValueError:
        found = body
    if not (status == 200 and isinstance(found, list) and len(found) == 1 and
            found[0].get("credential_number") == "MO-CPS-000900" and
            "Lovelace" in found[0].get("name", "")):
        wrong.append(f"verify mo-cps-000900 answered {status} {body.strip()[:160]}")
    added = db.import_rows([("mo-cps-000902", "MO-CPS", "2025-06-04", "Cy", "Lower",
                             "cy@example.org")], "lower.csv")
    status = db.run("renewal", "status", "--credential", "mo-cps-000902", "--format", "json")
    try:
        stored = json.loads(status.stdout)["credential_number"]
    except (ValueError, KeyError, TypeError):
        stored = text(status.stderr)[:120]
    if added.returncode != 0 or stored != "MO-CPS-000902":
        wrong.append(f"lower-case mo-cps-000902: import exit {added.returncode}, "
                     f"stored as {stored!r}")
    return not wrong, "; ".join(wrong) or "look-alikes refused, lookups and storage upper-case"


def stale_session(args):
    db = Db(args)
    new_password = "a different long one"
    add = db.run("user", "add", "--name", "dana", "--password-stdin", stdin=PASSWORD + "\n")
    if add.returncode != 0:
        return False, f"user add failed: {text(add.stderr)}"
    s = Server(db)
    try:
        status, cookie = s.session_login("dana", PASSWORD)
        if status != 303 or not cookie:
            return False, f"the login answered {status} with no session cookie"
        browser = {"Cookie": cookie, "Accept": "text/html"}
        before = s.ask("GET", "/staff/", headers=browser)[0]
        change = db.run("user", "password", "dana", "--password-stdin", stdin=new_password + "\n")
        after, headers, _ = s.ask("GET", "/staff/", headers=browser)
        where = headers.get("Location", "")
        again, fresh = s.session_login("dana", new_password)
        fresh_status = s.ask("GET", "/staff/", headers={"Cookie": fresh})[0] if fresh else None
    finally:
        s.stop()
    ok = (before == 200 and change.returncode == 0 and after == 303 and
          re.search(r"/login($|\?)", where) is not None and again == 303 and fresh_status == 200)
    return ok, (f"/staff/ with the session: {before}; password change exit {change.returncode}; "
                f"the old session afterwards: {after} {where}; a new login: {again}, "
                f"/staff/ {fresh_status}")


def header_escape(args):
    db = Db(args)
    column = b"evil\x1b]0;pwned\x07\x1b[2J\x00after-nul"
    path = db.csv([("MO-CPS-000400", "MO-CPS", "2025-01-01", "A", "B", "a@example.org", "x")],
                  header=HEADER.encode() + b"," + column)
    result = db.run("credential", "import", path)
    err = result.stderr
    raw = sorted({f"0x{b:02x}" for b in err.rstrip(b"\n") if b < 0x20 or b == 0x7f})
    wrong = []
    if result.returncode != 2:
        wrong.append(f"exit {result.returncode}")
    if raw:
        wrong.append(f"raw bytes {', '.join(raw)} in stderr")
    if b"\\x1b" not in err:
        wrong.append("the escapes are not shown as \\x1b")
    if HEADER.encode() not in err or b"\\x00after-nul" not in err:
        wrong.append("the message stops before saying what the header must be")
    return not wrong, ("; ".join(wrong) or "shown as text, whole") + f": {err!r}"[:260]


def email_controls(args):
    db = Db(args)
    wrong = []
    bad = "a\x01b@example.org"
    first = db.import_rows([("MO-CPS-000500", "MO-CPS", "2025-01-01", "Good", "Mail",
                             "good@example.org")])
    if first.returncode != 0:
        return False, f"a valid import failed: {text(first.stderr)}"
    before = db.dump()
    why = refused(db, db.import_rows([("MO-CPS-000501", "MO-CPS", "2025-01-02", "Bad", "Mail",
                                       bad)], "bad.csv"), before, "email")
    if why:
        wrong.append(f"import: {', '.join(why)}")
    before = db.dump()
    why = refused(db, db.run("credential", "update", "MO-CPS-000500", "--email", bad), before,
                  "email")
    if why:
        wrong.append(f"credential update --email: {', '.join(why)}")
    stored = [e for (e,) in db.sql("SELECT email FROM credentials") if e and "\x01" in e]
    if stored:
        wrong.append(f"stored: {stored!r}")
    return not wrong, "; ".join(wrong) or "refused on import and on update"


def verify_per_day(args):
    db = Db(args)
    first = db.import_rows([("MO-CPS-000600", "MO-CPS", "2025-01-01", "Pat", "Public",
                             "pat@example.org")])
    if first.returncode != 0:
        return False, f"a valid import failed: {text(first.stderr)}"
    try:
        s = Server(db, "--verify-per-day", "3")
    except RuntimeError as e:
        return False, str(e)[:240]
    try:
        statuses = [s.ask("GET", f"/api/verify?number={number}",
                              headers={"Accept": "application/json"}, source=f"127.0.0.{i}")[0]
                    for i, number in ((2, "MO-CPS-000600"), (3, "MO-CPS-000999"),
                                      (4, "MO-CPS-000600"), (5, "MO-CPS-000600"))]
    finally:
        s.stop()
    ok = all(st in (200, 404) for st in statuses[:3]) and statuses[3] == 429
    return ok, f"lookups from 127.0.0.2, .3, .4, .5 answered {statuses}"


ATTACKS = {"notify-twice": notify_twice, "outbox-traversal": outbox_traversal,
           "look-alike-numbers": look_alike_numbers, "stale-session": stale_session,
           "header-escape": header_escape, "email-controls": email_controls,
           "verify-per-day": verify_per_day}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--peercert", required=True)
    parser.add_argument("--rules", required=True)
    parser.add_argument("names", nargs="*", metavar="NAME", help=", ".join(ATTACKS))
    args = parser.parse_args()
    for name in args.names:
        if name not in ATTACKS:
            parser.error(f"{name} is not an attack: {', '.join(ATTACKS)}")
    args.peercert = os.path.abspath(args.peercert)
    args.rules = os.path.abspath(args.rules)
    passed = failed = 0
    for name in args.names or ATTACKS:
        try:
            ok, detail = ATTACKS[name](args)
        except Exception as e:  # the attack could not even run: a failure too
            ok, detail = False, f"{type(e).__name__}: {e}"
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}", flush=True)
        passed, failed = passed + ok, failed + (not ok)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Kills peercert with SIGKILL at random points of its writes, then checks what it left:

  ceu-import         a 20,000-row roster: either every row or none is stored, and the
                     period totals agree with a recount of the entries
  credential-import  a 2,000-holder file with their first periods: every holder or none
  backup             the file asked for is absent, or a whole database that checks out
  approve            an application either still submitted with no credential, or approved
                     with its credential and first period

After each kill the database passes PRAGMA integrity_check, and running the command again to
its end gives the same result as an uninterrupted run (idempotent rerun).

    crash.py --peercert PATH --rules DIR [--runs N] [NAME ...]

With PEERCERT_TEST_POSTGRESQL set, each database is one of that PostgreSQL server's
(tests/backend.py); what is about the SQLite file (PRAGMA integrity_check, and the backup
case: peercert backup copies the SQLite file) is left out there, saying so.
"""
import argparse
import os
import random
import signal
import sqlite3  # the SQLite file and its backup copies, on SQLite only
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import backend  # noqa: E402: an SQLite file or a PostgreSQL database (tests/backend.py)

AS_OF = "2026-11-24"


class Case:
    def __init__(self, args, name):
        self.args = args
        self.dir = tempfile.mkdtemp(prefix=f"peercert-crash-{name}-")
        self.db = backend.database(self.dir, "p.db")
        self.env = dict(os.environ, PEERCERT_DB=self.db, PEERCERT_RULES=args.rules, TZ="UTC",
                        HOME=self.dir)

    def run(self, *argv, check=True, stdin=None):
        r = subprocess.run([self.args.peercert, "--as-of", AS_OF, *argv], env=self.env,
                           capture_output=True, text=True, input=stdin)
        if check and r.returncode != 0:
            raise RuntimeError(f"{argv}: exit {r.returncode}: {r.stderr.strip()}")
        return r

    def start(self, *argv):
        return subprocess.Popen([self.args.peercert, "--as-of", AS_OF, *argv], env=self.env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def query(self, sql, path=None):
        """Rows of the case's database, or of the SQLite file `path` (a backup copy)."""
        if path is None:
            return backend.query(self.db, sql)
        c = sqlite3.connect(path)
        try:
            return c.execute(sql).fetchall()
        finally:
            c.close()

    def intact(self, path=None):
        """Whether the SQLite file (the case's, or `path`) passes PRAGMA integrity_check."""
        if path is None and not backend.sqlite_only("PRAGMA integrity_check after each kill"):
            return True
        return self.query("PRAGMA integrity_check", path) == [("ok",)]

    def file(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            f.write(text)
        return path


def credentials_csv(n, expires=True):
    """Holders certified in 2016 with their current expiry (or, without, the six columns of
    the first edition, so that a case can run against a build from before the fixes)."""
    rows = ["credential_number,program,issued_on,first_name,last_name,email" +
            (",expires_on" if expires else "")]
    for i in range(n):
        rows.append(f"MO-CPS-{i:06d},MO-CPS,2016-0{1 + i % 9}-1{i % 9},First{i},Last{i}," +
                    (f",2027-0{1 + i % 9}-0{1 + i % 9}" if expires else ""))
    return "\n".join(rows) + "\n"


def roster_csv(n):
    rows = ["credential_number,completed_on,hours,category,delivery,provider,title"]
    for i in range(n):
        rows.append(f"MO-CPS-{i % 50:06d},2026-0{1 + i % 9}-1{i % 9},1,general,live,P{i},T{i}")
    return "\n".join(rows) + "\n"


def kill_during(case, argv, seconds):
    """Starts argv and kills it with SIGKILL after a random part of `seconds`."""
    proc = case.start(*argv)
    time.sleep(random.uniform(0, seconds))
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def timed(case, argv):
    started = time.time()
    case.run(*argv)
    return time.time() - started


def ceu_import(args, run):
    c = Case(args, "ceu")
    c.run("credential", "import", c.file("c.csv", credentials_csv(50)))
    roster = c.file("r.csv", roster_csv(20000))
    probe = Case(args, "ceu-probe")
    probe.run("credential", "import", probe.file("c.csv", credentials_csv(50)))
    seconds = timed(probe, ["ceu", "import", probe.file("r.csv", roster_csv(20000))])
    kill_during(c, ["ceu", "import", roster], seconds * 1.2)
    rows = c.query("SELECT count(*) FROM ce_entries")[0][0]
    stale = totals_stale(c)
    ok = c.intact() and rows in (0, 20000) and stale == 0
    c.run("ceu", "import", roster)
    again = c.query("SELECT count(*) FROM ce_entries")[0][0]
    stale_after = totals_stale(c)
    return ok and again == 20000 and stale_after == 0, (
        f"{rows} rows after the kill, {again} after the rerun; "
        f"{stale} and {stale_after} period totals differ from a recount")


# The period totals recounted from the entries, in Python: each entry that counts goes to the
# period it records; an entry records the period whose CE window holds its day, where one does
# (this test's holders are MO-CPS, whose windows are their periods). Returns how many totals
# differ, plus how many entries record another period.
def totals_stale(case):
    windows = {}
    for credential, number, counts_from, expires in case.query(
            "SELECT credential_id, number, counts_from, expires_on FROM credential_cycles"):
        windows.setdefault(credential, []).append((counts_from, expires, number))
    counted = {}
    misplaced = 0
    for credential, on, hours, category, delivery, period in case.query(
            "SELECT credential_id, completed_on, hours, category, delivery, counts_in "
            "FROM ce_entries WHERE voided_at IS NULL"):
        holding = [n for start, end, n in windows.get(credential, []) if start <= on <= end]
        if holding and holding != [period]:
            misplaced += 1
        if period is None:
            continue
        key = (credential, period, category, delivery)
        h, n, first, last = counted.get(key, (0, 0, on, on))
        counted[key] = (h + hours, n + 1, min(first, on), max(last, on))
    kept = {(r[0], r[1], r[2], r[3]): tuple(r[4:]) for r in case.query(
        "SELECT credential_id, slot, category, delivery, hours, entries, first_on, last_on "
        "FROM ce_cycle_totals")}
    return misplaced + sum(1 for k in set(kept) | set(counted) if kept.get(k) != counted.get(k))


def credential_import(args, run):
    c = Case(args, "credentials")
    c.run("applicant", "add", "--first-name", "Setup", "--last-name", "Row")  # makes the database
    holders = c.file("c.csv", credentials_csv(2000))
    probe = Case(args, "credentials-probe")
    seconds = timed(probe, ["credential", "import", probe.file("c.csv", credentials_csv(2000))])
    kill_during(c, ["credential", "import", holders], seconds * 1.2)
    count = c.query("SELECT count(*) FROM credentials")[0][0]
    periods = c.query("SELECT count(*) FROM credential_cycles")[0][0]
    ok = c.intact() and count in (0, 2000) and periods == count
    c.run("credential", "import", holders)
    again = c.query("SELECT count(*), (SELECT count(*) FROM credential_cycles) FROM credentials")[0]
    return ok and again == (2000, 2000), (f"{count} holders and {periods} periods after the kill;"
                                          f" {again[0]} and {again[1]} after the rerun")


def backup(args, run):
    c = Case(args, "backup")
    c.run("credential", "import", c.file("c.csv", credentials_csv(2000, expires=False)))
    c.run("ceu", "import", c.file("r.csv", roster_csv(20000)))
    target = os.path.join(c.dir, "copy.db")
    probe_target = os.path.join(c.dir, "probe.db")
    seconds = timed(c, ["backup", probe_target])
    # Most often early: the moments when an unfinished copy would be most visible.
    kill_during(c, ["backup", target], seconds * (0.3 if run % 2 == 0 else 1.2))
    left = sorted(f for f in os.listdir(c.dir) if f.startswith("copy.db"))
    whole = True
    if os.path.exists(target):
        whole = c.intact(target) and c.query("SELECT count(*) FROM ce_entries", target) == [(20000,)]
    for f in os.listdir(c.dir):  # a partial copy under its hidden name is the rerun's business
        if f.startswith(".copy.db.partial-"):
            os.remove(os.path.join(c.dir, f))
    if os.path.exists(target):
        os.remove(target)
    c.run("backup", target)
    again = c.intact(target) and c.query("SELECT count(*) FROM ce_entries", target) == [(20000,)]
    return whole and c.intact() and again, f"files named as asked after the kill: {left}"


def approve(args, run):
    c = Case(args, "approve")
    c.run("applicant", "add", "--first-name", "Jane", "--last-name", "Doe", "--date-of-birth",
          "1990-05-01", "--education", "ged", "--lived-experience", "yes", "--background-check",
          "passed", "--registry-check", "passed")
    c.run("cohort", "create", "--program", "MO-CPS", "--starts", "2026-09-01")
    c.run("cohort", "apply", "--cohort", "1", "--applicant", "1")
    c.run("cohort", "select", "--cohort", "1")
    for d in range(1, 6):
        c.run("cohort", "attend", "--cohort", "1", "--applicant", "1", "--date",
              f"2026-09-0{d}", "--hours", "7")
    c.run("exam", "record", "--applicant", "1", "--program", "MO-CPS", "--date", "2026-09-10",
          "--proctor", "R", "--passed")
    c.run("application", "submit", "--applicant", "1", "--program", "MO-CPS", "--on",
          "2026-09-20", "--fee-paid", "75")
    kill_during(c, ["application", "approve", "1", "--on", "2026-10-01"], 0.6)
    state = c.query("SELECT status, (SELECT count(*) FROM credentials), "
                    "(SELECT count(*) FROM credential_cycles) FROM applications")[0]
    ok = c.intact() and state in (("submitted", 0, 0), ("approved", 1, 1))
    if state[0] == "submitted":
        c.run("application", "approve", "1", "--on", "2026-10-01")
    else:
        again = c.run("application", "approve", "1", "--on", "2026-10-01", check=False)
        ok = ok and again.returncode == 2  # approved once only
    final = c.query("SELECT status, (SELECT count(*) FROM credentials), "
                    "(SELECT count(*) FROM credential_cycles) FROM applications")[0]
    return ok and final == ("approved", 1, 1), f"{state} after the kill, {final} at the end"


CASES = {"ceu-import": ceu_import, "credential-import": credential_import, "backup": backup,
         "approve": approve}
# peercert backup copies the SQLite file; a PostgreSQL database is backed up by the server's tools.
SQLITE_ONLY = {"backup": "the backup case: peercert backup copies the SQLite file"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--peercert", required=True)
    parser.add_argument("--rules", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("names", nargs="*")
    args = parser.parse_args()
    random.seed(args.seed)
    failures = 0
    for name in args.names or CASES:
        if name in SQLITE_ONLY and not backend.sqlite_only(SQLITE_ONLY[name]):
            continue
        for run in range(args.runs):
            try:
                ok, detail = CASES[name](args, run)
            except Exception as e:
                ok, detail = False, f"{type(e).__name__}: {e}"
            print(f"{'ok  ' if ok else 'FAIL'} {name} #{run + 1}: {detail}", flush=True)
            failures += 0 if ok else 1
    print("passed" if failures == 0 else f"FAILED: {failures}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

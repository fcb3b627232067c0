#!/usr/bin/env python3
"""Four writers and two report readers on one database at once, for a while: every write a
writer was told succeeded is there at the end, no command ever says the database is locked or
busy, and every report reads a consistent database.

  writer 1, 2   applicant add, one process each time
  writer 3      ceu log against its own credential, a new entry each time
  writer 4      credential set-status back and forth with renewal status between
  readers       report reminders --format json, and renewal status

    concurrency.py --peercert PATH --rules DIR [--seconds N]

With PEERCERT_TEST_POSTGRESQL set, the database is one of that PostgreSQL server's
(tests/backend.py), and the SQLite file's integrity check is left out, saying so.
"""
import argparse
import datetime
import json
import os
import sqlite3  # the SQLite file's integrity check, on SQLite only
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import backend  # noqa: E402: an SQLite file or a PostgreSQL database (tests/backend.py)

AS_OF = "2026-11-24"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--peercert", required=True)
    parser.add_argument("--rules", required=True)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="peercert-concurrency-")
    db = backend.database(folder, "p.db")
    env = dict(os.environ, PEERCERT_DB=db, PEERCERT_RULES=args.rules, TZ="UTC", HOME=folder)

    def run(*argv):
        return subprocess.run([args.peercert, "--as-of", AS_OF, *argv], env=env,
                              capture_output=True, text=True)

    holders = os.path.join(folder, "c.csv")
    with open(holders, "w") as f:
        f.write("credential_number,program,issued_on,first_name,last_name,email,expires_on\n")
        for i in range(200):
            f.write(f"MO-CPS-{i:06d},MO-CPS,2016-04-0{1 + i % 9},F{i},L{i},,2027-0{1 + i % 3}-01\n")
    if run("credential", "import", holders).returncode != 0:
        sys.exit("could not seed the database")

    stop = time.time() + args.seconds
    lock = threading.Lock()
    problems = []
    done = {"applicants": 0, "ce": 0, "status": 0, "reports": 0}

    def note(r, what):
        text = (r.stderr or "").lower()
        if r.returncode != 0 or "locked" in text or "busy" in text:
            with lock:
                problems.append(f"{what}: exit {r.returncode}: {r.stderr.strip()}")
            return False
        return True

    def add_applicants(n):
        i = 0
        while time.time() < stop:
            if note(run("applicant", "add", "--first-name", f"W{n}", "--last-name", f"N{i}"),
                    "applicant add"):
                with lock:
                    done["applicants"] += 1
            i += 1

    def log_ce():
        i = 0
        while time.time() < stop:
            day = f"2026-{1 + i % 10:02d}-{1 + i % 28:02d}"
            if note(run("ceu", "log", "--credential", "MO-CPS-000001", "--date", day, "--hours",
                        "0.25", "--category", "general", "--delivery", "live", "--provider",
                        "P", "--title", f"T{i}"), "ceu log"):
                with lock:
                    done["ce"] += 1
            i += 1

    def flip_status():
        i = 0
        while time.time() < stop:
            status = "suspended" if i % 2 == 0 else "active"
            # A later day each time (a change before the last one is refused), from 2017 on:
            # room for 3,600 changes before the as-of date.
            day = (datetime.date(2017, 1, 1) + datetime.timedelta(days=i)).isoformat()
            if note(run("credential", "set-status", "MO-CPS-000002", "--status", status, "--on",
                        day, "--reason", f"step {i}"), "set-status"):
                with lock:
                    done["status"] += 1
            note(run("renewal", "status", "--credential", "MO-CPS-000002"), "renewal status")
            i += 1

    def read_reports():
        while time.time() < stop:
            r = run("report", "reminders", "--format", "json")
            if note(r, "report reminders"):
                json.loads(r.stdout)  # whole and well-formed
                with lock:
                    done["reports"] += 1

    threads = [threading.Thread(target=add_applicants, args=(1,)),
               threading.Thread(target=add_applicants, args=(2,)),
               threading.Thread(target=log_ce), threading.Thread(target=flip_status),
               threading.Thread(target=read_reports), threading.Thread(target=read_reports)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    applicants = backend.query(db, "SELECT count(*) FROM applicants")[0][0]
    entries = backend.query(db, "SELECT count(*) FROM ce_entries")[0][0]
    changes = backend.query(db, "SELECT count(*) FROM credential_status_changes")[0][0]
    intact = True
    if backend.sqlite_only("PRAGMA integrity_check of the file at the end"):
        c = sqlite3.connect(db)
        intact = c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        c.close()
    lost = (applicants != done["applicants"] or entries != done["ce"] or
            changes != done["status"])
    print(f"{args.seconds:.0f} s: {done['applicants']} applicants, {done['ce']} CE entries and "
          f"{done['status']} status changes written; {done['reports']} reports read; stored "
          f"{applicants}, {entries}, {changes}; integrity "
          f"{'left out' if backend.on_postgresql() else 'ok' if intact else 'FAILED'}")
    for p in problems[:10]:
        print("problem:", p)
    ok = not problems and not lost and intact and min(done.values()) > 0
    print("passed" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""`peercert notify reminders` against a local SMTP sink (smtp_sink.py): a dry run writes the
messages and records nothing; a real run sends each due holder one message with the right
days and hours, which the sink keeps and this test reads back; a second run sends none; a
server that refuses, drops the connection or cannot be reached stops the run with the reason,
a message another run claimed is left to it until the claim's lease has passed,
what was sent stays recorded and a rerun sends the rest, never one twice; bad input changes
nothing. With PEERCERT_TEST_POSTGRESQL set, each database is one of that PostgreSQL server's
(tests/backend.py).

  notify_test.py --peercert PATH --rules DIR --fixtures DIR"""
import argparse
import email
import email.policy
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import backend  # noqa: E402: an SQLite file or a PostgreSQL database (tests/backend.py)

failures = []
SINK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "smtp_sink.py")


def check(condition, what):
    print("ok  " if condition else "FAIL", what)
    if not condition:
        failures.append(what)


class Sink:
    """The SMTP sink, started in its own folder and stopped on leaving."""

    def __init__(self, folder, *flags):
        self.folder = folder
        self.process = subprocess.Popen(["/usr/bin/python3", SINK, folder, *flags],
                                        stdout=subprocess.PIPE, text=True)
        self.port = int(self.process.stdout.readline().split()[1])

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=10)

    def messages(self):
        out = []
        for name in sorted(os.listdir(self.folder)):
            with open(os.path.join(self.folder, name), "rb") as f:
                out.append(email.message_from_binary_file(f, policy=email.policy.default))
        return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--peercert", required=True)
    parser.add_argument("--rules", required=True)
    parser.add_argument("--fixtures", required=True)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="peercert-notify-")

    def database(name):
        db = backend.database(tmp, name + ".db")
        env = dict(os.environ, PEERCERT_DB=db, PEERCERT_RULES=args.rules,
                   PEERCERT_NOW="2026-11-24T12:00:00Z", PEERCERT_ACTOR="tester",
                   PEERCERT_SMTP_TIMEOUT="5")
        env.pop("PEERCERT_SMTP_USER", None)
        env.pop("PEERCERT_SMTP_PASSWORD", None)

        def cli(*argv, as_of="2026-11-24"):
            return subprocess.run([args.peercert, "--as-of", as_of, *argv], env=env,
                                  capture_output=True, text=True)
        cli("credential", "import", os.path.join(args.fixtures, "reminder-credentials.csv"))
        cli("ceu", "import", os.path.join(args.fixtures, "reminder-roster.csv"))
        return db, cli

    def sent_rows(db):
        return backend.query(
            db, "SELECT c.credential_number, r.period, r.threshold FROM reminders_sent r "
            "JOIN credentials c ON c.id = r.credential_id ORDER BY 1, 2, 3")

    def dump(db):
        return backend.dump(args.peercert, db)

    notify = ["notify", "reminders", "--from", "board@mo.example"]
    # On 24 November 2026: MO-CPS-000102 expired 23 days ago, MO-CPS-000101 expires in 25 days
    # (the 30-day message), TX-MHPS-20931 in 51 (the 60-day one); MO-CPS-000103 has no email.
    expected = {"smith@example.org": ("MO-CPS-000102", "has expired", "6.00 h, all live ethics"),
                "lee.park@example.org": ("MO-CPS-000101", "expires in 25 days",
                                         "4.00 h, all live ethics"),
                "zoe@example.org": ("TX-MHPS-20931", "expires in 51 days",
                                       "18.50 h, of which 1.50 ethics")}

    # --- A dry run writes the messages and records nothing. ------------------------------------
    db, cli = database("dry")
    outbox = os.path.join(tmp, "outbox")
    run = cli(*notify, "--dry-run", "--outbox", outbox)
    check(run.returncode == 0 and "Wrote 3 reminders" in run.stdout and
          sorted(os.listdir(outbox)) == ["MO-CPS-000101-0-30.eml", "MO-CPS-000102-0-expired.eml",
                                         "TX-MHPS-20931-0-60.eml"],
          "a dry run writes one message per due holder to the outbox")
    check("MO-CPS-000103 is due a reminder but has no email on file" in run.stderr,
          "a due holder without an email is listed on stderr")
    check(sent_rows(db) == [], "a dry run records nothing as sent")

    # --- What a message says: each requirement in its words, the board's footer. --------------
    def bodies(folder):
        out = {}
        for name in os.listdir(folder):
            with open(os.path.join(folder, name), "rb") as f:
                out[name] = email.message_from_binary_file(f, policy=email.policy.default
                                                           ).get_content()
        return out
    plain = bodies(outbox)
    check(all("rule file" not in b for b in plain.values()) and
          "Fee due" not in plain["TX-MHPS-20931-0-60.eml"],
          "no message speaks of what a rule file leaves out (TX-MHPS defines no fee)")
    check("- Hours of live ethics: 0.00 of 6.00 hours done" in plain["MO-CPS-000102-0-expired.eml"],
          "each requirement is named in its own words, with the hours done")
    check("To renew, reply to this message or write to board@mo.example." in
          plain["MO-CPS-000101-0-30.eml"], "without settings, the footer says whom to write to")
    for key, value in (("board_name", "Missouri Credentialing Board"),
                       ("contact", "certification@mo.example, 573-555-0100"),
                       ("address", "PO Box 1, Jefferson City, MO 65102"),
                       ("renew_url", "https://mo.example/renew")):
        check(cli("settings", "set", key, value).returncode == 0, f"settings set {key}")
    footer_box = os.path.join(tmp, "outbox-footer")
    cli(*notify, "--dry-run", "--outbox", footer_box)
    body = bodies(footer_box).get("MO-CPS-000101-0-30.eml", "")
    check("\n-- \nMissouri Credentialing Board\nPO Box 1, Jefferson City, MO 65102\n"
          "Renew online: https://mo.example/renew\n"
          "Questions: certification@mo.example, 573-555-0100\n" in body,
          "the footer comes from peercert settings: board, address, how to renew, contact")
    tx_db, tx_cli = database("texas")
    tx_cli("credential", "import", os.path.join(args.fixtures, "lifecycle-holders.csv"))
    tx_box = os.path.join(tmp, "outbox-texas")
    tx_cli(*notify, "--dry-run", "--outbox", tx_box, "--program", "TX-MHPS")
    initial = bodies(tx_box).get("TX-MHPS-100002-0-30.eml", "")
    check("Before your full certificate, this certificate asks for:\n"
          "- Supervised work experience as a peer specialist: 0.00 of 250.00 hours done" in initial
          and "ontinuing education" not in initial,
          "an initial certificate's supervised hours are not called continuing education")

    # --- A real run sends each one message; a second sends none. -----------------------------
    with Sink(os.path.join(tmp, "sink")) as sink:
        smtp = f"smtp://127.0.0.1:{sink.port}"
        run = cli(*notify, "--smtp", smtp, "--format", "json")
        out = __import__("json").loads(run.stdout) if run.returncode == 0 else {}
        check(run.returncode == 0 and len(out.get("sent", [])) == 3 and
              out.get("without_email") == ["MO-CPS-000103"], "notify sends three reminders")
        messages = sink.messages()
        by_to = {m["To"]: m for m in messages}
        check(len(messages) == 3 and set(by_to) == set(expected), "the sink got one per holder")
        for to, (number, days, needed) in expected.items():
            m = by_to.get(to)
            body = m.get_content() if m else ""
            check(m is not None and number in m["Subject"] and days in m["Subject"] and
                  needed in body and m["From"] == "board@mo.example" and
                  m["X-Envelope-To"] == to and "utf-8" in m["Content-Type"],
                  f"{number}'s message says {days!r} and what is still needed")
        check("You can still renew it late" not in by_to["smith@example.org"].get_content(),
              "no late window is promised where MO-CPS defines none")
        again = cli(*notify, "--smtp", smtp)
        check(again.returncode == 0 and "Sent 0 reminders; 3 sent before" in again.stdout and
              len(sink.messages()) == 3, "a second run the same day sends nothing")
        later = cli(*notify, "--smtp", smtp, as_of="2026-12-20")
        check(later.returncode == 0 and "Sent MO-CPS-000101 (expired)" in later.stdout and
              "Sent TX-MHPS-20931 (30 days)" in later.stdout and len(sink.messages()) == 5,
              "weeks later, the next threshold and the expiry each send one more")
        check(sent_rows(db) == [("MO-CPS-000101", 0, 0), ("MO-CPS-000101", 0, 30),
                                ("MO-CPS-000102", 0, 0), ("TX-MHPS-20931", 0, 30),
                                ("TX-MHPS-20931", 0, 60)], "each message sent is recorded")

    # --- A server that refuses or drops halfway: the rest go at the next run. ------------------
    for flag, reason in (("--refuse-after", "it refused the message (SMTP 554)"),
                         ("--drop-after", "the connection dropped in the middle")):
        db, cli = database(flag.strip("-"))
        with Sink(os.path.join(tmp, flag + "-1"), flag, "1") as sink:
            run = cli(*notify, "--smtp", f"smtp://127.0.0.1:{sink.port}")
            check(run.returncode == 4 and reason in run.stderr and
                  "1 reminder was sent and recorded before it" in run.stderr and
                  len(sent_rows(db)) == 1, f"{flag}: the run stops with the reason ({reason})")
        with Sink(os.path.join(tmp, flag + "-2")) as sink:
            run = cli(*notify, "--smtp", f"smtp://127.0.0.1:{sink.port}")
            check(run.returncode == 0 and "Sent 2 reminders; 1 sent before" in run.stdout and
                  len(sink.messages()) == 2 and len(sent_rows(db)) == 3,
                  f"{flag}: a rerun sends the other two and none twice")

    # --- A run that crashed after claiming a message: it goes after the lease, once. ----------
    db, cli = database("crashed")
    claimed = int(time.time())
    backend.query(db, "INSERT INTO reminder_claims (credential_id, period, threshold, run, "
                  "claimed_at) SELECT id, 0, 30, 'crashed-run', ? FROM credentials "
                  "WHERE credential_number = 'MO-CPS-000101'", claimed)
    with Sink(os.path.join(tmp, "lease")) as sink:
        smtp = f"smtp://127.0.0.1:{sink.port}"
        # A lease far longer than the run, however slow the machine: the claim stays fresh.
        run = cli(*notify, "--smtp", smtp, "--claim-lease", "600", "--format", "json")
        out = __import__("json").loads(run.stdout) if run.returncode == 0 else {}
        check(run.returncode == 0 and len(out.get("sent", [])) == 2 and
              out.get("sending_elsewhere") == 1 and len(sink.messages()) == 2,
              "a message another run claimed moments ago is left to it")
        time.sleep(max(0.0, claimed + 2.2 - time.time()))
        run = cli(*notify, "--smtp", smtp, "--claim-lease", "2")
        to = sorted(m["To"] for m in sink.messages())
        check(run.returncode == 0 and "Sent MO-CPS-000101 (30 days)" in run.stdout and
              to == sorted(expected) and len(sent_rows(db)) == 3 and
              backend.query(db, "SELECT count(*) FROM reminder_claims")[0][0] == 0,
              "after the lease the crashed run's message is sent, once, and recorded")

    # --- No server at all. --------------------------------------------------------------------
    db, cli = database("down")
    with Sink(os.path.join(tmp, "gone")) as sink:
        port = sink.port
    run = cli(*notify, "--smtp", f"smtp://127.0.0.1:{port}")
    check(run.returncode == 4 and "it cannot be reached" in run.stderr and
          "0 reminders were sent" in run.stderr and sent_rows(db) == [],
          "an unreachable server stops the run, nothing recorded")

    # --- Bad input: one sentence naming what was typed, exit 2, nothing written. ---------------
    db, cli = database("bad")
    before = dump(db)
    private = os.path.join(tmp, "smtp-login")
    with open(private, "w") as f:
        f.write("board:secret\n")
    os.chmod(private, 0o644)
    for argv, words in (
            (["--smtp", "smtp://127.0.0.1:1", "--thresholds", "30,60"],
             "--thresholds must run from the most days to the fewest"),
            (["--smtp", "smtp://127.0.0.1:1", "--thresholds", "90,0"], "--thresholds must be"),
            (["--smtp", "smtp://127.0.0.1:1", "--program", "MO-XYZ"], "--program is not a program of the rules directory"),
            (["--smtp", "http://127.0.0.1:1"], "--smtp must be"),
            (["--smtp", "smtp://127.0.0.1:1", "--claim-lease", "0"], "--claim-lease"),
            ([], "--smtp is required"),
            (["--smtp", "smtp://127.0.0.1:1", "--smtp-credentials", private],
             "can be read by others")):
        run = cli(*notify, *argv)
        check(run.returncode == 2 and words in run.stderr and run.stderr.count("\n") == 1 and
              "secret" not in run.stderr and dump(db) == before,
              f"{' '.join(argv) or 'no --smtp'}: exit 2, {words!r}, nothing written")
    run = cli("notify", "reminders", "--from", "not an address", "--dry-run", "--outbox",
              os.path.join(tmp, "never"))
    check(run.returncode == 2 and "from" in run.stderr and dump(db) == before,
          "a malformed --from is refused")

    print("passed: 0 failures" if not failures else f"FAILED: {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The pages managers, staff and the public read, over HTTP: the reminder chart against the
JSON, the spreadsheet downloads opened by an independent reader (openpyxl), verification by
the first letters of a first name, the certificate without and with the setting it needs.
With PEERCERT_TEST_POSTGRESQL set, the database is one of that PostgreSQL server's
(tests/backend.py), and the parts that damage the SQLite file are left out, saying so.

  pages_test.py --peercert PATH --rules DIR"""
import argparse
import base64
import hmac
import atexit
import csv
import datetime
import io
import json
import os
import re
import sqlite3  # the SQLite file's own damage, on SQLite only
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import backend  # noqa: E402: the SQLite file or a PostgreSQL database (tests/backend.py)
from http_test import Client, check, csrf_of, failures, multipart  # noqa: E402

AS_OF = datetime.date(2026, 11, 24)
def totp(secret, at=None):
    """RFC 6238 as an authenticator app computes it: SHA-1, six digits, 30-second steps."""
    key = base64.b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    mac = hmac.new(key, struct.pack(">Q", int((time.time() if at is None else at) // 30)),
                   "sha1").digest()
    offset = mac[-1] & 15
    return f"{(struct.unpack('>I', mac[offset:offset + 4])[0] & 0x7fffffff) % 1000000:06d}"


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--peercert", required=True)
    parser.add_argument("--rules", required=True)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="peercert-pages-")
    db = backend.database(tmp, "peercert.db")
    env = dict(os.environ, PEERCERT_DB=db, PEERCERT_RULES=args.rules,
               PEERCERT_NOW="2026-11-24T12:00:00Z", PEERCERT_ACTOR="setup", TZ="UTC")

    def cli(*argv, stdin=None):
        return subprocess.run([args.peercert, "--as-of", AS_OF.isoformat(), *argv], env=env,
                              input=stdin, capture_output=True)

    # Holders of MO-CPS (2-year cycles) issued on the 15th of each month of 2025: one expires
    # in each month of 2027, so in months 3 to 12 of the chart, far outside any window.
    holders = io.StringIO()
    w = csv.writer(holders, lineterminator="\n")
    w.writerow(["credential_number", "program", "issued_on", "first_name", "last_name", "email"])
    for month in range(1, 13):
        w.writerow([f"MO-CPS-0020{month:02d}", "MO-CPS", f"2025-{month:02d}-15", "Holder",
                    f"Month{month}", ""])
    w.writerow(["MO-CPS-002101", "MO-CPS", "2025-01-05", "Renée", "Lefèvre", "renee@example.org"])
    w.writerow(["MO-CPS-002102", "MO-CPS", "2025-06-20", "Ana María", "Pérez-García", ""])
    w.writerow(["TX-MHPS-30001", "TX-MHPS", "2025-03-01", "Ana", "Pereira", ""])
    path = os.path.join(tmp, "holders.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write(holders.getvalue())
    check(cli("credential", "import", path).returncode == 0, "credential import")
    check(cli("user", "add", "--name", "dana", "--password-stdin",
              stdin=b"correct horse battery\n").returncode == 0, "user add")

    server = subprocess.Popen([args.peercert, "--as-of", AS_OF.isoformat(), "serve", "--listen",
                               "127.0.0.1:0"], env=env, stderr=subprocess.PIPE, text=True)
    atexit.register(lambda: server.poll() is None and server.kill())
    m = re.search(r"serving on http://127\.0\.0\.1:(\d+)/", server.stderr.readline())
    if not m:
        print("FAIL serve did not start")
        return 1
    c = Client(int(m.group(1)))
    _, _, page = c.request("GET", "/login")
    c.request("POST", "/login", {"name": "dana", "password": "correct horse battery",
                                  "csrf": csrf_of(page), "next": "/staff/"})

    # --- The chart: the next 12 months whatever the window, bar by bar as the JSON says. ---
    status, _, page = c.request("GET", "/staff/reminders?within=30&program=MO-CPS")
    bars = {m.group(1): (int(m.group(2)), int(m.group(3))) for m in re.finditer(
        r"<g><title>(\w{3} \d{4}): (\d+) on track, (\d+) short of hours</title>", page)}
    check(status == 200 and len(bars) == 12, "the chart has 12 monthly bars")
    last_day = datetime.date(2027, 11, 1) - datetime.timedelta(days=1)
    days = (last_day - AS_OF).days
    status, _, body = c.request("GET", f"/staff/reminders.json?within={days}&program=MO-CPS",
                                accept="application/json")
    rows = json.loads(body) if status == 200 else []
    expected = {}
    for r in rows:
        expires = datetime.date.fromisoformat(r["expires_on"])
        if (expires.year, expires.month) < (AS_OF.year, AS_OF.month):
            continue
        key = f"{MONTHS[expires.month - 1]} {expires.year}"
        on, short = expected.get(key, (0, 0))
        met = r["requirements_met"] is True
        expected[key] = (on + met, short + (not met))
    drawn = {k: v for k, v in bars.items() if v != (0, 0)}
    check(drawn == expected, f"each bar counts what the JSON lists for its month ({drawn})")
    later = [bars.get(f"{MONTHS[(10 + k) % 12]} {2026 + (10 + k) // 12}", (0, 0))
             for k in range(3, 12)]
    check(all(sum(b) >= 1 for b in later),
          "the holders expiring in months 4 to 12 are drawn, far beyond the 30-day window")
    check("MO-CPS-002005" not in page and "1 credential expire" not in page,
          "while the table keeps to the 30-day window: no one expires within it")
    _, _, tx = c.request("GET", "/staff/reminders?program=TX-MHPS")
    tx_bars = [m for m in re.finditer(r"(\d+) on track, (\d+) short of hours", tx)
               if m.group(1) != "0" or m.group(2) != "0"]
    check(len(tx_bars) == 1, "the program filter applies to the chart too")

    # --- Pages of 100 rows: each the same rows as that slice of the whole report, in every
    # order; a page past the last shows the last; the count and summary cover every row. ---
    many = io.StringIO()
    w = csv.writer(many, lineterminator="\n")
    w.writerow(["credential_number", "program", "issued_on", "first_name", "last_name", "email"])
    for i in range(231):
        issued = f"{2023 + i % 3}-{i % 12 + 1:02d}-{i % 27 + 1:02d}"
        w.writerow([f"PA-CPS-0{30000 + i}", "PA-CPS", issued, f"Given{i % 7}",
                    f"Family{(i * 37) % 11}", ""])
    many_path = os.path.join(tmp, "many.csv")
    with open(many_path, "w", encoding="utf-8") as f:
        f.write(many.getvalue())
    check(cli("credential", "import", many_path).returncode == 0, "231 more holders imported")
    for order in ["expires", "name", "needed", "status"]:
        query = f"?within=3650&program=PA-CPS&sort={order}"
        status, headers, body = c.request("GET", "/staff/reminders.json" + query,
                                          accept="application/json")
        every = [r["credential_number"] for r in json.loads(body)] if status == 200 else []
        cli_every = [r["credential_number"] for r in json.loads(cli(
            "report", "reminders", "--format", "json", "--within", "3650", "--program", "PA-CPS",
            "--sort", order).stdout)]
        check(status == 200 and every == cli_every and len(every) > 200 and
              (headers.get("Transfer-Encoding") == "chunked") == (order == "expires"),
              f"the JSON download in {order} order is the command line's; sent as it is made "
              f"in expiry order only")
        last = (len(every) + 99) // 100
        for page in [1, 2, last, last + 5]:
            status, _, html = c.request("GET", f"/staff/reminders{query}&page={page}")
            shown = re.findall(r'credential\?number=([A-Z0-9-]+)">', html)
            first = (min(page, last) - 1) * 100
            check(status == 200 and shown == every[first:first + 100] and
                  f"Rows {first + 1} to {min(first + 100, len(every))} of {len(every)}." in html and
                  f"{len(every)} credentials expire within 3650 days" in html,
                  f"page {page} in {order} order: rows {first + 1} on of {len(every)}")
    status, headers, body = c.request("GET", "/staff/reminders.csv?within=3650&program=PA-CPS")
    cli_csv = cli("report", "reminders", "--format", "csv", "--within", "3650", "--program",
                  "PA-CPS").stdout.decode("utf-8")
    check(status == 200 and headers.get("Transfer-Encoding") == "chunked" and body == cli_csv,
          "the CSV download is sent as it is made and is the command line's, byte for byte")

    # --- Downloads for spreadsheets: a BOM CSV and an XLSX, read by openpyxl. ---------------
    status, headers, _ = c.request("GET", "/staff/reminders.excel.csv?within=700")
    conn_raw = __import__("http.client").client.HTTPConnection("127.0.0.1", c.port, timeout=30)
    conn_raw.request("GET", "/staff/reminders.excel.csv?within=700",
                     headers={"Cookie": "; ".join(f"{k}={v}" for k, v in c.cookies.items())})
    excel_csv = conn_raw.getresponse().read()
    check(status == 200 and excel_csv.startswith(b"\xef\xbb\xbf") and
          "Renée Lefèvre" in excel_csv.decode("utf-8-sig"),
          "the CSV for Excel starts with a byte order mark and keeps accented names")
    conn_raw.request("GET", "/staff/reminders.csv?within=700",
                     headers={"Cookie": "; ".join(f"{k}={v}" for k, v in c.cookies.items())})
    plain_csv = conn_raw.getresponse().read()
    check(plain_csv.startswith(b"credential_number,"), "the plain CSV has no byte order mark")
    conn_raw.request("GET", "/staff/reminders.xlsx?within=700",
                     headers={"Cookie": "; ".join(f"{k}={v}" for k, v in c.cookies.items())})
    reply = conn_raw.getresponse()
    workbook = reply.read()
    check(reply.status == 200 and "spreadsheetml" in reply.getheader("Content-Type", ""),
          "the XLSX download is an Excel workbook")
    xlsx = os.path.join(tmp, "reminders.xlsx")
    with open(xlsx, "wb") as f:
        f.write(workbook)
    cli_xlsx = cli("report", "reminders", "--within", "700", "--format", "xlsx")
    check(cli_xlsx.returncode == 0 and cli_xlsx.stdout[:2] == b"PK",
          "report reminders --format xlsx writes the workbook")
    reader = subprocess.run(["/usr/bin/python3", "-c", """
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = list(ws.iter_rows(values_only=True))
head = rows[0]
out = [dict(zip(head, [v.isoformat() if hasattr(v, "isoformat") else v for v in r]))
       for r in rows[1:]]
print(json.dumps({"head": head, "rows": out,
                  "kinds": [type(v).__name__ for v in rows[1]] if len(rows) > 1 else []}))
""", xlsx], capture_output=True, text=True)
    book = json.loads(reader.stdout) if reader.returncode == 0 else {"head": [], "rows": []}
    head = book["head"]
    csv_head = plain_csv.decode().splitlines()[0].split(",")
    check(head == csv_head, "the workbook has the CSV's columns, in order")
    renee = [r for r in book["rows"] if r.get("credential_number") == "MO-CPS-002101"]
    check(len(renee) == 1 and renee[0]["holder_name"] == "Renée Lefèvre" and
          renee[0]["expires_on"] == "2027-01-04T00:00:00" and renee[0]["hours_required"] == 20 and
          renee[0]["fee_due"] == 70,
          "openpyxl reads Renée Lefèvre with her expiry as a date and hours and fee as numbers")
    kinds = dict(zip(head, book.get("kinds", [])))
    check(kinds.get("expires_on") == "datetime" and kinds.get("hours_required") in ("int", "float"),
          "dates are dates and hours are numbers, not text")

    # --- Verification by name: the first name by its beginning, one part of the last name. --
    def verify(last, first):
        q = urllib.parse.urlencode({"last_name": last, "first_name": first})
        status, _, body = c.request("GET", f"/api/verify?{q}", accept="application/json")
        return status, (json.loads(body) if body.startswith(("[", "{")) else body)
    status, found = verify("Pérez-García", "Ana")
    check(status == 200 and [f["credential_number"] for f in found] == ["MO-CPS-002102"],
          '"Ana" finds Ana María Pérez-García')
    check(found and found[0].get("program_name") == "Missouri Certified Peer Specialist" and
          set(found[0]) == {"name", "credential_number", "program", "program_name", "status",
                            "issued_on", "expires_on"},
          "the answer names the program beside its id, and nothing more")
    status, found = verify("perez", "MARIA")
    check(status == 200 and [f["credential_number"] for f in found] == ["MO-CPS-002102"],
          "one whole part of the last name and any first name's beginning, accents and case aside")
    status, found = verify("Pér", "Ana")
    check(status == 200 and found == [], "a part of a last name is not enough")
    status, found = verify("Pereira", "A")
    check(status == 400 and "first_name" in found.get("error", ""),
          "a first name of one letter is refused, naming the field")
    status, found = verify("P", "Ana")
    check(status == 400 and "last_name" in found.get("error", ""),
          "a last name of one letter is refused: it would match half the register")
    _, _, home = c.request("GET", "/")
    _, _, check_page = c.request("GET", "/check/MO-CPS")
    check('href="/verify"' in home and 'href="/verify"' in check_page,
          "every public page links to the verification")
    _, _, vpage = c.request("GET", "/verify?number=MO-CPS-002102")
    check("Missouri Certified Peer Specialist <span class=\"small\">(MO-CPS)</span>" in vpage,
          "the verification page names the program beside its id")

    # A name lookup costs 3 of the minute's 30: 5 name lookups and 1 by number so far leave
    # room for 4 more.
    statuses = [verify("Pereira", "An")[0] for _ in range(6)]
    check(statuses == [200] * 4 + [429] * 2, f"a name lookup costs 3 of the minute's 30 ({statuses})")

    # --- The certificate: the setting it needs, then the page with its QR code. -------------
    status, _, page = c.request("GET", "/staff/credential/certificate?number=MO-CPS-002101")
    check(status == 400 and "public_url" in page, "without public_url, no certificate, naming it")
    refused = cli("credential", "certificate", "MO-CPS-002101")
    check(refused.returncode == 2 and b"public_url" in refused.stderr and refused.stdout == b"",
          "credential certificate without public_url: exit 2 naming the setting")
    before = cli("settings", "show", "--format", "json").stdout
    bad = cli("settings", "set", "public_url", "verify.example.org")
    check(cli("settings", "show", "--format", "json").stdout == before,
          "a refused setting leaves the settings as they were")
    check(bad.returncode == 2 and b"public_url must be a web address" in bad.stderr,
          "settings set refuses an address without https://")
    check(cli("settings", "set", "public_url", "https://verify.example.org").returncode == 0,
          "settings set public_url")
    status, _, page = c.request("GET", "/staff/credential/certificate?number=mo-cps-002101")
    check(status == 200 and "Renée Lefèvre" in page and
          "QR code: https://verify.example.org/verify?number=MO-CPS-002101" in page and
          "Valid through 4 January 2027" in page, "the certificate and wallet card, with the QR code")
    svg = cli("credential", "certificate", "MO-CPS-002101", "--format", "svg")
    check(svg.returncode == 0 and svg.stdout.startswith(b"<?xml") and b"<svg" in svg.stdout,
          "credential certificate --format svg writes the certificate alone")
    check(cli("credential", "set-status", "MO-CPS-002101", "--status", "revoked", "--reason",
              "Board order").returncode == 0, "credential set-status revoked")
    revoked = cli("credential", "certificate", "MO-CPS-002101")
    check(revoked.returncode == 2 and b"revoked" in revoked.stderr,
          "a revoked credential gets no certificate")

    # --- Holders from a board's own sheet, imported from the staff pages. -------------------
    sheet = ("Cert #,Program,First Name,Last Name,E-mail,Issued\n"
             "TX-MHPS-40001,TX-MHPS,Old,Holder,,3/15/2018\n"
             "TX-MHPS-40002,TX-MHPS,New,Holder,,2/20/2025\n")
    mapping = "Cert #=credential_number,E-mail=email,Issued=issued_on"
    status, _, page = c.request("GET", "/staff/credentials/import")
    csrf = csrf_of(page)
    check(status == 200 and 'action="/staff/credentials/import"' in page,
          "the holder import form")
    count = lambda: cli("credential", "list", "--format", "json").stdout.count(b'"credential_number"')
    before = count()
    payload, ctype = multipart({"csrf": csrf, "map": mapping, "date_format": "YYYY-MM-DD"},
                               {"holders": ("sheet.csv", sheet)})
    status, _, page = c.request("POST", "/staff/credentials/import", payload,
                                {"Content-Type": ctype})
    check(status == 400 and "line 2: Issued (issued_on) is not a valid date" in page and
          "choose MM/DD/YYYY" in page and count() == before,
          "American dates read as ISO refuse the file and say how to read them")
    payload, ctype = multipart({"csrf": csrf, "map": mapping, "date_format": "MM/DD/YYYY",
                                "dry_run": "yes"}, {"holders": ("sheet.csv", sheet)})
    status, _, page = c.request("POST", "/staff/credentials/import", payload,
                                {"Content-Type": ctype})
    check(status == 200 and "Would import 2 credentials" in page and
          "Nothing was written" in page and count() == before,
          "a check-only import says what it would do and writes nothing")
    payload, ctype = multipart({"csrf": csrf, "map": mapping, "date_format": "MM/DD/YYYY"},
                               {"holders": ("sheet.csv", sheet)})
    status, _, page = c.request("POST", "/staff/credentials/import", payload,
                                {"Content-Type": ctype})
    check(status == 200 and "Imported 2 credentials" in page and
          "1 already expired: TX-MHPS-40001 (line 2" in page and
          "1 holder issued more than one cycle ago came without expires_on" in page and
          count() == before + 2,
          "the sheet goes in with its summary and the warning about holders without expiry")
    payload, ctype = multipart({"map": mapping}, {"holders": ("sheet.csv", sheet)})
    status, _, _ = c.request("POST", "/staff/credentials/import", payload, {"Content-Type": ctype})
    check(status == 403 and count() == before + 2, "an upload without the CSRF token is refused")

    # --- A second factor over HTTP: the codes computed here from the secret the page shows. --
    status, _, page = c.request("GET", "/staff/account")
    csrf = csrf_of(page)
    check(status == 200 and "Off: you log in with your password alone" in page,
          "the account page says the second factor is off")
    status, _, page = c.request("POST", "/staff/account/totp", {"csrf": csrf})
    m = re.search(r'<code id="totp-secret">([A-Z2-7 ]+)</code>', page)
    check(status == 200 and m is not None and "otpauth://totp/peercert:dana?secret=" in page,
          "enrolment shows the secret and its QR code")
    secret = m.group(1) if m else "AAAA"
    status, _, page = c.request("POST", "/staff/account/totp/confirm",
                                {"csrf": csrf, "code": "000000"})
    check(status == 403 and "not the code the app shows now" in page,
          "a wrong first code is refused with 403")
    enrol_code = totp(secret)
    status, _, page = c.request("POST", "/staff/account/totp/confirm",
                                {"csrf": csrf, "code": enrol_code})
    codes = re.findall(r"<li><code>([A-Z2-7]{5}-[A-Z2-7]{5})</code></li>", page)
    check(status == 200 and len(codes) == 10, "the first code turns it on: ten recovery codes")
    logged = Client(c.port)
    _, _, page = logged.request("GET", "/login")
    status, _, page = logged.request("POST", "/login", {
        "name": "dana", "password": "correct horse battery", "csrf": csrf_of(page),
        "next": "/staff/"})
    pending = csrf_of(page)
    check(status == 200 and 'action="/login/code"' in page and
          "peercert_session" not in logged.cookies, "the password alone gives no session")
    status, _, page = logged.request("POST", "/login/code", {"csrf": pending, "code": enrol_code})
    check(status == 403 and "peercert_session" not in logged.cookies,
          "a code already used is refused with 403")
    status, headers, _ = logged.request("POST", "/login/code", {"csrf": pending, "code": codes[0]})
    check(status == 303 and "peercert_session" in logged.cookies,
          "a recovery code completes the login")
    late = Client(c.port)
    _, _, page = late.request("GET", "/login")
    _, _, page = late.request("POST", "/login", {
        "name": "dana", "password": "correct horse battery", "csrf": csrf_of(page),
        "next": "/staff/"})
    check(cli("user", "password", "dana", "--password-stdin",
              stdin=b"correct horse battery\n").returncode == 0, "user password")
    status, _, page = late.request("POST", "/login/code", {"csrf": csrf_of(page),
                                                           "code": codes[1]})
    check(status == 403 and "The account changed" in page and
          "peercert_session" not in late.cookies,
          "a login waiting for its code ends when the password is reset meanwhile")
    reset = cli("user", "totp-reset", "dana")
    check(reset.returncode == 0 and logged.request("GET", "/staff/")[0] == 303,
          "user totp-reset clears it and ends the user's sessions")
    _, _, page = c.request("GET", "/login")
    c.request("POST", "/login", {"name": "dana", "password": "correct horse battery",
                                 "csrf": csrf_of(page), "next": "/staff/"})

    # --- Health: the database answers, or 503 once it cannot be opened. ---------------------
    status, headers, body = c.request("GET", "/healthz", accept="application/json")
    check(status == 200 and json.loads(body) == {"status": "ok", "database": "ok"},
          "GET /healthz: 200 while the database answers")
    if backend.sqlite_only("GET /healthz 503 once the file's header is overwritten"):
        # Every page written back to the file first: a header still in the write-ahead log would
        # be read from there, and the damage below not seen.
        con = sqlite3.connect(db)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()
        with open(db, "r+b") as f:
            f.write(b"not a database file, overwritten" * 4)
        status, _, body = c.request("GET", "/healthz", accept="application/json")
        check(status == 503 and json.loads(body) == {"status": "unavailable",
                                                      "database": "unavailable"},
              "GET /healthz: 503 once the database cannot be read, saying nothing more")

    server.terminate()
    server.wait(timeout=30)

    # --- An index that no longer matches its table: the quick check before listening passes,
    # the full one beside the server finds it; the pages say so and take no form. ------------
    if backend.sqlite_only("an index damaged through PRAGMA writable_schema: the full check "
                           "beside the server, /healthz 503 'damaged', pages and forms refused"):
        db2 = os.path.join(tmp, "damaged.db")
        env2 = dict(env, PEERCERT_DB=db2)
        subprocess.run([args.peercert, "--as-of", AS_OF.isoformat(), "credential", "import",
                        path], env=env2, capture_output=True)
        subprocess.run([args.peercert, "user", "add", "--name", "dana", "--password-stdin"],
                       env=env2, input=b"correct horse battery\n", capture_output=True)
        con = sqlite3.connect(db2)
        con.execute("PRAGMA writable_schema = ON")
        con.execute("UPDATE sqlite_master SET sql = replace(sql, 'issued_on', 'last_name') "
                    "WHERE name = 'credentials_by_program'")
        con.commit()
        con.close()
        quick = sqlite3.connect(db2).execute("PRAGMA quick_check").fetchone()[0]
        full = sqlite3.connect(db2).execute("PRAGMA integrity_check").fetchone()[0]
        check(quick == "ok" and full != "ok", "the damage is one only the full check finds")
        server = subprocess.Popen([args.peercert, "--as-of", AS_OF.isoformat(), "serve",
                                   "--listen", "127.0.0.1:0"], env=env2, stderr=subprocess.PIPE,
                                  text=True)
        atexit.register(lambda: server.poll() is None and server.kill())
        m = re.search(r"serving on http://127\.0\.0\.1:(\d+)/", server.stderr.readline())
        check(m is not None, "serve starts on a file that passes the quick check")
        if m:
            c = Client(int(m.group(1)))
            for _ in range(100):
                status, _, body = c.request("GET", "/healthz", accept="application/json")
                if status == 503:
                    break
                time.sleep(0.1)
            check(status == 503 and json.loads(body) == {"status": "unavailable",
                                                          "database": "damaged"},
                  "GET /healthz: 503 once the full check finds the damage")
            _, _, page = c.request("GET", "/login")
            c.request("POST", "/login", {"name": "dana", "password": "correct horse battery",
                                          "csrf": csrf_of(page), "next": "/staff/"})
            status, _, page = c.request("GET", "/staff/applicants/new")
            check(status == 200 and "failed its integrity check" in page,
                  "every staff page says the database failed its check")
            status, _, page = c.request("POST", "/staff/applicants/new",
                                        {"csrf": csrf_of(page), "first_name": "New",
                                         "last_name": "Applicant"})
            check(status == 503 and "nothing can be saved" in page, "a form is refused with 503")
            server.terminate()
            server.wait(timeout=30)
    print(f"{'FAILED' if failures else 'passed'}: {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""HTTP tests of `peercert serve`: starts the server on a free loopback port over a fresh
database and exercises every route, the way browsers and API clients would, including bad
JSON, oversized bodies, missing CSRF tokens, wrong passwords and logged-out staff pages.
With PEERCERT_TEST_POSTGRESQL set, the database is one of that PostgreSQL server's
(tests/backend.py).

  http_test.py --peercert PATH --rules DIR --fixtures DIR"""
import argparse
import atexit
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import backend  # noqa: E402: the SQLite file or a PostgreSQL database (tests/backend.py)

failures = []


def check(condition, what):
    if condition:
        print("ok  ", what)
    else:
        print("FAIL", what)
        failures.append(what)


class Client:
    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, body=None, headers=None, accept="text/html"):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = {"Accept": accept}
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        h.update(headers or {})
        if isinstance(body, dict):
            body = urllib.parse.urlencode(body)
            h.setdefault("Content-Type", "application/x-www-form-urlencoded")
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        data = r.read().decode("utf-8", "replace")
        for value in r.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            cookie_value = rest.split(";")[0]
            if "Max-Age=0" in value:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = cookie_value
        conn.close()
        return r.status, r.headers, data


def csrf_of(html):
    m = re.search(r'name="csrf" value="([0-9a-f]{64})"', html)
    return m.group(1) if m else ""


def multipart(fields, files):
    boundary = "peercertBoundary7MA4YWxkTrZu0gW"
    out = []
    for name, value in fields.items():
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n')
    for name, (filename, content) in files.items():
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                   f'filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n{content}\r\n')
    out.append(f"--{boundary}--\r\n")
    return "".join(out).encode(), f"multipart/form-data; boundary={boundary}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--peercert", required=True)
    parser.add_argument("--rules", required=True)
    parser.add_argument("--fixtures", required=True)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="peercert-http-")
    db = backend.database(tmp, "peercert.db")
    env = dict(os.environ, PEERCERT_DB=db, PEERCERT_RULES=args.rules,
               PEERCERT_NOW="2026-11-24T12:00:00Z", PEERCERT_ACTOR="setup", TZ="UTC")

    def cli(*argv, stdin=None):
        return subprocess.run([args.peercert, "--as-of", "2026-11-24", *argv], env=env,
                              input=stdin, capture_output=True, text=True)

    check(cli("user", "add", "--name", "dana", "--password-stdin",
              stdin="correct horse battery\n").returncode == 0, "user add")
    check(cli("user", "add", "--name", "root", "--role", "admin", "--password-stdin",
              stdin="admin horse battery\n").returncode == 0, "user add --role admin")
    check(cli("user", "add", "--name", "eve", "--password-stdin", stdin="short\n").returncode == 2,
          "user add refuses a short password")
    cli("credential", "import", os.path.join(args.fixtures, "reminder-credentials.csv"))
    cli("credential", "import", os.path.join(args.fixtures, "lifecycle-holders.csv"))
    cli("ceu", "import", os.path.join(args.fixtures, "reminder-roster.csv"))

    server = subprocess.Popen([args.peercert, "--as-of", "2026-11-24", "serve", "--listen",
                               "127.0.0.1:0"], env=env, stderr=subprocess.PIPE, text=True)
    atexit.register(lambda: server.poll() is None and server.kill())  # even when a step raises
    first = server.stderr.readline()
    m = re.search(r"serving on http://127\.0\.0\.1:(\d+)/", first)
    check(m is not None, "serve announces its port")
    if not m:
        server.kill()
        return 1
    port = int(m.group(1))
    c = Client(port)

    # Regression: Debian's httplib listens with a backlog of 5; peercert raises it, or a burst
    # of clients waits seconds for SYN retries.
    listening = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True,
                               text=True).stdout.split()
    check(len(listening) >= 3 and int(listening[2]) >= 1024,
          f"the listen backlog is raised ({listening[2] if len(listening) >= 3 else '?'})")

    def ce_count():
        return backend.query(db, "SELECT count(*) FROM ce_entries")[0][0]

    def db_rows():
        """Everything in the database: what a refused form must not touch."""
        return backend.dump(args.peercert, db, env)

    # --- Public pages --------------------------------------------------------------------
    status, headers, body = c.request("GET", "/")
    check(status == 200 and "Missouri Certified Peer Specialist" in body and
          "Texas Mental Health Peer Specialist" in body, "GET / lists the programs")
    check("default-src 'none'" in (headers.get("Content-Security-Policy") or "") and
          headers.get("X-Content-Type-Options") == "nosniff", "security headers")
    check("<script" not in body and "http://" not in body.replace("http://www.w3.org", ""),
          "pages carry no script and load nothing")

    status, _, body = c.request("GET", "/check/TX-MHPS")
    check(status == 200 and all(f'name="{f}"' in body for f in [
        "date_of_birth", "education", "lived_experience", "willing_to_share_story",
        "self_directed_recovery", "background_check", "registry_check"]),
          "the TX-MHPS form asks every question of its rule file")
    check(all(f'<label for="{f}"' in body for f in ["date_of_birth", "education"]) and
          "<legend>" in body and 'name="viewport"' in body,
          "questions are labelled, radio groups have legends, the page fits a phone")
    check(c.request("GET", "/check/NOPE")[0] == 404, "an unknown program is 404")

    status, _, body = c.request("GET", "/")
    check('href="/compare"' in body, "the self-check links the comparison of every program")
    status, _, body = c.request("GET", "/compare")
    check(status == 200 and 'name="out_of_state_certified"' in body and
          'name="lives_in_jurisdiction"' not in body,
          "the comparison asks each fact once, not where a person lives (a state per program)")
    status, _, body = c.request("POST", "/compare", {
        "date_of_birth": "1996-03-10", "education": "ged", "lived_experience": "yes",
        "willing_to_share_story": "yes", "self_directed_recovery": "yes",
        "training_hours": "80", "training_completed_on": "2023-05-01", "exam_passed": "yes",
        "code_of_ethics_signed": "yes"})
    check(status == 200 and "California Certified Medi-Cal Peer Support Specialist" in body and
          "Eligible, by CalMHSA-approved training" in body and
          "Not known yet: You have not told us whether you live in the District" in body,
          "the comparison answers a line per program, with the way in or what is missing")
    status, _, body = c.request("POST", "/compare", {"date_of_birth": "2031-01-01"})
    check(status == 400 and "This date is after today" in body,
          "a bad answer on the comparison is 400 with the field marked")

    eligible = {"date_of_birth": "1990-05-01", "education": "ged", "lived_experience": "yes",
                "background_check": "passed", "registry_check": "passed"}
    status, _, body = c.request("POST", "/check/MO-CPS", eligible)
    check(status == 200 and "You are eligible." in body and "$75.00" in body and
          "Missouri Department of Mental Health" in body,
          "an eligible answer with next steps, fee in force and sources")
    status, _, body = c.request("POST", "/check/MO-CPS", dict(eligible, education="none"))
    check(status == 200 and "Not eligible." in body and "you have no diploma" in body,
          "a not-eligible answer with its reason")
    status, _, body = c.request("POST", "/check/MO-CPS", dict(eligible, date_of_birth="2008-11-25"))
    check(status == 200 and "you will be on 25 November 2026" in body, "eligible_on shown")
    status, _, body = c.request("POST", "/check/MO-CPS", dict(eligible, date_of_birth="2001-02-30"))
    check(status == 400 and "This answer is not a valid date" in body and
          "date_of_birth is" not in body and 'aria-invalid="true"' in body and
          'value="2001-02-30"' in body,
          "a bad date is 400 with the field marked, in words without the field's id, as typed")
    status, _, body = c.request("POST", "/check/MO-CPS",
                                dict(eligible, date_of_birth="<script>alert(1)</script>"))
    check(status == 400 and "<script>alert" not in body and "&lt;script&gt;" in body,
          "what was typed is escaped when shown again")
    status, _, body = c.request("POST", "/check/MO-CPS", dict(eligible, date_of_birth="2027-01-01"))
    check(status == 400 and "This date is after today" in body and
          'id="date_of_birth-error"' in body, "a birth date in the future is 400, on its field")

    # Every program with criteria has its form and answers it.
    for program in ["MO-CPS", "TX-MHPS", "ICRC-PR", "PA-CPS", "WA-CPSS", "NE-CPSS", "GA-CPS",
                    "DC-CPS"]:
        form_status, _, form = c.request("GET", "/check/" + program)
        answer_status, _, answer = c.request("POST", "/check/" + program, {})
        check(form_status == 200 and "Check my eligibility" in form and answer_status == 200 and
              "Not known yet" in answer, f"the {program} self-check answers from its form")

    # Every program's form asks exactly the facts its criteria use, of every kind.
    status, _, body = c.request("GET", "/check/WA-CPSS")
    check(status == 200 and 'name="recovery_since" value="" type="date"' not in body and
          'type="date" id="recovery_since"' in body and 'name="parent_of_youth_in_services"' in body
          and 'name="education"' not in body, "the Washington form asks its own facts")
    status, _, body = c.request("GET", "/check/ICRC-PR")
    check(status == 200 and 'id="work_experience_hours"' in body and 'inputmode="decimal"' in body,
          "hours are asked as decimals")
    status, _, body = c.request("POST", "/check/WA-CPSS", {
        "date_of_birth": "1990-01-01", "recovery_since": "2026-06-01",
        "parent_of_youth_in_services": "no", "approved_training_completed": "yes",
        "oral_exam_passed": "yes", "exam_passed": "yes"})
    check(status == 200 and "you will be on 1 June 2027" in body and
          "You will have one year of recovery on 1 June 2027" in body,
          "a year of recovery gives the day of eligibility")
    status, _, body = c.request("POST", "/check/ICRC-PR", {"work_experience_hours": "499.995"})
    check(status == 400 and 'id="work_experience_hours-error"' in body,
          "hours with three decimals are refused on their field")
    status, _, body = c.request("POST", "/check/NE-CPSS", {"training_completed_on": "2099-01-01"})
    check(status == 400 and 'id="training_completed_on-error"' in body,
          "any date after today is refused on its own field")
    status, _, body = c.request("GET", "/check/UT-PSS")
    check(status == 404 and "defines no eligibility criteria" in body,
          "a program without criteria has no self-check")
    status, _, body = c.request("POST", "/api/check?program=UT-PSS", "{}", {"Content-Type": "application/json"}, "application/json")
    check(status == 400 and "defines no eligibility criteria" in json.loads(body)["error"],
          "nor an API check")
    status, _, body = c.request("POST", "/api/check?program=DC-CPS", '{"references": 1.5}',
                                {"Content-Type": "application/json"}, "application/json")
    check(status == 400 and json.loads(body)["error"].startswith("references must be a whole"),
          "a fractional count is 400 naming the field")

    status, _, body = c.request("GET", "/api/programs", accept="application/json")
    programs = json.loads(body)
    by_id = {p["id"]: p for p in programs}
    check(status == 200 and [p["id"] for p in programs] ==
          ["CA-CMPSS", "DC-CPS", "FL-CRPS", "GA-CPS", "ICRC-PR", "IL-CPRS", "IL-CRSS", "MI-CPSS",
           "MO-CPS", "NC-CPSS", "NE-CPSS", "NY-CPS", "NY-CRPA", "OH-CFPS", "OH-CPRS", "OH-CYPS", "PA-CPS",
           "TX-MHPS", "VA-PRS", "WA-CPSS"] and
          by_id["TX-MHPS"]["questions"][1]["choices"][0] == "none" and
          {"fact": "references", "kind": "count"}.items() <= by_id["DC-CPS"]["questions"][-1].items(),
          "GET /api/programs lists programs and their questions (those with criteria)")

    facts = {"date_of_birth": "2008-11-25", "education": "ged", "lived_experience": True,
             "willing_to_share_story": True, "self_directed_recovery": True,
             "background_check": "passed", "registry_check": "pending"}
    status, headers, body = c.request("POST", "/api/check?program=TX-MHPS", json.dumps(facts),
                                      {"Content-Type": "application/json"}, "application/json")
    cli_answer = cli("check", "--program", "TX-MHPS", "--facts", "-", "--format", "json",
                     stdin=json.dumps(facts))
    check(status == 200 and json.loads(body) == json.loads(cli_answer.stdout),
          "POST /api/check answers exactly as check --format json")
    for what, path, payload, want in [
        ("malformed JSON", "/api/check?program=MO-CPS", '{"date_of_birth": ', 400),
        ("an unknown fact", "/api/check?program=MO-CPS", '{"shoe_size": 9}', 400),
        ("a bad date", "/api/check?program=MO-CPS", '{"date_of_birth": "2001-02-30"}', 400),
        ("no program", "/api/check", "{}", 400),
        ("an unknown program", "/api/check?program=XX", "{}", 404),
        ("an oversized body", "/api/check?program=MO-CPS",
         '{"x": "' + "a" * 70000 + '"}', 413)]:
        status, _, body = c.request("POST", path, payload, {"Content-Type": "application/json"},
                                    "application/json")
        check(status == want and "error" in json.loads(body),
              f"POST /api/check with {what} is {want} with an error message")
    status, _, body = c.request("POST", "/api/check?program=MO-CPS", "x" * (9 * 1024 * 1024),
                                {"Content-Type": "application/json"}, "application/json")
    check(status == 413, "a body over the server's limit is 413")

    # A malformed request gets a 4xx and the server goes on.
    raw = socket.create_connection(("127.0.0.1", port), timeout=10)
    raw.sendall(b"THIS IS NOT HTTP\r\n\r\n")
    reply = raw.recv(200).decode("latin-1")
    raw.close()
    check(reply.startswith("HTTP/1.1 4"), "a malformed request gets a 4xx")
    check(c.request("GET", "/")[0] == 200, "and the server still answers")

    # --- Public verification ---------------------------------------------------------------
    # By number (case aside) or by last and first name together (case and accents aside):
    # name, number, program, status, issue and expiry date, and nothing else.
    status, _, body = c.request("GET", "/api/verify?number=wa-cpss-002020", accept="application/json")
    found = json.loads(body) if status == 200 else []
    check(status == 200 and len(found) == 1 and found[0]["credential_number"] == "WA-CPSS-002020" and
          found[0]["name"] == "Mei Tan" and found[0]["status"] == "active" and
          set(found[0]) == {"name", "credential_number", "program", "program_name", "status",
                            "issued_on", "expires_on"}, "GET /api/verify by number")
    check("mei@example.org" not in body and "1979-06-12" not in body and "date_of_birth" not in body,
          "verification never shows the email or the date of birth")
    status, _, body = c.request("GET", "/api/verify?last_name=TAN&first_name=mei",
                                accept="application/json")
    check(status == 200 and [f["credential_number"] for f in json.loads(body)] == ["WA-CPSS-002020"],
          "GET /api/verify by last and first name")
    status, _, body = c.request("GET", "/api/verify?last_name=Tan&first_name=Nobody",
                                accept="application/json")
    check(status == 200 and body.strip() == "[]", "no match is 200 []")
    status, _, body = c.request("GET", "/api/verify?number=MO-CPS-999999", accept="application/json")
    check(status == 404 and "error" in json.loads(body), "an unknown number is 404")
    for query in ("last_name=Tan", "first_name=Mei", "", "number=MO-CPS-002016&last_name=A",
                  "number=" + "X" * 100):
        status, _, body = c.request("GET", "/api/verify?" + query, accept="application/json")
        check(status == 400 and "error" in json.loads(body),
              f"a malformed verification query is 400 ({query[:30] or 'empty'})")
    status, _, body = c.request("GET", "/verify?last_name=Tan&first_name=Mei")
    check(status == 200 and "WA-CPSS-002020" in body and "mei@example.org" not in body and
          "1979-06-12" not in body, "GET /verify answers in a page, without the private")
    statuses = [c.request("GET", "/api/verify?number=MO-CPS-002016", accept="application/json")[0]
                for _ in range(30)]
    check(statuses.count(429) > 0 and statuses[-1] == 429,
          f"verification past its rate limit is 429 ({statuses.count(200)} answered first)")
    check(c.request("GET", "/")[0] == 200, "the rate limit leaves the rest of the site alone")

    # --- Staff pages without a session ------------------------------------------------------
    status, headers, body = c.request("GET", "/staff/")
    check(status == 303 and headers.get("Location") == "/login?next=%2Fstaff%2F",
          "a logged-out browser is sent to the login page")
    status, headers, body = c.request("GET", "/staff/credential?number=MO-CPS-000101")
    check(status == 303 and "Lee" not in body, "no credential is shown without a login")
    status, _, body = c.request("GET", "/staff/reminders.json", accept="application/json")
    check(status == 401 and "error" in json.loads(body), "an API client gets 401")
    status, _, _ = c.request("POST", "/staff/ceu", {"credential_number": "MO-CPS-000101"})
    check(status == 303, "a logged-out staff write is sent to the login page")

    # --- Login --------------------------------------------------------------------------
    status, headers, body = c.request("GET", "/login?next=/staff/reminders")
    login_csrf = csrf_of(body)
    set_cookie = headers.get("Set-Cookie") or ""
    check(status == 200 and login_csrf and "HttpOnly" in set_cookie and
          "SameSite=Strict" in set_cookie, "the login form carries a CSRF token")
    status, _, _ = c.request("POST", "/login", {"name": "dana", "password": "correct horse battery"})
    check(status == 403, "a login without the CSRF token is refused")
    status, _, body = c.request("POST", "/login", {"csrf": login_csrf, "name": "dana",
                                                   "password": "wrong horse battery"})
    check(status == 401 and "wrong" in body and "dana" not in body, "a wrong password is 401")
    login_csrf = csrf_of(body)
    status, headers, _ = c.request("POST", "/login", {
        "csrf": login_csrf, "name": "dana", "password": "correct horse battery",
        "next": "/staff/reminders"})
    session_cookie = headers.get("Set-Cookie") or ""
    check(status == 303 and headers.get("Location") == "/staff/reminders" and
          "peercert_session=" in session_cookie and "HttpOnly" in session_cookie and
          "SameSite=Strict" in session_cookie and "Max-Age=28800" in session_cookie,
          "a good login sets an HttpOnly, SameSite=Strict, expiring session cookie")

    # --- Staff pages --------------------------------------------------------------------
    status, headers, body = c.request("GET", "/staff/credential?number=MO-CPS-000101")
    csrf = csrf_of(body)
    check(status == 200 and "18.00 / 20.00 h" in body and "Log a CE entry" in body and csrf and
          headers.get("Cache-Control") == "no-store",
          "credential lookup shows hours done against required, per cycle")
    check(c.request("GET", "/staff/credential?number=MO-CPS-999999")[0] == 404,
          "an unknown credential is 404")
    entry = {"credential_number": "MO-CPS-000101", "completed_on": "2026-11-20", "hours": "2",
             "category": "ethics", "delivery": "live", "provider": "Hope Center",
             "title": "Ethics <live>"}
    before = ce_count()
    status, _, body = c.request("POST", "/staff/ceu", entry)
    check(status == 403 and ce_count() == before, "a CE entry without the CSRF token writes nothing")
    status, _, body = c.request("POST", "/staff/ceu", dict(entry, csrf=csrf, hours="1.255"))
    check(status == 400 and "Hours must be" in body and ce_count() == before,
          "a bad CE entry is 400 with the reason and writes nothing")
    status, headers, _ = c.request("POST", "/staff/ceu", dict(entry, csrf=csrf))
    check(status == 303 and "logged=1" in (headers.get("Location") or "") and
          ce_count() == before + 1, "a CE entry is logged")
    status, _, body = c.request("GET", headers.get("Location"))
    check("20.00 / 20.00 h" in body and "Ethics &lt;live&gt;" in body and "The entry is logged." in body,
          "the page shows the new hours, escaped")
    audit = json.loads(cli("audit", "--entity", "credential", "--id", "MO-CPS-000101",
                           "--format", "json").stdout)
    check(audit and audit[-1]["action"] == "ceu.log" and audit[-1]["actor"] == "dana",
          "the staff write is audited with the staff user's name")

    status, _, body = c.request("GET", "/staff/ceu/import")
    csrf = csrf_of(body) or csrf
    roster_good = ("credential_number,completed_on,hours,category,delivery,provider,title\n"
                   "MO-CPS-000104,2026-01-05,3,general,live,Hope Center,Peer roles\n")
    roster_bad = roster_good + "MO-CPS-000104,2026-01-06,0,general,live,Hope Center,Zero\n" \
        "MO-CPS-999999,2026-01-07,1,general,live,Hope Center,Nobody\n"
    payload, ctype = multipart({"csrf": csrf}, {"roster": ("bad.csv", roster_bad)})
    before = ce_count()
    status, _, body = c.request("POST", "/staff/ceu/import", payload, {"Content-Type": ctype})
    check(status == 400 and "line 3: hours must be" in body and
          "line 4: credential_number is not on file" in body and ce_count() == before,
          "a roster with bad rows imports nothing and lists every bad row")
    payload, ctype = multipart({}, {"roster": ("good.csv", roster_good)})
    status, _, _ = c.request("POST", "/staff/ceu/import", payload, {"Content-Type": ctype})
    check(status == 403 and ce_count() == before, "an upload without the CSRF token is refused")
    payload, ctype = multipart({"csrf": csrf}, {"roster": ("good.csv", roster_good)})
    status, _, body = c.request("POST", "/staff/ceu/import", payload, {"Content-Type": ctype})
    check(status == 200 and "Imported 1 of 1 rows" in body and ce_count() == before + 1,
          "a good roster is imported")

    status, headers, body = c.request("GET", "/staff/reminders")
    check(status == 200 and "MO-CPS-000103" in body and "reminders.ics" in body,
          "the reminder page with its downloads")
    check(headers.get("Transfer-Encoding") == "chunked" and body.rstrip().endswith("</html>") and
          body.count("<main>") == 1 and body.count("</main>") == 1,
          "the reminder page is sent as it is made, its top first, and arrives whole")
    status, headers, body = c.request("GET", "/staff/reminders.csv")
    check(status == 200 and headers.get("Content-Type", "").startswith("text/csv") and
          "attachment" in (headers.get("Content-Disposition") or "") and
          "'=HYPERLINK" in body, "the CSV download, with formulas defused")
    status, headers, body = c.request("GET", "/staff/reminders.ics")
    ics = subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "..", "cli",
                                                       "ics_check.py")],
                         input=body.encode(), capture_output=True)
    check(status == 200 and headers.get("Content-Type", "").startswith("text/calendar") and
          ics.returncode == 0, "the ICS download is a valid calendar")
    status, _, body = c.request("GET", "/staff/reminders.json", accept="application/json")
    cli_rows = json.loads(cli("report", "reminders", "--format", "json").stdout)
    check(status == 200 and json.loads(body) == cli_rows and len(cli_rows) == 9,
          "the JSON download, the same as the command line's")
    check(c.request("GET", "/staff/reminders?within=abc")[0] == 400, "a bad window is 400")
    # The page honours the report's filters: the same rows as the command line's, in its order.
    for query, flags in [("?program=GA-CPS", ["--program", "GA-CPS"]),
                        ("?status=expired&status=due_soon", ["--status", "expired",
                                                             "--status", "due_soon"]),
                        ("?within=400&sort=name", ["--within", "400", "--sort", "name"])]:
        status, _, body = c.request("GET", "/staff/reminders.json" + query,
                                    accept="application/json")
        expected = json.loads(cli("report", "reminders", "--format", "json", *flags).stdout)
        numbers = [r["credential_number"] for r in expected]
        status_page, _, page = c.request("GET", "/staff/reminders" + query)
        shown = re.findall(r'credential\?number=([A-Z0-9-]+)">', page)
        check(status == 200 and json.loads(body) == expected and expected and
              status_page == 200 and shown == numbers and "<svg" in page and
              "ready to file" in page,
              f"the reminder page and its JSON with {query}: {len(numbers)} rows, as the CLI's")
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
    import html_check
    _, _, page = c.request("GET", "/staff/reminders")
    problems, pairs, lowest = html_check.contrast_problems(page)
    check(not problems and pairs >= 5 and lowest >= 3,
          f"the reminder page's focus ring and bars: {pairs} colour pairs at 3:1 or better "
          f"(lowest {lowest:.2f}:1) {problems}")
    for query, words in [("?program=MO-XYZ", "Program must be"), ("?status=late", "Status must be"),
                         ("?sort=soonest", "Order must be"), ("?page=0", "Page must be")]:
        status, _, body = c.request("GET", "/staff/reminders" + query)
        check(status == 400 and words in body, f"the reminder page refuses {query} in words")
    check(c.request("GET", "/staff/nothing-here")[0] == 404, "an unknown staff page is 404")

    # A credential's page shows where it stands and its periods as a timeline.
    status, _, body = c.request("GET", "/staff/credential?number=GA-CPS-002023")
    check(status == 200 and "Inactive since" in body and "after its late renewal window closed"
          in body and "Timeline" in body and ">import<" in body,
          "an inactive credential's page says since when and why")
    status, _, body = c.request("GET", "/staff/credential?number=MO-CPS-002022")
    check(status == 200 and "Suspended since" in body and "as imported from" in body,
          "a suspended credential's page gives the reason")
    status, _, body = c.request("GET", "/staff/credential?number=PA-CPS-012020")
    check(status == 200 and "a late renewal is accepted until 14 January 2027 (late fee $75.00)"
          in body, "an expired credential's page gives its late window and fee")

    # Applicants: every standard fact is stored from the staff form, and judged everywhere.
    status, _, body = c.request("GET", "/staff/applicants/new")
    check(status == 200 and 'name="recovery_since"' in body and 'name="references"' in body and
          'name="background_check_on"' in body, "the new-applicant form asks every fact")
    new = {"csrf": csrf, "first_name": "Rosa", "last_name": "Quispe", "email": "",
           "date_of_birth": "1985-05-05", "education": "ged", "lived_experience": "yes",
           "recovery_since": "2020-01-01", "work_experience_hours": "500",
           "supervision_hours": "25", "training_hours": "46.5", "references": "2",
           "exam_passed": "yes", "background_check": "passed", "registry_check": "passed"}
    status, headers, _ = c.request("POST", "/staff/applicants/new", new)
    location = headers.get("Location", "")
    check(status == 303 and location.startswith("/staff/applicant?id="),
          "an applicant is added from the form")
    status, _, body = c.request("GET", location)
    check(status == 200 and "Saved." in body and "ICRC-PR" in body and "WA-CPSS" in body and
          "UT-PSS" not in body and 'value="46.5"' in body and 'value="2020-01-01"' in body,
          "the applicant page judges every program and shows the stored facts")
    applicant_id = location.split("id=")[1].split("&")[0]
    rows_before = db_rows()
    edit = dict(new, references="1.5")
    status, _, body = c.request("POST", "/staff/applicant?id=" + applicant_id, edit)
    check(status == 400 and 'id="references-error"' in body and 'value="1.5"' in body and
          db_rows() == rows_before, "a fractional count is refused on its field, nothing saved")
    status, headers, _ = c.request("POST", "/staff/applicant?id=" + applicant_id,
                                   dict(new, references="3", supervision_hours=""))
    check(status == 303, "a correction is saved")
    answer = json.loads(cli("applicant", "show", applicant_id, "--format", "json").stdout)
    check(answer["references"] == 3 and answer["supervision_hours"] is None and
          answer["work_experience_hours"] == 500, "the stored facts follow the form")
    check(c.request("GET", "/staff/applicant?id=999999")[0] == 404 and
          c.request("GET", "/staff/applicant?id=x")[0] == 404, "an unknown applicant is 404")
    status, _, body = c.request("GET", "/staff/applicants")
    check(status == 200 and "Rosa Quispe" in body, "the applicant list")

    # --- An entry corrected from the credential page ------------------------------------------
    status, _, body = c.request("GET", "/staff/credential?number=MO-CPS-000104")
    entry_id = re.search(r'<select id="edit_entry" name="edit_entry"><option value="(\d+)"', body)
    check(status == 200 and entry_id is not None, "the credential page offers to correct an entry")
    fix = {"csrf": csrf, "credential_number": "MO-CPS-000104",
           "edit_entry": entry_id.group(1) if entry_id else "0", "edit_hours": "1.255"}
    rows_before = db_rows()
    status, _, body = c.request("POST", "/staff/ceu/edit", fix)
    check(status == 400 and "Hours must be" in body and 'value="1.255"' in body and
          db_rows() == rows_before,
          "a correction into an invalid value is refused, nothing written")
    status, _, body = c.request("POST", "/staff/ceu/edit", dict(fix, edit_hours="1.5"))
    audit = json.loads(cli("audit", "--entity", "credential", "--id", "MO-CPS-000104",
                           "--format", "json").stdout)
    check(status == 200 and "The entry is corrected." in body and audit[-1]["action"] == "ceu.edit"
          and audit[-1]["before"]["hours"] != audit[-1]["after"]["hours"],
          "an entry is corrected from the page, audited before and after")

    # --- The rest of the day's work -----------------------------------------------------------
    # Search: any part of the name, case and accents aside.
    status, _, body = c.request("GET", "/staff/applicants?q=QUISP")
    check(status == 200 and "Rosa Quispe" in body and "1 match" in body, "applicant search")
    status, _, body = c.request("GET", "/staff/applicants?q=%20")
    check(status == 400 and "problem" in body, "an empty search is 400 with the reason")

    # A renewal filed and a status changed from the credential page, each audited.
    rows_before = db_rows()
    renewal = {"csrf": csrf, "credential_number": "MO-CPS-000101", "renewed_on": "2026-11-24",
               "fee_paid": "7O"}
    status, _, body = c.request("POST", "/staff/renewal", renewal)
    check(status == 400 and "Fee paid must be" in body and 'value="7O"' in body and
          db_rows() == rows_before,
          "a renewal with a mistyped fee is refused, nothing written")
    status, _, _ = c.request("POST", "/staff/ceu", dict(entry, csrf=csrf, title="Ethics, part 2"))
    check(status == 303, "the live ethics hours the renewal still needs are logged")
    status, _, body = c.request("POST", "/staff/renewal", dict(renewal, fee_paid="70.00"))
    check(status == 200 and "The renewal is filed." in body and "(renewal)" in body,
          "a renewal is filed from the credential page")
    change = {"csrf": csrf, "credential_number": "MO-CPS-000104", "status": "suspended",
              "changed_on": "2026-11-20", "status_reason": ""}
    rows_before = db_rows()
    status, _, body = c.request("POST", "/staff/credential/status", change)
    check(status == 400 and "reason" in body and db_rows() == rows_before,
          "a status change without a reason is refused, nothing written")
    status, _, body = c.request("POST", "/staff/credential/status",
                                dict(change, status_reason="Board order 26-114"))
    check(status == 200 and "Suspended since 20 November 2026: Board order 26-114" in body,
          "a status is changed from the credential page")
    audit = json.loads(cli("audit", "--entity", "credential", "--id", "MO-CPS-000104",
                           "--actor", "dana", "--format", "json").stdout)
    check([a["action"] for a in audit] == ["ceu.import", "ceu.edit", "credential.set_status"] and
          audit[-1]["before"] == {"status": "active"} and audit[-1]["after"]["status"] == "suspended",
          "the change is audited under the staff user, with the values after (beside dana's roster "
          "and correction)")

    # CE audits: draw from the page, then move one audit to its decision.
    status, _, body = c.request("GET", "/staff/audits")
    check(status == 200 and "No open audits." in body and 'action="/staff/audits/select"' in body,
          "the CE audit page with its draw form")
    draw = {"csrf": csrf, "program": "MO-CPS", "share": "100", "seed": "7", "from": "2026-11-01",
            "to": "2026-11-24", "due": "2027-01-15"}
    rows_before = db_rows()
    status, _, body = c.request("POST", "/staff/audits/select", dict(draw, due="2026-11-01"))
    check(status == 400 and "Evidence due by must be after" in body and db_rows() == rows_before,
          "a draw with a past due date is refused, nothing written")
    status, _, body = c.request("POST", "/staff/audits/select", draw)
    check(status == 200 and "Drew 1 of 1 renewals" in body and "MO-CPS-000101" in body and
          "52 days left" in body, "a draw opens an audit with its deadline")
    audit_id = re.search(r'name="audit" value="(\d+)"', body).group(1)
    step = {"csrf": csrf, "audit": audit_id, "on": "2026-11-24", "note": ""}
    rows_before = db_rows()
    status, _, body = c.request("POST", "/staff/audits/advance", dict(step, to="passed"))
    check(status == 400 and "it moves next to evidence_requested, not passed" in body and
          db_rows() == rows_before, "a step out of order is refused, nothing written")
    for to in ["evidence_requested", "submitted", "passed"]:
        status, _, body = c.request("POST", "/staff/audits/advance",
                                    dict(step, to=to, note="Step " + to))
    check(status == 200 and f"Audit {audit_id} of MO-CPS-000101 is now passed." in body and
          "No open audits." in body, "an audit moves from selection to a decision")
    status, _, body = c.request("GET", "/staff/audits?all=1")
    check(status == 200 and "Step passed" in body and "decided" in body,
          "decided audits stay listed with their last note")

    # The audit log, filtered.
    status, _, body = c.request("GET", "/staff/audit?entity=credential&id=MO-CPS-000101&actor=dana")
    check(status == 200 and "renewal.file" in body and "ce_audit.passed" in body and
          "ceu.log" in body and "setup" not in body, "the audit log of one credential, by one user")
    check(c.request("GET", "/staff/audit?entity=nothing")[0] == 400,
          "an unknown kind of record is 400")

    # Cohorts and a certification application denied.
    for argv in (["cohort", "create", "--program", "MO-CPS", "--starts", "2026-11-02"],
                 ["cohort", "apply", "--cohort", "1", "--applicant", applicant_id, "--override",
                  "--reason", "Board exception"],
                 ["cohort", "select", "--cohort", "1"],
                 *[["cohort", "attend", "--cohort", "1", "--applicant", applicant_id, "--date",
                    f"2026-11-0{day}", "--hours", "7"] for day in range(2, 7)],
                 ["exam", "record", "--applicant", applicant_id, "--program", "MO-CPS", "--date",
                  "2026-11-09", "--proctor", "R. Smith", "--passed"],
                 ["application", "submit", "--applicant", applicant_id, "--program", "MO-CPS",
                  "--fee-paid", "75"]):
        result = cli(*argv)
        check(result.returncode == 0, " ".join(argv[:2]) + ": " + result.stderr.strip())
    status, _, body = c.request("GET", "/staff/cohorts")
    check(status == 200 and 'href="/staff/cohort?id=1"' in body and "MO-CPS" in body,
          "the cohort list")
    status, _, body = c.request("GET", "/staff/cohort?id=1")
    check(status == 200 and "Rosa Quispe" in body and "35.00 of 35.00" in body, "a cohort's page")
    removal = {"csrf": csrf, "applicant": applicant_id, "date": "2026-11-09"}
    rows_before = db_rows()
    status, _, body = c.request("POST", "/staff/cohort/attendance/remove?id=1", removal)
    check(status == 400 and "Nothing was changed" in body and db_rows() == rows_before,
          "removing a day never recorded is refused")
    status, _, body = c.request("POST", "/staff/cohort/attendance/remove?id=1",
                                dict(removal, date="2026-11-03"))
    check(status == 200 and "The day is removed: 28.00 of 35.00" in body, "a day of attendance is removed")
    status, _, body = c.request("GET", "/staff/applicant?id=" + applicant_id)
    application_id = re.search(r'name="application" value="(\d+)"', body).group(1)
    deny = {"csrf": csrf, "application": application_id, "reason": ""}
    rows_before = db_rows()
    status, _, body = c.request("POST", "/staff/application/deny?id=" + applicant_id, deny)
    check(status == 400 and "reason" in body and db_rows() == rows_before,
          "a denial without a reason is refused")
    status, _, body = c.request("POST", "/staff/application/deny?id=" + applicant_id,
                                dict(deny, reason="Exam not passed"))
    check(status == 200 and "The application is denied." in body and "denied: Exam not passed"
          in body, "an application is denied from the applicant page")

    # Users: only an admin disables one.
    status, _, body = c.request("GET", "/staff/users")
    check(status == 200 and "dana" in body and "Only an admin can add, reset or disable a user."
          in body and "/staff/users/disable" not in body and "/staff/users/add" not in body,
          "a staff user sees the users, without the buttons")
    status, _, body = c.request("POST", "/staff/users/disable", {"csrf": csrf, "name": "setup"})
    check(status == 403, "a staff user cannot disable anyone")

    status, _, _ = c.request("POST", "/logout", {})
    check(status == 403, "logout needs the CSRF token")
    status, headers, _ = c.request("POST", "/logout", {"csrf": csrf})
    check(status == 303 and "peercert_session" not in c.cookies, "logout ends the session")
    check(c.request("GET", "/staff/")[0] == 303, "after logout the staff pages ask for a login")

    # --- A staff member who has left ---------------------------------------------------------
    # Disabled while logged in: the next staff request is refused, and so is a new login.
    other = Client(port)
    _, _, body = other.request("GET", "/login")
    other.request("POST", "/login", {"csrf": csrf_of(body), "name": "dana",
                                     "password": "correct horse battery"})
    check(other.request("GET", "/staff/")[0] == 200, "dana is logged in")
    admin = Client(port)
    _, _, body = admin.request("GET", "/login")
    admin.request("POST", "/login", {"csrf": csrf_of(body), "name": "root",
                                     "password": "admin horse battery"})
    status, _, body = admin.request("GET", "/staff/users")
    admin_csrf = csrf_of(body)
    check(status == 200 and 'aria-label="Disable dana"' in body and
          'aria-label="Disable root"' not in body, "an admin sees a disable button for others")
    status, _, body = admin.request("POST", "/staff/users/disable",
                                    {"csrf": admin_csrf, "name": "nobody"})
    check(status == 400 and "Nothing was changed" in body, "disabling an unknown user is refused")
    status, _, body = admin.request("POST", "/staff/users/disable",
                                    {"csrf": admin_csrf, "name": "dana"})
    check(status == 200 and "dana is disabled" in body, "an admin disables a user from the page")
    status, _, _ = other.request("GET", "/staff/", accept="application/json")
    check(status == 401, f"a disabled user's session ends at the next request ({status})")
    fresh = Client(port)
    _, _, body = fresh.request("GET", "/login")
    status, _, _ = fresh.request("POST", "/login", {"csrf": csrf_of(body), "name": "dana",
                                                    "password": "correct horse battery"})
    check(status == 401, f"a disabled user cannot log in ({status})")

    # --- A few failed logins slow further tries -------------------------------------------
    statuses = []
    for _ in range(5):
        _, _, body = c.request("GET", "/login")
        status, headers, _ = c.request("POST", "/login", {"csrf": csrf_of(body), "name": "mallory",
                                                          "password": "guess guess guess"})
        statuses.append(status)
    check(statuses[:3] == [401, 401, 401] and 429 in statuses[3:],
          f"after three failed logins the next must wait ({statuses})")

    # --- Shutdown and the log ---------------------------------------------------------------
    server.send_signal(signal.SIGTERM)
    try:
        code = server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        code = None
    log = server.stderr.read()
    check(code == 0 and "stopped." in log, "SIGTERM stops the server cleanly")
    check(re.search(r"GET /staff/credential 200", log) is not None, "requests are logged")
    leaks = [w for w in ["dana", "mallory", "1990-05-01", "MO-CPS-000101", "Lee", "horse",
                         "lee.park@example.org"] if w in log]
    check(not leaks, f"the log holds no personal data ({leaks})")

    print(f"{'FAILED' if failures else 'passed'}: {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

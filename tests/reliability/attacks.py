#!/usr/bin/env python3
"""The attacks that once got through `peercert serve`, kept as tests. Each starts a fresh
server over a fresh database and says ok or FAIL:

  login-race       40 wrong passwords and the right one sent all at once: at most three are
                   checked however long the burst takes (burst.py), the rest answered 429
                   (before: all 41 checked, and it logged in).
  slowloris        70 connections from one address sending a header line every 2 s: another
                   address is still answered at once (before: nothing answered for a minute).
  proxy-throttle   behind --behind-https-proxy, failures of one user at one forwarded address
                   do not lock out another user at another (before: 64 s for everyone).
  secure-cookie    behind --behind-https-proxy the session and login cookies are Secure.
  log-forgery      an encoded CR/LF in the path cannot write a log line of its own, and a
                   request refused before routing logs its own short time (before: forged
                   lines, and 2,522,625 ms).
  number-overflow  {"date_of_birth": 1e309} is 400 naming the field, and the body is not
                   copied to the log (before: 500, and the text in the log).

    attacks.py --peercert PATH --rules DIR [--quick] [NAME ...]

--quick shortens the slow-client attack for CI; without names every attack runs.
--first-edition leaves out the server options the fixes added, to run an attack against a
build from before them and see it get through. With PEERCERT_TEST_POSTGRESQL set, each
database is one of that PostgreSQL server's (tests/backend.py).
"""
import argparse
import http.client
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import backend  # noqa: E402: an SQLite file or a PostgreSQL database (tests/backend.py)
import burst  # noqa: E402: a burst of logins and what the throttle lets through

PASSWORD = "correct horse battery"


class Serving:
    """`peercert serve` on a free loopback port, started with `argv` (the program and its options,
    without `serve`) in the environment `env`, its log in `folder`; asked, then stopped."""

    def __init__(self, argv, env, folder, *flags):
        self.env = env
        self.log_path = os.path.join(folder, "serve.log")
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen([*argv, "serve", "--listen", "127.0.0.1:0", *flags],
                                     env=env, stderr=self.log)
        self.port = None
        for _ in range(600):
            m = re.search(r"serving on http://127\.0\.0\.1:(\d+)/", open(self.log_path).read())
            if m:
                self.port = int(m.group(1))
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("the server did not start: " + open(self.log_path).read().strip())

    def ask(self, method, path, body=None, headers=None, source="127.0.0.1", timeout=30):
        """The status, headers and text of the answer (a dict body is sent as a form)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout,
                                          source_address=(source, 0))
        h = dict(headers or {})
        if isinstance(body, dict):
            body = urllib.parse.urlencode(body)
            h.setdefault("Content-Type", "application/x-www-form-urlencoded")
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        data = r.read().decode("utf-8", "replace")
        conn.close()
        return r.status, r.headers, data

    def request(self, method, path, body=None, headers=None, source="127.0.0.1", timeout=30):
        """The status, the cookies set and the text of the answer."""
        status, h, data = self.ask(method, path, body, headers, source, timeout)
        return status, h.get_all("Set-Cookie") or [], data

    def login_form(self, headers=None, source="127.0.0.1"):
        """A login CSRF token and its cookie."""
        _, cookies, body = self.request("GET", "/login", headers=headers, source=source)
        token = re.search(r'name="csrf" value="([0-9a-f]{64})"', body).group(1)
        cookie = cookies[0].split(";")[0]
        return token, cookie

    def login(self, name, password, headers=None, source="127.0.0.1"):
        token, cookie = self.login_form(headers, source)
        h = dict(headers or {}, Cookie=cookie)
        status, cookies, _ = self.request("POST", "/login", {"csrf": token, "name": name,
                                                             "password": password, "next": "/staff/"},
                                          h, source)
        return status, cookies

    def log_text(self):
        self.log.flush()
        return open(self.log_path).read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()


class Server(Serving):
    """A `peercert serve` on a free loopback port over a fresh database with two users."""

    def __init__(self, args, *flags):
        if args.first_edition:  # it knows none of the options the fixes added
            flags = ()
        folder = tempfile.mkdtemp(prefix="peercert-attack-")
        env = dict(os.environ, PEERCERT_DB=backend.database(folder, "p.db"),
                   PEERCERT_RULES=args.rules, TZ="UTC", HOME=folder)
        for name in ("dana", "eli"):
            subprocess.run([args.peercert, "user", "add", "--name", name, "--password-stdin"],
                           input=PASSWORD + "\n", env=env, text=True, check=True,
                           capture_output=True)
        super().__init__([args.peercert, "--as-of", "2026-11-24"], env, folder, *flags)


def login_race(args):
    # Every guess reaches the login handler: no cap per address turns any away first.
    s = Server(args, "--connections-per-address", "100")
    try:
        passwords = [PASSWORD if i == 20 else f"guess {i}" for i in range(41)]
        return burst.judge(*burst.fire(s, passwords))
    finally:
        s.stop()


def slowloris(args):
    s = Server(args)
    held = []
    stop = threading.Event()
    try:
        # 70 slow clients from 127.0.0.1, one header line every 2 s, for as long as they can.
        def slow():
            try:
                sock = socket.create_connection(("127.0.0.1", s.port), timeout=5)
                sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
                held.append(sock)
                while not stop.wait(2):
                    sock.sendall(b"X-Slow: 1\r\n")
            except OSError:
                pass

        clients = [threading.Thread(target=slow) for _ in range(70)]
        for c in clients:
            c.start()
        time.sleep(1)
        seconds = 8 if args.quick else 40
        answered, slowest = 0, 0.0
        tries = 0
        deadline = time.time() + seconds
        while time.time() < deadline:
            tries += 1
            started = time.time()
            try:
                status = s.request("GET", "/", source="127.0.0.2", timeout=5)[0]
                if status == 200:
                    answered += 1
                    slowest = max(slowest, time.time() - started)
            except OSError:
                slowest = max(slowest, 5.0)
            time.sleep(0.5)
        return answered == tries and slowest < 2, (
            f"{answered} of {tries} requests from another address answered while 70 slow "
            f"connections were open; slowest {slowest:.2f} s")
    finally:
        stop.set()
        for sock in held:
            try:
                sock.close()
            except OSError:
                pass
        s.stop()


def proxy_throttle(args):
    s = Server(args, "--behind-https-proxy")
    try:
        attacker = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}
        statuses = [s.login("dana", f"guess {i}", attacker)[0] for i in range(9)]
        other = {"X-Forwarded-For": "198.51.100.7", "X-Forwarded-Proto": "https"}
        started = time.time()
        status, _ = s.login("eli", PASSWORD, other)
        spoofed = {"X-Forwarded-For": "198.51.100.7, 203.0.113.9", "X-Forwarded-Proto": "https"}
        spoof_status, _ = s.login("dana", "guess again", spoofed)
        ok = 429 in statuses and status == 303 and time.time() - started < 5 and \
            spoof_status == 429
        return ok, (f"attacker {statuses}; another user elsewhere {status}; the attacker "
                    f"prepending an address {spoof_status}")
    finally:
        s.stop()


def secure_cookie(args):
    s = Server(args, "--behind-https-proxy")
    try:
        _, cookies, _ = s.request("GET", "/login", headers={"X-Forwarded-Proto": "https"})
        status, session = s.login("dana", PASSWORD, {"X-Forwarded-Proto": "https"})
        secure = all("; Secure" in c for c in cookies + session) and session
        return bool(secure) and status == 303, f"login cookie {cookies}, session {session}"
    finally:
        s.stop()


def log_forgery(args):
    s = Server(args)
    try:
        s.request("GET", "/check/MO-CPS%0d%0apeercert:%20info:%20GET%20/staff/%20200")
        sock = socket.create_connection(("127.0.0.1", s.port), timeout=5)
        time.sleep(1.5)  # idle first, then a request line httplib refuses
        sock.sendall(b"BROKEN\r\n\r\n")
        sock.recv(1000)
        sock.close()
        time.sleep(0.5)
        log = s.log_text()
        forged = [line for line in log.splitlines() if line.startswith("peercert: info: GET /staff/")]
        times = [float(m) for m in re.findall(r" ([0-9.]+) ms$", log, re.M)]
        ok = not forged and times and max(times) < 1000
        return ok, f"forged lines {forged}; longest logged time {max(times) if times else None} ms"
    finally:
        s.stop()


def number_overflow(args):
    s = Server(args)
    try:
        status, _, body = s.request("POST", "/api/check?program=MO-CPS",
                                    '{"date_of_birth": 1e309}',
                                    {"Content-Type": "application/json",
                                     "Accept": "application/json"})
        log = s.log_text()
        ok = status == 400 and "date_of_birth" in body and "1e309" not in log
        return ok, f"{status} {body.strip()[:100]}; body in the log: {'1e309' in log}"
    finally:
        s.stop()


ATTACKS = {"login-race": login_race, "slowloris": slowloris, "proxy-throttle": proxy_throttle,
           "secure-cookie": secure_cookie, "log-forgery": log_forgery,
           "number-overflow": number_overflow}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--peercert", required=True)
    parser.add_argument("--rules", required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--first-edition", action="store_true",
                        help="run the attacks as they ran against the first edition, without "
                             "the options it lacks, to see them get through")
    parser.add_argument("names", nargs="*")
    args = parser.parse_args()
    failures = 0
    for name in args.names or ATTACKS:
        try:
            ok, detail = ATTACKS[name](args)
        except Exception as e:  # the attack could not even run: a failure too
            ok, detail = False, f"{type(e).__name__}: {e}"
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}", flush=True)
        failures += 0 if ok else 1
    print("passed" if failures == 0 else f"FAILED: {failures}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""A hosted registry: several `peercert serve` processes on one database behind one proxy act
as one, and the database server's failures leave nothing half-written. Each case says ok or
FAIL:

  shared-login      a login through the proxy (to one process) is a login on the other.
  shared-throttle   41 wrong passwords for one user sent at once through the proxy, spread
                    over both processes: at most three are checked, the rest answered 429.
  shared-limit      60 lookups from one address spread over both processes: at most the
                    minute's 30 answered.
  restart           a process stopped and started again keeps the staff logged in.
  one-killed        one process killed (SIGKILL): the other serves the same staff session.
  database-restart  PostgreSQL killed under a running server: pages answer 503 with a plain
                    message, then the same server answers again once the database is back.
  crash-import      PostgreSQL killed (SIGKILL) during `ceu import`: no entry kept, and the
                    import run again completes.
  crash-copy        PostgreSQL killed during `db copy` into it: nothing kept, and the copy run
                    again completes and dumps as its source.
  boards            staff of one board find nothing of another's holders on any staff page
                    or download, cannot log CE for them, and `serve --board` verifies only
                    its board's numbers.

    hosted.py --peercert PATH --rules DIR [NAME ...]

The first five and boards run on the database of tests/backend.py (an SQLite file, or with
PEERCERT_TEST_POSTGRESQL a database on that server); the last three need PostgreSQL and start
a server of their own (tests/pg/server) to kill, so that they kill no other test's.
"""
import argparse
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, HERE)
import backend  # noqa: E402: an SQLite file or a PostgreSQL database (tests/backend.py)
import burst  # noqa: E402: a burst of logins and what the throttle lets through
from attacks import PASSWORD, Serving  # noqa: E402

PG_SERVER = os.path.join(HERE, "..", "pg", "server")
AS_OF = "2026-11-24"


class Proxy:
    """A TCP proxy on a free loopback port sending each connection to the next backend port in
    turn, as a load balancer does."""

    def __init__(self, ports):
        self.ports = list(ports)
        self.turn = 0
        self.lock = threading.Lock()
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(128)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            with self.lock:
                port = self.ports[self.turn % len(self.ports)]
                self.turn += 1
            threading.Thread(target=self._serve, args=(client, port), daemon=True).start()

    @staticmethod
    def _pipe(src, dst):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def _serve(self, client, port):
        try:
            upstream = socket.create_connection(("127.0.0.1", port), timeout=30)
        except OSError:
            client.close()
            return
        threading.Thread(target=self._pipe, args=(upstream, client), daemon=True).start()
        self._pipe(client, upstream)

    def close(self):
        self.sock.close()


class Through(Serving):
    """Asks the proxy rather than one process (Serving's methods with the proxy's port)."""

    def __init__(self, proxy):  # pylint: disable=super-init-not-called
        self.port = proxy.port


class Registry:
    """A database with a staff user and two `peercert serve` processes over it behind a proxy."""

    def __init__(self, args, db=None, folder=None):
        self.args = args
        self.folder = folder or tempfile.mkdtemp(prefix="peercert-hosted-")
        self.db = db or backend.database(self.folder, "p.db")
        self.env = dict(os.environ, PEERCERT_DB=self.db, PEERCERT_RULES=args.rules, TZ="UTC",
                        HOME=self.folder)
        self.run("user", "add", "--name", "dana", "--password-stdin", stdin=PASSWORD + "\n")
        self.servers = [self.serve(i) for i in range(2)]
        self.proxy = Proxy([s.port for s in self.servers])
        self.front = Through(self.proxy)

    def run(self, *argv, stdin=None, check=True):
        r = subprocess.run([self.args.peercert, "--as-of", AS_OF, *argv], env=self.env,
                           input=stdin, capture_output=True, text=True)
        if check and r.returncode != 0:
            raise RuntimeError(f"{argv}: exit {r.returncode}: {r.stderr.strip()}")
        return r

    def serve(self, i):
        folder = os.path.join(self.folder, f"serve-{i}-{time.time_ns()}")
        os.makedirs(folder)
        return Serving([self.args.peercert, "--as-of", AS_OF], self.env, folder,
                       "--connections-per-address", "100")

    def session(self):
        """A staff session cookie, logged in through the proxy."""
        status, cookies = self.front.login("dana", PASSWORD)
        if status != 303:
            raise RuntimeError(f"the login answered {status}")
        return next(c.split(";")[0] for c in cookies if c.startswith("peercert_session="))

    def stop(self):
        self.proxy.close()
        for s in self.servers:
            s.stop()


def staff_page(server, cookie):
    return server.request("GET", "/staff/", headers={"Cookie": cookie})[0]


def shared_login(args):
    r = Registry(args)
    try:
        cookie = r.session()
        answers = [staff_page(s, cookie) for s in r.servers]
        return answers == [200, 200], f"the session's staff page on each process: {answers}"
    finally:
        r.stop()


def shared_throttle(args):
    r = Registry(args)
    try:
        ok, said = burst.judge(*burst.fire(r.front, [f"guess {i}" for i in range(41)]))
        return ok, f"{said}, over {r.proxy.turn} connections to two processes"
    finally:
        r.stop()


def shared_limit(args):
    r = Registry(args)
    try:
        answers = [r.front.request("GET", "/api/verify?number=MO-CPS-000001",
                                   headers={"Accept": "application/json"})[0]
                   for _ in range(60)]
        served = sum(1 for a in answers if a != 429)
        return served == 30 and answers.count(429) == 30, (
            f"{served} lookups answered and {answers.count(429)} refused of 60 spread over two "
            f"processes (a minute allows 30)")
    finally:
        r.stop()


def restart(args):
    r = Registry(args)
    try:
        cookie = r.session()
        for i, s in enumerate(r.servers):
            s.stop()
            r.servers[i] = r.serve(i)
        answers = [staff_page(s, cookie) for s in r.servers]
        return answers == [200, 200], f"after both processes restarted: {answers}"
    finally:
        r.stop()


def one_killed(args):
    r = Registry(args)
    try:
        cookie = r.session()
        r.servers[0].proc.send_signal(signal.SIGKILL)
        r.servers[0].proc.wait()
        answer = staff_page(r.servers[1], cookie)
        return answer == 200, f"the other process, after one was killed: {answer}"
    finally:
        r.stop()


class OwnServer:
    """A PostgreSQL server of this test's own, to kill."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="peercert-pg-", dir="/tmp")
        os.chmod(self.dir, 0o755)
        subprocess.run([PG_SERVER, "start", self.dir], check=True, capture_output=True)
        self.count = 0

    def database(self):
        self.count += 1
        name = f"hosted_{self.count}"
        subprocess.run(["psql", "-h", self.dir, "-U", "peercert", "-d", "postgres", "-qc",
                        f"CREATE DATABASE {name} TEMPLATE template0"], check=True,
                       capture_output=True)
        return f"postgresql:///{name}?host={self.dir}&user=peercert"

    def kill(self):
        subprocess.run([PG_SERVER, "kill", self.dir], check=True, capture_output=True)

    def resume(self):
        subprocess.run([PG_SERVER, "resume", self.dir], check=True, capture_output=True)

    def stop(self):
        subprocess.run([PG_SERVER, "stop", self.dir], capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)


def database_restart(args):
    pg = OwnServer()
    r = Registry(args, db=pg.database())
    try:
        cookie = r.session()
        pg.kill()
        down = r.servers[0].request("GET", "/staff/", headers={"Cookie": cookie,
                                                                "Accept": "text/html"})
        health = r.servers[0].request("GET", "/healthz")[0]
        plain = "cannot be reached" in down[2] or "stopped answering" in down[2]
        pg.resume()
        back = None
        for _ in range(50):
            back = staff_page(r.servers[0], cookie)
            if back == 200:
                break
            time.sleep(0.2)
        return down[0] == 503 and plain and health == 503 and back == 200, (
            f"with the database down: the staff page {down[0]} (plain words: {plain}), "
            f"/healthz {health}; once it is back, the same process answers {back}")
    finally:
        r.stop()
        pg.stop()


def credentials_csv(n):
    rows = ["credential_number,program,issued_on,first_name,last_name,email,expires_on"]
    for i in range(n):
        rows.append(f"MO-CPS-{i:06d},MO-CPS,2025-0{1 + i % 9}-1{i % 9},First{i},Last{i},,"
                    f"2027-0{1 + i % 9}-1{i % 9}")
    return "\n".join(rows) + "\n"


def roster_csv(n, holders):
    rows = ["credential_number,completed_on,hours,category,delivery,provider,title"]
    for i in range(n):
        rows.append(f"MO-CPS-{i % holders:06d},2026-0{1 + i % 9}-1{i % 9},1,general,live,P{i},"
                    f"T{i}")
    return "\n".join(rows) + "\n"


def kill_server_during(pg, start, seconds):
    """Starts a command, kills the database server after part of `seconds`, waits for the
    command; its exit status."""
    proc = start()
    time.sleep(random.uniform(0.3, 0.7) * seconds)
    finished_first = proc.poll() is not None
    pg.kill()
    status = proc.wait()
    pg.resume()
    return status, finished_first


class Scratch:
    """A folder of files and a way to run peercert on any database, for the crash cases."""

    def __init__(self, args):
        self.args = args
        self.folder = tempfile.mkdtemp(prefix="peercert-hosted-")
        self.env = dict(os.environ, PEERCERT_RULES=args.rules, TZ="UTC", HOME=self.folder)

    def file(self, name, text):
        path = os.path.join(self.folder, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def run(self, db, *argv):
        return subprocess.run([self.args.peercert, "--db", db, "--as-of", AS_OF, *argv],
                              env=self.env, capture_output=True, text=True)

    def start(self, db, *argv):
        return subprocess.Popen([self.args.peercert, "--db", db, "--as-of", AS_OF, *argv],
                                env=self.env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)

    def timed(self, db, *argv):
        started = time.time()
        self.run(db, *argv)
        return time.time() - started

    def remove(self):
        shutil.rmtree(self.folder, ignore_errors=True)


def crash_import(args):
    pg = OwnServer()
    s = Scratch(args)
    try:
        holders = s.file("c.csv", credentials_csv(50))
        roster = s.file("r.csv", roster_csv(20000, 50))
        probe = pg.database()
        s.run(probe, "credential", "import", holders)
        seconds = s.timed(probe, "ceu", "import", roster)
        db = pg.database()
        s.run(db, "credential", "import", holders)
        status, first = kill_server_during(pg, lambda: s.start(db, "ceu", "import", roster),
                                           seconds)
        kept = backend.query(db, "SELECT count(*) FROM ce_entries")[0][0]
        again = s.run(db, "ceu", "import", roster).returncode
        after = backend.query(db, "SELECT count(*) FROM ce_entries")[0][0]
        return not first and status == 4 and kept == 0 and again == 0 and after == 20000, (
            f"the import killed with its server exited {status}, {kept} entries kept; the "
            f"rerun exited {again} with {after} entries")
    finally:
        pg.stop()
        s.remove()


def crash_copy(args):
    pg = OwnServer()
    s = Scratch(args)
    try:
        source = os.path.join(s.folder, "source.db")
        s.run(source, "credential", "import", s.file("c.csv", credentials_csv(2000)))
        s.run(source, "ceu", "import", s.file("r.csv", roster_csv(40000, 2000)))
        seconds = s.timed(source, "db", "copy", "--to", pg.database())
        target = pg.database()
        status, first = kill_server_during(
            pg, lambda: s.start(source, "db", "copy", "--to", target), seconds)
        kept = sum(backend.query(target, f"SELECT count(*) FROM {t}")[0][0]
                   for t in ("credentials", "ce_entries", "audit_log"))
        again = s.run(source, "db", "copy", "--to", target).returncode
        same = s.run(source, "db", "dump").stdout == s.run(target, "db", "dump").stdout
        return not first and status == 4 and kept == 0 and again == 0 and same, (
            f"the copy killed with its server exited {status}, {kept} rows kept; the rerun "
            f"exited {again}, and the target dumps {'as' if same else 'unlike'} its source")
    finally:
        pg.stop()
        s.remove()


def boards(args):
    """Staff of one board, and the public pages of `serve --board`, find nothing of another."""
    folder = tempfile.mkdtemp(prefix="peercert-boards-")
    db = backend.database(folder, "p.db")
    env = dict(os.environ, PEERCERT_DB=db, PEERCERT_RULES=args.rules, TZ="UTC", HOME=folder)

    def run(*argv, stdin=None):
        subprocess.run([args.peercert, "--as-of", AS_OF, *argv], env=env, input=stdin,
                       capture_output=True, text=True, check=True)

    run("credential", "import", os.path.join(HERE, "..", "cli", "fixtures",
                                             "reminder-credentials.csv"))
    run("ceu", "log", "--credential", "TX-MHPS-20931", "--date", "2026-11-01", "--hours", "2",
        "--category", "general", "--delivery", "live", "--provider", "P", "--title", "T")
    run("board", "add", "MO", "--name", "Missouri", "--programs", "MO-CPS")
    run("board", "add", "TX", "--name", "Texas", "--programs", "TX-MHPS")
    run("user", "add", "--name", "dana", "--board", "MO", "--password-stdin", stdin=PASSWORD + "\n")
    run("user", "add", "--name", "chief", "--role", "admin", "--all-boards", "--password-stdin",
        stdin=PASSWORD + "\n")
    for part in ("staff", "public"):
        os.makedirs(os.path.join(folder, part))
    staff = Serving([args.peercert, "--as-of", AS_OF], env, os.path.join(folder, "staff"))
    public = Serving([args.peercert, "--as-of", AS_OF, "--board", "MO"], env,
                     os.path.join(folder, "public"))
    problems = []
    try:
        def session(name):
            status, cookies = staff.login(name, PASSWORD)
            if status != 303:
                raise RuntimeError(f"the login of {name} answered {status}")
            return next(c.split(";")[0] for c in cookies if c.startswith("peercert_session="))

        dana, chief = session("dana"), session("chief")

        def get(cookie, path):
            return staff.request("GET", path, headers={"Cookie": cookie})

        # Texas's holder, as any page could show them: number, name, email. (Pages list every
        # program of the rules in their filters: rules, not records.)
        traces = ("TX-MHPS-20931", "zoe@example.org", "O&#39;Brien", "Zo\u00eb")
        status, _, _ = get(dana, "/staff/credential?number=TX-MHPS-20931")
        if status != 404:
            problems.append(f"another board's credential answered {status}, not 404")
        if get(dana, "/staff/credential?number=MO-CPS-000101")[0] != 200:
            problems.append("the board's own credential is not shown")
        if get(chief, "/staff/credential?number=TX-MHPS-20931")[0] != 200:
            problems.append("an all-boards admin does not see Texas's credential")
        for path in ("/staff/credential?number=Zo", "/staff/credential?number=example.org",
                     "/staff/reminders", "/staff/reminders.csv", "/staff/reminders.json",
                     "/staff/reminders.ics", "/staff/reminders.xlsx", "/staff/audit",
                     "/staff/audit?entity=credential&id=TX-MHPS-20931", "/staff/audits",
                     "/staff/applicants"):
            status, _, body = get(dana, path)
            # The audit log's filter shows the number as it was typed: not a record.
            body = body.replace('value="TX-MHPS-20931"', "")
            found = [t for t in traces if t in body]
            if found or status >= 500:
                problems.append(f"{path}: {status}, shows {found}")
        _, _, page = get(dana, "/staff/credential?number=MO-CPS-000101")
        csrf = re.search(r'name="csrf" value="([0-9a-f]{64})"', page).group(1)
        before = backend.dump(args.peercert, db, env)
        status, _, _ = staff.request("POST", "/staff/ceu", {
            "csrf": csrf, "credential_number": "TX-MHPS-20931", "completed_on": "2026-11-02",
            "hours": "1", "category": "general", "delivery": "live", "provider": "P",
            "title": "Not theirs"}, {"Cookie": dana})
        if status in (200, 303) or backend.dump(args.peercert, db, env) != before:
            problems.append(f"CE logged for another board's credential answered {status}")
        answers = [public.request("GET", f"/api/verify?number={n}",
                                  headers={"Accept": "application/json"})[0]
                   for n in ("MO-CPS-000101", "TX-MHPS-20931")]
        answers.append(staff.request("GET", "/api/verify?number=TX-MHPS-20931",
                                     headers={"Accept": "application/json"})[0])
        if answers != [200, 404, 200]:
            problems.append(f"verification MO, TX on serve --board MO, TX on serve: {answers}")
        return not problems, "; ".join(problems) or (
            "staff of MO: Texas's credential 404, absent from search, reminders (every download), "
            "the audit log, CE audits and applicants; CE for it refused, nothing written; serve "
            f"--board MO verifies MO and not TX ({answers})")
    finally:
        staff.stop()
        public.stop()


CASES = {
    "shared-login": shared_login,
    "shared-throttle": shared_throttle,
    "shared-limit": shared_limit,
    "restart": restart,
    "one-killed": one_killed,
    "database-restart": database_restart,
    "crash-import": crash_import,
    "crash-copy": crash_copy,
    "boards": boards,
}
NEEDS_POSTGRESQL = {"database-restart", "crash-import", "crash-copy"}


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--peercert", required=True)
    parser.add_argument("--rules", required=True)
    parser.add_argument("names", nargs="*")
    args = parser.parse_args()
    failures = 0
    for name in args.names or CASES:
        if name in NEEDS_POSTGRESQL and not backend.on_postgresql():
            print(f"postgresql-only: {name} (left out on SQLite)")
            continue
        try:
            ok, said = CASES[name](args)
        except Exception as e:  # a case that cannot run is a failure, said as such
            ok, said = False, f"{type(e).__name__}: {e}"
        print(f"{'ok' if ok else 'FAIL'} {name}: {said}", flush=True)
        failures += not ok
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

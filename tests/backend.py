"""Which database the end-to-end tests (web/, mail/, reliability/) run on.

By default each test's database is an SQLite file in its own temporary folder, as always. With
PEERCERT_TEST_POSTGRESQL set to the socket folder of a PostgreSQL server (tests/pg/server, the
CTest fixture `postgresql`), each is a fresh empty database on that server instead, named by its
URL, and dropped when the test ends. A test imports this module from its folder's parent:

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import backend

    db = backend.database(tmp, "peercert.db")   # what goes in $PEERCERT_DB or --db
    before = backend.dump(peercert, db, env)    # `peercert db dump`: "nothing written" checks
    backend.query(db, "SELECT count(*) FROM ce_entries")   # rows, on either backend
    if backend.sqlite_only("a damaged page of the file"):  # says what is left out on PostgreSQL
        ...

What is about the SQLite file itself (its pages, its bytes, PRAGMAs, a read-only file, a
backup copy) runs on SQLite only, and the test says so in a line starting "sqlite-only:".
"""
import atexit
import itertools
import json
import os
import re
import secrets
import sqlite3
import subprocess
import sys
import urllib.parse

_SOCKETS = os.environ.get("PEERCERT_TEST_POSTGRESQL") or None
_counter = itertools.count(1)
_failed_dumps = itertools.count(1)
_created = []  # (socket folder, database name), dropped at exit
_said = set()  # the sqlite-only lines already printed


def on_postgresql():
    """Whether the tests run on the PostgreSQL server of $PEERCERT_TEST_POSTGRESQL."""
    return _SOCKETS is not None


def _psql(sockets, database, sql, *extra):
    return subprocess.run(["psql", "-h", sockets, "-U", "peercert", "-d", database, "-X", "-q",
                           "-v", "ON_ERROR_STOP=1", *extra, "-c", sql],
                          capture_output=True, text=True)


def database(tmp_dir, name="peercert.db"):
    """A fresh database for a test: an SQLite file `name` in `tmp_dir` (not created here), or
    on PostgreSQL a new empty database on the test server, unique to this process and call.
    Returns what to put in $PEERCERT_DB or --db."""
    if not on_postgresql():
        return os.path.join(tmp_dir, name)
    slug = re.sub(r"[^a-z0-9]+", "_", os.path.splitext(name)[0].lower()).strip("_")[:24]
    db_name = f"e2e_{os.getpid()}_{next(_counter)}_{secrets.token_hex(3)}_{slug}".rstrip("_")
    made = _psql(_SOCKETS, "postgres", f"CREATE DATABASE {db_name} TEMPLATE template0")
    if made.returncode != 0:
        raise RuntimeError(f"could not create the test database {db_name} on the server in "
                           f"{_SOCKETS}: {made.stderr.strip()}")
    _created.append((_SOCKETS, db_name))
    query = urllib.parse.urlencode({"host": _SOCKETS, "user": "peercert"}, safe="/")
    return f"postgresql:///{db_name}?{query}"


def _server_database(db):
    """The socket folder, user and database name of a postgresql:// URL."""
    url = urllib.parse.urlsplit(db)
    params = urllib.parse.parse_qs(url.query)
    return (params.get("host", [_SOCKETS])[0], params.get("user", ["peercert"])[0],
            url.path.lstrip("/"))


def _literal(value):
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def _bind(sql, params):
    """`sql` with each ? replaced by its parameter as an SQL literal (the tests' own SQL only:
    no ? in its strings)."""
    parts = sql.split("?")
    if len(parts) != len(params) + 1:
        raise ValueError(f"{len(params)} parameters for {len(parts) - 1} places in {sql!r}")
    out = [parts[0]]
    for value, rest in zip(params, parts[1:]):
        out += [_literal(value), rest]
    return "".join(out)


def query(db, sql, *params):
    """Runs one statement on the test's database (`?` for each parameter) and returns its rows
    as a list of tuples, numbers as ints, NULL as None (empty for a statement that returns no
    rows); a change is committed. SQLite through Python's sqlite3, PostgreSQL through psql."""
    if not db.startswith(("postgresql:", "postgres:")):
        c = sqlite3.connect(db)
        try:
            with c:
                return c.execute(sql, params).fetchall()
        finally:
            c.close()
    sockets, user, name = _server_database(db)
    statement = _bind(sql, params)
    returns_rows = re.match(r"\s*(SELECT|WITH|VALUES)\b", statement, re.I) is not None
    if returns_rows:  # each row as a JSON array, in the statement's order, duplicates kept
        statement = f"SELECT row_to_json(q) FROM ({statement}) AS q"
    r = subprocess.run(["psql", "-h", sockets, "-U", user, "-d", name, "-X", "-q", "-A", "-t",
                        "-v", "ON_ERROR_STOP=1", "-c", statement],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"psql: {statement}: {r.stderr.strip()}")
    if not returns_rows:
        return []
    return [json.loads(line, object_pairs_hook=lambda pairs: tuple(v for _, v in pairs))
            for line in r.stdout.splitlines() if line]


def dump(peercert, db, env=None):
    """`peercert --db DB db dump`: every table's rows in a fixed order, on either backend, to
    compare before and after something that must write nothing. A dump that fails returns a
    text that equals no other (and says why on stderr), so a comparison with it fails."""
    r = subprocess.run([peercert, "--db", db, "db", "dump"], env=env if env is not None else
                       os.environ, capture_output=True)
    if r.returncode != 0:
        why = r.stderr.decode("utf-8", "replace").strip()
        print(f"db dump failed (exit {r.returncode}): {why}", file=sys.stderr, flush=True)
        return f"<db dump #{next(_failed_dumps)} failed with exit {r.returncode}: {why}>"
    return r.stdout.decode("utf-8", "replace")


def sqlite_only(what):
    """Whether a part about the SQLite file itself runs: on SQLite, yes; on PostgreSQL, no, and
    one line says what is left out (once per part)."""
    if not on_postgresql():
        return True
    if what not in _said:
        _said.add(what)
        print(f"sqlite-only: {what} (left out on PostgreSQL)", flush=True)
    return False


@atexit.register
def _drop_databases():
    """Drops the databases this process made; a cleanup that fails fails no test."""
    for sockets, name in reversed(_created):
        try:
            _psql(sockets, "postgres", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        except Exception:  # noqa: BLE001: best effort only
            pass

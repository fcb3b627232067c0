#!/usr/bin/env python3
"""Golden command-line tests for peercert, in the manner of ledger's baseline tests.

A .test file holds one or more cases:

    # a comment
    $ peercert check --program MO-CPS --facts - --as-of 2026-11-24
    <<<
    {"date_of_birth": "2008-11-24"}
    >>>
    expected standard output
    >>>2
    expected standard error
    >>>= 3

`$ ` starts a case: a shell command run by bash in the test file's folder, with the
peercert under test first on PATH; indented lines right after it continue the command. `<<<` is standard input, `>>>` the expected standard
output, `>>>2` the expected standard error (each empty when left out) and `>>>= N` the
exit status. A carriage return in the output is written `<CR>`. Every case gets a fresh
temporary folder in $TMP (also $HOME and $XDG_DATA_HOME) holding its database
$PEERCERT_DB, TZ=UTC, the source rules, and PEERCERT_NOW fixed for the audit log.

    run.py --peercert PATH --rules DIR [--postgresql SOCKET_DIR] [--update] FILE.test...

--update rewrites the files with what the commands print now: review the diff.

--postgresql runs every case against a fresh database of the PostgreSQL server listening in
SOCKET_DIR (tests/pg/server) instead of an SQLite file: $PEERCERT_DB is its URL, shown in the
output as $TMP/peercert.db, so the same expected text holds on both. A case about the SQLite
file itself (a damaged page, a read-only folder) says `# sqlite-only` in the comment lines
before it and is left out there, by name; one about the server says `# postgresql-only` and
is left out of the SQLite run.
"""
import argparse
import difflib
import itertools
import os
import subprocess
import sys
import tempfile

SQLITE_ONLY = "# sqlite-only"
POSTGRESQL_ONLY = "# postgresql-only"
_databases = itertools.count(1)


def server_database(socket_dir):
    """A new empty database on the test server, and its URL."""
    name = f"cli_{os.getpid()}_{next(_databases)}"
    subprocess.run(["psql", "-h", socket_dir, "-U", "peercert", "-d", "postgres", "-q",
                    "-v", "ON_ERROR_STOP=1", "-c", f"CREATE DATABASE {name} TEMPLATE template0"],
                   check=True, capture_output=True)
    return name, f"postgresql:///{name}?host={socket_dir}&user=peercert"


def drop_database(socket_dir, name):
    subprocess.run(["psql", "-h", socket_dir, "-U", "peercert", "-d", "postgres", "-q",
                    "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"],
                   check=True, capture_output=True)

MARKERS = ("<<<", ">>>", ">>>2", ">>>=")


def parse(path):
    cases, case, section, before = [], None, None, []
    with open(path, encoding="utf-8", newline="\n") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for number, line in enumerate(lines, 1):
        if case is not None and section is None and case["status"] is None and \
                line.startswith("  ") and case["stdin"] is None and not case["stdout"]:
            case["command"] += "\n" + line  # an indented line continues the command
        elif line.startswith("$ "):
            case = {"line": number, "command": line[2:], "stdin": None, "stdout": [],
                    "stderr": [], "status": None, "before": before}
            cases.append(case)
            section, before = None, []
        elif section is None and (not line.strip() or line.startswith("#")):
            before.append(line)  # comments and blank lines belong to the next case
        elif case is None:
            raise SystemExit(f"{path}:{number}: text before the first '$ ' case: {line!r}")
        elif line == "<<<":
            section, case["stdin"] = "stdin", []
        elif line == ">>>":
            section = "stdout"
        elif line == ">>>2":
            section = "stderr"
        elif line.startswith(">>>= "):
            case["status"] = int(line[5:])
            section = None
        elif section is not None:
            case[section].append(line)
        elif line.strip():
            raise SystemExit(f"{path}:{number}: text outside a section: {line!r}")
    for c in cases:
        if c["status"] is None:
            raise SystemExit(f"{path}:{c['line']}: the case has no '>>>= STATUS' line")
    return cases, before


def text_of(lines):
    return "".join(l + "\n" for l in lines)


def shown(output, replacements):
    output = output.replace("\r", "<CR>")
    for path, name in replacements:
        output = output.replace(path, name)
    return output


def run_case(case, args, folder):
    server = None
    with tempfile.TemporaryDirectory(prefix="peercert-cli-") as tmp:
        env = {
            "PATH": os.path.dirname(os.path.abspath(args.peercert)) + os.pathsep +
                    os.environ.get("PATH", "/usr/bin:/bin"),
            "PEERCERT_RULES": os.path.abspath(args.rules),
            "PEERCERT_DB": os.path.join(tmp, "peercert.db"),
            "TMP": tmp, "HOME": tmp, "XDG_DATA_HOME": tmp,
            "TZ": "UTC", "LC_ALL": "C.UTF-8",
            "PEERCERT_NOW": "2026-11-24T12:00:00Z",  # the audit log's clock
            "PEERCERT_ACTOR": "tester",
        }
        # Paths that differ from machine to machine are shown by name.
        replacements = []
        if args.postgresql:
            server, url = server_database(args.postgresql)
            replacements.append((url, os.path.join(tmp, "peercert.db")))
            env["PEERCERT_DB"] = url
        for key in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
            if key in os.environ:
                env[key] = os.environ[key]
        stdin = text_of(case["stdin"]) if case["stdin"] is not None else ""
        try:
            proc = subprocess.run(["bash", "-c", case["command"]], cwd=folder, env=env,
                                  input=stdin.encode(), capture_output=True, timeout=600)
        finally:
            if server:
                drop_database(args.postgresql, server)
        replacements += [(tmp, "$TMP"), (env["PEERCERT_RULES"], "$PEERCERT_RULES")]
        return (shown(proc.stdout.decode("utf-8", "replace"), replacements),
                shown(proc.stderr.decode("utf-8", "replace"), replacements), proc.returncode)


def write(path, cases, trailer, results):
    out = []
    for c in cases:
        if id(c) in results:
            stdout, stderr, status = results[id(c)]
        else:  # left out of this run: kept as it was
            stdout, stderr, status = text_of(c["stdout"]), text_of(c["stderr"]), c["status"]
        out.extend(c["before"])
        out.append("$ " + c["command"])  # continuation lines keep their indent
        if c["stdin"] is not None:
            out.append("<<<")
            out.extend(c["stdin"])
        if stdout:
            out.append(">>>")
            out.extend(stdout.rstrip("\n").split("\n") if stdout.endswith("\n") else [stdout])
        if stderr:
            out.append(">>>2")
            out.extend(stderr.rstrip("\n").split("\n") if stderr.endswith("\n") else [stderr])
        out.append(f">>>= {status}")
    out.extend(trailer)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--peercert", required=True)
    parser.add_argument("--rules", required=True)
    parser.add_argument("--postgresql", metavar="SOCKET_DIR")
    parser.add_argument("--update", action="store_true")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()

    failures = 0
    left_out = []
    for path in args.files:
        cases, trailer = parse(path)
        folder = os.path.dirname(os.path.abspath(path))
        results = {}
        for c in cases:
            if args.postgresql and any(l.startswith(SQLITE_ONLY) for l in c["before"]):
                left_out.append(f"{path}:{c['line']}")
                continue
            if not args.postgresql and any(l.startswith(POSTGRESQL_ONLY) for l in c["before"]):
                left_out.append(f"{path}:{c['line']}")
                continue
            stdout, stderr, status = run_case(c, args, folder)
            results[id(c)] = (stdout, stderr, status)
            expected = (text_of(c["stdout"]), text_of(c["stderr"]), c["status"])
            if (stdout, stderr, status) == expected or args.update:
                continue
            failures += 1
            print(f"FAIL {path}:{c['line']}: $ {c['command'].splitlines()[0]}")
            if status != c["status"]:
                print(f"  exit status {status}, expected {c['status']}")
            for name, got, want in (("stdout", stdout, expected[0]),
                                    ("stderr", stderr, expected[1])):
                if got != want:
                    diff = difflib.unified_diff(want.splitlines(), got.splitlines(),
                                                f"expected {name}", f"actual {name}",
                                                lineterm="")
                    print("\n".join("  " + d for d in diff))
        if args.update:
            write(path, cases, trailer, results)
    count = "all cases passed" if failures == 0 else f"{failures} case(s) failed"
    if left_out:
        other = "the PostgreSQL server" if not args.postgresql else "the SQLite file"
        count += f" ({len(left_out)} about {other} left out: {', '.join(left_out)})"
    print(f"{', '.join(args.files)}: {count}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

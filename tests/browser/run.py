#!/usr/bin/env python3
"""Runs the browser test: a fresh database with a staff user and sample credentials, a
`peercert serve` on a free loopback port, then selfcheck.mjs (playwright-core driving
/usr/bin/chromium). Screenshots and the downloaded calendar go to --out.

  run.py --peercert PATH --rules DIR --fixtures DIR --out DIR"""
import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile

parser = argparse.ArgumentParser()
parser.add_argument("--peercert", required=True)
parser.add_argument("--rules", required=True)
parser.add_argument("--fixtures", required=True)
parser.add_argument("--out", required=True)
args = parser.parse_args()

here = os.path.dirname(os.path.abspath(__file__))
if not os.path.isdir(os.path.join(here, "node_modules", "playwright-core")):
    print("FAIL: playwright-core is not installed: run scripts/setup")
    sys.exit(1)
os.makedirs(args.out, exist_ok=True)
tmp = tempfile.mkdtemp(prefix="peercert-browser-")
env = dict(os.environ, PEERCERT_DB=os.path.join(tmp, "peercert.db"), PEERCERT_RULES=args.rules,
           TZ="UTC", PEERCERT_ACTOR="setup")


def cli(*argv, stdin=None):
    done = subprocess.run([args.peercert, "--as-of", "2026-11-24", *argv], env=env, input=stdin,
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"FAIL: peercert {' '.join(argv)}: {done.stderr}")


cli("user", "add", "--name", "dana", "--password-stdin", stdin="correct horse battery\n")
cli("user", "add", "--name", "ada", "--role", "admin", "--password-stdin",
    stdin="admin password 2026\n")
cli("credential", "import", os.path.join(args.fixtures, "reminder-credentials.csv"))
cli("ceu", "import", os.path.join(args.fixtures, "reminder-roster.csv"))
cli("settings", "set", "public_url", "https://verify.example.org")
server = subprocess.Popen([args.peercert, "--as-of", "2026-11-24", "serve", "--listen",
                           "127.0.0.1:0"], env=env, stderr=subprocess.PIPE, text=True)
line = server.stderr.readline()
m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
if not m:
    server.kill()
    sys.exit(f"FAIL: the server did not start: {line}")
try:
    code = 0
    for script in ("selfcheck.mjs", "accounts.mjs"):
        code |= subprocess.run(["node", os.path.join(here, script)], cwd=here, timeout=300,
                               env=dict(os.environ, BASE_URL=f"http://127.0.0.1:{m.group(1)}",
                                        OUT_DIR=os.path.abspath(args.out))).returncode
finally:
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)
print(f"screenshots in {os.path.abspath(args.out)}")
sys.exit(code)

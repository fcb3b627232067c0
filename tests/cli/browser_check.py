#!/usr/bin/env python3
"""Opens an HTML page in Debian's headless Chromium, as a person's browser would, and checks
what it built: the page title, the number of rows of its last table body and any text it must
hold. Saves a screenshot at desktop size, and one at phone size when asked.

  browser_check.py PAGE.html --title TITLE --rows N --screenshot OUT.png [--phone OUT.png]
                   [--expect TEXT ...]"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

parser = argparse.ArgumentParser()
parser.add_argument("page")
parser.add_argument("--title", required=True)
parser.add_argument("--rows", type=int, required=True)
parser.add_argument("--screenshot", required=True)
parser.add_argument("--phone")
parser.add_argument("--expect", action="append", default=[])
args = parser.parse_args()

url = "file://" + os.path.abspath(args.page)
with tempfile.TemporaryDirectory(prefix="peercert-chromium-") as profile:
    base = ["/usr/bin/chromium", *FLAGS, f"--user-data-dir={profile}"]
    dom = subprocess.run(base + ["--dump-dom", url], capture_output=True, text=True,
                         timeout=120).stdout
    subprocess.run(base + [f"--screenshot={os.path.abspath(args.screenshot)}",
                           "--window-size=1200,700", url], capture_output=True, timeout=120)
    if args.phone:
        subprocess.run(base + [f"--screenshot={os.path.abspath(args.phone)}",
                               "--window-size=390,1400", url], capture_output=True, timeout=120)
problems = []
title = re.search(r"<title>(.*?)</title>", dom, re.S)
if not title or title.group(1) != args.title:
    problems.append(f"title is {title.group(1) if title else None!r}, expected {args.title!r}")
bodies = re.findall(r"<tbody>(.*?)</tbody>", dom, re.S)
rows = len(re.findall(r"<tr\b", bodies[-1])) if bodies else 0
if rows != args.rows:
    problems.append(f"{rows} table rows in the browser, expected {args.rows}")
for text in args.expect:
    if text not in dom:
        problems.append(f"the page lacks {text!r}")
for shot in [args.screenshot] + ([args.phone] if args.phone else []):
    if not os.path.exists(shot) or os.path.getsize(shot) == 0:
        problems.append(f"no screenshot {shot}")
for p in problems:
    print("FAIL:", p)
if not problems:
    print(f"Chromium opened {args.page}: title {args.title!r}, {rows} rows; "
          f"screenshot {args.screenshot}")
sys.exit(1 if problems else 0)

#!/usr/bin/env python3
"""Logs in to a running peercert serve as a staff user and times the staff reminder page:
the median and worst time to its first byte, and to its last, over RUNS requests.

    page_first_byte.py PORT NAME PASSWORD RUNS
Prints: FIRST_BYTE_MS_MEDIAN FIRST_BYTE_MS_MAX WHOLE_PAGE_MS_MEDIAN BYTES
"""
import http.client
import re
import statistics
import sys
import time
import urllib.parse

port, name, password, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
cookies = {}


def request(method, path, form=None):
    conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=120)
    headers = {"Accept": "text/html"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    body = None
    if form is not None:
        body = urllib.parse.urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    started = time.perf_counter()
    conn.request(method, path, body=body, headers=headers)
    r = conn.getresponse()  # returns once the status line and headers have arrived
    first = time.perf_counter()
    data = r.read()
    whole = time.perf_counter()
    for value in r.headers.get_all("Set-Cookie") or []:
        key, _, rest = value.partition("=")
        cookies[key] = rest.split(";")[0]
    conn.close()
    return r.status, r.headers, data.decode("utf-8", "replace"), first - started, whole - started


status, _, body, _, _ = request("GET", "/login?next=/staff/reminders")
csrf = re.search(r'name="csrf" value="([0-9a-f]{64})"', body).group(1)
status, headers, _, _, _ = request("POST", "/login", {"csrf": csrf, "name": name,
                                                      "password": password,
                                                      "next": "/staff/reminders"})
if status != 303:
    sys.exit(f"login failed: {status}")
firsts, wholes, size = [], [], 0
for _ in range(runs):
    status, _, page, first, whole = request("GET", "/staff/reminders")
    if status != 200 or "<table" not in page:
        sys.exit(f"the reminder page answered {status}")
    firsts.append(first * 1000)
    wholes.append(whole * 1000)
    size = len(page)
print(f"{statistics.median(firsts):.1f} {max(firsts):.1f} {statistics.median(wholes):.1f} {size}")

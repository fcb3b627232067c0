#!/usr/bin/env python3
"""peercert check on a real terminal: with no --facts it asks its questions by itself.

Runs peercert under a pseudo-terminal, answers each question when it is asked, and checks
the answer and the exit status.   terminal.py --peercert PATH --rules DIR
"""
import argparse
import os
import pty
import select
import sys
import time

ANSWERS = ["1990-05-01", "3", "yes", "1", "1"]  # MO-CPS: eligible


def read_until(fd, marker, transcript, deadline, start=0):
    """Reads until `marker` appears at or after `start`; returns the index just past it."""
    while transcript[0].find(marker, start) < 0:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"waited for {marker!r}; got:\n{transcript[0]}")
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                chunk = b""
            if not chunk:
                raise EOFError(f"peercert ended before {marker!r}; got:\n{transcript[0]}")
            transcript[0] += chunk.decode("utf-8", "replace")
    return transcript[0].find(marker, start) + len(marker)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--peercert", required=True)
    parser.add_argument("--rules", required=True)
    args = parser.parse_args()

    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update({"PEERCERT_RULES": args.rules, "TZ": "UTC"})
        os.execv(args.peercert, [args.peercert, "check", "--program", "MO-CPS",
                                 "--as-of", "2026-11-24"])
    transcript = [""]
    deadline = time.monotonic() + 60
    at = 0
    for n, answer in enumerate(ANSWERS, 1):
        at = read_until(fd, f"{n}/{len(ANSWERS)}. ", transcript, deadline, at)
        at = read_until(fd, "   > ", transcript, deadline, at)
        os.write(fd, (answer + "\n").encode())
    read_until(fd, "Sources", transcript, deadline, at)
    _, status = os.waitpid(pid, 0)
    output = transcript[0]
    failures = []
    if "Eligibility self-check: Missouri Certified Peer Specialist (MO-CPS)" not in output:
        failures.append("no self-check greeting")
    if "Eligible: you meet every criterion of this program." not in output:
        failures.append("no eligible answer")
    if os.WEXITSTATUS(status) != 0:
        failures.append(f"exit status {os.WEXITSTATUS(status)}, expected 0")
    if failures:
        print("FAIL: " + "; ".join(failures) + "\n" + output)
        return 1
    print("the self-check asked 5 questions on a terminal and answered: eligible")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Checks an iCalendar file (standard input) against RFC 5545's rules that calendar
programs rely on, then prints each event's unescaped summary and alarms, so a golden test
can compare them:
  - every line ends with CRLF; no line is longer than 75 octets; folded lines start with a
    space and never split a UTF-8 character;
  - every content line is NAME[;PARAM=...]:VALUE; BEGIN/END pair up: VCALENDAR holds
    VEVENTs which hold VALARMs;
  - VCALENDAR has VERSION:2.0 and PRODID; each VEVENT has one UID, DTSTAMP (UTC), DTSTART,
    SUMMARY; each VALARM has ACTION, TRIGGER and, for DISPLAY, DESCRIPTION; UIDs are unique;
  - TEXT values escape backslash, semicolon, comma and newline."""
import re
import sys

data = sys.stdin.buffer.read()
problems = []
if not data.endswith(b"\r\n"):
    problems.append("the file does not end with CRLF")
physical = data.split(b"\r\n")[:-1]
for n, line in enumerate(physical, 1):
    if b"\n" in line or b"\r" in line:
        problems.append(f"line {n}: a bare LF or CR")
    if len(line) > 75:
        problems.append(f"line {n}: {len(line)} octets, more than 75")
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        problems.append(f"line {n}: a UTF-8 character is split by folding")

logical = []
for line in physical:
    if line.startswith(b" ") or line.startswith(b"\t"):
        logical[-1] += line[1:]
    else:
        logical.append(line)
logical = [l.decode("utf-8") for l in logical]

content = re.compile(r"^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=[^;:]*)*):(.*)$")
TEXT = {"SUMMARY", "DESCRIPTION", "CATEGORIES", "X-WR-CALNAME"}


def unescape(value, where):
    out, i = "", 0
    while i < len(value):
        c = value[i]
        if c == "\\":
            nxt = value[i + 1:i + 2]
            if nxt in ("\\", ";", ","):
                out += nxt
            elif nxt in ("n", "N"):
                out += "\n"
            else:
                problems.append(f"{where}: a backslash not followed by \\ ; , or n")
            i += 2
            continue
        if c in ";,":
            problems.append(f"{where}: an unescaped '{c}' in a TEXT value")
        out += c
        i += 1
    return out


stack, events, uids = [], [], set()
for line in logical:
    m = content.match(line)
    if not m:
        problems.append(f"not a content line: {line!r}")
        continue
    name, _, value = m.group(1).upper(), m.group(2), m.group(3)
    if name == "BEGIN":
        stack.append({"type": value, "props": {}, "alarms": []})
        continue
    if name == "END":
        if not stack or stack[-1]["type"] != value:
            problems.append(f"END:{value} does not close what is open")
            continue
        done = stack.pop()
        props = done["props"]
        if value == "VALARM":
            for required in ("ACTION", "TRIGGER"):
                if required not in props:
                    problems.append(f"a VALARM has no {required}")
            if props.get("ACTION", [""])[0] == "DISPLAY" and "DESCRIPTION" not in props:
                problems.append("a DISPLAY VALARM has no DESCRIPTION")
            if stack and stack[-1]["type"] == "VEVENT":
                stack[-1]["alarms"].append(props)
            else:
                problems.append("a VALARM outside a VEVENT")
        elif value == "VEVENT":
            for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
                if len(props.get(required, [])) != 1:
                    problems.append(f"a VEVENT needs exactly one {required}")
            if not re.fullmatch(r"\d{8}T\d{6}Z", props.get("DTSTAMP", [""])[0]):
                problems.append("DTSTAMP is not a UTC date-time")
            uid = props.get("UID", [""])[0]
            if uid in uids:
                problems.append(f"UID {uid} is used twice")
            uids.add(uid)
            if not stack or stack[-1]["type"] != "VCALENDAR":
                problems.append("a VEVENT outside the VCALENDAR")
            events.append(done)
        elif value == "VCALENDAR":
            if props.get("VERSION") != ["2.0"]:
                problems.append("VCALENDAR has no VERSION:2.0")
            if "PRODID" not in props:
                problems.append("VCALENDAR has no PRODID")
        continue
    if not stack:
        problems.append(f"{name} outside any component")
        continue
    if name in TEXT:
        value = unescape(value, name)
    stack[-1]["props"].setdefault(name, []).append(value)
if stack:
    problems.append("components left open: " + ", ".join(s["type"] for s in stack))

for p in problems:
    print("INVALID:", p)
print(f"{'invalid' if problems else 'valid'}: {len(physical)} lines, {len(events)} events, "
      f"{sum(len(e['alarms']) for e in events)} alarms")
for e in events:
    p = e["props"]
    print(f"{p['DTSTART'][0]}  {p['SUMMARY'][0]}  "
          f"[alarms {' '.join(a['TRIGGER'][0] for a in e['alarms'])}]")
sys.exit(1 if problems else 0)

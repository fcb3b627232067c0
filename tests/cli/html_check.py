#!/usr/bin/env python3
"""Checks that an HTML page (standard input) is one self-contained, well-formed document:
tags close in order, no scripts, no external stylesheets, images or links to load, and the
focus ring, the hours bars and the chart's bars at 3:1 contrast or better against what they
sit on (WCAG 2.1, 1.4.11); then prints the text of each table row so a golden test can
compare it."""
import re
import sys
from html.parser import HTMLParser

VOID = {"meta", "br", "img", "link", "input", "hr", "col", "area", "base", "source", "wbr"}


class Check(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.rows, self.row = [], [], [], None
        self.doctype = False

    def handle_decl(self, decl):
        self.doctype = decl.lower() == "doctype html"

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.problems.append("a <script>")
        for name, value in attrs:
            if name in ("src", "href") or (value and "url(" in value):
                self.problems.append(f"<{tag}> loads {name}={value!r}")
        if tag == "tr":
            self.row = []
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
        else:
            self.stack.pop()
        if tag == "tr" and self.row is not None:
            self.rows.append(" | ".join(t for t in self.row if t))
            self.row = None
        if tag in ("td", "th") and self.row is not None:
            self.row.append("")

    def handle_data(self, data):
        if self.row is not None:
            text = " ".join(data.split())
            if text:
                if self.row and self.row[-1]:
                    self.row[-1] += " " + text
                else:
                    self.row.append(text)


def luminance(colour):
    """WCAG relative luminance of "#rrggbb"."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a, b):
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def contrast_pairs(page):
    """(what, colour, background) for each part that must stand out: the focus ring on the
    page, each hours bar's fill on its track and on the page, each chart bar on the page."""
    white = "#ffffff"
    colour = r"(#[0-9a-fA-F]{6})"
    pairs = []
    for m in re.finditer(r":focus-visible\s*\{[^}]*outline:[^;}]*?" + colour, page):
        pairs.append(("focus ring", m.group(1).lower(), white))
    track = re.search(r"\.bar\s*\{[^}]*background:\s*" + colour, page)
    for m in re.finditer(r"(\.bar(?:\.\w+)? span)\s*\{[^}]*background:\s*" + colour, page):
        pairs.append((m.group(1), m.group(2).lower(), white))
        if track:
            pairs.append((m.group(1) + " on its track", m.group(2).lower(), track.group(1).lower()))
    for fill in sorted(set(re.findall(r"<rect[^>]*fill=\"" + colour + "\"", page))):
        pairs.append(("chart bar", fill.lower(), white))
    return pairs


def contrast_problems(page):
    """The pairs below 3:1, and the lowest ratio found."""
    pairs = contrast_pairs(page)
    problems = [f"{what} {fg} on {bg} is {ratio(fg, bg):.2f}:1, under 3:1"
                for what, fg, bg in pairs if ratio(fg, bg) < 3]
    lowest = min((ratio(fg, bg) for _, fg, bg in pairs), default=None)
    return problems, len(pairs), lowest


def main():
    page = sys.stdin.read()
    check = Check()
    check.feed(page)
    check.close()
    if not check.doctype:
        check.problems.append("no <!DOCTYPE html>")
    if check.stack:
        check.problems.append("left open: " + " ".join(check.stack))
    low, pairs, lowest = contrast_problems(page)
    check.problems += low
    for p in check.problems:
        print("INVALID:", p)
    print(("invalid" if check.problems else "valid") + f": {len(check.rows)} table rows")
    if pairs:
        print(f"contrast: {pairs} colour pairs, the lowest {lowest:.2f}:1")
    for row in check.rows:
        print(row)
    return 1 if check.problems else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Checks that an HTML page (standard input) is one self-contained, well-formed document:
tags close in order, no scripts, no external stylesheets, images or links to load; then
prints the text of each table row so a golden test can compare it."""
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


check = Check()
check.feed(sys.stdin.read())
check.close()
if not check.doctype:
    check.problems.append("no <!DOCTYPE html>")
if check.stack:
    check.problems.append("left open: " + " ".join(check.stack))
for p in check.problems:
    print("INVALID:", p)
print(("invalid" if check.problems else "valid") + f": {len(check.rows)} table rows")
for row in check.rows:
    print(row)
sys.exit(1 if check.problems else 0)

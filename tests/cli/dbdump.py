#!/usr/bin/env python3
"""Prints every row of a peercert database as SQL, in a stable order: two dumps are equal
exactly when the databases hold the same data.   dbdump.py FILE"""
import sqlite3
import sys

connection = sqlite3.connect(sys.argv[1])
for line in connection.iterdump():
    print(line)
print(f"-- user_version {connection.execute('PRAGMA user_version').fetchone()[0]}")

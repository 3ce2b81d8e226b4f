#!/usr/bin/env python3
"""Reads an asset's Content Credentials with c2pa-python (the independent C2PA reader the tests compare against)
and prints the reader's JSON report. Usage: c2pa_read.py FILE [SIDECAR.c2pa] [MIME]"""
import sys

import c2pa

path = sys.argv[1]
if len(sys.argv) > 2:
    with open(path, "rb") as asset, open(sys.argv[2], "rb") as sidecar:
        reader = c2pa.Reader(sys.argv[3] if len(sys.argv) > 3 else "application/pdf", asset, sidecar.read())
else:
    reader = c2pa.Reader(path)
print(reader.json())

#!/usr/bin/env python3
"""Independent TOML reader for the tests: Python's tomllib, printed as tagged JSON (like toml-test).

Reads TOML on stdin. With --batch, reads a JSON array of documents and prints a JSON array of results
(null for a document tomllib rejects). Prints {"type": ..., "value": ...} for scalars, lists for arrays, objects for tables.
Date-times are printed as tomllib's ISO text. Exit status 1 with the error message on invalid TOML.
"""
import datetime
import json
import math
import sys
import tomllib


def tag(v):
    if isinstance(v, bool):
        return {"type": "bool", "value": "true" if v else "false"}
    if isinstance(v, int):
        return {"type": "integer", "value": str(v)}
    if isinstance(v, float):
        if math.isnan(v):
            text = "nan"
        elif math.isinf(v):
            text = "inf" if v > 0 else "-inf"
        else:
            text = repr(v)
        return {"type": "float", "value": text}
    if isinstance(v, str):
        return {"type": "string", "value": v}
    if isinstance(v, (datetime.datetime, datetime.date, datetime.time)):
        return {"type": "datetime", "value": v.isoformat()}
    if isinstance(v, list):
        return [tag(x) for x in v]
    if isinstance(v, dict):
        return {k: tag(x) for k, x in v.items()}
    raise TypeError(type(v))


def main():
    if sys.argv[1:] == ["--batch"]:
        results = []
        for doc in json.loads(sys.stdin.read()):
            try:
                results.append(tag(tomllib.loads(doc)))
            except tomllib.TOMLDecodeError:
                results.append(None)
        print(json.dumps(results, ensure_ascii=False))
        return
    data = sys.stdin.buffer.read()
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        print(str(e), file=sys.stderr)
        sys.exit(1)
    print(json.dumps(tag(doc), sort_keys=True, ensure_ascii=False))


main()

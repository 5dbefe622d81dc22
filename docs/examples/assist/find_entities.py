#!/usr/bin/python3
"""Postil assist model: a rule-based entity finder for text tasks.

Finds dates, e-mail addresses and amounts of money with regular expressions
and prints them as spans labelled DATE, EMAIL and AMOUNT (Python string
indexes are the code points Postil counts). Per-task mode by default; with
--batch it answers every line with {"id", "result"}.

  "labels": [{"name": "DATE", "kinds": ["text"]}, {"name": "EMAIL", "kinds": ["text"]},
             {"name": "AMOUNT", "kinds": ["text"]}],
  "models": [{"name": "rules", "kinds": ["text"], "batch": true,
              "command": "/usr/bin/python3 find_entities.py --batch"}]

Python's standard library only.
"""
import argparse
import json
import re
import sys

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
          "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
RULES = [
    ("EMAIL", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")),
    ("DATE", re.compile(
        r"\b(?:\d{4}-\d{2}-\d{2}"                              # 2024-05-01
        r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"                      # 01/05/2024, 1.5.24
        r"|\d{1,2}(?:st|nd|rd|th)? (?:%s)\.?,? \d{4}"          # 1 May 2024
        r"|(?:%s)\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4})\b" % (MONTHS, MONTHS))),
    ("AMOUNT", re.compile(
        r"(?:[$€£¥]\s?\d[\d,]*(?:\.\d+)?"                      # $1,200.50
        r"|\b\d[\d,.]*\s?(?:€|EUR|USD|GBP|dollars|euros)\b"    # 30 EUR, 12,50 €
        r"|\b(?:EUR|USD|GBP)\s?\d[\d,]*(?:\.\d+)?)")),
]


def find(text):
    spans = []
    for label, pattern in RULES:
        for m in pattern.finditer(text):
            if m.end() > m.start() and not any(s["start"] < m.end() and m.start() < s["end"]
                                               for s in spans):
                spans.append({"label": label, "start": m.start(), "end": m.end()})
    spans.sort(key=lambda s: (s["start"], -s["end"]))
    return {"spans": spans}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", action="store_true")
    parser.add_argument("--version", action="store_true")
    args = parser.parse_args()
    if args.version:
        print("find_entities.py 1")
        return 0
    if not args.batch:
        print(json.dumps(find(json.loads(sys.stdin.readline())["data"]["text"])))
        return 0
    for line in sys.stdin:
        if line.strip():
            task = json.loads(line)
            print(json.dumps({"id": task["id"], "result": find(task["data"]["text"])}),
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

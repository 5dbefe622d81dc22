#!/usr/bin/python3
"""Postil assist model: Tesseract OCR word boxes for image tasks (per-task mode).

Reads one task line {"id", "kind", "data": {"image": PATH}} on standard input
and prints {"boxes": [...]}: one box per word Tesseract reads, labelled
--label (default "word"), with the word in the text attribute --attribute
(default "text") and Tesseract's confidence as the score (0 to 1).
The project's schema needs that label and a text attribute for image tasks:

  "labels": [{"name": "word", "kinds": ["image"]}],
  "attributes": [{"name": "text", "type": "text", "kinds": ["image"]}],
  "models": [{"name": "ocr", "kinds": ["image"], "timeout_s": 60,
              "command": "/usr/bin/python3 tesseract_words.py --lang eng"}]

Needs Debian's tesseract-ocr (and tesseract-ocr-LANG for other languages).
Tesseract reads the file's pixels as stored: a JPEG with an EXIF rotation
gets boxes of the unrotated picture, which Postil refuses when they fall
outside the displayed image; rotate such files first.
"""
import argparse
import json
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", default="word")
    parser.add_argument("--attribute", default="text")
    parser.add_argument("--lang", default="eng")
    parser.add_argument("--min-conf", type=float, default=0.0,
                        help="leave out words below this confidence (0-100)")
    parser.add_argument("--version", action="store_true")
    args = parser.parse_args()
    if args.version:
        out = subprocess.run(["tesseract", "--version"], capture_output=True, text=True)
        print("tesseract_words.py with " + (out.stdout or out.stderr).splitlines()[0])
        return 0

    task = json.loads(sys.stdin.readline())
    image = task["data"]["image"]
    # TSV: level page_num block_num par_num line_num word_num left top width height conf text
    run = subprocess.run(["tesseract", image, "-", "-l", args.lang, "tsv"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.stderr.write(run.stderr)
        return 1
    boxes = []
    for row in run.stdout.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = cols[11].strip()
        conf = float(cols[10])
        if not text or conf < args.min_conf:
            continue
        left, top, width, height = (int(c) for c in cols[6:10])
        if width <= 0 or height <= 0:
            continue
        boxes.append({"label": args.label, "x": left, "y": top, "w": width, "h": height,
                      "attrs": {args.attribute: text},
                      "score": round(max(0.0, min(conf, 100.0)) / 100.0, 4)})
    print(json.dumps({"boxes": boxes}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

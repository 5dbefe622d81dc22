#!/usr/bin/python3
"""Postil assist model: an OpenCV Haar cascade detector for image tasks.

Per-task mode by default; with --batch it loads the cascade once and answers
every task line with {"id", "result"} (set "batch": true in the schema).
Each detection is a box labelled with the cascade's name
(haarcascade_frontalface_default.xml -> "frontalface_default"), or --label.

  "labels": [{"name": "frontalface_default", "kinds": ["image"]}],
  "models": [{"name": "faces", "kinds": ["image"], "batch": true,
              "command": "/usr/bin/python3 opencv_haar.py --batch"}]

Needs Debian's python3-opencv and opencv-data (the cascades, in
/usr/share/opencv4/haarcascades). OpenCV applies a JPEG's EXIF rotation when
it reads the file, as Postil shows it.
"""
import argparse
import json
import os
import sys

CASCADES = "/usr/share/opencv4/haarcascades"


def detect(cv2, cascade, label, path, min_size):
    image = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
    if image is None:
        raise RuntimeError("OpenCV cannot read " + path)
    found = cascade.detectMultiScale(cv2.equalizeHist(image), scaleFactor=1.1,
                                     minNeighbors=5, minSize=(min_size, min_size))
    return {"boxes": [{"label": label, "x": int(x), "y": int(y), "w": int(w), "h": int(h)}
                      for (x, y, w, h) in found]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cascade", default="haarcascade_frontalface_default.xml",
                        help="a file name in %s, or a path" % CASCADES)
    parser.add_argument("--label", help="default: the cascade's name")
    parser.add_argument("--min-size", type=int, default=24)
    parser.add_argument("--batch", action="store_true")
    parser.add_argument("--version", action="store_true")
    args = parser.parse_args()
    import cv2
    if args.version:
        print("opencv_haar.py with OpenCV " + cv2.__version__)
        return 0
    path = args.cascade if os.sep in args.cascade else os.path.join(CASCADES, args.cascade)
    cascade = cv2.CascadeClassifier(path)
    if cascade.empty():
        sys.stderr.write("cannot load the cascade %s\n" % path)
        return 1
    name = os.path.splitext(os.path.basename(path))[0]
    label = args.label or (name[len("haarcascade_"):] if name.startswith("haarcascade_") else name)
    if not args.batch:
        task = json.loads(sys.stdin.readline())
        print(json.dumps(detect(cv2, cascade, label, task["data"]["image"], args.min_size)))
        return 0
    for line in sys.stdin:
        if not line.strip():
            continue
        task = json.loads(line)
        try:
            result = detect(cv2, cascade, label, task["data"]["image"], args.min_size)
        except RuntimeError as error:
            # Unanswered, the task fails with this on stderr; the rest go on.
            sys.stderr.write("%s: %s\n" % (task["id"], error))
            continue
        print(json.dumps({"id": task["id"], "result": result}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

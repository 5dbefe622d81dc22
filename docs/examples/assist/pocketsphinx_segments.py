#!/usr/bin/python3
"""Postil assist model: PocketSphinx speech recognition for audio tasks (per task).

Prints {"segments": [...]}: the words PocketSphinx hears in English speech,
cut into segments at pauses (--pause seconds, and wherever it hears
silence), each with its words as the text and their mean confidence as the
score. Segments have no speaker.

  "models": [{"name": "asr", "kinds": ["audio"], "timeout_s": 300,
              "command": "/usr/bin/python3 pocketsphinx_segments.py"}]

Needs Debian's pocketsphinx and pocketsphinx-en-us; audio that is not
16 kHz mono 16-bit WAV is converted with ffmpeg first.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import wave


def wav_16k_mono(path):
    try:
        with wave.open(path) as w:
            if (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (16000, 1, 2):
                return path, w.getnframes() * 1000 // 16000
    except (wave.Error, EOFError, OSError):
        pass
    return None, None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pause", type=float, default=0.5)
    parser.add_argument("--version", action="store_true")
    args = parser.parse_args()
    if args.version:
        print("pocketsphinx_segments.py with pocketsphinx_continuous (Debian pocketsphinx)")
        return 0

    task = json.loads(sys.stdin.readline())
    audio = task["data"]["audio"]
    with tempfile.TemporaryDirectory() as scratch:
        wav, duration_ms = wav_16k_mono(audio)
        if wav is None:
            wav = os.path.join(scratch, "audio.wav")
            subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", audio,
                            "-ar", "16000", "-ac", "1", "-sample_fmt", "s16", wav], check=True)
            _, duration_ms = wav_16k_mono(wav)
        run = subprocess.run(["pocketsphinx_continuous", "-infile", wav, "-time", "yes",
                              "-logfn", os.devnull], capture_output=True, text=True)
    if run.returncode != 0:
        sys.stderr.write(run.stderr)
        return 1
    # "-time yes" prints a line per word: WORD START END CONFIDENCE (seconds).
    words = []
    for line in run.stdout.splitlines():
        cols = line.split()
        if len(cols) != 4:
            continue
        try:
            start, end, conf = float(cols[1]), float(cols[2]), float(cols[3])
        except ValueError:
            continue
        words.append((re.sub(r"\(\d+\)$", "", cols[0]), start, end, conf))
    segments, current = [], []

    def close():
        if current:
            start_ms = int(round(current[0][1] * 1000))
            end_ms = min(int(round(current[-1][2] * 1000)), duration_ms)
            if end_ms > start_ms:
                segments.append({"start_ms": start_ms, "end_ms": end_ms, "speaker": "",
                                 "text": " ".join(w[0] for w in current),
                                 "score": round(sum(w[3] for w in current) / len(current), 4)})
            current.clear()

    for word in words:
        text = word[0]
        if text in ("<s>", "</s>", "<sil>") or text.startswith("[") or text.startswith("++"):
            close()  # a pause or a noise ends a segment
            continue
        if current and word[1] - current[-1][2] > args.pause:
            close()
        current.append(word)
    close()
    print(json.dumps({"segments": segments}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

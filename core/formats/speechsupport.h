#pragma once

#include <QByteArray>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <optional>

#include "store/status.h"

namespace postil {

// What the speech formats (srt, vtt, textgrid, eaf, audacity, asr-manifest)
// share: times written and read to the millisecond, text files in the
// encodings these tools write, the file names of the per-task exports, and
// the speaker prefix of the formats that have no speaker field
// (docs/architecture.md §7, "Speech formats").
namespace speech {

// Every file is hostile: one past this is refused before it is read. An
// hour's transcript is a few hundred kilobytes.
constexpr qint64 kMaxFileBytes = qint64(256) << 20;
// Segments one file may give (a million is 300 hours of 1-second cues);
// more is refused rather than held in memory.
constexpr qsizetype kMaxSegments = 1'000'000;
// The largest time read: about 31 years, far inside what a double and a
// millisecond count hold exactly, so every time below it reads back exactly.
constexpr qint64 kMaxMs = qint64(1'000'000'000) * 1000;

// "01:02:03,004" (SubRip, separator ',') or "01:02:03.004" (WebVTT): hours
// as two digits or more, minutes, seconds and milliseconds.
QString clockTime(qint64 ms, QChar separator);
// Seconds with the milliseconds as decimals: exactly the stored value, no
// float noise. At least 'minDecimals' decimals (Audacity writes 6), trailing
// zeros dropped beyond that: 1500 ms is "1.5" with 0, "1.500000" with 6.
QByteArray decimalSeconds(qint64 ms, int minDecimals = 0);

// A time in seconds as these files write it ("12", "1.5", "0.0001",
// "1e-05", a leading '+'), to the nearest millisecond (half up: 1.0005 s is
// 1001 ms). Nothing for anything else: a sign '-', no digit, not a number,
// or past kMaxMs. 'trailing' takes what follows the number when given (Praat
// reads "0.5s" as 0.5); without it the whole text must be the number.
std::optional<qint64> parseSeconds(QStringView text, QStringView* trailing = nullptr);

// A clock time "[H...:]MM:SS[.,]mmm". SubRip (lenient, as players read it):
// hours one digit or more and required, ',' or '.', one to three decimals.
// WebVTT (the spec's grammar): hours optional, '.' and exactly three decimals.
// Minutes and seconds are two digits below 60 in both.
enum class ClockStyle { SubRip, WebVtt };
std::optional<qint64> parseClock(QStringView text, ClockStyle style);

// The text of a file in the encodings these tools write: UTF-8 with or
// without a byte order mark, UTF-16 with one (Praat writes UTF-16 big-endian
// when a label is not ASCII). Fails on anything else or on a file past
// kMaxFileBytes; the reason does not name the file, 'where' does ("PATH", or
// "PATH:LINE" for the line of the first bad byte).
Expected<QString> readTextFile(const QString& path, QString& where);
// The lines of 'text', split at "\r\n", "\n" and a lone "\r".
QStringList splitLines(const QString& text);

// SubRip and WebVTT: the blocks of a file, separated by lines that are empty
// or hold only whitespace. 'line' is the 1-based number of its first line.
struct Block {
    qsizetype line = 0;
    QStringList lines;
};
QList<Block> blocks(const QStringList& lines);
// A cue's text as lines that end no block: the lines of 'text' that are not
// empty or whitespace only ('dropped' says whether any were).
QStringList cueLines(const QString& text, bool& dropped);

// The part of an audio file's name a per-task export names its file after:
// the name without its last suffix ("talk.en.wav" -> "talk.en"), made safe
// for any file system (no separators, no characters Windows refuses, no
// leading dot, no device name, at most 120 characters). Empty when nothing
// is left. Import matches a file to a task by the same function, so a name
// changed here still finds its task.
QString fileStem(const QString& audioPath);
// Whether 'name' ends in ".xxxxxxxx" (8 lower-case hex digits): the hash
// part of a disambiguated name; 'stem' and 'hash' get the parts.
bool splitHashSuffix(const QString& name, QString& stem, QString& hash);

// SubRip and Audacity have no speaker field: a segment's speaker is written
// before its text as "NAME: ". On reading, a first line starting "NAME: "
// (or "NAME:" alone) gives the speaker only when NAME is one of 'speakers'
// (the project's audio labels), so "Note: ..." in a transcript stays text.
QString withSpeakerPrefix(const QString& speaker, const QString& text);
// Splits 'text' into speaker and text by that rule; speaker "" when none.
void splitSpeakerPrefix(const QString& text, const QSet<QString>& speakers, QString& speaker,
                        QString& rest);

}  // namespace speech
}  // namespace postil

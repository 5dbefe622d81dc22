#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

// What the result codecs (docs/architecture.md §4) share when reading and
// writing their parts of an annotation's result: whole numbers as JSON holds
// them, writing that keeps a stored entry's bytes, and the problem list.
namespace postil::resultjson {

// A whole number up to 2^53 (what a double holds exactly); false for
// anything else (not a number, a fraction, infinite, larger).
bool readWholeNumber(const QJsonValue& value, qint64& out);

// Writes `value` under `key` unless the object holds exactly that already, so
// an untouched entry is written back as it was read.
void putInteger(QJsonObject& object, const QString& key, qint64 value);

// The problems a lenient read says: a result from elsewhere can hold a
// million bad entries, so the first ten are listed and the rest counted in a
// last line when the list goes out of scope. Adds nothing without a list.
class ProblemList {
public:
    explicit ProblemList(QStringList* out) : m_out(out) {}
    ~ProblemList();
    ProblemList(const ProblemList&) = delete;
    ProblemList& operator=(const ProblemList&) = delete;

    void add(const QString& problem);

private:
    QStringList* m_out;
    qsizetype m_unsaid = 0;
};

}  // namespace postil::resultjson

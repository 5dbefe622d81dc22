#pragma once

#include <QByteArrayView>
#include <QDir>
#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <optional>

#include "model/schema.h"
#include "model/spanresult.h"
#include "store/status.h"

namespace postil {

class ImportSession;
class TextOffsets;

// What the NLP readers (spacy, doccano, conll, brat, textcat)
// share: turning one document of a file into a text task and, when the
// record carries annotations, one draft annotation (pre-annotations to check)
// by "FORMAT-import" or the --as annotator. The rules, stated in
// `postil-cli import --help`:
//
// - Every offset is in code points of the text by the time it gets here;
//   each reader converts from its own unit through TextOffsets. A span must
//   lie inside the text and cover something; a relation must name two spans.
//   Anything else is a bad record naming the file and line or record.
// - A record whose id is a task already in the project with another text is
//   a bad record: its spans would land on other characters.
// - A label, attribute, question or answer option the schema lacks is added
//   to it (for text tasks) and reported once.
// - With the format option "tasks-only" (--tasks-only) the texts become plain
//   tasks and the annotations are left out.
class TextImport {
public:
    // 'format' names the source: "spacy" gives the annotator "spacy-import".
    TextImport(ImportSession& session, const QString& format);

    struct Document {
        QString id;  // the record's id; empty: derived from the text
        QString text;
        QJsonObject meta;  // kept as data.meta when not empty
        // Whether the record holds an annotation at all: a spaCy line with
        // "spans": [] says "no entities here", one without says nothing.
        bool annotated = false;
        TextAnnotation annotation;  // code points of 'text'
        QJsonObject answers;        // question name -> answer, as §4 stores them
    };

    // Adds the document's task and its annotation; a document that breaks a
    // rule above goes to the session as a bad record (kept out with --skip-bad).
    Status add(Document document, const QDir& baseDir, const QString& where);
    // Writes the schema's additions. Call once after the last add().
    Status finish();

    bool tasksOnly() const { return m_tasksOnly; }
    ImportSession& session() { return m_session; }
    // The schema as this import sees it, with what it added so far.
    const Schema& schema() const { return m_schema; }

    // Why the text between code points 'start' and 'end' is not 'stated'
    // (the span text a format writes beside the offsets); empty when it is.
    // Names the offsets, the stated text and what the document holds there,
    // so a file counting in another unit is recognised at once.
    static QString textMismatch(const QString& text, const TextOffsets& offsets, qint64 start,
                                qint64 end, const QString& stated);
    // One line of a JSON Lines file as an object, or why it is not one ("not
    // valid JSON at column 12: ...", the column in characters).
    static Expected<QJsonObject> parseJsonLine(QByteArrayView line);
    // The first record of a JSON Lines file, for probe(); empty when the file
    // cannot be read or its first non-blank line is not an object.
    static QJsonObject firstJsonLine(const QString& path);
    // A record's "id" as a task id: a string as it is, a number in its
    // shortest exact form; null (a generated id) for anything else.
    static QString recordId(const QJsonValue& id);
    // A whole number up to 2^53 (what a double holds exactly), as offsets and
    // indexes are written; nothing for anything else.
    static std::optional<qint64> wholeNumber(const QJsonValue& value);
    // "'Sony' at 0..4" for messages: a span's text, shortened, and offsets.
    static QString quote(const QString& text, const TextOffsets& offsets, qint64 start, qint64 end);

private:
    QString problemOf(const Document& document) const;
    void noteLabel(const QString& name, const QString& where);
    void noteAttributes(const QJsonObject& attrs, const QString& where);
    void noteAnswer(const QString& question, const QJsonValue& answer, const QString& where);

    ImportSession& m_session;
    QString m_format;
    QString m_annotator;
    bool m_tasksOnly = false;
    Schema m_schema;
    QSet<QString> m_labelNames;
    QSet<QString> m_attributeNames;
    bool m_schemaChanged = false;
    // Task uid -> the record that annotated it in this import: a second
    // record of the same text replaces the first, and says so.
    QHash<QString, QString> m_annotatedBy;
};

}  // namespace postil

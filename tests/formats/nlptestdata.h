#pragma once

// The documents every NLP format's round-trip test uses (tests/formats/
// tst_*format.cpp for spacy, doccano, conll, brat, labelstudio): text where
// counting goes wrong (emoji with skin tones and ZWJ families, combining
// accents, CJK, Arabic, \r\n), spans found by searching the text, and their
// offsets counted independently of core/text: code points with toUcs4(),
// UTF-16 with QString's own indexes. Header-only: included by those tests.

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QtTest>
#include <memory>

#include "formats/formatregistry.h"
#include "formats/importsession.h"
#include "model/project.h"
#include "model/spanresult.h"
#include "testsupport.h"

namespace postil::nlptest {

struct SpanSpec {
    QString label;
    QString words;  // what the span covers, found in the text
    int occurrence = 0;
};

struct Doc {
    QString uid;
    QString text;
    QList<SpanSpec> spans;
};

inline const QByteArray kSchema = R"({
  "labels": [
    {"name": "PER", "color": "#e6194b", "kinds": ["text"]},
    {"name": "LOC", "color": "#3cb44b", "kinds": ["text"]},
    {"name": "ORG", "color": "#4363d8", "kinds": ["text"]},
    {"name": "MISC", "color": "#f58231", "kinds": ["text"]}
  ],
  "attributes": [{"name": "negated", "type": "flag"}],
  "questions": [
    {"name": "intent", "type": "single", "options": ["travel", "complaint", "other"],
     "kinds": ["text"]}
  ]
})";

inline QList<Doc> docs() {
    return {
        // doccano #2290: skin tone and ZWJ before the entity.
        {QStringLiteral("fire"),
         QStringLiteral("👨🏻‍🚒 firemen drive firetrucks in Zürich"),
         {{QStringLiteral("MISC"), QStringLiteral("firetrucks")},
          {QStringLiteral("LOC"), QStringLiteral("Zürich")}}},
        // A ZWJ family, combining accents (e + U+0301), an emoji inside a span.
        {QStringLiteral("family"),
         QStringLiteral("The 👨‍👩‍👧‍👦 family met Rene\u0301e at Cafe\u0301 Bleu 👋🏽 "
                        "today"),
         {{QStringLiteral("PER"), QStringLiteral("Rene\u0301e")},
          {QStringLiteral("ORG"), QStringLiteral("Cafe\u0301 Bleu 👋🏽")}}},
        // CJK without spaces.
        {QStringLiteral("cjk"),
         QStringLiteral("東京タワーは日本の東京にあります。山田さんが行きました。"),
         {{QStringLiteral("LOC"), QStringLiteral("東京タワー")},
          {QStringLiteral("LOC"), QStringLiteral("日本")},
          {QStringLiteral("LOC"), QStringLiteral("東京"), 1},
          {QStringLiteral("PER"), QStringLiteral("山田")}}},
        // Arabic, right to left.
        {QStringLiteral("arabic"),
         QStringLiteral("زار محمد القاهرة يوم الجمعة مع سارة"),
         {{QStringLiteral("PER"), QStringLiteral("محمد")},
          {QStringLiteral("LOC"), QStringLiteral("القاهرة")},
          {QStringLiteral("PER"), QStringLiteral("سارة")}}},
        // \r\n counts two; an astral character before the span on line two.
        {QStringLiteral("crlf"),
         QStringLiteral("Dear Alice Smith,\r\nthe 𝒳 office in Paris 👍🏽 called.\r\nBob"),
         {{QStringLiteral("PER"), QStringLiteral("Alice Smith")},
          {QStringLiteral("LOC"), QStringLiteral("Paris")},
          {QStringLiteral("PER"), QStringLiteral("Bob")}}},
    };
}

// The UTF-16 index of the occurrence of 'words' in 'text'; aborts when absent
// (the test data itself is wrong).
inline qsizetype utf16Of(const QString& text, const SpanSpec& spec) {
    qsizetype at = -1;
    for (int i = 0; i <= spec.occurrence; ++i) {
        at = text.indexOf(spec.words, at + 1);
        if (at < 0)
            qFatal("'%s' not in the test text", qPrintable(spec.words));
    }
    return at;
}

// Code points before UTF-16 index 'utf16', counted by decoding, not by core/text.
inline qint64 codePointsBefore(const QString& text, qsizetype utf16) {
    return text.left(utf16).toUcs4().size();
}

inline Span spanOf(const QString& text, const SpanSpec& spec) {
    const qsizetype at = utf16Of(text, spec);
    Span span;
    span.label = spec.label;
    span.start = codePointsBefore(text, at);
    span.end = codePointsBefore(text, at + spec.words.size());
    return span;
}

// The annotation each document gets: its spans in order, the first span
// negated with a note, a relation from the first span to the second, and an
// answer to the intent question.
inline TextAnnotation annotationOf(const Doc& doc) {
    TextAnnotation annotation;
    for (const SpanSpec& spec : doc.spans)
        annotation.spans << spanOf(doc.text, spec);
    annotation.spans[0].attrs = QJsonObject{{QStringLiteral("negated"), true}};
    annotation.spans[0].note = QStringLiteral("checked ✓");
    annotation.relations << Relation{0, 1, QStringLiteral("near"), {}};
    return annotation;
}

inline std::unique_ptr<Project> makeAnnotatedProject(const QString& path) {
    auto project = makeProject(path, kSchema);
    for (const Doc& doc : docs()) {
        addTask(*project, doc.uid, TaskKind::Text, QJsonObject{{QStringLiteral("text"), doc.text}});
        QJsonObject result = spanresult::withSpans(QJsonObject(), annotationOf(doc));
        result.insert(QStringLiteral("answers"),
                      QJsonObject{{QStringLiteral("intent"), QStringLiteral("travel")}});
        addAnnotation(*project, doc.uid, QStringLiteral("alice"), AnnotationStatus::Submitted,
                      result);
    }
    return project;
}

// The stored annotation of 'uid' by 'annotator', read through the span codec.
inline std::optional<Annotation> annotationRow(Project& project, const QString& uid,
                                               const QString& annotator) {
    return project.annotations().get(uid, annotator);
}

inline TextAnnotation storedSpans(Project& project, const QString& uid, const QString& annotator) {
    const auto row = annotationRow(project, uid, annotator);
    if (!row)
        return TextAnnotation();
    return spanresult::read(row->result);
}

// The uid of the text task holding 'text', empty when none.
inline QString uidOfText(Project& project, const QString& text) {
    Statement stmt = project.database().statement(
        QStringLiteral("SELECT uid, data FROM tasks WHERE kind = 'text' ORDER BY id"));
    while (stmt.next())
        if (QJsonDocument::fromJson(stmt.utf8(1))
                .object()
                .value(QStringLiteral("text"))
                .toString() == text)
            return stmt.text(0);
    return QString();
}

// (label, covered text) of each span, in order: what a round trip must keep
// whatever the offsets' unit.
inline QStringList labelled(const QString& text, const TextAnnotation& annotation) {
    const QList<uint> ucs4 = text.toUcs4();
    QStringList out;
    for (const Span& span : annotation.spans) {
        if (span.start < 0 || span.end > ucs4.size() || span.end < span.start) {
            out << span.label + QStringLiteral("=<outside>");
            continue;
        }
        const QList<uint> part = ucs4.mid(span.start, span.end - span.start);
        out << span.label + QLatin1Char('=') +
                   QString::fromUcs4(reinterpret_cast<const char32_t*>(part.constData()),
                                     part.size());
    }
    return out;
}

inline QStringList expectedLabelled(const Doc& doc) {
    QStringList out;
    for (const SpanSpec& spec : doc.spans)
        out << spec.label + QLatin1Char('=') + spec.words;
    return out;
}

// Runs Debian's python3 with 'script' and the arguments; its stdout, or
// nothing (the test fails) when it does not exit 0.
inline QByteArray runPython(const QString& script, const QStringList& arguments) {
    QProcess python;
    python.start(systemPython(), QStringList{QStringLiteral("-c"), script} + arguments);
    if (!python.waitForStarted(10000))
        return QByteArray();
    python.waitForFinished(60000);
    const QByteArray err = python.readAllStandardError();
    if (python.exitStatus() != QProcess::NormalExit || python.exitCode() != 0) {
        qWarning("python3 failed: %s", err.constData());
        return QByteArray();
    }
    return python.readAllStandardOutput();
}

inline Expected<ImportReport> importInto(Project& project, const QString& path,
                                         const QString& format, bool skipBad = false,
                                         const QString& as = QString(), bool tasksOnly = false) {
    ImportOptions options;
    options.skipBad = skipBad;
    options.asAnnotator = as;
    if (tasksOnly)
        options.formatOptions.insert(QStringLiteral("tasks-only"), QStringLiteral("1"));
    return importFiles(project, {path}, format, options);
}

inline Status exportTo(Project& project, const QString& path, const QString& format,
                       ExportReport& report, const QString& status = QString()) {
    Format* writer = FormatRegistry::instance().byName(format);
    if (!writer)
        return Status::failure(QStringLiteral("no format ") + format);
    ExportOptions options;
    options.status = status;
    return writer->write(project, path, options, report);
}

}  // namespace postil::nlptest

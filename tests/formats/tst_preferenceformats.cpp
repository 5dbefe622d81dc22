// The comparison exports (trl, hh-rlhf, ratings, critiques, and comparisons
// in labelstudio) and the responses import, on real project files.

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include "formats/formatregistry.h"
#include "formats/importsession.h"
#include "model/comparison.h"
#include "model/project.h"
#include "testsupport.h"

using namespace postil;

namespace {

QJsonValue parse(const char* text) {
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(text));
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

QJsonObject compareData(const QJsonValue& prompt, const QJsonArray& responses) {
    return {{QStringLiteral("prompt"), prompt}, {QStringLiteral("responses"), responses}};
}

bool addTask(Project& project, const QString& uid, const QJsonObject& data) {
    Task task;
    task.uid = uid;
    task.kind = TaskKind::Compare;
    task.data = data;
    task.preview = Task::previewFor(task.kind, data);
    auto added = project.tasks().add(task);
    return added.ok() && *added;
}

bool annotate(Project& project, const QString& uid, const QString& annotator,
              const QJsonObject& result, AnnotationStatus status = AnnotationStatus::Submitted,
              qint64 leadMs = 0) {
    Annotation a;
    a.taskUid = uid;
    a.annotator = annotator;
    a.status = status;
    a.result = result;
    a.leadMs = leadMs;
    return project.saveAnnotation(a).ok();
}

QList<QJsonObject> jsonLines(const QByteArray& bytes) {
    QList<QJsonObject> lines;
    for (const QByteArray& line : bytes.split('\n')) {
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return {};  // makes every count check fail
        lines << doc.object();
    }
    return lines;
}

ExportOptions withSwitches(const QStringList& switches) {
    ExportOptions options;
    for (const QString& name : switches)
        options.formatOptions.insert(name, QStringLiteral("1"));
    return options;
}

// "chosen>rejected:margin" from texts, for comparing pair sets.
QString pairText(const QJsonObject& line) {
    return QStringLiteral("%1>%2:%3")
        .arg(line.value(QLatin1String("chosen")).toString(),
             line.value(QLatin1String("rejected")).toString())
        .arg(line.value(QLatin1String("margin")).toInt(-1));
}

QString emoji(const char* utf8) {
    return QString::fromUtf8(utf8);
}

}  // namespace

class TestPreferenceFormats : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_serial = 0;
    QString m_out;

    std::unique_ptr<Project> newProject() {
        const QString folder = m_dir.filePath(QStringLiteral("case%1").arg(++m_serial));
        m_out = folder + QStringLiteral("/out");
        return makeProject(folder + QStringLiteral("/p.postil"));
    }

    // Writes 'format' to a fresh file and returns its bytes; empty on failure
    // (the failure is reported by the QVERIFY in the caller through 'ok').
    QByteArray exportBytes(Project& project, const char* format, const ExportOptions& options,
                           ExportReport* reportOut = nullptr, bool* ok = nullptr) {
        Format* writer = FormatRegistry::instance().byName(QLatin1String(format));
        ExportReport report;
        const QString path = m_out + QString::number(++m_serial);
        Status s = writer ? writer->write(project, path, options, report)
                          : Status::failure(QStringLiteral("no format"));
        if (ok)
            *ok = s.ok();
        if (!s.ok())
            qWarning("%s", qPrintable(s.error()));
        if (reportOut)
            *reportOut = report;
        return s.ok() ? readFile(path) : QByteArray();
    }

    QList<QJsonObject> exportLines(Project& project, const char* format,
                                   const ExportOptions& options = {},
                                   ExportReport* report = nullptr) {
        return jsonLines(exportBytes(project, format, options, report));
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    // The editor stores canonical values computed from what was shown; the
    // export must name the response the annotator picked, whichever side it was on.
    void trlEveryDisplayOrderAndVerdict() {
        auto project = newProject();
        struct Expected {
            QString chosen;
            QString rejected;
            int margin;
        };
        QMap<QString, Expected> expected;
        QStringList ties;
        for (const QList<int>& order : {QList<int>{0, 1}, QList<int>{1, 0}}) {
            for (int shown = -3; shown <= 3; ++shown) {
                const QString prompt =
                    QStringLiteral("shown %1,%2 verdict %3").arg(order[0]).arg(order[1]).arg(shown);
                const QStringList texts{prompt + QStringLiteral(" / zero"),
                                        prompt + QStringLiteral(" / one")};
                QVERIFY(addTask(*project, prompt,
                                compareData(prompt, QJsonArray::fromStringList(texts))));
                QJsonArray shownOrder{order[0], order[1]};
                QVERIFY(annotate(*project, prompt, QStringLiteral("ann"),
                                 {{QStringLiteral("order"), shownOrder},
                                  {QStringLiteral("preference"),
                                   comparison::toCanonicalPreference(shown, order)}}));
                if (shown == 0) {
                    ties << prompt;
                    continue;
                }
                // Negative: the first shown ("A") is better.
                const int better = shown < 0 ? order[0] : order[1];
                expected.insert(prompt, {texts[better], texts[1 - better], qAbs(shown)});
            }
        }
        ExportReport report;
        const QList<QJsonObject> lines =
            exportLines(*project, "trl", withSwitches({QStringLiteral("margin")}), &report);
        QCOMPARE(lines.size(), 12);
        QCOMPARE(report.annotations, 12);
        QCOMPARE(report.tasks, 12);
        for (const QJsonObject& line : lines) {
            const QString prompt = line.value(QLatin1String("prompt")).toString();
            QVERIFY2(expected.contains(prompt), qPrintable(prompt));
            const Expected e = expected.take(prompt);
            QCOMPARE(line.value(QLatin1String("chosen")).toString(), e.chosen);
            QCOMPARE(line.value(QLatin1String("rejected")).toString(), e.rejected);
            QCOMPARE(line.value(QLatin1String("margin")).toInt(), e.margin);
            QCOMPARE(line.keys(),
                     (QStringList{QStringLiteral("chosen"), QStringLiteral("margin"),
                                  QStringLiteral("prompt"), QStringLiteral("rejected")}));
        }
        QVERIFY(expected.isEmpty());
        QVERIFY2(report.warnings.join(QLatin1Char('\n')).contains(QStringLiteral("2 tied")),
                 qPrintable(report.warnings.join(QLatin1Char('\n'))));

        // Kept ties are marked and come in canonical order.
        const QList<QJsonObject> kept = exportLines(
            *project, "trl", withSwitches({QStringLiteral("keep-ties"), QStringLiteral("margin")}));
        QCOMPARE(kept.size(), 14);
        int tieLines = 0;
        for (const QJsonObject& line : kept) {
            const QString prompt = line.value(QLatin1String("prompt")).toString();
            const bool tie = ties.contains(prompt);
            QCOMPARE(line.value(QLatin1String("tie")).toBool(), tie);
            QCOMPARE(line.value(QLatin1String("both_bad")), QJsonValue(false));
            if (tie) {
                ++tieLines;
                QCOMPARE(line.value(QLatin1String("chosen")).toString(),
                         prompt + QStringLiteral(" / zero"));
                QCOMPARE(line.value(QLatin1String("margin")).toInt(-1), 0);
            }
        }
        QCOMPARE(tieLines, 2);
    }

    void tiesAndBothBadLeftOutUnlessKept() {
        auto project = newProject();
        const QJsonArray responses{QStringLiteral("zero"), QStringLiteral("one")};
        const QList<std::pair<const char*, const char*>> cases{
            {"tie", R"({"preference": 0})"},
            {"bad-tie", R"({"preference": 0, "both_bad": true})"},
            {"bad-but-zero", R"({"preference": -2, "both_bad": true})"},
            {"clear", R"({"preference": 1})"},
            {"silent", R"({"critique": "no verdict given"})"},
            // What the X key stores: both bad, no preference.
            {"bad-only", R"({"order": [1, 0], "both_bad": true})"},
        };
        for (const auto& [uid, result] : cases) {
            QVERIFY(
                addTask(*project, QLatin1String(uid), compareData(QLatin1String(uid), responses)));
            QVERIFY(annotate(*project, QLatin1String(uid), QStringLiteral("ann"),
                             parse(result).toObject()));
        }
        ExportReport report;
        const QList<QJsonObject> lines = exportLines(*project, "trl", {}, &report);
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines[0].value(QLatin1String("prompt")).toString(), QStringLiteral("clear"));
        QCOMPARE(lines[0].value(QLatin1String("chosen")).toString(), QStringLiteral("one"));
        QVERIFY(!lines[0].contains(QLatin1String("margin")));
        QVERIFY(!lines[0].contains(QLatin1String("tie")));
        const QString warnings = report.warnings.join(QLatin1Char('\n'));
        QVERIFY2(warnings.contains(QStringLiteral("left out 1 tied and 3 both-bad")),
                 qPrintable(warnings));
        QVERIFY2(warnings.contains(QStringLiteral("task 5 (silent)")), qPrintable(warnings));
        QCOMPARE(report.warnings.size(), 2);  // one summary, one named silent annotation

        const QList<QJsonObject> kept =
            exportLines(*project, "trl", withSwitches({QStringLiteral("keep-ties")}));
        // --keep-ties keeps every both-bad verdict, marked (the one without a
        // preference was left out before, although the help said it was kept).
        QCOMPARE(kept.size(), 5);
        QMap<QString, QString> marks;
        for (const QJsonObject& line : kept)
            marks.insert(line.value(QLatin1String("prompt")).toString(),
                         QStringLiteral("%1 tie=%2 bad=%3")
                             .arg(line.value(QLatin1String("chosen")).toString())
                             .arg(line.value(QLatin1String("tie")).toBool())
                             .arg(line.value(QLatin1String("both_bad")).toBool()));
        QCOMPARE(marks.value(QStringLiteral("tie")), QStringLiteral("zero tie=1 bad=0"));
        QCOMPARE(marks.value(QStringLiteral("bad-tie")), QStringLiteral("zero tie=1 bad=1"));
        QCOMPARE(marks.value(QStringLiteral("bad-but-zero")), QStringLiteral("zero tie=0 bad=1"));
        QCOMPARE(marks.value(QStringLiteral("clear")), QStringLiteral("one tie=0 bad=0"));
        QCOMPARE(marks.value(QStringLiteral("bad-only")), QStringLiteral("zero tie=1 bad=1"));
    }

    void conversationalAndFlattenedForms() {
        auto project = newProject();
        const QJsonValue messagesResponse =
            parse(R"([{"role": "assistant", "content": "message answer"}])");
        QVERIFY(addTask(*project, QStringLiteral("a"),
                        compareData(QStringLiteral("Hi"),
                                    QJsonArray{QStringLiteral("plain answer"), messagesResponse})));
        const QJsonValue conversation = parse(R"([
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "Q1"},
            {"role": "assistant", "content": "A1"},
            {"role": "user", "content": "Q2"}])");
        QVERIFY(addTask(
            *project, QStringLiteral("b"),
            compareData(conversation, QJsonArray{QStringLiteral("x"), QStringLiteral("y")})));
        QVERIFY(annotate(*project, QStringLiteral("a"), QStringLiteral("ann"),
                         {{QStringLiteral("preference"), 2}}));
        QVERIFY(annotate(*project, QStringLiteral("b"), QStringLiteral("ann"),
                         {{QStringLiteral("preference"), -1}}));

        const QList<QJsonObject> chat =
            exportLines(*project, "trl", withSwitches({QStringLiteral("conversational")}));
        QCOMPARE(chat.size(), 2);
        QCOMPARE(chat[0].value(QLatin1String("prompt")),
                 parse(R"([{"role": "user", "content": "Hi"}])"));
        QCOMPARE(chat[0].value(QLatin1String("chosen")), messagesResponse);
        QCOMPARE(chat[0].value(QLatin1String("rejected")),
                 parse(R"([{"role": "assistant", "content": "plain answer"}])"));
        QCOMPARE(chat[1].value(QLatin1String("prompt")), conversation);
        QCOMPARE(chat[1].value(QLatin1String("chosen")),
                 parse(R"([{"role": "assistant", "content": "x"}])"));

        ExportReport report;
        const QList<QJsonObject> flat = exportLines(*project, "trl", {}, &report);
        QCOMPARE(flat.size(), 2);
        QCOMPARE(flat[0].value(QLatin1String("chosen")).toString(),
                 QStringLiteral("message answer"));
        QCOMPARE(flat[1].value(QLatin1String("prompt")).toString(),
                 QStringLiteral("System: Be brief.\n\nUser: Q1\n\nAssistant: A1\n\nUser: Q2"));
        QVERIFY2(report.warnings.join(QLatin1Char('\n')).contains(QStringLiteral("flattened")),
                 qPrintable(report.warnings.join(QLatin1Char('\n'))));
    }

    void rankingGivesEveryBetterWorsePair() {
        auto project = newProject();
        QVERIFY(addTask(
            *project, QStringLiteral("three"),
            compareData(QStringLiteral("p3"), QJsonArray{QStringLiteral("r0"), QStringLiteral("r1"),
                                                         QStringLiteral("r2")})));
        QVERIFY(annotate(*project, QStringLiteral("three"), QStringLiteral("ann"),
                         parse(R"({"order": [1, 2, 0], "ranking": [[2], [0, 1]]})").toObject()));
        QVERIFY(addTask(*project, QStringLiteral("four"),
                        compareData(QStringLiteral("p4"),
                                    QJsonArray{QStringLiteral("s0"), QStringLiteral("s1"),
                                               QStringLiteral("s2"), QStringLiteral("s3")})));
        QVERIFY(annotate(*project, QStringLiteral("four"), QStringLiteral("ann"),
                         parse(R"({"ranking": [[3], [1], [0], [2]]})").toObject()));

        QStringList pairs;
        for (const QJsonObject& line :
             exportLines(*project, "trl", withSwitches({QStringLiteral("margin")})))
            pairs << pairText(line);
        QCOMPARE(pairs, (QStringList{QStringLiteral("r2>r0:1"), QStringLiteral("r2>r1:1"),
                                     QStringLiteral("s3>s1:1"), QStringLiteral("s3>s0:2"),
                                     QStringLiteral("s3>s2:3"), QStringLiteral("s1>s0:1"),
                                     QStringLiteral("s1>s2:2"), QStringLiteral("s0>s2:1")}));

        QStringList kept;
        for (const QJsonObject& line :
             exportLines(*project, "trl",
                         withSwitches({QStringLiteral("margin"), QStringLiteral("keep-ties")})))
            if (line.value(QLatin1String("tie")).toBool())
                kept << pairText(line);
        QCOMPARE(kept, QStringList{QStringLiteral("r0>r1:0")});
    }

    void hhRlhfTranscripts() {
        auto project = newProject();
        QVERIFY(addTask(*project, QStringLiteral("plain"),
                        compareData(QStringLiteral("P"),
                                    QJsonArray{QStringLiteral("A0"), QStringLiteral("A1")})));
        QVERIFY(annotate(*project, QStringLiteral("plain"), QStringLiteral("ann"),
                         {{QStringLiteral("order"), QJsonArray{1, 0}},
                          {QStringLiteral("preference"),
                           comparison::toCanonicalPreference(1, {1, 0})}}));  // B (response 0)
        QVERIFY(
            addTask(*project, QStringLiteral("turns"),
                    compareData(parse(R"([
                            {"role": "system", "content": "S"},
                            {"role": "user", "content": "U1"},
                            {"role": "assistant", "content": "A1"},
                            {"role": "user", "content": "U2"}])"),
                                QJsonArray{QStringLiteral("R0"),
                                           parse(R"([{"role": "assistant", "content": "R1"}])")})));
        QVERIFY(annotate(*project, QStringLiteral("turns"), QStringLiteral("ann"),
                         {{QStringLiteral("preference"), 3}}));

        const QList<QJsonObject> lines = exportLines(*project, "hh-rlhf");
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[0].keys(),
                 (QStringList{QStringLiteral("chosen"), QStringLiteral("rejected")}));
        QCOMPARE(lines[0].value(QLatin1String("chosen")).toString(),
                 QStringLiteral("\n\nHuman: P\n\nAssistant: A0"));
        QCOMPARE(lines[0].value(QLatin1String("rejected")).toString(),
                 QStringLiteral("\n\nHuman: P\n\nAssistant: A1"));
        const QString prefix = QStringLiteral("S\n\nHuman: U1\n\nAssistant: A1\n\nHuman: U2");
        QCOMPARE(lines[1].value(QLatin1String("chosen")).toString(),
                 prefix + QStringLiteral("\n\nAssistant: R1"));
        QCOMPARE(lines[1].value(QLatin1String("rejected")).toString(),
                 prefix + QStringLiteral("\n\nAssistant: R0"));

        const QList<QJsonObject> marked =
            exportLines(*project, "hh-rlhf", withSwitches({QStringLiteral("margin")}));
        QCOMPARE(marked[1].value(QLatin1String("margin")).toInt(), 3);
    }

    void ratingsRows() {
        auto project = newProject();
        Schema schema = project->schema();
        schema.rubric = {{QStringLiteral("helpfulness"), 1, 7, {}},
                         {QStringLiteral("accuracy"), 1, 5, {}}};
        QVERIFY(project->setSchema(schema).ok());
        QJsonObject data = compareData(QStringLiteral("p"),
                                       QJsonArray{QStringLiteral("zero"), QStringLiteral("one")});
        data.insert(QStringLiteral("response_ids"),
                    QJsonArray{QStringLiteral("a"), QStringLiteral("b")});
        data.insert(QStringLiteral("models"),
                    QJsonArray{QStringLiteral("m, \"one\""), QStringLiteral("m2")});
        QVERIFY(addTask(*project, QStringLiteral("t1"), data));
        QVERIFY(annotate(*project, QStringLiteral("t1"), QStringLiteral("ann"),
                         parse(R"({"rubric": {"accuracy": [3, null], "helpfulness": [5, 2],
                                               "style": [1, 4]}, "preference": -1,
                                   "order": [1, 0]})")
                             .toObject()));
        QVERIFY(annotate(*project, QStringLiteral("t1"), QStringLiteral("bob"),
                         parse(R"({"rubric": {"accuracy": [1, 1]}})").toObject(),
                         AnnotationStatus::Draft));
        const qint64 hlc =
            project->annotations().get(QStringLiteral("t1"), QStringLiteral("ann"))->hlc;
        const QDateTime when = QDateTime::fromMSecsSinceEpoch(hlc >> 16, Qt::UTC);
        QVERIFY(qAbs(when.secsTo(QDateTime::currentDateTimeUtc())) < 600);
        const QString time = when.toString(Qt::ISODateWithMs);
        QVERIFY(time.endsWith(QLatin1Char('Z')));

        const QList<QJsonObject> rows = exportLines(*project, "ratings-jsonl");
        QStringList cells;
        for (const QJsonObject& row : rows) {
            QCOMPARE(row.value(QLatin1String("task")).toString(), QStringLiteral("t1"));
            QCOMPARE(row.value(QLatin1String("annotator")).toString(), QStringLiteral("ann"));
            QCOMPARE(row.value(QLatin1String("status")).toString(), QStringLiteral("submitted"));
            QCOMPARE(row.value(QLatin1String("time")).toString(), time);
            const int response = row.value(QLatin1String("response")).toInt();
            QCOMPARE(row.value(QLatin1String("response_id")).toString(),
                     response == 0 ? QStringLiteral("a") : QStringLiteral("b"));
            QCOMPARE(row.value(QLatin1String("model")).toString(),
                     response == 0 ? QStringLiteral("m, \"one\"") : QStringLiteral("m2"));
            // Shown as [1, 0]: response 0 was "B" to the annotator.
            QCOMPARE(row.value(QLatin1String("letter")).toString(),
                     response == 0 ? QStringLiteral("B") : QStringLiteral("A"));
            cells << QStringLiteral("%1/%2=%3")
                         .arg(row.value(QLatin1String("dimension")).toString())
                         .arg(response)
                         .arg(row.value(QLatin1String("score")).toInt());
        }
        // Schema order, then the dimension the schema lacks; the unscored cell is left out.
        QCOMPARE(cells,
                 (QStringList{QStringLiteral("helpfulness/0=5"), QStringLiteral("helpfulness/1=2"),
                              QStringLiteral("accuracy/0=3"), QStringLiteral("style/0=1"),
                              QStringLiteral("style/1=4")}));

        const QByteArray csv = exportBytes(*project, "ratings-csv", {});
        const QList<QByteArray> csvLines = csv.split('\n');
        QCOMPARE(csvLines.size(), 7);  // header, five rows, and the empty rest after the last
        QCOMPARE(
            csvLines[0],
            QByteArray(
                "task,annotator,response,response_id,model,dimension,score,status,time,letter\r"));
        QCOMPARE(csvLines[1], QByteArray("t1,ann,0,a,\"m, \"\"one\"\"\",helpfulness,5,submitted,") +
                                  time.toUtf8() + ",B\r");
        QCOMPARE(csvLines[2],
                 QByteArray("t1,ann,1,b,m2,helpfulness,2,submitted,") + time.toUtf8() + ",A\r");
        QVERIFY(csv.endsWith("\r\n"));

        // The draft is left out by default and is all there is when asked for.
        ExportOptions drafts;
        drafts.status = QStringLiteral("draft");
        const QList<QJsonObject> draftRows = exportLines(*project, "ratings-jsonl", drafts);
        QCOMPARE(draftRows.size(), 2);
        QCOMPARE(draftRows[0].value(QLatin1String("annotator")).toString(), QStringLiteral("bob"));
        ExportOptions onlyBob;
        onlyBob.annotator = QStringLiteral("bob");
        QCOMPARE(exportLines(*project, "ratings-jsonl", onlyBob).size(), 0);
    }

    void critiquesWithCodePointFlags() {
        auto project = newProject();
        const QString face = emoji("\xF0\x9F\x98\x80");
        const QString party = emoji("\xF0\x9F\x8E\x89");
        const QString zero =
            QStringLiteral("I ") + face + QStringLiteral(" like ") + face + QStringLiteral(" cats");
        QJsonObject data = compareData(
            QStringLiteral("p"),
            QJsonArray{zero,
                       QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                              {QStringLiteral("content"), QStringLiteral("first")}},
                                  QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                              {QStringLiteral("content"),
                                               party + QStringLiteral(" second")}}}});
        data.insert(QStringLiteral("response_ids"),
                    QJsonArray{QStringLiteral("id0"), QStringLiteral("id1")});
        QVERIFY(addTask(*project, QStringLiteral("c1"), data));
        // "I 😀 like": 'l' is code point 4 (UTF-16 unit 5). "first\n\n🎉 second": 🎉 is code point 7.
        const QJsonObject result{
            {QStringLiteral("preference"), -1},
            {QStringLiteral("critique"), QStringLiteral("Zero is warmer ") + party},
            {QStringLiteral("rewrite"), QStringLiteral("I like cats.")},
            {QStringLiteral("active_ms"), 4200},
            {QStringLiteral("flags"),
             QJsonArray{QJsonObject{{QStringLiteral("response"), 0},
                                    {QStringLiteral("start"), 4},
                                    {QStringLiteral("end"), 8},
                                    {QStringLiteral("label"), QStringLiteral("tone")},
                                    {QStringLiteral("comment"), QStringLiteral("odd")}},
                        QJsonObject{{QStringLiteral("response"), 1},
                                    {QStringLiteral("start"), 7},
                                    {QStringLiteral("end"), 8},
                                    {QStringLiteral("label"), QStringLiteral("emoji")}},
                        QJsonObject{{QStringLiteral("response"), 1},
                                    {QStringLiteral("start"), 9},
                                    {QStringLiteral("end"), 15},
                                    {QStringLiteral("label"), QStringLiteral("word")}}}}};
        QVERIFY(annotate(*project, QStringLiteral("c1"), QStringLiteral("ann"), result,
                         AnnotationStatus::Submitted, 9000));
        QVERIFY(addTask(*project, QStringLiteral("c2"),
                        compareData(QStringLiteral("q"),
                                    QJsonArray{QStringLiteral("a"), QStringLiteral("b")})));
        QVERIFY(annotate(*project, QStringLiteral("c2"), QStringLiteral("ann"),
                         {{QStringLiteral("preference"), 1}}, AnnotationStatus::Submitted, 1500));

        ExportReport report;
        const QList<QJsonObject> rows = exportLines(*project, "critiques", {}, &report);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(report.annotations, 2);
        const QJsonObject row = rows[0];
        QCOMPARE(row.value(QLatin1String("task")).toString(), QStringLiteral("c1"));
        QCOMPARE(row.value(QLatin1String("annotator")).toString(), QStringLiteral("ann"));
        QCOMPARE(row.value(QLatin1String("critique")).toString(),
                 QStringLiteral("Zero is warmer ") + party);
        QCOMPARE(row.value(QLatin1String("rewrite")).toString(), QStringLiteral("I like cats."));
        QCOMPARE(row.value(QLatin1String("active_ms")).toInt(), 4200);
        const QJsonArray flags = row.value(QLatin1String("flags")).toArray();
        QCOMPARE(flags.size(), 3);
        const QJsonObject first = flags[0].toObject();
        QCOMPARE(first.value(QLatin1String("text")).toString(), QStringLiteral("like"));
        QCOMPARE(first.value(QLatin1String("start")).toInt(), 4);
        QCOMPARE(first.value(QLatin1String("end")).toInt(), 8);
        QCOMPARE(first.value(QLatin1String("response_id")).toString(), QStringLiteral("id0"));
        QCOMPARE(first.value(QLatin1String("label")).toString(), QStringLiteral("tone"));
        QCOMPARE(first.value(QLatin1String("comment")).toString(), QStringLiteral("odd"));
        QCOMPARE(flags[1].toObject().value(QLatin1String("text")).toString(), party);
        QCOMPARE(flags[1].toObject().value(QLatin1String("response_id")).toString(),
                 QStringLiteral("id1"));
        QCOMPARE(flags[2].toObject().value(QLatin1String("text")).toString(),
                 QStringLiteral("second"));
        // No stored order (not made in the editor): the letters are unknown, not guessed.
        QVERIFY(row.value(QLatin1String("display_order")).isNull());
        QVERIFY(row.value(QLatin1String("shown_as")).isNull());
        QVERIFY(first.value(QLatin1String("letter")).isNull());
        // Without active_ms in the result, the annotation's lead time stands in.
        QCOMPARE(rows[1].value(QLatin1String("active_ms")).toInt(), 1500);
        QCOMPARE(rows[1].value(QLatin1String("flags")).toArray().size(), 0);
    }

    // Critiques, rewrites and flag comments say "A" and "B" as shown; the
    // export names responses canonically, so it says which letter was which.
    void critiquesCarryTheLettersAsShown() {
        auto project = newProject();
        QVERIFY(addTask(
            *project, QStringLiteral("c1"),
            compareData(QStringLiteral("p"),
                        QJsonArray{QStringLiteral("zero answer"), QStringLiteral("one answer")})));
        QVERIFY(annotate(*project, QStringLiteral("c1"), QStringLiteral("ann"),
                         parse(R"({"order": [1, 0], "preference": 2,
                                   "critique": "A is right, B is wrong",
                                   "rewrite": "Like A, but shorter",
                                   "flags": [{"response": 0, "start": 0, "end": 4,
                                              "label": "wrong", "comment": "B says zero"}]})")
                             .toObject()));
        const QList<QJsonObject> rows = exportLines(*project, "critiques");
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].value(QLatin1String("display_order")).toArray(), (QJsonArray{1, 0}));
        QCOMPARE(rows[0].value(QLatin1String("shown_as")).toObject(),
                 parse(R"({"A": 1, "B": 0})").toObject());
        const QJsonObject flag = rows[0].value(QLatin1String("flags")).toArray().first().toObject();
        QCOMPARE(flag.value(QLatin1String("response")).toInt(), 0);
        QCOMPARE(flag.value(QLatin1String("letter")).toString(), QStringLiteral("B"));
        QCOMPARE(flag.value(QLatin1String("text")).toString(), QStringLiteral("zero"));
    }

    // Comparisons in the labelstudio format (which took in the pairwise-only
    // export): pairwise for a stated side, the verdict, the order shown.
    void labelStudioComparisons() {
        auto project = newProject();
        const QJsonArray two{QStringLiteral("zero"), QStringLiteral("one")};
        const QList<std::pair<const char*, const char*>> cases{
            {"left", R"({"order": [1, 0], "preference": -2, "critique": "zero is right"})"},
            {"right", R"({"preference": 3})"},
            {"tie", R"({"preference": 0, "critique": "same"})"},
            {"bad", R"({"preference": -1, "both_bad": true})"},
        };
        for (const auto& [uid, result] : cases) {
            QVERIFY(addTask(*project, QLatin1String(uid), compareData(QLatin1String(uid), two)));
            QVERIFY(annotate(*project, QLatin1String(uid), QStringLiteral("ann"),
                             parse(result).toObject(), AnnotationStatus::Submitted, 2500));
        }
        QVERIFY(
            addTask(*project, QStringLiteral("open"), compareData(QStringLiteral("open"), two)));
        QVERIFY(addTask(*project, QStringLiteral("three"),
                        compareData(QStringLiteral("three"),
                                    QJsonArray{QStringLiteral("a"), QStringLiteral("b"),
                                               QStringLiteral("c")})));

        ExportReport report;
        bool ok = false;
        const QByteArray bytes = exportBytes(*project, "labelstudio", {}, &report, &ok);
        QVERIFY(ok);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        const QJsonArray tasks = doc.array();
        QCOMPARE(tasks.size(), 6);
        QCOMPARE(report.tasks, 6);
        QCOMPARE(report.annotations, 4);
        QMap<QString, QJsonObject> byPrompt;
        for (const QJsonValue& t : tasks)
            byPrompt.insert(t[QLatin1String("data")][QLatin1String("prompt")].toString(),
                            t.toObject());
        auto picked = [&](const char* uid, const char* type) {
            QStringList picks;
            const QJsonArray result =
                byPrompt
                    .value(QLatin1String(
                        uid))[QLatin1String("annotations")][0][QLatin1String("result")]
                    .toArray();
            for (const QJsonValue& r : result)
                if (r[QLatin1String("type")].toString() == QLatin1String(type)) {
                    const QJsonObject value = r[QLatin1String("value")].toObject();
                    picks << (value.contains(QLatin1String("selected"))
                                  ? value[QLatin1String("selected")].toString()
                                  : r[QLatin1String("from_name")].toString() + QLatin1Char('=') +
                                        value[QLatin1String("choices")][0].toString());
                }
            return picks.join(QLatin1Char(','));
        };
        // Label Studio's Pairwise has no tie: the 7-point verdict says it.
        QCOMPARE(picked("left", "pairwise"), QStringLiteral("left"));
        QCOMPARE(picked("left", "choices"), QStringLiteral("preference=-2"));
        QCOMPARE(picked("right", "pairwise"), QStringLiteral("right"));
        QCOMPARE(picked("tie", "pairwise"), QString());
        QCOMPARE(picked("tie", "choices"), QStringLiteral("preference=0"));
        QCOMPARE(picked("bad", "choices"), QStringLiteral("preference=-1,both_bad=true"));

        const QJsonObject left = byPrompt.value(QStringLiteral("left"));
        QCOMPARE(left[QLatin1String("data")][QLatin1String("answer1")].toString(),
                 QStringLiteral("zero"));
        QCOMPARE(left[QLatin1String("data")][QLatin1String("answer2")].toString(),
                 QStringLiteral("one"));
        QCOMPARE(left[QLatin1String("meta")][QLatin1String("uid")].toString(),
                 QStringLiteral("left"));
        const QJsonObject annotation = left[QLatin1String("annotations")][0].toObject();
        QCOMPARE(annotation[QLatin1String("completed_by")].toString(),
                 QStringLiteral("ann@postil.invalid"));
        // The critique says "A"/"B" as shown; answer1/answer2 are canonical.
        QCOMPARE(annotation[QLatin1String("display_order")].toArray(), (QJsonArray{1, 0}));
        QCOMPARE(annotation[QLatin1String("shown_as")].toObject(),
                 parse(R"({"A": 1, "B": 0})").toObject());
        const QJsonObject unknownOrder =
            byPrompt.value(QStringLiteral("tie"))[QLatin1String("annotations")][0].toObject();
        QVERIFY(unknownOrder[QLatin1String("display_order")].isNull());
        QVERIFY(unknownOrder[QLatin1String("shown_as")].isNull());
        QCOMPARE(annotation[QLatin1String("lead_time")].toDouble(), 2.5);
        bool critique = false;
        for (const QJsonValue& r : annotation[QLatin1String("result")].toArray())
            critique = critique || r.toObject() == parse(R"({"type": "textarea",
                           "from_name": "critique", "to_name": "prompt", "origin": "manual",
                           "value": {"text": ["zero is right"]}})")
                                                       .toObject();
        QVERIFY(critique);
        QCOMPARE(
            byPrompt.value(QStringLiteral("open"))[QLatin1String("annotations")].toArray().size(),
            0);
        QCOMPARE(
            byPrompt.value(QStringLiteral("three"))[QLatin1String("data")][QLatin1String("answer3")]
                .toString(),
            QStringLiteral("c"));

        // Back in, the order shown comes with the verdict.
        const QString path = m_dir.filePath(QStringLiteral("ls-back.json"));
        writeFile(path, bytes);
        auto fresh = newProject();
        auto imported = importFiles(*fresh, {path}, QStringLiteral("labelstudio"), {});
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        const auto back = fresh->annotations().get(QStringLiteral("left"), QStringLiteral("ann"));
        QVERIFY(back);
        const ComparisonResult verdict = ComparisonResult::read(back->result, 2);
        QCOMPARE(verdict.order(), std::optional<QList<int>>(QList<int>{1, 0}));
        QCOMPARE(verdict.preference(), std::optional<int>(-2));
        QCOMPARE(verdict.critique(), QStringLiteral("zero is right"));

        // An empty selection is still a JSON array.
        ExportOptions nobody;
        nobody.annotator = QStringLiteral("nobody");
        auto empty = newProject();
        const QByteArray none = exportBytes(*empty, "labelstudio", nobody, nullptr, &ok);
        QVERIFY(ok);
        QCOMPARE(none, QByteArray("[]\n"));
    }

    void importEveryShape() {
        auto project = newProject();
        const QString path = m_dir.filePath(QStringLiteral("shapes.jsonl"));
        writeFile(path, R"(
{"id": "q1", "prompt": "P1", "responses": ["a", {"id": "r-b", "model": "gpt", "text": "b"}, {"content": [{"role": "assistant", "content": "c"}], "model": "claude"}], "gold": {"ranking": [[1], [0, 2]]}}
{"id": 7, "prompt": [{"role": "user", "content": "P2"}], "response_a": "x", "response_b": "y", "model_a": "m1", "model_b": "m2", "gold": {"preference": -2, "both_bad": false}}
{"prompt": "P3", "chosen": "good", "rejected": "bad"}
{"id": "q4", "prompt": "P4", "responses": [{"response": "u"}, "v"], "response_ids": ["u1", "v1"], "models": ["mu", null]}
)");
        Format* detected = FormatRegistry::instance().detectReader(path);
        QVERIFY(detected);
        QCOMPARE(detected->name(), QStringLiteral("responses"));
        auto report = importFiles(*project, {path}, QStringLiteral("auto"), {});
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report->tasksAdded, 4);

        const auto q1 = project->tasks().byUid(QStringLiteral("q1"));
        QVERIFY(q1);
        QVERIFY(q1->kind == TaskKind::Compare);
        QCOMPARE(q1->data.value(QLatin1String("responses")),
                 parse(R"(["a", "b", [{"role": "assistant", "content": "c"}]])"));
        QCOMPARE(q1->data.value(QLatin1String("response_ids")), parse(R"(["", "r-b", ""])"));
        QCOMPARE(q1->data.value(QLatin1String("models")), parse(R"(["", "gpt", "claude"])"));
        QCOMPARE(q1->data.value(QLatin1String("gold")), parse(R"({"ranking": [[1], [0, 2]]})"));

        const auto q2 = project->tasks().byUid(QStringLiteral("7"));
        QVERIFY(q2);
        QCOMPARE(q2->data.value(QLatin1String("prompt")),
                 parse(R"([{"role": "user", "content": "P2"}])"));
        QCOMPARE(q2->data.value(QLatin1String("responses")), parse(R"(["x", "y"])"));
        QCOMPARE(q2->data.value(QLatin1String("models")), parse(R"(["m1", "m2"])"));
        QVERIFY(!q2->data.contains(QLatin1String("response_ids")));
        QCOMPARE(q2->data.value(QLatin1String("gold")),
                 parse(R"({"preference": -2, "both_bad": false})"));

        // chosen/rejected: two unlabelled responses, no gold.
        Statement third = project->database().statement(
            QStringLiteral("SELECT uid FROM tasks WHERE preview = 'P3'"));
        QVERIFY(third.next());
        const auto q3 = project->tasks().byUid(third.text(0));
        QVERIFY(q3);
        QCOMPARE(q3->data.value(QLatin1String("responses")), parse(R"(["good", "bad"])"));
        QVERIFY(!q3->data.contains(QLatin1String("gold")));
        QVERIFY(!q3->data.contains(QLatin1String("models")));

        const auto q4 = project->tasks().byUid(QStringLiteral("q4"));
        QVERIFY(q4);
        QCOMPARE(q4->data.value(QLatin1String("response_ids")), parse(R"(["u1", "v1"])"));
        QCOMPARE(q4->data.value(QLatin1String("models")), parse(R"(["mu", ""])"));

        // The same file again adds nothing.
        auto again = importFiles(*project, {path}, QStringLiteral("auto"), {});
        QVERIFY(again.ok());
        QCOMPARE(again->tasksAdded, 0);
        QCOMPARE(again->tasksAlreadyThere, 4);

        // Judged after import: the gold and the export agree on the imported data.
        QVERIFY(annotate(
            *project, QStringLiteral("7"), QStringLiteral("ann"),
            {{QStringLiteral("order"), QJsonArray{1, 0}},
             {QStringLiteral("preference"), comparison::toCanonicalPreference(2, {1, 0})}}));
        QCOMPARE(
            comparison::matchesGold(
                q2->data,
                project->annotations().get(QStringLiteral("7"), QStringLiteral("ann"))->result),
            std::optional<bool>(true));
        const QList<QJsonObject> lines = exportLines(*project, "trl");
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines[0].value(QLatin1String("chosen")).toString(), QStringLiteral("x"));
        QCOMPARE(lines[0].value(QLatin1String("prompt")).toString(), QStringLiteral("P2"));
    }

    void detectionLeavesOtherJsonlAlone() {
        const QString generic = m_dir.filePath(QStringLiteral("generic.jsonl"));
        writeFile(generic, R"({"id": "g", "data": {"prompt": "p", "responses": ["a", "b"]}})"
                           "\n");
        QCOMPARE(FormatRegistry::instance().detectReader(generic)->name(), QStringLiteral("jsonl"));
        const QString blankFirst = m_dir.filePath(QStringLiteral("blank.jsonl"));
        writeFile(blankFirst,
                  "\n  \n{\"prompt\": \"p\", \"chosen\": \"a\", \"rejected\": \"b\"}\n");
        QCOMPARE(FormatRegistry::instance().detectReader(blankFirst)->name(),
                 QStringLiteral("responses"));
        const QString text = m_dir.filePath(QStringLiteral("text.jsonl"));
        writeFile(text, "{\"text\": \"chosen words\"}\n");
        QCOMPARE(FormatRegistry::instance().detectReader(text)->name(), QStringLiteral("jsonl"));
    }

    void importReportsBadLinesWithTheirPlace_data() {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("reason");
        QTest::newRow("one response") << QByteArray(R"({"prompt": "P", "responses": ["one"]})")
                                      << QStringLiteral("two or more responses");
        QTest::newRow("not json") << QByteArray(R"({"prompt": oops})")
                                  << QStringLiteral("not valid JSON");
        QTest::newRow("preference range")
            << QByteArray(
                   R"({"prompt": "P", "response_a": "a", "response_b": "b", "gold": {"preference": 5}})")
            << QStringLiteral("gold.preference");
        QTest::newRow("preference fraction")
            << QByteArray(
                   R"({"prompt": "P", "chosen": "a", "rejected": "b", "gold": {"preference": 1.5}})")
            << QStringLiteral("gold.preference");
        QTest::newRow("ranking index")
            << QByteArray(
                   R"({"prompt": "P", "responses": ["a", "b", "c"], "gold": {"ranking": [[0], [3]]}})")
            << QStringLiteral("gold.ranking: 3 is not a response index");
        QTest::newRow("ranked twice")
            << QByteArray(
                   R"({"prompt": "P", "responses": ["a", "b", "c"], "gold": {"ranking": [[0], [0, 1]]}})")
            << QStringLiteral("ranked twice");
        QTest::newRow("both_bad type")
            << QByteArray(
                   R"({"prompt": "P", "chosen": "a", "rejected": "b", "gold": {"both_bad": "yes"}})")
            << QStringLiteral("gold.both_bad");
        QTest::newRow("gold key")
            << QByteArray(
                   R"({"prompt": "P", "chosen": "a", "rejected": "b", "gold": {"winner": 0}})")
            << QStringLiteral("unknown key \"winner\"");
        QTest::newRow("role")
            << QByteArray(
                   R"({"prompt": [{"role": "tool", "content": "x"}], "chosen": "a", "rejected": "b"})")
            << QStringLiteral("\"prompt\" message 1: \"role\"");
        QTest::newRow("no prompt") << QByteArray(R"({"chosen": "a", "rejected": "b"})")
                                   << QStringLiteral("\"prompt\" is missing");
        QTest::newRow("no responses") << QByteArray(R"({"prompt": "P", "answer": "a"})")
                                      << QStringLiteral("needs \"responses\"");
        QTest::newRow("missing rejected") << QByteArray(R"({"prompt": "P", "chosen": "a"})")
                                          << QStringLiteral("\"rejected\" is missing");
        QTest::newRow("response object")
            << QByteArray(R"({"prompt": "P", "responses": [{"model": "m"}, "b"]})")
            << QStringLiteral("response 1 needs \"content\"");
        QTest::newRow("generic jsonl")
            << QByteArray(R"({"data": {"text": "t"}})") << QStringLiteral("--format jsonl");
    }

    void importReportsBadLinesWithTheirPlace() {
        QFETCH(QByteArray, line);
        QFETCH(QString, reason);
        auto project = newProject();
        const QString path = m_dir.filePath(QStringLiteral("bad%1.jsonl").arg(m_serial));
        writeFile(path, QByteArray(R"({"prompt": "fine", "responses": ["a", "b"]})") + "\n\n" +
                            line + "\n");
        auto failed = importFiles(*project, {path}, QStringLiteral("responses"), {});
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().startsWith(path + QStringLiteral(":3: ")),
                 qPrintable(failed.error()));
        QVERIFY2(failed.error().contains(reason), qPrintable(failed.error()));
        QCOMPARE(project->tasks().count(), 0);  // atomic: the good line is not kept either

        ImportOptions skip;
        skip.skipBad = true;
        auto skipped = importFiles(*project, {path}, QStringLiteral("responses"), skip);
        QVERIFY2(skipped.ok(), qPrintable(skipped.error()));
        QCOMPARE(skipped->tasksAdded, 1);
        QCOMPARE(skipped->badRecords.size(), 1);
        QVERIFY(skipped->badRecords[0].startsWith(path + QStringLiteral(":3: ")));
    }
};

QTEST_GUILESS_MAIN(TestPreferenceFormats)
#include "tst_preferenceformats.moc"

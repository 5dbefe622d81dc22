#include <QtTest>

#include <QDirIterator>

#include "formats/bratformat.h"
#include "nlptestdata.h"

using namespace postil;
using namespace postil::nlptest;

namespace {

// The reference's check, in Python's standard library: read the .txt with
// newline='' so \r\n stays two characters, and for each T line join the
// fragments' slices with a space; every Arg names a known T. Prints
// {name: [label=text, ...]}.
const QString kCheckScript = QStringLiteral(R"(
import io, json, os, sys
folder = sys.argv[1]
out = {}
for name in sorted(os.listdir(folder)):
    if not name.endswith('.ann'):
        continue
    base = name[:-4]
    text = io.open(os.path.join(folder, base + '.txt'), encoding='utf-8', newline='').read()
    ids, spans = set(), []
    for line in io.open(os.path.join(folder, name), encoding='utf-8', newline=''):
        line = line.rstrip('\n')
        fields = line.split('\t')
        if fields[0].startswith('T'):
            label, offsets = fields[1].split(' ', 1)
            frags = [tuple(map(int, f.split())) for f in offsets.split(';')]
            joined = ' '.join(text[s:e] for s, e in frags)
            assert joined == fields[2], (name, line, joined)
            ids.add(fields[0])
            spans.append(label + '=' + text[frags[0][0]:frags[-1][1]])
        elif fields[0].startswith('R'):
            for arg in fields[1].split(' ')[1:]:
                assert arg.split(':')[1] in ids, (name, line)
    out[base] = spans
print(json.dumps(out, ensure_ascii=False))
)");

QStringList filesIn(const QString& folder) {
    QStringList names;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        names << QDir(folder).relativeFilePath(it.next());
    names.sort();
    return names;
}

}  // namespace

class TestBratFormat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void registeredAndDetected() {
        Format* brat = FormatRegistry::instance().byName(QStringLiteral("brat"));
        QVERIFY(brat);
        QVERIFY(brat->canRead() && brat->canWrite() && brat->writesFolder());
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("b/doc.txt")), "Sony");
        writeFile(dir.filePath(QStringLiteral("b/doc.ann")), "T1\tORG 0 4\tSony\n");
        QCOMPARE(FormatRegistry::instance().detectReader(dir.filePath(QStringLiteral("b"))), brat);
        QCOMPARE(FormatRegistry::instance().detectReader(dir.filePath(QStringLiteral("b/doc.ann"))),
                 brat);
        writeFile(dir.filePath(QStringLiteral("plain/doc.txt")), "Sony");
        QVERIFY(FormatRegistry::instance().detectReader(dir.filePath(QStringLiteral("plain"))) !=
                brat);
    }

    void standoffThatPythonReadsAndRoundTrips() {
        QTemporaryDir dir;
        auto project = makeAnnotatedProject(dir.filePath(QStringLiteral("p.postil")));
        // A span across the \r\n: written as two fragments around it.
        const Doc crlf = docs().at(4);
        TextAnnotation across = annotationOf(crlf);
        across.spans << spanOf(crlf.text,
                               {QStringLiteral("MISC"), QStringLiteral("Smith,\r\nthe")});
        addAnnotation(*project, crlf.uid, QStringLiteral("bob"), AnnotationStatus::Submitted,
                      spanresult::withSpans({}, across));

        const QString out = dir.filePath(QStringLiteral("out"));
        ExportReport report;
        Status written = exportTo(*project, out, QStringLiteral("brat"), report);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        QCOMPARE(report.tasks, qint64(docs().size()));
        QCOMPARE(report.annotations, qint64(docs().size() + 1));
        QVERIFY(filesIn(out).contains(QStringLiteral("annotation.conf")));
        QVERIFY(filesIn(out).contains(QStringLiteral("fire.txt")));
        QVERIFY(filesIn(out).contains(QStringLiteral("crlf__alice.ann")));
        QVERIFY(filesIn(out).contains(QStringLiteral("crlf__bob.ann")));
        QCOMPARE(readFile(dir.filePath(QStringLiteral("out/crlf__bob.txt"))), crlf.text.toUtf8());
        const QByteArray bobAnn = readFile(dir.filePath(QStringLiteral("out/crlf__bob.ann")));
        QVERIFY2(bobAnn.contains("MISC 11 17;19 22\tSmith, the\n"), bobAnn.constData());
        const QByteArray fireAnn = readFile(dir.filePath(QStringLiteral("out/fire.ann")));
        QVERIFY2(fireAnn.startsWith("T1\tMISC 19 29\tfiretrucks\nA1\tnegated T1\n"
                                    "#1\tAnnotatorNotes T1\tchecked ✓\nT2\tLOC 33 39\tZürich\n"
                                    "R1\tnear Arg1:T1 Arg2:T2\n"),
                 fireAnn.constData());

        const QByteArray checked = runPython(kCheckScript, {out});
        QVERIFY(!checked.isEmpty());
        const QJsonObject byFile = QJsonDocument::fromJson(checked).object();
        for (const Doc& doc : docs()) {
            const QString name =
                doc.uid == crlf.uid ? doc.uid + QStringLiteral("__alice") : doc.uid;
            QStringList seen;
            for (const QJsonValue& v : byFile.value(name).toArray())
                seen << v.toString();
            QCOMPARE(seen, expectedLabelled(doc));
        }

        auto fresh = makeProject(dir.filePath(QStringLiteral("fresh.postil")), kSchema);
        auto imported =
            importInto(*fresh, out, QStringLiteral("auto"), false, QStringLiteral("brat-in"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        // Two files hold the \r\n text: one task, the second record replacing the first.
        QCOMPARE(imported->tasksAdded, qint64(docs().size()));
        QVERIFY(imported->warnings.join(u'\n').contains(QStringLiteral("replaces that one")));
        for (const Doc& doc : docs()) {
            const QString uid = uidOfText(*fresh, doc.text);
            QVERIFY2(!uid.isEmpty(), qPrintable(doc.uid));
            const TextAnnotation back = storedSpans(*fresh, uid, QStringLiteral("brat-in"));
            const TextAnnotation original = doc.uid == crlf.uid ? across : annotationOf(doc);
            QCOMPARE(back.spans.size(), original.spans.size());
            for (qsizetype s = 0; s < back.spans.size(); ++s)
                QVERIFY2(back.spans[s].sameAs(original.spans[s]),
                         qPrintable(QStringLiteral("%1 span %2").arg(doc.uid).arg(s)));
            QCOMPARE(back.relations.size(), 1);
            QVERIFY(back.relations[0].sameAs(original.relations[0]));
        }
    }

    void fileNamesNeverEscapeTheFolder() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")), kSchema);
        const QStringList uids{QStringLiteral("../../evil"),
                               QStringLiteral("/etc/passwd"),
                               QStringLiteral("a\\b"),
                               QStringLiteral("CON"),
                               QStringLiteral(".hidden"),
                               QStringLiteral("Same"),
                               QStringLiteral("same"),
                               QStringLiteral("???"),
                               QString(64, QLatin1Char('a'))
                                   .replace(0, 64, QStringLiteral("0123456789abcdef").repeated(4))};
        int n = 0;
        for (const QString& uid : uids) {
            const QString text = QStringLiteral("Doc %1 about Rome").arg(++n);
            addTask(*project, uid, TaskKind::Text, QJsonObject{{QStringLiteral("text"), text}});
            TextAnnotation a;
            a.spans << spanOf(text, {QStringLiteral("LOC"), QStringLiteral("Rome")});
            addAnnotation(*project, uid, QStringLiteral("../alice"), AnnotationStatus::Submitted,
                          spanresult::withSpans({}, a));
        }
        const QString out = dir.filePath(QStringLiteral("out"));
        ExportReport report;
        QVERIFY(exportTo(*project, out, QStringLiteral("brat"), report).ok());
        const QStringList files = filesIn(out);
        QStringList expected;
        for (const char* name : {"_.._evil", "_etc_passwd", "a_b", "_CON", "hidden", "Same",
                                 "same-2", "task-8", "task-9"})
            expected << QLatin1String(name) + QStringLiteral(".txt")
                     << QLatin1String(name) + QStringLiteral(".ann");
        expected << QStringLiteral("annotation.conf");
        expected.sort();
        QCOMPARE(files, expected);
        // Nothing beside the output folder but the project's own files.
        QStringList beside =
            QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
        beside.removeIf(
            [](const QString& name) { return name.startsWith(QStringLiteral("p.postil")); });
        QCOMPARE(beside, QStringList{QStringLiteral("out")});
    }

    void badEntitiesNameTheAnnLine_data() {
        QTest::addColumn<QByteArray>("ann");
        QTest::addColumn<QString>("message");
        // "Paris" after "a\r\n" is at 3..8: \r\n counts two. At 2..7 (a
        // reader that counts \r\n as one) the text does not match.
        QTest::newRow("crlf as one")
            << QByteArray("T1\tLOC 0 1\ta\nT2\tLOC 2 7\tParis\n")
            << QStringLiteral(":2: entity T2: span 'Paris' at 2..7 does not match the text");
        QTest::newRow("outside") << QByteArray("T1\tLOC 3 80\tParis\n")
                                 << QStringLiteral(
                                        ":1: entity T1: 3 80 lies outside the text's 8 characters");
        QTest::newRow("relation") << QByteArray("R1\tnear Arg1:T1 Arg2:T9\nT1\tLOC 3 8\tParis\n")
                                  << QStringLiteral(":1: 'T9' names no entity of the file");
        QTest::newRow("offsets") << QByteArray("T1\tLOC three 8\tParis\n")
                                 << QStringLiteral(":1: entity T1: 'three 8' is not START END");
    }
    void badEntitiesNameTheAnnLine() {
        QFETCH(QByteArray, ann);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString projectPath = dir.filePath(QStringLiteral("p.postil"));
        auto project = makeProject(projectPath, kSchema);
        writeFile(dir.filePath(QStringLiteral("in/doc.txt")), "a\r\nParis");
        writeFile(dir.filePath(QStringLiteral("in/doc.ann")), ann);
        const QByteArray before = readFile(projectPath);
        auto imported =
            importInto(*project, dir.filePath(QStringLiteral("in")), QStringLiteral("brat"));
        QVERIFY(!imported.ok());
        QVERIFY2(imported.error().startsWith(dir.filePath(QStringLiteral("in/doc.ann")) + message),
                 qPrintable(imported.error()));
        QCOMPARE(readFile(projectPath), before);
    }

    void discontinuousEntitiesAndPlainTexts() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")), kSchema);
        writeFile(dir.filePath(QStringLiteral("in/a.txt")), "North and South America");
        writeFile(dir.filePath(QStringLiteral("in/a.ann")),
                  "T1\tLoc 0 5;16 23\tNorth America\nE1\tTravel:T1\nN1\tReference T1 Wiki:1\tx\n");
        writeFile(dir.filePath(QStringLiteral("in/sub/b.txt")), "no annotations");
        auto imported =
            importInto(*project, dir.filePath(QStringLiteral("in")), QStringLiteral("brat"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->tasksAdded, qint64(2));
        QCOMPARE(imported->annotationsAdded, qint64(1));
        const QString warnings = imported->warnings.join(u'\n');
        QVERIFY2(warnings.contains(QStringLiteral("entity T1 is discontinuous: read as one span "
                                                  "'North and South America' at 0..23")),
                 qPrintable(warnings));
        QVERIFY(warnings.contains(
            QStringLiteral("events, normalisations and equivalences are not read")));
    }
};

QTEST_GUILESS_MAIN(TestBratFormat)
#include "tst_bratformat.moc"

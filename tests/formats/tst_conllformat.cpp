#include <QtTest>

#include "formats/conllformat.h"
#include "nlptestdata.h"

using namespace postil;
using namespace postil::nlptest;

namespace {

// NLTK's CoNLL reader (python3-nltk) with the strict IOB check the reference
// gives: an I- after O or after another type raises "Bad conll tag sequence".
// Prints each sentence's [token, tag] pairs.
const QString kNltkScript = QStringLiteral(R"(
import json, os, sys
from nltk.corpus.reader import ConllCorpusReader
from nltk.chunk import conlltags2tree
folder, name = os.path.split(sys.argv[1])
reader = ConllCorpusReader(folder, [name], columntypes=('words', 'pos', 'ignore', 'chunk'))
out = []
for sentence in reader.iob_sents():
    conlltags2tree(sentence, strict=True)
    out.append([[word, tag] for word, pos, tag in sentence])
print(json.dumps(out, ensure_ascii=False))
)");

QString withoutSpaces(QString text) {
    text.remove(QLatin1Char(' '));
    text.remove(QLatin1Char('\n'));
    text.remove(QLatin1Char('\r'));
    return text;
}

QStringList withoutSpaces(const QStringList& list) {
    QStringList out;
    for (const QString& item : list)
        out << withoutSpaces(item);
    return out;
}

// (label=words) of the spans of every text task, in import order.
QList<QStringList> labelledTasks(Project& project, const QString& annotator) {
    QList<QStringList> out;
    Statement stmt = project.database().statement(
        QStringLiteral("SELECT uid, data FROM tasks WHERE kind = 'text' ORDER BY id"));
    while (stmt.next()) {
        const QString text =
            QJsonDocument::fromJson(stmt.utf8(1)).object().value(QStringLiteral("text")).toString();
        out << labelled(text, storedSpans(project, stmt.text(0), annotator));
    }
    return out;
}

QList<QString> textsOf(Project& project) {
    QList<QString> out;
    Statement stmt = project.database().statement(
        QStringLiteral("SELECT data FROM tasks WHERE kind = 'text' ORDER BY id"));
    while (stmt.next())
        out << QJsonDocument::fromJson(stmt.utf8(0))
                   .object()
                   .value(QStringLiteral("text"))
                   .toString();
    return out;
}

}  // namespace

class TestConllFormat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void registered() {
        Format* conll = FormatRegistry::instance().byName(QStringLiteral("conll"));
        QVERIFY(conll);
        QVERIFY(conll->canRead() && conll->canWrite());
        QCOMPARE(FormatRegistry::instance().detectReader(QStringLiteral("x.conll")), conll);
    }

    void strictIob2ThatNltkReadsAndRoundTrips() {
        QTemporaryDir dir;
        auto project = makeAnnotatedProject(dir.filePath(QStringLiteral("p.postil")));
        const QString out = dir.filePath(QStringLiteral("out.conll"));
        ExportReport report;
        Status written = exportTo(*project, out, QStringLiteral("conll"), report);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        QCOMPARE(report.tasks, qint64(docs().size()));
        QVERIFY(report.warnings.join(u'\n').contains(QStringLiteral("relations left out")));

        const QByteArray conll = readFile(out);
        QVERIFY(conll.startsWith("-DOCSTART- -X- -X- O\n\n"));
        QCOMPARE(conll.count("-DOCSTART-"), docs().size());
        // The tokens and tags of the first document, as the file has them.
        QVERIFY(
            conll.contains("👨🏻‍🚒 -X- _ O\nfiremen -X- _ O\ndrive -X- _ O\n"
                           "firetrucks -X- _ B-MISC\nin -X- _ O\nZürich -X- _ B-LOC\n"));
        // CJK by ideograph, the span's two tokens B- then I-.
        QVERIFY(conll.contains("日 -X- _ B-LOC\n本 -X- _ I-LOC\n"));
        // A multi-token span after \r\n; a line break ends a sentence.
        QVERIFY(conll.contains("Alice -X- _ B-PER\nSmith -X- _ I-PER\n, -X- _ O\n\nthe -X- _ O\n"));

        const QByteArray parsed = runPython(kNltkScript, {out});
        if (parsed.isEmpty())
            POSTIL_CHECKER_MISSING(
                "python3-nltk did not read the file (tools/install-deps "
                "--checkers installs it)");
        const QJsonArray sentences = QJsonDocument::fromJson(parsed).array();
        QVERIFY(sentences.size() >= docs().size());

        auto fresh = makeProject(dir.filePath(QStringLiteral("fresh.postil")), kSchema);
        auto imported = importInto(*fresh, out, QStringLiteral("auto"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->tasksAdded, qint64(docs().size()));
        const QList<QStringList> back = labelledTasks(*fresh, QStringLiteral("conll-import"));
        QCOMPARE(back.size(), docs().size());
        // CoNLL keeps tokens, not the spaces between them: the same words
        // carry the same labels.
        for (qsizetype i = 0; i < docs().size(); ++i)
            QCOMPARE(withoutSpaces(back.at(i)), withoutSpaces(expectedLabelled(docs().at(i))));
    }

    void textInCoNllShapeRoundTripsExactly() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")), kSchema);
        const QString text = QStringLiteral("EU rejects German call .\nPeter Blackburn said so");
        addTask(*project, QStringLiteral("t"), TaskKind::Text,
                QJsonObject{{QStringLiteral("text"), text}});
        TextAnnotation annotation;
        annotation.spans << spanOf(text, {QStringLiteral("ORG"), QStringLiteral("EU")})
                         << spanOf(text, {QStringLiteral("MISC"), QStringLiteral("German")})
                         << spanOf(text,
                                   {QStringLiteral("PER"), QStringLiteral("Peter Blackburn")});
        addAnnotation(*project, QStringLiteral("t"), QStringLiteral("alice"),
                      AnnotationStatus::Submitted, spanresult::withSpans({}, annotation));
        const QString out = dir.filePath(QStringLiteral("out.conll"));
        ExportReport report;
        QVERIFY(exportTo(*project, out, QStringLiteral("conll"), report).ok());
        auto fresh = makeProject(dir.filePath(QStringLiteral("fresh.postil")), kSchema);
        QVERIFY(importInto(*fresh, out, QStringLiteral("conll")).ok());
        QCOMPARE(textsOf(*fresh), QList<QString>{text});
        const TextAnnotation back =
            storedSpans(*fresh, uidOfText(*fresh, text), QStringLiteral("conll-import"));
        QCOMPARE(back.spans.size(), 3);
        for (int i = 0; i < 3; ++i)
            QVERIFY(back.spans[i].sameAs(annotation.spans[i]));
    }

    void overlapsAreNamedAndTheRestExported() {
        QTemporaryDir dir;
        const QString projectPath = dir.filePath(QStringLiteral("p.postil"));
        auto project = makeProject(projectPath, kSchema);
        const QString text = QStringLiteral("New York City is big. Ann lives there.");
        addTask(*project, QStringLiteral("nested"), TaskKind::Text,
                QJsonObject{{QStringLiteral("text"), text}});
        TextAnnotation annotation;
        annotation.spans << spanOf(text, {QStringLiteral("LOC"), QStringLiteral("New York City")})
                         << spanOf(text, {QStringLiteral("MISC"), QStringLiteral("York")})
                         << spanOf(text, {QStringLiteral("PER"), QStringLiteral("Ann")});
        addAnnotation(*project, QStringLiteral("nested"), QStringLiteral("alice"),
                      AnnotationStatus::Submitted, spanresult::withSpans({}, annotation));
        for (const Doc& doc : docs().mid(0, 2)) {
            addTask(*project, doc.uid, TaskKind::Text,
                    QJsonObject{{QStringLiteral("text"), doc.text}});
            addAnnotation(*project, doc.uid, QStringLiteral("alice"), AnnotationStatus::Submitted,
                          spanresult::withSpans({}, annotationOf(doc)));
        }
        const QByteArray before = readFile(projectPath);
        const QString out = dir.filePath(QStringLiteral("out.conll"));
        ExportReport report;
        Status written = exportTo(*project, out, QStringLiteral("conll"), report);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        QCOMPARE(report.tasks, qint64(3));
        const QString warnings = report.warnings.join(u'\n');
        QVERIFY2(warnings.contains(QStringLiteral(
                     "task 1 (nested), alice's annotation: span 'York' at 4..8 (MISC) overlaps "
                     "'New York City' at 0..13 (LOC); CoNLL cannot express overlapping spans")),
                 qPrintable(warnings));
        const QByteArray conll = readFile(out);
        QVERIFY(conll.contains("New -X- _ B-LOC\nYork -X- _ I-LOC\nCity -X- _ I-LOC\n"));
        QVERIFY(conll.contains("Ann -X- _ B-PER\n"));
        QVERIFY(conll.contains("firetrucks -X- _ B-MISC\n"));
        QCOMPARE(readFile(projectPath), before);
    }

    void readsIob1AndIob2() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")), kSchema);
        const QString in = dir.filePath(QStringLiteral("in.conll"));
        // IOB1 as CoNLL-2003 ships it (B- only between two entities of one
        // type), then an IOB2 document; LS's three-column -DOCSTART-.
        writeFile(in,
                  "-DOCSTART- -X- O\n\n"
                  "U.N. NNP I-NP I-ORG\nofficial NN I-NP O\nEkeus NNP I-NP I-PER\n"
                  "Rolf NNP I-NP I-PER\nJan NNP I-NP B-PER\nheads VBZ I-VP O\n\n"
                  "for IN I-PP O\nBaghdad NNP I-NP I-LOC\n. . O O\n\n"
                  "-DOCSTART- -X- -X- O\n\n"
                  "Tokyo -X- _ B-LOC\nand -X- _ O\nKyoto\t-X-\t_\tB-LOC\r\n");
        auto imported = importInto(*project, in, QStringLiteral("conll"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->tasksAdded, qint64(2));
        QCOMPARE(
            textsOf(*project),
            (QList<QString>{QStringLiteral("U.N. official Ekeus Rolf Jan heads\nfor Baghdad ."),
                            QStringLiteral("Tokyo and Kyoto")}));
        QCOMPARE(labelledTasks(*project, QStringLiteral("conll-import")),
                 (QList<QStringList>{{QStringLiteral("ORG=U.N."), QStringLiteral("PER=Ekeus Rolf"),
                                      QStringLiteral("PER=Jan"), QStringLiteral("LOC=Baghdad")},
                                     {QStringLiteral("LOC=Tokyo"), QStringLiteral("LOC=Kyoto")}}));
    }

    void sentencesAreDocumentsWithoutDocStart() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")), kSchema);
        const QString in = dir.filePath(QStringLiteral("in.conll"));
        writeFile(in, "Paris B-LOC\nis O\n\n\nRome B-LOC\n");
        auto imported = importInto(*project, in, QStringLiteral("conll"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(textsOf(*project),
                 (QList<QString>{QStringLiteral("Paris is"), QStringLiteral("Rome")}));
    }

    void badTagsNameTheLine() {
        QTemporaryDir dir;
        const QString projectPath = dir.filePath(QStringLiteral("p.postil"));
        auto project = makeProject(projectPath, kSchema);
        const QString in = dir.filePath(QStringLiteral("in.conll"));
        writeFile(in,
                  "-DOCSTART- -X- -X- O\n\nfine -X- _ O\n\n-DOCSTART- -X- -X- O\n\n"
                  "Paris -X- _ LOC\n\n-DOCSTART- -X- -X- O\n\nalone\n");
        const QByteArray before = readFile(projectPath);
        auto imported = importInto(*project, in, QStringLiteral("conll"));
        QVERIFY(!imported.ok());
        QVERIFY2(imported.error().startsWith(
                     in + QStringLiteral(":7: tag 'LOC' is not O, B-TYPE or I-TYPE")),
                 qPrintable(imported.error()));
        QCOMPARE(readFile(projectPath), before);
        auto skipped = importInto(*project, in, QStringLiteral("conll"), true);
        QVERIFY2(skipped.ok(), qPrintable(skipped.error()));
        QCOMPARE(skipped->tasksAdded, qint64(1));
        QCOMPARE(skipped->badRecords.size(), 2);
        QVERIFY2(skipped->badRecords.at(1).startsWith(
                     in + QStringLiteral(":11: expected a token and its tag")),
                 qPrintable(skipped->badRecords.at(1)));
    }
};

QTEST_GUILESS_MAIN(TestConllFormat)
#include "tst_conllformat.moc"

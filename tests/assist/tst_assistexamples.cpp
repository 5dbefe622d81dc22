// The example models of docs/examples/assist run for real on data the test
// makes: Tesseract on text drawn into a PNG, PocketSphinx on speech from
// espeak-ng, the Haar cascade detector and the rule-based entity finder.
// A missing program skips here and fails in CI (POSTIL_REQUIRE_CHECKERS;
// tools/install-deps --checkers installs them).

#include <QFont>
#include <QImage>
#include <QJsonArray>
#include <QPainter>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "assisttestsupport.h"
#include "formats/importsession.h"
#include "media/audioprobe.h"
#include "testsupport.h"

using namespace postil;
using namespace postil::assisttest;

namespace {

QString example(const char* name) {
    return systemPython() + QStringLiteral(" " POSTIL_ASSIST_EXAMPLES "/") + QLatin1String(name);
}

bool hasProgram(const char* name) {
    return !QStandardPaths::findExecutable(QLatin1String(name)).isEmpty();
}

bool pythonImports(const char* module) {
    QProcess python;
    python.start(systemPython(),
                 {QStringLiteral("-c"), QStringLiteral("import ") + QLatin1String(module)});
    return python.waitForFinished(30000) && python.exitStatus() == QProcess::NormalExit &&
           python.exitCode() == 0;
}

void importFolder(Project& project, const QString& folder) {
    ImportOptions options;
    auto report = importFiles(project, {folder}, QStringLiteral("folder"), options);
    QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error()));
}

}  // namespace

class TestAssistExamples : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void tesseractReadsWordBoxesWithTheirText() {
        if (!hasProgram("tesseract"))
            POSTIL_CHECKER_MISSING("tesseract is not installed (tesseract-ocr)");
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p/p.postil")));
        // A receipt line drawn large and black on white: what OCR reads best.
        QImage image(900, 220, QImage::Format_RGB32);
        image.fill(Qt::white);
        {
            QPainter painter(&image);
            QFont font(QStringLiteral("DejaVu Sans"));
            font.setPixelSize(56);
            painter.setFont(font);
            painter.setPen(Qt::black);
            painter.drawText(QPoint(40, 90), QStringLiteral("TOTAL RECEIPT"));
            painter.drawText(QPoint(40, 180), QStringLiteral("AMOUNT 2024"));
        }
        const QString folder = project->folder().absoluteFilePath(QStringLiteral("scans"));
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(image.save(folder + QStringLiteral("/receipt.png")));
        importFolder(*project, folder);
        setModels(*project, QByteArray(R"({"labels": [{"name": "word", "kinds": ["image"]}],
            "attributes": [{"name": "text", "type": "text", "kinds": ["image"]}],
            "models": [{"name": "ocr", "kinds": ["image"], "timeout_s": 120, "command": ")") +
                                example("tesseract_words.py").toUtf8() + "\"}]}");

        const AssistReport report = run(*project, QStringLiteral("ocr"));
        QVERIFY2(report.failed == 0, qPrintable(report.failures.value(0).reason));
        QCOMPARE(report.done, 1);
        QVERIFY2(report.version.contains(QStringLiteral("tesseract 5")),
                 qPrintable(report.version));
        const QString uid = project->tasks().byId(1)->uid;
        const auto row = project->annotations().get(uid, QStringLiteral("model:ocr"));
        QVERIFY(row);
        QMap<QString, QRectF> words;
        for (const QJsonValue& value : row->result.value(QStringLiteral("boxes")).toArray()) {
            const QJsonObject box = value.toObject();
            QCOMPARE(box.value(QStringLiteral("label")).toString(), QStringLiteral("word"));
            const double score = box.value(QStringLiteral("score")).toDouble(-1);
            QVERIFY(score >= 0 && score <= 1);
            words.insert(box.value(QStringLiteral("attrs"))
                             .toObject()
                             .value(QStringLiteral("text"))
                             .toString(),
                         QRectF(box.value(QStringLiteral("x")).toDouble(),
                                box.value(QStringLiteral("y")).toDouble(),
                                box.value(QStringLiteral("w")).toDouble(),
                                box.value(QStringLiteral("h")).toDouble()));
        }
        const QStringList expected{QStringLiteral("TOTAL"), QStringLiteral("RECEIPT"),
                                   QStringLiteral("AMOUNT"), QStringLiteral("2024")};
        for (const QString& word : expected)
            QVERIFY2(words.contains(word),
                     qPrintable(QStringList(words.keys()).join(QLatin1Char(' '))));
        // Each word's box is where it was drawn: the first line above the
        // second, words left to right.
        QVERIFY(words[QStringLiteral("TOTAL")].bottom() <= 100);
        QVERIFY(words[QStringLiteral("AMOUNT")].top() >= 100);
        QVERIFY(words[QStringLiteral("TOTAL")].right() < words[QStringLiteral("RECEIPT")].left());
        QVERIFY(words[QStringLiteral("TOTAL")].left() >= 30 &&
                words[QStringLiteral("TOTAL")].left() <= 60);
    }

    void pocketSphinxTranscribesSpeechIntoSegments() {
        for (const char* program : {"pocketsphinx_continuous", "espeak-ng", "ffmpeg"})
            if (!hasProgram(program))
                POSTIL_CHECKER_MISSING(
                    "pocketsphinx_continuous, espeak-ng or ffmpeg is not "
                    "installed (pocketsphinx, pocketsphinx-en-us, espeak-ng)");
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p/p.postil")));
        const QString folder = project->folder().absoluteFilePath(QStringLiteral("audio"));
        QVERIFY(QDir().mkpath(folder));
        const QString wav = folder + QStringLiteral("/speech.wav");
        // espeak-ng writes 22,050 Hz: the example converts it with ffmpeg.
        QCOMPARE(
            QProcess::execute(QStringLiteral("espeak-ng"),
                              {QStringLiteral("-v"), QStringLiteral("en-us"), QStringLiteral("-s"),
                               QStringLiteral("150"), QStringLiteral("-w"), wav,
                               QStringLiteral("one two three four five. the weather is nice "
                                              "today")}),
            0);
        importFolder(*project, folder);
        setModels(*project, QByteArray(R"({"models": [{"name": "asr", "kinds": ["audio"],
            "timeout_s": 300, "command": ")") +
                                example("pocketsphinx_segments.py").toUtf8() + "\"}]}");

        const AssistReport report = run(*project, QStringLiteral("asr"));
        QVERIFY2(report.failed == 0, qPrintable(report.failures.value(0).reason));
        QCOMPARE(report.done, 1);
        const auto duration = AudioProbe::probe(wav);
        QVERIFY(duration.ok());
        const auto row =
            project->annotations().get(project->tasks().byId(1)->uid, QStringLiteral("model:asr"));
        QVERIFY(row);
        const QJsonArray segments = row->result.value(QStringLiteral("segments")).toArray();
        QVERIFY(!segments.isEmpty());
        QStringList transcript;
        qint64 lastEnd = 0;
        for (const QJsonValue& value : segments) {
            const QJsonObject segment = value.toObject();
            const qint64 start = segment.value(QStringLiteral("start_ms")).toInteger();
            const qint64 end = segment.value(QStringLiteral("end_ms")).toInteger();
            QVERIFY(start >= lastEnd && end > start && end <= duration->durationMs);
            lastEnd = end;
            QVERIFY(!segment.value(QStringLiteral("text")).toString().isEmpty());
            transcript << segment.value(QStringLiteral("text")).toString();
        }
        // PocketSphinx's small English model hears espeak's "two three"
        // (checked with Debian 12's pocketsphinx 0.8+5prealpha).
        QVERIFY2(transcript.join(QLatin1Char(' ')).contains(QStringLiteral("three")),
                 qPrintable(transcript.join(QLatin1Char(' '))));
    }

    void haarCascadeAnswersInBatchMode() {
        if (!pythonImports("cv2") ||
            !QFile::exists(QStringLiteral("/usr/share/opencv4/haarcascades")))
            POSTIL_CHECKER_MISSING("python3-opencv or opencv-data is not installed");
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p/p.postil")));
        const QString folder = project->folder().absoluteFilePath(QStringLiteral("images"));
        QVERIFY(QDir().mkpath(folder));
        // No faces here: the detector must answer every task, with no box.
        for (int i = 0; i < 3; ++i) {
            QImage image(320, 240, QImage::Format_RGB32);
            image.fill(QColor(40 * i, 90, 160));
            QVERIFY(image.save(folder + QStringLiteral("/blank%1.png").arg(i)));
        }
        importFolder(*project, folder);
        setModels(*project,
                  QByteArray(R"({"labels": [{"name": "frontalface_default", "kinds": ["image"]}],
            "models": [{"name": "faces", "kinds": ["image"], "batch": true, "timeout_s": 120,
            "command": ")") +
                      example("opencv_haar.py").toUtf8() + " --batch\"}]}");
        const AssistReport report = run(*project, QStringLiteral("faces"));
        QVERIFY2(report.failed == 0, qPrintable(report.failures.value(0).reason));
        QCOMPARE(report.done, 3);
        QVERIFY2(report.version.contains(QStringLiteral("OpenCV 4")), qPrintable(report.version));
        const auto row = project->annotations().get(project->tasks().byId(2)->uid,
                                                    QStringLiteral("model:faces"));
        QVERIFY(row);
        QCOMPARE(row->result.value(QStringLiteral("boxes")).toArray().size(), 0);
    }

    void entityFinderMarksDatesEmailsAndAmounts() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p/p.postil")));
        // An emoji first: Python's indexes are code points, as Postil's spans.
        const QString text = QStringLiteral("🧾 Pay $1,200.50 to bob@example.com by 1 May 2024.");
        addTask(*project, QStringLiteral("doc"), TaskKind::Text, {{QStringLiteral("text"), text}});
        setModels(*project, QByteArray(R"({"labels": [{"name": "DATE", "kinds": ["text"]},
            {"name": "EMAIL", "kinds": ["text"]}, {"name": "AMOUNT", "kinds": ["text"]}],
            "models": [{"name": "rules", "kinds": ["text"], "batch": true,
            "command": ")") + example("find_entities.py").toUtf8() +
                                " --batch\"}]}");
        const AssistReport report = run(*project, QStringLiteral("rules"));
        QVERIFY2(report.failed == 0, qPrintable(report.failures.value(0).reason));
        const auto row =
            project->annotations().get(QStringLiteral("doc"), QStringLiteral("model:rules"));
        QVERIFY(row);
        const QList<uint> codePoints = text.toUcs4();
        QStringList found;
        for (const QJsonValue& value : row->result.value(QStringLiteral("spans")).toArray()) {
            const QJsonObject span = value.toObject();
            const qint64 start = span.value(QStringLiteral("start")).toInteger();
            const qint64 end = span.value(QStringLiteral("end")).toInteger();
            found << span.value(QStringLiteral("label")).toString() + QLatin1Char('=') +
                         QString::fromUcs4(
                             reinterpret_cast<const char32_t*>(codePoints.constData() + start),
                             end - start);
        }
        QCOMPARE(found, (QStringList{QStringLiteral("AMOUNT=$1,200.50"),
                                     QStringLiteral("EMAIL=bob@example.com"),
                                     QStringLiteral("DATE=1 May 2024")}));
    }
};

QTEST_MAIN(TestAssistExamples)
#include "tst_assistexamples.moc"

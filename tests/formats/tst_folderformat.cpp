#include <QtTest>

#include <QImage>
#include <QJsonDocument>
#include <QtEndian>
#include <cmath>

#include "formats/formatregistry.h"
#include "formats/importsession.h"
#include "model/project.h"
#include "testsupport.h"

using namespace postil;

namespace {

void makeImage(const QString& path, const char* format, QRgb color) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QImage image(16, 9, QImage::Format_RGB32);
    image.fill(color);
    QVERIFY2(image.save(path, format), qPrintable(path));
}

// A real 16-bit mono PCM WAV: a 440 Hz tone.
void makeWav(const QString& path, int milliseconds) {
    const int rate = 8000;
    const int samples = rate * milliseconds / 1000;
    QByteArray pcm(samples * 2, Qt::Uninitialized);
    for (int i = 0; i < samples; ++i) {
        const auto value = qint16(8000 * std::sin(2 * M_PI * 440 * i / rate));
        qToLittleEndian(value, pcm.data() + 2 * i);
    }
    QByteArray wav;
    auto u32 = [&](quint32 v) {
        char b[4];
        qToLittleEndian(v, b);
        wav.append(b, 4);
    };
    auto u16 = [&](quint16 v) {
        char b[2];
        qToLittleEndian(v, b);
        wav.append(b, 2);
    };
    wav += "RIFF";
    u32(quint32(36 + pcm.size()));
    wav += "WAVEfmt ";
    u32(16);
    u16(1);  // PCM
    u16(1);  // mono
    u32(rate);
    u32(rate * 2);
    u16(2);
    u16(16);
    wav += "data";
    u32(quint32(pcm.size()));
    wav += pcm;
    writeFile(path, wav);
}

struct Row {
    QString kind;
    QJsonObject data;
};

QList<Row> storedTasks(Project& project) {
    QList<Row> rows;
    Statement stmt =
        project.database().statement(QStringLiteral("SELECT kind, data FROM tasks ORDER BY id"));
    while (stmt.next())
        rows << Row{stmt.text(0), QJsonDocument::fromJson(stmt.utf8(1)).object()};
    return rows;
}

}  // namespace

class TestFolderFormat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void probesFolders() {
        QTemporaryDir dir;
        Format* folder = FormatRegistry::instance().byName(QStringLiteral("folder"));
        QVERIFY(folder);
        QVERIFY(folder->canRead());
        QVERIFY(!folder->canWrite());
        QVERIFY(folder->probe(dir.path()));
        QCOMPARE(FormatRegistry::instance().detectReader(dir.path()), folder);
        writeFile(dir.filePath(QStringLiteral("x.jsonl")), "{}\n");
        QVERIFY(!folder->probe(dir.filePath(QStringLiteral("x.jsonl"))));
    }

    // One image or audio file imports as one task, by detection too; a .txt
    // file alone is left to the formats that read such files.
    void importsASingleMediaFile() {
        QTemporaryDir dir;
        const QString wav = dir.filePath(QStringLiteral("media/call.WAV"));
        QDir().mkpath(QFileInfo(wav).absolutePath());
        makeWav(wav, 300);
        const QString png = dir.filePath(QStringLiteral("media/cat.png"));
        makeImage(png, "PNG", qRgb(9, 9, 9));
        writeFile(dir.filePath(QStringLiteral("media/labels.txt")), "0.0\t1.0\thello\n");
        Format* folder = FormatRegistry::instance().byName(QStringLiteral("folder"));
        QCOMPARE(FormatRegistry::instance().detectReader(wav), folder);
        QCOMPARE(FormatRegistry::instance().detectReader(png), folder);
        QVERIFY(!folder->probe(dir.filePath(QStringLiteral("media/labels.txt"))));

        auto project = makeProject(dir.filePath(QStringLiteral("proj/p.postil")));
        auto report = importFiles(*project, {wav, png}, QStringLiteral("auto"), {});
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report->tasksAdded, qint64(2));
        const QList<Row> rows = storedTasks(*project);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).kind, QStringLiteral("audio"));
        QCOMPARE(rows.at(0).data.value(QStringLiteral("audio")).toString(),
                 QStringLiteral("../media/call.WAV"));
        QCOMPARE(rows.at(1).data.value(QStringLiteral("image")).toString(),
                 QStringLiteral("../media/cat.png"));
        // Again: nothing new; and the folder holding them adds only the text.
        auto again = importFiles(*project, {wav}, QStringLiteral("folder"), {});
        QVERIFY2(again.ok(), qPrintable(again.error()));
        QCOMPARE(again->tasksAdded, qint64(0));
        auto whole = importFiles(*project, {dir.filePath(QStringLiteral("media"))},
                                 QStringLiteral("folder"), {});
        QVERIFY2(whole.ok(), qPrintable(whole.error()));
        QCOMPARE(whole->tasksAdded, qint64(1));
        // Anything else is said plainly.
        auto text = importFiles(*project, {dir.filePath(QStringLiteral("media/labels.txt"))},
                                QStringLiteral("folder"), {});
        QVERIFY(!text.ok());
        QVERIFY2(text.error().contains(QStringLiteral("neither a folder nor an image or audio")),
                 qPrintable(text.error()));
    }

    void importsOneTaskPerFileInPathOrder() {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("inbox"));
        makeImage(root + QStringLiteral("/b/cat.png"), "PNG", qRgb(200, 10, 10));
        makeImage(root + QStringLiteral("/a.jpg"), "JPG", qRgb(10, 200, 10));
        makeImage(root + QStringLiteral("/b/deeper/dog.BMP"), "BMP", qRgb(10, 10, 200));
        makeWav(root + QStringLiteral("/b/voice.wav"), 250);
        writeFile(root + QStringLiteral("/c/note.txt"),
                  QStringLiteral("Grüße 😀\n漢字 שלום\ttab").toUtf8());
        writeFile(root + QStringLiteral("/c/bom.txt"),
                  "\xEF\xBB\xBF"
                  "with a byte order mark");
        writeFile(root + QStringLiteral("/README.md"), "ignored");
        writeFile(root + QStringLiteral("/c/data.json"), "{}");

        auto project = makeProject(dir.filePath(QStringLiteral("proj/p.postil")));
        QList<qint64> progress;
        ImportOptions options;
        options.progress = [&](qint64 done, qint64) { progress << done; };
        auto report = importFiles(*project, {root}, QStringLiteral("auto"), options);
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report->tasksAdded, qint64(6));
        QVERIFY(!progress.isEmpty());

        const QList<Row> rows = storedTasks(*project);
        QCOMPARE(rows.size(), 6);
        // Sorted by path relative to the folder; media stored relative to the project.
        QCOMPARE(rows.at(0).kind, QStringLiteral("image"));
        QCOMPARE(rows.at(0).data.value(QStringLiteral("image")).toString(),
                 QStringLiteral("../inbox/a.jpg"));
        QCOMPARE(rows.at(1).data.value(QStringLiteral("image")).toString(),
                 QStringLiteral("../inbox/b/cat.png"));
        QCOMPARE(rows.at(2).data.value(QStringLiteral("image")).toString(),
                 QStringLiteral("../inbox/b/deeper/dog.BMP"));
        QCOMPARE(rows.at(3).kind, QStringLiteral("audio"));
        QCOMPARE(rows.at(3).data.value(QStringLiteral("audio")).toString(),
                 QStringLiteral("../inbox/b/voice.wav"));
        QCOMPARE(rows.at(4).kind, QStringLiteral("text"));
        QCOMPARE(rows.at(4).data.value(QStringLiteral("text")).toString(),
                 QStringLiteral("with a byte order mark"));
        QCOMPARE(rows.at(5).data.value(QStringLiteral("text")).toString(),
                 QStringLiteral("Grüße 😀\n漢字 שלום\ttab"));
        QCOMPARE(
            project->absoluteMediaPath(rows.at(3).data.value(QStringLiteral("audio")).toString()),
            QFileInfo(root + QStringLiteral("/b/voice.wav")).absoluteFilePath());
        // Ids are derived from the content, never from the path alone.
        auto task = project->tasks().byId(1);
        QVERIFY(task);
        QCOMPARE(task->uid.size(), 32);
        QCOMPARE(task->mediaHash.size(), 64);
    }

    void importingTwiceAddsNothing() {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("set"));
        makeImage(root + QStringLiteral("/one.png"), "PNG", qRgb(1, 2, 3));
        makeImage(root + QStringLiteral("/sub/two.png"), "PNG", qRgb(4, 5, 6));
        writeFile(root + QStringLiteral("/sub/three.txt"), "three");
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        auto first = importFiles(*project, {root}, QStringLiteral("folder"), {});
        QVERIFY2(first.ok(), qPrintable(first.error()));
        QCOMPARE(first->tasksAdded, qint64(3));
        auto second = importFiles(*project, {root}, QStringLiteral("folder"), {});
        QVERIFY2(second.ok(), qPrintable(second.error()));
        QCOMPARE(second->tasksAdded, qint64(0));
        QCOMPARE(second->tasksAlreadyThere, qint64(3));
        QCOMPARE(project->tasks().count(), qint64(3));

        // The same bytes in another folder are the same tasks too.
        const QString copy = dir.filePath(QStringLiteral("copy"));
        QDir().mkpath(copy);
        QVERIFY(
            QFile::copy(root + QStringLiteral("/one.png"), copy + QStringLiteral("/renamed.png")));
        auto third = importFiles(*project, {copy}, QStringLiteral("folder"), {});
        QVERIFY2(third.ok(), qPrintable(third.error()));
        QCOMPARE(third->tasksAdded, qint64(0));
    }

    void invalidUtf8NamesTheFile() {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("texts"));
        writeFile(root + QStringLiteral("/a.txt"), "fine");
        writeFile(root + QStringLiteral("/b.txt"), "bad \xC3\x28 bytes");
        writeFile(root + QStringLiteral("/c.txt"), "also fine");
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        auto failed = importFiles(*project, {root}, QStringLiteral("folder"), {});
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().contains(QStringLiteral("texts/b.txt")),
                 qPrintable(failed.error()));
        QVERIFY2(failed.error().contains(QStringLiteral("UTF-8")), qPrintable(failed.error()));
        QCOMPARE(project->tasks().count(), qint64(0));  // nothing half-imported

        ImportOptions skip;
        skip.skipBad = true;
        auto kept = importFiles(*project, {root}, QStringLiteral("folder"), skip);
        QVERIFY2(kept.ok(), qPrintable(kept.error()));
        QCOMPARE(kept->tasksAdded, qint64(2));
        QCOMPARE(kept->badRecords.size(), 1);
        QVERIFY(kept->badRecords.first().contains(QStringLiteral("b.txt")));
    }

    void emptyFolderImportsNothing() {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("empty"));
        QDir().mkpath(root + QStringLiteral("/nested/also-empty"));
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        auto report = importFiles(*project, {root}, QStringLiteral("auto"), {});
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report->tasksAdded, qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestFolderFormat)
#include "tst_folderformat.moc"

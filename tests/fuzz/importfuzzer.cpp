#include "importfuzzer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QTemporaryDir>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "formats/format.h"
#include "formats/formatregistry.h"
#include "formats/importsession.h"
#include "model/project.h"

namespace postil::fuzz {

namespace {

[[noreturn]] void setupFailed(const QString& what) {
    std::fprintf(stderr, "fuzz harness setup failed: %s\n", qPrintable(what));
    std::abort();
}

void writeFile(const QString& path, const char* bytes, qsizetype size) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes, size) != size)
        setupFailed(path + QStringLiteral(": ") + file.errorString());
}

// A 16-bit mono PCM WAV of 'frames' samples of silence at 8 kHz, by hand (the
// header is 44 bytes of little-endian fields).
void writeWav(const QString& path, quint32 frames) {
    QByteArray wav;
    auto u32 = [&](quint32 v) {
        for (int i = 0; i < 4; ++i)
            wav += char((v >> (8 * i)) & 0xFF);
    };
    auto u16 = [&](quint16 v) {
        wav += char(v & 0xFF);
        wav += char(v >> 8);
    };
    const quint32 data = frames * 2;
    wav += "RIFF";
    u32(36 + data);
    wav += "WAVEfmt ";
    u32(16);
    u16(1);  // PCM
    u16(1);  // mono
    u32(8000);
    u32(16000);  // bytes per second
    u16(2);      // bytes per frame
    u16(16);     // bits per sample
    wav += "data";
    u32(data);
    wav += QByteArray(qsizetype(data), '\0');
    writeFile(path, wav.constData(), wav.size());
}

void writeImage(const QString& path) {
    QImage image(64, 48, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    if (!QDir().mkpath(QFileInfo(path).absolutePath()) || !image.save(path, "PNG"))
        setupFailed(path + QStringLiteral(": cannot write the image"));
}

// Everything made once per process. The scratch folder lives in /dev/shm where
// there is one: a fuzzer writes its input tens of thousands of times a minute.
struct Scratch {
    std::unique_ptr<QCoreApplication> app;
    std::unique_ptr<QTemporaryDir> dir;
    std::unique_ptr<Project> project;

    Scratch() {
        static int argc = 1;
        static char name[] = "postil-fuzz";
        static char* argv[] = {name, nullptr};
        app = std::make_unique<QCoreApplication>(argc, argv);
        const QString base = QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm")
                                                                       : QDir::tempPath();
        dir = std::make_unique<QTemporaryDir>(base + QStringLiteral("/postil-fuzz-XXXXXX"));
        if (!dir->isValid())
            setupFailed(dir->errorString());
        auto created = Project::create(dir->filePath(QStringLiteral("fuzz.postil")),
                                       {QStringLiteral("fuzz"), TaskKind::Text, {}});
        if (!created.ok())
            setupFailed(created.error());
        project = std::move(*created);
        writeImage(dir->filePath(QStringLiteral("a.png")));
        writeImage(dir->filePath(QStringLiteral("yolo/images/a.png")));
        const QByteArray classes = "cat\ndog\nbird\n";
        writeFile(dir->filePath(QStringLiteral("yolo/labels/classes.txt")), classes.constData(),
                  classes.size());
        writeWav(dir->filePath(QStringLiteral("speech/input.wav")), 8000);
    }
};

Scratch& scratch() {
    static Scratch instance;
    return instance;
}

}  // namespace

int importOnce(const char* format, const char* extension, Placement placement, const uint8_t* data,
               size_t size) {
    Scratch& s = scratch();
    Format* reader = FormatRegistry::instance().byName(QString::fromLatin1(format));
    if (!reader || !reader->canRead())
        setupFailed(QStringLiteral("no reader named %1").arg(QString::fromLatin1(format)));

    QString path;
    const auto* bytes = reinterpret_cast<const char*>(data);
    if (placement == Placement::YoloDataset) {
        writeFile(s.dir->filePath(QStringLiteral("yolo/labels/a.txt")), bytes, qsizetype(size));
        path = s.dir->filePath(QStringLiteral("yolo"));
    } else if (placement == Placement::BratDocument) {
        const QByteArrayView input(bytes, qsizetype(size));
        const qsizetype nul = input.indexOf('\0');
        const QByteArrayView text =
            nul >= 0 ? input.first(nul) : QByteArrayView("a\r\nParis \xF0\x9F\x91\x8D Sony");
        const QByteArrayView ann = nul >= 0 ? input.sliced(nul + 1) : input;
        writeFile(s.dir->filePath(QStringLiteral("brat/doc.txt")), text.data(), text.size());
        path = s.dir->filePath(QStringLiteral("brat/doc.ann"));
        writeFile(path, ann.data(), ann.size());
    } else if (placement == Placement::SpeechFile) {
        path = s.dir->filePath(QStringLiteral("speech/input.") + QString::fromLatin1(extension));
        writeFile(path, bytes, qsizetype(size));
    } else {
        path = s.dir->filePath(QStringLiteral("input.") + QString::fromLatin1(extension));
        writeFile(path, bytes, qsizetype(size));
    }

    ImportOptions options;
    options.skipBad = true;
    {
        ImportSession session(*s.project, options);
        if (Status begun = session.begin(); !begun.ok())
            setupFailed(begun.error());
        // The result does not matter: a refused file is as good an outcome as
        // an imported one. What is looked for is a crash, a leak, undefined
        // behaviour or a hang on the way.
        (void)reader->read(path, session);
        // Leaving the scope without commit() rolls the transaction back.
    }
    // A reader may have grown the schema in memory (labels a file names);
    // importFiles() drops that the same way after a failed import.
    if (Status reloaded = s.project->reloadMeta(); !reloaded.ok())
        setupFailed(reloaded.error());
    return 0;
}

}  // namespace postil::fuzz

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "media/audioprobe.h"
#include "media/imageprobe.h"
#include "model/project.h"
#include "model/segmentresult.h"
#include "shell/demoproject.h"
#include "testsupport.h"

using namespace postil;

namespace {

QByteArray fileHash(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

// Every file under 'folder' with its hash, so a test can tell that nothing changed.
QMap<QString, QByteArray> snapshot(const QString& folder) {
    QMap<QString, QByteArray> files;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        files.insert(QDir(folder).relativeFilePath(path), fileHash(path));
    }
    return files;
}

QList<Task> allTasks(Project& project) {
    QList<Task> tasks;
    for (auto id = project.tasks().firstId(); id; id = project.tasks().nextId(*id))
        tasks.append(*project.tasks().byId(*id));
    return tasks;
}

}  // namespace

class TestDemoProject : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void createsAProjectWithEveryKind() {
        const QString folder = m_dir.filePath(QStringLiteral("fresh/demo"));
        auto path = DemoProject::ensure(folder);
        QVERIFY2(path.ok(), qPrintable(path.error()));
        QCOMPARE(QFileInfo(*path).absoluteFilePath(),
                 QFileInfo(folder + QStringLiteral("/demo.postil")).absoluteFilePath());

        auto project = Project::open(*path);
        QVERIFY2(project.ok(), qPrintable(project.error()));
        Project& p = **project;
        QCOMPARE(p.name(), QStringLiteral("Postil demo"));
        QVERIFY(p.defaultKind() == TaskKind::Text);

        const QList<Task> tasks = allTasks(p);
        QMap<TaskKind, int> perKind;
        for (const Task& task : tasks)
            ++perKind[task.kind];
        QVERIFY2(perKind.value(TaskKind::Text) >= 5,
                 qPrintable(QString::number(perKind.value(TaskKind::Text))));
        QCOMPARE(perKind.value(TaskKind::Image), 3);
        QCOMPARE(perKind.value(TaskKind::Audio), 2);
        QVERIFY(perKind.value(TaskKind::Compare) >= 2);

        bool hasQuery = false, hasRtl = false, hasCjk = false, hasMessages = false;
        bool hasEmoji = false;  // a text task with astral characters (emoji)
        QStringList audioSpeakers;
        for (const Label& label : p.schema().labelsFor(TaskKind::Audio))
            audioSpeakers << label.name;
        QCOMPARE(audioSpeakers.size(), 2);  // two speakers, as in a call
        QVERIFY(p.schema().attributesFor(TaskKind::Audio).size() >= 3);
        int transcripts = 0;
        for (const Task& task : tasks) {
            const QString text = task.data.value(QStringLiteral("text")).toString();
            hasQuery |= task.data.contains(QStringLiteral("query"));
            hasRtl |= text.isRightToLeft();
            for (QChar c : text)
                hasCjk |= c.script() == QChar::Script_Han || c.script() == QChar::Script_Hiragana ||
                          c.script() == QChar::Script_Katakana;
            hasMessages |= task.data.value(QStringLiteral("prompt")).isArray();
            hasEmoji |= task.kind == TaskKind::Text &&
                        std::any_of(text.cbegin(), text.cend(),
                                    [](QChar c) { return c.isHighSurrogate(); });
            if (task.kind == TaskKind::Image) {
                const QString media = p.absoluteMediaPath(task.mediaPath());
                QVERIFY2(QFileInfo(media).absoluteFilePath().startsWith(
                             QFileInfo(folder).absoluteFilePath()),
                         qPrintable(media));
                QVERIFY(!task.mediaHash.isEmpty());
                QVERIFY(QFileInfo(media).size() <= 60 * 1024);
                auto image = loadDisplayImage(media);
                QVERIFY2(image.ok(), qPrintable(image.error()));
            }
            if (task.kind == TaskKind::Audio) {
                auto audio = AudioProbe::probe(p.absoluteMediaPath(task.mediaPath()));
                QVERIFY2(audio.ok(), qPrintable(audio.error()));
                // Speech as a phone (8 kHz) or a headset (16 kHz) records it.
                QVERIFY(audio->sampleRate == 16000 || audio->sampleRate == 8000);
                QCOMPARE(audio->channels, 1);
                QVERIFY(audio->durationMs >= 2000 && audio->durationMs <= 15000);
                QVERIFY(QFileInfo(p.absoluteMediaPath(task.mediaPath())).size() <= 256 * 1024);
                // The speech model's transcript (a proposal for the editor)
                // fits the audio and the schema's speakers.
                for (const Annotation& row : p.annotations().proposals(task.uid, p.annotator())) {
                    auto segments = segmentresult::parse(row.result, audio->durationMs);
                    QVERIFY2(segments.ok(), qPrintable(segments.error()));
                    QVERIFY(segmentresult::checkNoOverlap(*segments).ok());
                    for (const Segment& s : *segments)
                        QVERIFY(audioSpeakers.contains(s.speaker));
                    ++transcripts;
                }
            }
        }
        QVERIFY(hasQuery);
        QVERIFY(hasRtl);
        QVERIFY(hasCjk);
        QVERIFY(hasMessages);
        QVERIFY(hasEmoji);
        QCOMPARE(transcripts, 1);  // one call comes pre-filled, one is typed from scratch

        const Schema& schema = p.schema();
        QVERIFY(schema.validate().isEmpty());
        QVERIFY(schema.labels.size() >= 3);
        for (const Label& label : schema.labels) {
            QVERIFY(QColor::isValidColorName(label.color));
            QVERIFY(!label.kinds.isEmpty());  // box classes and response flags kept apart
        }
        QVERIFY(schema.labelsFor(TaskKind::Image).size() >= 3);
        QVERIFY(schema.labelsFor(TaskKind::Compare).size() >= 2);
        // Entities to mark in the text tasks, and relations between them.
        QVERIFY(schema.labelsFor(TaskKind::Text).size() >= 4);
        QVERIFY(schema.relationLabels.size() >= 2);
        // One message carries a model's pre-annotation: spans to copy.
        bool hasProposal = false;
        for (const Task& task : tasks)
            for (const Annotation& row :
                 p.annotations().proposals(task.uid, QStringLiteral("someone else")))
                hasProposal |= !row.result.value(QStringLiteral("spans")).toArray().isEmpty();
        QVERIFY(hasProposal);
        QVERIFY(!schema.attributes.isEmpty());
        QSet<Question::Type> types;
        for (const Question& q : schema.questions)
            types.insert(q.type);
        QCOMPARE(types.size(), 5);  // single, multi, rating, text, flag
        const Question* relevance = schema.question(QStringLiteral("relevance"));
        QVERIFY(relevance);
        QVERIFY(relevance->type == Question::Type::Rating);
        QCOMPARE(relevance->min, 1);
        QCOMPARE(relevance->max, 5);
        QVERIFY(relevance->appliesTo(TaskKind::Text));
        QVERIFY(!relevance->appliesTo(TaskKind::Image));
        QVERIFY(schema.question(QStringLiteral("notes")));
        QVERIFY(schema.question(QStringLiteral("unsafe")));
        QVERIFY(schema.rubric.size() >= 2 && schema.rubric.size() <= 3);
        QVERIFY(schema.guidelines.contains(QStringLiteral("\n## ")));
        QVERIFY(schema.guidelines.contains(QStringLiteral("\n- ")));

        // Only the project and the media are left behind: no scratch task list.
        const QStringList hidden = QDir(folder).entryList(QDir::Files | QDir::Hidden);
        for (const QString& name : hidden)
            QVERIFY2(!name.startsWith(QLatin1Char('.')), qPrintable(name));
    }

    void secondCallChangesNothing() {
        const QString folder = m_dir.filePath(QStringLiteral("twice"));
        auto first = DemoProject::ensure(folder);
        QVERIFY2(first.ok(), qPrintable(first.error()));
        const auto before = snapshot(folder);
        const QDateTime modified = QFileInfo(*first).lastModified();
        QVERIFY(before.contains(QStringLiteral("demo.postil")));
        QVERIFY(before.contains(QStringLiteral("images/street.png")));

        auto second = DemoProject::ensure(folder);
        QVERIFY2(second.ok(), qPrintable(second.error()));
        QCOMPARE(*second, *first);
        QCOMPARE(snapshot(folder), before);
        QCOMPARE(QFileInfo(*second).lastModified(), modified);
    }

    void existingProjectIsReturnedUntouched() {
        // Whatever the user keeps as demo.postil is theirs: not checked, not replaced.
        const QString folder = m_dir.filePath(QStringLiteral("mine"));
        QVERIFY(writeBytes(folder + QStringLiteral("/demo.postil"), "my own notes"));
        auto path = DemoProject::ensure(folder);
        QVERIFY2(path.ok(), qPrintable(path.error()));
        QCOMPARE(snapshot(folder).size(), 1);
        QFile file(*path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("my own notes"));
    }

    void existingMediaIsNotOverwritten() {
        const QString folder = m_dir.filePath(QStringLiteral("partial"));
        const QString street = folder + QStringLiteral("/images/street.png");
        const QString other = folder + QStringLiteral("/holiday.txt");
        QVERIFY(writeBytes(street, "the user's own street.png"));
        QVERIFY(writeBytes(other, "keep me"));
        auto path = DemoProject::ensure(folder);
        QVERIFY2(path.ok(), qPrintable(path.error()));
        QFile kept(street);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("the user's own street.png"));
        QFile note(other);
        QVERIFY(note.open(QIODevice::ReadOnly));
        QCOMPARE(note.readAll(), QByteArray("keep me"));
        // The rest of the media was copied, and the project was still made.
        QVERIFY(QFileInfo(folder + QStringLiteral("/images/desk.png")).size() > 1000);
        auto project = Project::open(*path);
        QVERIFY2(project.ok(), qPrintable(project.error()));
        QVERIFY((*project)->tasks().count() >= 12);
    }

    void failuresNameTheFolder() {
        // A file where the folder should be.
        const QString blocker = m_dir.filePath(QStringLiteral("blocker"));
        QVERIFY(writeBytes(blocker, "x"));
        auto path = DemoProject::ensure(blocker + QStringLiteral("/demo"));
        QVERIFY(!path.ok());
        QVERIFY2(path.error().contains(blocker), qPrintable(path.error()));
    }

    void defaultFolderIsInTheAppData() {
        const QString folder = DemoProject::defaultFolder();
        QVERIFY(folder.endsWith(QStringLiteral("/demo")));
        QVERIFY(
            folder.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestDemoProject)
#include "tst_demoproject.moc"

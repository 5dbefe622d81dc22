// Packs out and back, merges, conflicts and refusals through core/sync, on
// real project files in a temporary folder (docs/architecture.md "Sync by files").

#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

#include "model/ids.h"
#include "store/database.h"
#include "sync/conflicts.h"
#include "sync/packfiles.h"
#include "sync/packmanifest.h"
#include "sync/packmerger.h"
#include "sync/packselection.h"
#include "sync/packwriter.h"
#include "syncfixture.h"

using namespace postil;
using namespace postil::synctest;

namespace {

const QByteArray kSchema = R"({"labels": [{"name": "PER"}, {"name": "ORG"}, {"name": "truck"}],
  "questions": [{"name": "topic", "type": "single", "options": ["a", "b"]},
                {"name": "old", "type": "flag"}]})";

QJsonObject spans(const QString& label, int start, int end) {
    return QJsonObject{
        {QStringLiteral("spans"), QJsonArray{QJsonObject{{QStringLiteral("label"), label},
                                                         {QStringLiteral("start"), start},
                                                         {QStringLiteral("end"), end}}}}};
}

}  // namespace

class TestPacks : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

    // A lead project of ten text tasks t1..t10.
    std::unique_ptr<Project> makeLead(const QString& name) {
        auto lead = makeProject(path(name), kSchema);
        for (int i = 1; i <= 10; ++i)
            addTask(*lead, QStringLiteral("t%1").arg(i), TaskKind::Text,
                    QJsonObject{{QStringLiteral("text"), QStringLiteral("Ana met Bob %1").arg(i)}});
        workAs(*lead, QStringLiteral("lead"), QStringLiteral("dev-lead"));
        return lead;
    }

    PackWriteReport handOut(Project& lead, const QString& out, const QString& annotator,
                            const QString& filter, bool withMedia = false) {
        auto ids = selectTasks(lead, filter);
        if (!ids.ok())
            qFatal("%s", qPrintable(ids.error()));
        PackOutOptions options;
        options.output = path(out);
        options.annotator = annotator;
        options.taskIds = *ids;
        options.proposalsFrom = {QStringLiteral("model:*")};
        options.withMedia = withMedia;
        auto written = writePackOut(lead, options);
        if (!written.ok())
            qFatal("%s", qPrintable(written.error()));
        return *written;
    }

    QString sendBack(const QString& packPath, const QString& device, const QString& out) {
        auto pack = openAs(path(packPath), QStringLiteral("x"), device);
        if (!prepareOpenedPack(*pack).ok())
            qFatal("prepare");
        PackBackOptions options;
        options.output = path(out);
        options.annotator = pack->annotator();
        auto written = writePackBack(*pack, options);
        if (!written.ok())
            qFatal("%s", qPrintable(written.error()));
        return options.output;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void handsOutWorksAndMergesBack() {
        auto lead = makeLead(QStringLiteral("lead1.postil"));
        workAs(*lead, QStringLiteral("alice"), QStringLiteral("dev-lead"));
        edit(*lead, QStringLiteral("t2"), spans(QStringLiteral("PER"), 0, 3));
        workAs(*lead, QStringLiteral("bob"), QStringLiteral("dev-lead"));
        edit(*lead, QStringLiteral("t3"), spans(QStringLiteral("PER"), 0, 3));
        workAs(*lead, QStringLiteral("model:ner"), QStringLiteral("dev-lead"));
        edit(*lead, QStringLiteral("t4"), spans(QStringLiteral("ORG"), 8, 11),
             AnnotationStatus::Draft);
        workAs(*lead, QStringLiteral("lead"), QStringLiteral("dev-lead"));

        const PackWriteReport out = handOut(*lead, QStringLiteral("alice.postilpack"),
                                            QStringLiteral("alice"), QStringLiteral("1-5"));
        QCOMPARE(out.tasks, 5);
        QCOMPARE(out.annotations, 2);  // alice's own row and the model's; never bob's
        // Before it is opened, the pack says whom it was made for; a project does not.
        QCOMPARE(handedOutTo(path(QStringLiteral("alice.postilpack"))), QStringLiteral("alice"));
        QCOMPARE(handedOutTo(lead->path()), QString());
        QCOMPARE(handedOutTo(path(QStringLiteral("no-such.postilpack"))), QString());

        // The pack is a project of its own: the annotator opens it and works.
        auto pack = openAs(path(QStringLiteral("alice.postilpack")), QStringLiteral("someone"),
                           QStringLiteral("dev-alice"));
        QVERIFY(prepareOpenedPack(*pack).ok());
        QCOMPARE(pack->annotator(), QStringLiteral("alice"));
        QCOMPARE(pack->uid(), lead->uid());
        QCOMPARE(countOf(*pack, QStringLiteral("SELECT count(*) FROM tasks")), 5);
        QVERIFY(!pack->annotations().get(QStringLiteral("t3"), QStringLiteral("bob")));
        QVERIFY(pack->annotations().get(QStringLiteral("t4"), QStringLiteral("model:ner")));
        edit(*pack, QStringLiteral("t1"), spans(QStringLiteral("ORG"), 4, 7));
        edit(*pack, QStringLiteral("t2"), {}, AnnotationStatus::Draft, true);  // deleted
        pack.reset();

        const QString back =
            sendBack(QStringLiteral("alice.postilpack"), QStringLiteral("dev-alice"),
                     QStringLiteral("alice-back.postilpack"));
        auto merged = mergePack(*lead, back);
        QVERIFY2(merged.ok(), qPrintable(merged.error()));
        QCOMPARE(merged->added, 1);
        QCOMPARE(merged->replaced, 1);
        QCOMPARE(merged->conflicts, 0);
        auto t1 = lead->annotations().get(QStringLiteral("t1"), QStringLiteral("alice"));
        QVERIFY(t1 && !t1->deleted);
        QCOMPARE(t1->result, spans(QStringLiteral("ORG"), 4, 7));
        QCOMPARE(t1->device, QStringLiteral("dev-alice"));
        auto t2 = lead->annotations().get(QStringLiteral("t2"), QStringLiteral("alice"));
        QVERIFY(t2 && t2->deleted);  // the tombstone travelled

        // Merging it again finds it merged: nothing to do, nothing changes.
        const QString before = dumpRows(*lead);
        auto again = mergePack(*lead, back);
        QVERIFY(again.ok());
        QVERIFY(again->alreadyMerged);
        QCOMPARE(dumpRows(*lead), before);
        // And the whole pack project merges too, to the same rows.
        auto whole = mergePack(*lead, path(QStringLiteral("alice.postilpack")));
        QVERIFY2(whole.ok(), qPrintable(whole.error()));
        QCOMPARE(whole->added + whole->replaced + whole->conflicts, 0);
        QCOMPARE(dumpRows(*lead), before);
    }

    void twoDevicesApartKeepBothVersions() {
        auto lead = makeLead(QStringLiteral("lead2.postil"));
        handOut(*lead, QStringLiteral("c.postilpack"), QStringLiteral("carol"),
                QStringLiteral("all"));
        // Carol's second laptop gets a copy of the same pack.
        QVERIFY(QFile::copy(path(QStringLiteral("c.postilpack")),
                            path(QStringLiteral("c2.postilpack"))));
        {
            auto laptop = openAs(path(QStringLiteral("c.postilpack")), QStringLiteral("carol"),
                                 QStringLiteral("dev-c1"));
            edit(*laptop, QStringLiteral("t1"), spans(QStringLiteral("PER"), 0, 3));
            edit(*laptop, QStringLiteral("t5"), spans(QStringLiteral("PER"), 0, 3));
        }
        {
            auto desktop = openAs(path(QStringLiteral("c2.postilpack")), QStringLiteral("carol"),
                                  QStringLiteral("dev-c2"));
            edit(*desktop, QStringLiteral("t1"), spans(QStringLiteral("ORG"), 8, 11));
            edit(*desktop, QStringLiteral("t6"), spans(QStringLiteral("ORG"), 8, 11));
        }
        const QString b1 = sendBack(QStringLiteral("c.postilpack"), QStringLiteral("dev-c1"),
                                    QStringLiteral("c1-back.postilpack"));
        const QString b2 = sendBack(QStringLiteral("c2.postilpack"), QStringLiteral("dev-c2"),
                                    QStringLiteral("c2-back.postilpack"));
        copyProject(*lead, path(QStringLiteral("lead2-copy.postil")));
        auto copy = openAs(path(QStringLiteral("lead2-copy.postil")), QStringLiteral("lead"),
                           QStringLiteral("dev-lead"));

        auto first = mergePack(*lead, b1);
        QVERIFY2(first.ok(), qPrintable(first.error()));
        auto second = mergePack(*lead, b2);
        QVERIFY2(second.ok(), qPrintable(second.error()));
        QCOMPARE(second->conflicts, 1);  // t1 changed on both, apart
        QVERIFY(mergePack(*copy, b2).ok());
        QVERIFY(mergePack(*copy, b1).ok());
        QCOMPARE(dumpRows(*copy), dumpRows(*lead));

        auto conflicts = listConflicts(*lead);
        QVERIFY(conflicts.ok());
        QCOMPARE(conflicts->size(), 1);
        const Conflict& c = conflicts->first();
        QCOMPARE(c.taskUid, QStringLiteral("t1"));
        QCOMPARE(c.live.annotator, QStringLiteral("carol"));
        QCOMPARE(c.kept.size(), 1);
        QSet<QString> labels{
            c.live.result.value(QStringLiteral("spans"))[0][QStringLiteral("label")].toString(),
            c.kept[0].result.value(QStringLiteral("spans"))[0][QStringLiteral("label")].toString()};
        QCOMPARE(labels, (QSet<QString>{QStringLiteral("PER"), QStringLiteral("ORG")}));

        // Taking the kept version settles it, and the settling travels: the
        // copy that still has the conflict merges the lead's word and agrees.
        workAs(*lead, QStringLiteral("lead"), QStringLiteral("dev-lead"));
        QVERIFY(takeVersion(*lead, QStringLiteral("t1"), QStringLiteral("carol"), c.kept[0].hlc,
                            c.kept[0].device)
                    .ok());
        QCOMPARE(countOf(*lead, QStringLiteral("SELECT count(*) FROM annotation_conflicts")), 0);
        QCOMPARE(lead->annotations().get(QStringLiteral("t1"), QStringLiteral("carol"))->result,
                 c.kept[0].result);
        PackBackOptions settle;
        settle.output = path(QStringLiteral("settled.postilpack"));
        settle.annotator = QStringLiteral("carol");
        QVERIFY(writePackBack(*lead, settle).ok());
        QVERIFY(mergePack(*copy, settle.output).ok());
        QCOMPARE(countOf(*copy, QStringLiteral("SELECT count(*) FROM annotation_conflicts")), 0);
        QCOMPARE(dumpRows(*copy), dumpRows(*lead));
    }

    // The studio's document read one version; a merge brought a version made
    // apart meanwhile; the document's next write keeps the merged one.
    void writeOverAnUnseenVersionKeepsIt() {
        auto lead = makeLead(QStringLiteral("lead3.postil"));
        workAs(*lead, QStringLiteral("dan"), QStringLiteral("dev-d1"));
        edit(*lead, QStringLiteral("t1"), spans(QStringLiteral("PER"), 0, 3));
        const Annotation read =
            *lead->annotations().get(QStringLiteral("t1"), QStringLiteral("dan"));
        handOut(*lead, QStringLiteral("d.postilpack"), QStringLiteral("dan"), QStringLiteral("1"));
        {
            auto other = openAs(path(QStringLiteral("d.postilpack")), QStringLiteral("dan"),
                                QStringLiteral("dev-d2"));
            edit(*other, QStringLiteral("t1"), spans(QStringLiteral("ORG"), 8, 11));
        }
        QVERIFY(mergePack(*lead, path(QStringLiteral("d.postilpack"))).ok());
        QCOMPARE(countOf(*lead, QStringLiteral("SELECT count(*) FROM annotation_conflicts")), 0);
        Annotation write = read;  // what the open document still holds
        write.result = spans(QStringLiteral("PER"), 0, 7);
        QVERIFY(lead->saveAnnotation(write).ok());
        auto kept = lead->annotations().conflicts(QStringLiteral("t1"), QStringLiteral("dan"));
        QCOMPARE(kept.size(), 1);
        QCOMPARE(kept[0].result, spans(QStringLiteral("ORG"), 8, 11));
        QCOMPARE(kept[0].device, QStringLiteral("dev-d2"));
    }

    void refusesBadPacksAndChangesNothing() {
        auto lead = makeLead(QStringLiteral("lead4.postil"));
        handOut(*lead, QStringLiteral("e.postilpack"), QStringLiteral("erin"),
                QStringLiteral("all"));
        {
            auto pack = openAs(path(QStringLiteral("e.postilpack")), QStringLiteral("erin"),
                               QStringLiteral("dev-e"));
            for (int i = 1; i <= 10; ++i)
                edit(*pack, QStringLiteral("t%1").arg(i),
                     spans(QStringLiteral("PER"), 0, 3 + i % 2));
        }
        const QString back = sendBack(QStringLiteral("e.postilpack"), QStringLiteral("dev-e"),
                                      QStringLiteral("e-back.postilpack"));
        const QByteArray good = readFile(back);
        const QString before = dumpRows(*lead);
        auto refusedWith = [&](const QString& file, const char* words) {
            auto merged = mergePack(*lead, file);
            QVERIFY2(!merged.ok(), qPrintable(file));
            QVERIFY2(merged.error().contains(QLatin1String(words)), qPrintable(merged.error()));
            QVERIFY2(merged.error().contains(QLatin1String("not changed")),
                     qPrintable(merged.error()));
            QCOMPARE(dumpRows(*lead), before);
        };
        // Another project's pack.
        auto stranger = makeLead(QStringLiteral("stranger.postil"));
        handOut(*stranger, QStringLiteral("s.postilpack"), QStringLiteral("erin"),
                QStringLiteral("all"));
        refusedWith(path(QStringLiteral("s.postilpack")), "another project");
        // Cut short.
        writeFile(path(QStringLiteral("cut.postilpack")), good.left(good.size() / 2));
        refusedWith(path(QStringLiteral("cut.postilpack")), "");
        // A row edited by hand: SQLite is happy, the SHA-256 is not.
        QVERIFY(QFile::copy(back, path(QStringLiteral("edited.postilpack"))));
        {
            auto db = Database::open(path(QStringLiteral("edited.postilpack")),
                                     Database::Mode::ReadWrite);
            QVERIFY(db.ok());
            QVERIFY((*db)
                        ->exec(QStringLiteral("UPDATE annotations SET result = '{}' WHERE "
                                              "task_uid = 't3'"))
                        .ok());
        }
        refusedWith(path(QStringLiteral("edited.postilpack")), "SHA-256");
        // A pack format from a newer build.
        QVERIFY(QFile::copy(back, path(QStringLiteral("newer.postilpack"))));
        {
            auto db =
                Database::open(path(QStringLiteral("newer.postilpack")), Database::Mode::ReadWrite);
            QVERIFY((*db)
                        ->exec(QStringLiteral("UPDATE pack_manifest SET value = '7' WHERE key = "
                                              "'format_version'"))
                        .ok());
        }
        refusedWith(path(QStringLiteral("newer.postilpack")), "newer");
        // A project file from a newer build.
        QVERIFY(QFile::copy(back, path(QStringLiteral("newerfile.postilpack"))));
        {
            auto db = Database::open(path(QStringLiteral("newerfile.postilpack")),
                                     Database::Mode::ReadWrite);
            QVERIFY((*db)->exec(QStringLiteral("PRAGMA user_version = 99")).ok());
        }
        refusedWith(path(QStringLiteral("newerfile.postilpack")), "newer Postil");
        // Bytes damaged in the middle of the file.
        QByteArray damaged = good;
        for (qsizetype i = damaged.size() / 2; i < damaged.size() / 2 + 4096; ++i)
            damaged[i] = char(0x5a);
        writeFile(path(QStringLiteral("damaged.postilpack")), damaged);
        refusedWith(path(QStringLiteral("damaged.postilpack")), "");
        // Not a pack at all.
        writeFile(path(QStringLiteral("text.postilpack")), "just some text\n");
        refusedWith(path(QStringLiteral("text.postilpack")), "");
        // The good one still merges after all that.
        auto merged = mergePack(*lead, back);
        QVERIFY2(merged.ok(), qPrintable(merged.error()));
        QCOMPARE(merged->added, 10);
    }

    void olderSchemaRowsAreKeptAndReported() {
        auto lead = makeLead(QStringLiteral("lead5.postil"));
        handOut(*lead, QStringLiteral("f.postilpack"), QStringLiteral("fay"),
                QStringLiteral("all"));
        {
            auto pack = openAs(path(QStringLiteral("f.postilpack")), QStringLiteral("fay"),
                               QStringLiteral("dev-f"));
            QJsonObject result = spans(QStringLiteral("truck"), 0, 3);
            result.insert(QStringLiteral("answers"), QJsonObject{{QStringLiteral("old"), true}});
            edit(*pack, QStringLiteral("t1"), result);
            edit(*pack, QStringLiteral("t2"), spans(QStringLiteral("truck"), 0, 3));
        }
        const QString back = sendBack(QStringLiteral("f.postilpack"), QStringLiteral("dev-f"),
                                      QStringLiteral("f-back.postilpack"));
        // Meanwhile the lead dropped the label and the question.
        Schema schema = lead->schema();
        schema.labels.removeIf([](const Label& l) { return l.name == QLatin1String("truck"); });
        schema.questions.removeIf([](const Question& q) { return q.name == QLatin1String("old"); });
        QVERIFY(lead->setSchema(schema).ok());
        auto merged = mergePack(*lead, back);
        QVERIFY2(merged.ok(), qPrintable(merged.error()));
        QCOMPARE(merged->added, 2);
        const QString notes = merged->schemaNotes.join(QLatin1Char('\n'));
        QVERIFY2(notes.contains(QLatin1String("label 'truck'")) &&
                     notes.contains(QLatin1String("2 rows")),
                 qPrintable(notes));
        QVERIFY2(notes.contains(QLatin1String("question 'old'")), qPrintable(notes));
        QCOMPARE(lead->annotations()
                     .get(QStringLiteral("t1"), QStringLiteral("fay"))
                     ->result.value(QStringLiteral("spans"))[0][QStringLiteral("label")]
                     .toString(),
                 QStringLiteral("truck"));
    }

    void mediaTravelsInsideThePack() {
        auto lead = makeProject(path(QStringLiteral("img/lead.postil")), kSchema);
        QList<QString> hashes;
        for (int i = 0; i < 3; ++i) {
            QImage image(40 + i, 30, QImage::Format_RGB32);
            image.fill(QColor(40 * i, 90, 200));
            const QString file = path(QStringLiteral("img/photos/p%1.png").arg(i));
            QDir().mkpath(QFileInfo(file).absolutePath());
            QVERIFY(image.save(file));
            const QString hash = *fileSha256(file);
            Statement media = lead->database().statement(QStringLiteral(
                "INSERT INTO media(hash, path, bytes, width, height) VALUES(?, ?, ?, ?, ?)"));
            media.bind(1, hash)
                .bind(2, QStringLiteral("photos/p%1.png").arg(i))
                .bind(3, QFileInfo(file).size())
                .bind(4, 40 + i)
                .bind(5, 30);
            QVERIFY(media.run().ok());
            addTask(*lead, hash, TaskKind::Image,
                    QJsonObject{{QStringLiteral("image"), QStringLiteral("photos/p%1.png").arg(i)}},
                    hash);
            hashes.append(hash);
        }
        QDir().mkpath(path(QStringLiteral("far")));
        handOut(*lead, QStringLiteral("far/g.postilpack"), QStringLiteral("gus"),
                QStringLiteral("all"), true);
        // The lead's photos are out of reach on the annotator's laptop.
        QVERIFY(QDir(path(QStringLiteral("img/photos"))).removeRecursively());
        QVERIFY(QFile::copy(path(QStringLiteral("far/g.postilpack")),
                            path(QStringLiteral("far/tampered.postilpack"))));
        auto pack = openAs(path(QStringLiteral("far/g.postilpack")), QStringLiteral("gus"),
                           QStringLiteral("dev-g"));
        QVERIFY(prepareOpenedPack(*pack).ok());
        for (const QString& hash : hashes) {
            auto task = pack->tasks().byUid(hash);
            QVERIFY(task);
            Statement media =
                pack->database().statement(QStringLiteral("SELECT path FROM media WHERE hash = ?"));
            media.bind(1, hash);
            QVERIFY(media.next());
            const QString file = pack->absoluteMediaPath(media.text(0));
            QVERIFY2(file.startsWith(path(QStringLiteral("far/g.media/"))), qPrintable(file));
            QCOMPARE(*fileSha256(file), hash);
        }
        // Media bytes that do not match their hash are refused, not written.
        {
            auto db = Database::open(path(QStringLiteral("far/tampered.postilpack")),
                                     Database::Mode::ReadWrite);
            QVERIFY((*db)->exec(QStringLiteral("UPDATE pack_media SET bytes = x'00112233'")).ok());
        }
        auto tampered = openAs(path(QStringLiteral("far/tampered.postilpack")),
                               QStringLiteral("gus"), QStringLiteral("dev-g"));
        Status refused = prepareOpenedPack(*tampered);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(QLatin1String("does not match")),
                 qPrintable(refused.error()));
        QVERIFY(QDir(path(QStringLiteral("far/tampered.media"))).isEmpty());
    }

    void packedNamesNeverLeaveTheFolder() {
        QCOMPARE(packedMediaName(QStringLiteral("abcdef0123456789ffff"),
                                 QStringLiteral("../../etc/passwd")),
                 QStringLiteral("abcdef0123456789-passwd"));
        QCOMPARE(packedMediaName(QStringLiteral("../../x"), QStringLiteral("..")),
                 QStringLiteral("______x"));
        QVERIFY(!packedMediaName(QStringLiteral("ab"), QStringLiteral("a/b\\c:d"))
                     .contains(QLatin1Char('/')));
    }

    void sharesSplitEvenlyWithOverlap() {
        QList<qint64> ids;
        for (int i = 1; i <= 100; ++i)
            ids.append(i);
        const auto plain = splitShares(ids, 3, 0);
        QCOMPARE(plain.size(), 3);
        QCOMPARE(plain[0].size() + plain[1].size() + plain[2].size(), 100);
        QVERIFY(qAbs(plain[0].size() - plain[2].size()) <= 1);
        const auto overlapped = splitShares(ids, 3, 10);
        QSet<qint64> twice;
        QMap<qint64, int> seen;
        for (const auto& share : overlapped)
            for (qint64 id : share)
                ++seen[id];
        for (auto it = seen.begin(); it != seen.end(); ++it) {
            QVERIFY(it.value() <= 2);
            if (it.value() == 2)
                twice.insert(it.key());
        }
        QCOMPARE(seen.size(), 100);
        QVERIFY2(twice.size() >= 9 && twice.size() <= 12,
                 qPrintable(QString::number(twice.size())));
    }

    void filtersChooseTasks() {
        auto lead = makeLead(QStringLiteral("lead6.postil"));
        workAs(*lead, QStringLiteral("hal"), QStringLiteral("dev-h"));
        edit(*lead, QStringLiteral("t2"), spans(QStringLiteral("PER"), 0, 3));
        edit(*lead, QStringLiteral("t3"), spans(QStringLiteral("PER"), 0, 3),
             AnnotationStatus::Draft);
        workAs(*lead, QStringLiteral("model:m"), QStringLiteral("dev-h"));
        edit(*lead, QStringLiteral("t4"), spans(QStringLiteral("PER"), 0, 3));
        auto ids = [&](const QString& filter) {
            auto chosen = selectTasks(*lead, filter);
            return chosen.ok() ? *chosen : QList<qint64>{-1};
        };
        QCOMPARE(ids(QString()).size(), 10);
        QCOMPARE(ids(QStringLiteral("unfinished")).size(), 9);  // a model's row is no person's
        QCOMPARE(ids(QStringLiteral("unannotated")).size(), 8);
        QCOMPARE(ids(QStringLiteral("submitted")), QList<qint64>{2});
        QCOMPARE(ids(QStringLiteral("draft,submitted")), (QList<qint64>{2, 3}));
        QCOMPARE(ids(QStringLiteral("unfinished,1-3")), (QList<qint64>{1, 3}));
        QCOMPARE(ids(QStringLiteral("image")).size(), 0);
        writeFile(path(QStringLiteral("list.txt")), "t5\n# a comment\n7\n");
        QCOMPARE(ids(QStringLiteral("@") + path(QStringLiteral("list.txt"))),
                 (QList<qint64>{5, 7}));
        QVERIFY(!selectTasks(*lead, QStringLiteral("finished")).ok());
        QVERIFY(!selectTasks(*lead, QStringLiteral("5-2")).ok());
    }
};

QTEST_GUILESS_MAIN(TestPacks)
#include "tst_packs.moc"

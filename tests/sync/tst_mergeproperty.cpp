// The merge rule's promise, tested as a property: packs of three annotators
// working on two devices each, with syncs between their devices and stale
// snapshots sent along, merged in many orders, repeated and grouped, give
// projects equal row for row and exports equal byte for byte
// (docs/architecture.md §3).

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>

#include "formats/formatregistry.h"
#include "sync/packfiles.h"
#include "sync/packmerger.h"
#include "sync/packselection.h"
#include "sync/packwriter.h"
#include "syncfixture.h"

using namespace postil;
using namespace postil::synctest;

namespace {
constexpr int kTasks = 12;
constexpr int kAnnotators = 3;
constexpr int kDevices = 2;
}  // namespace

class TestMergeProperty : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    struct Run {
        QString folder;
        QString leadPath;
        QStringList packs;  // every pack made, stale snapshots included
    };

    QString exportJsonl(Project& project, const QString& out) {
        ExportOptions options;
        options.status = QStringLiteral("all");
        ExportReport report;
        Status written = FormatRegistry::instance()
                             .byName(QStringLiteral("jsonl"))
                             ->write(project, out, options, report);
        if (!written.ok())
            qFatal("export: %s", qPrintable(written.error()));
        return QString::fromLatin1(fileSha(out));
    }

    // The lead, the hand-outs and a random history of work on every device.
    Run makeHistory(quint32 seed) {
        Run run;
        run.folder = m_dir.filePath(QStringLiteral("seed%1").arg(seed));
        QDir().mkpath(run.folder);
        run.leadPath = run.folder + QStringLiteral("/lead.postil");
        auto lead = makeProject(run.leadPath, R"({"labels": [{"name": "A"}, {"name": "B"}]})");
        for (int t = 0; t < kTasks; ++t)
            addTask(*lead, QStringLiteral("t%1").arg(t), TaskKind::Text,
                    QJsonObject{{QStringLiteral("text"), QStringLiteral("some words %1").arg(t)}});
        workAs(*lead, QStringLiteral("lead"), QStringLiteral("lead-device"));
        QList<qint64> all;
        for (int t = 1; t <= kTasks; ++t)
            all.append(t);
        QStringList devicePaths;
        for (int a = 0; a < kAnnotators; ++a) {
            PackOutOptions out;
            out.annotator = QStringLiteral("ann%1").arg(a);
            out.output = run.folder + QStringLiteral("/ann%1-d0.postilpack").arg(a);
            out.taskIds = all;
            if (!writePackOut(*lead, out).ok())
                qFatal("pack-out");
            for (int d = 0; d < kDevices; ++d) {
                const QString device =
                    run.folder + QStringLiteral("/ann%1-d%2.postilpack").arg(a).arg(d);
                if (d > 0 && !QFile::copy(out.output, device))
                    qFatal("copy");
                devicePaths.append(device);
            }
        }
        lead.reset();

        QRandomGenerator rng(seed);
        int snapshot = 0;
        auto packBack = [&](int device) {
            auto project = openAs(devicePaths[device], QStringLiteral("x"),
                                  QStringLiteral("device-%1").arg(device));
            if (!prepareOpenedPack(*project).ok())
                qFatal("prepare");
            PackBackOptions back;
            back.annotator = project->annotator();
            back.output = run.folder + QStringLiteral("/back-%1.postilpack").arg(snapshot++);
            if (!writePackBack(*project, back).ok())
                qFatal("pack-back");
            return back.output;
        };
        for (int step = 0; step < 60; ++step) {
            const int device = int(rng.bounded(kAnnotators * kDevices));
            const int roll = int(rng.bounded(100));
            if (roll < 12) {
                // Sync: this device takes in its twin's work.
                const int twin = device % kDevices == 0 ? device + 1 : device - 1;
                const QString pack = packBack(twin);
                auto project = openAs(devicePaths[device], QStringLiteral("x"),
                                      QStringLiteral("device-%1").arg(device));
                auto merged = mergePack(*project, pack);
                if (!merged.ok())
                    qFatal("device sync: %s", qPrintable(merged.error()));
                continue;
            }
            if (roll < 20) {  // a snapshot that will arrive late, stale
                run.packs.append(packBack(device));
                continue;
            }
            auto project = openAs(devicePaths[device], QStringLiteral("x"),
                                  QStringLiteral("device-%1").arg(device));
            if (!prepareOpenedPack(*project).ok())
                qFatal("prepare");
            const QString task = QStringLiteral("t%1").arg(rng.bounded(kTasks));
            const bool remove = roll >= 90;
            const QJsonObject result{
                {QStringLiteral("spans"),
                 QJsonArray{
                     QJsonObject{{QStringLiteral("label"),
                                  rng.bounded(2) ? QStringLiteral("A") : QStringLiteral("B")},
                                 {QStringLiteral("start"), int(rng.bounded(4))},
                                 {QStringLiteral("end"), 5 + int(rng.bounded(4))}}}}};
            edit(*project, task, result,
                 rng.bounded(2) ? AnnotationStatus::Submitted : AnnotationStatus::Draft, remove);
        }
        for (int device = 0; device < kAnnotators * kDevices; ++device)
            run.packs.append(packBack(device));
        return run;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void anyOrderAnyGroupingAnyRepeatGivesOneProject_data() {
        QTest::addColumn<quint32>("seed");
        for (quint32 seed : {1u, 7u, 42u, 2026u})
            QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(seed))) << seed;
    }

    void anyOrderAnyGroupingAnyRepeatGivesOneProject() {
        QFETCH(quint32, seed);
        const Run run = makeHistory(seed);
        QRandomGenerator rng(seed * 31 + 5);
        QString expectedRows;
        QString expectedExport;
        qint64 conflictsSeen = 0;
        auto check = [&](Project& project, const QString& label) {
            const QString rows = dumpRows(project);
            const QString exported =
                exportJsonl(project, run.folder + QStringLiteral("/%1.jsonl").arg(label));
            if (expectedRows.isEmpty()) {
                expectedRows = rows;
                expectedExport = exported;
                conflictsSeen =
                    countOf(project, QStringLiteral("SELECT count(*) FROM annotation_conflicts"));
                return;
            }
            QCOMPARE(rows, expectedRows);
            QCOMPARE(exported, expectedExport);
        };
        for (int order = 0; order < 12; ++order) {
            QStringList packs = run.packs;
            if (order == 1)
                std::reverse(packs.begin(), packs.end());
            else if (order > 1)
                std::shuffle(packs.begin(), packs.end(), rng);
            if (order % 3 == 2) {  // some packs twice, later again
                for (int k = 0; k < 3; ++k)
                    packs.insert(int(rng.bounded(packs.size() + 1)),
                                 packs[int(rng.bounded(packs.size()))]);
            }
            const QString copyPath = run.folder + QStringLiteral("/order%1.postil").arg(order);
            QVERIFY(QFile::copy(run.leadPath, copyPath));
            auto copy = openAs(copyPath, QStringLiteral("lead"), QStringLiteral("lead-device"));
            for (const QString& pack : packs) {
                auto merged = mergePack(*copy, pack);
                QVERIFY2(merged.ok(), qPrintable(merged.error()));
            }
            check(*copy, QStringLiteral("order%1").arg(order));
        }
        // Grouping: half the packs into one copy, the rest into another, then
        // the first copy merged into the second as a whole project.
        const QString left = run.folder + QStringLiteral("/left.postil");
        const QString right = run.folder + QStringLiteral("/right.postil");
        QVERIFY(QFile::copy(run.leadPath, left));
        QVERIFY(QFile::copy(run.leadPath, right));
        {
            auto l = openAs(left, QStringLiteral("lead"), QStringLiteral("lead-device"));
            for (qsizetype i = 0; i < run.packs.size(); i += 2)
                QVERIFY(mergePack(*l, run.packs[i]).ok());
        }
        auto r = openAs(right, QStringLiteral("lead"), QStringLiteral("lead-device"));
        for (qsizetype i = 1; i < run.packs.size(); i += 2)
            QVERIFY(mergePack(*r, run.packs[i]).ok());
        auto grouped = mergePack(*r, left);
        QVERIFY2(grouped.ok(), qPrintable(grouped.error()));
        check(*r, QStringLiteral("grouped"));
        // The histories are rich enough to mean something.
        QVERIFY(expectedRows.count(QLatin1Char('\n')) > 10);
        qInfo("seed %u: %lld packs, %lld conflicts kept", seed, qint64(run.packs.size()),
              conflictsSeen);
    }
};

QTEST_GUILESS_MAIN(TestMergeProperty)
#include "tst_mergeproperty.moc"

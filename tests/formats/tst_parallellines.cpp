#include <QtTest>
#include <atomic>

#include "formats/detectionsupport.h"
#include "formats/parallellines.h"
#include "formats/streamedfile.h"

using namespace postil;
using namespace postil::textexport;

namespace {

// What the test's formatter gathers: warnings, and how many batches and how
// many of them ran at once.
struct Tally {
    detection::WarningTally warnings{3};
    int batches = 0;
    QList<qint64> order;
    void append(const Tally& later) {
        warnings.append(later.warnings);
        batches += later.batches;
        order += later.order;
    }
};

std::atomic<int> g_running{0};
std::atomic<int> g_mostAtOnce{0};

TextTask makeTask(qint64 id, qsizetype length = 10) {
    TextTask task;
    task.id = id;
    task.uid = QStringLiteral("t%1").arg(id);
    task.text = QString(length, QLatin1Char('a' + id % 26));
    return task;
}

// Writes the task's id and a warning for every third; some tasks take long,
// so batches end out of order on the workers.
void format(const TextTask& task, QByteArray& out, Tally& tally) {
    const int now = ++g_running;
    int most = g_mostAtOnce.load();
    while (now > most && !g_mostAtOnce.compare_exchange_weak(most, now)) {
    }
    if (task.id % 7 == 0)
        QThread::usleep(2000);
    if (tally.order.isEmpty())
        ++tally.batches;
    tally.order << task.id;
    out.append(QByteArray::number(task.id)).append(' ').append(task.text.toUtf8()).append('\n');
    if (task.id % 3 == 0)
        tally.warnings.add(QStringLiteral("thirds"), QStringLiteral("task %1").arg(task.id));
    if (task.id % 50 == 0)
        tally.warnings.add(QStringLiteral("fiftieths"), QStringLiteral("task %1").arg(task.id));
    --g_running;
}

struct Result {
    QByteArray file;
    QStringList warnings;
    Tally tally;
};

Result run(const QString& path, int workers, qsizetype batchTasks, qsizetype batchUnits,
           const QList<TextTask>& tasks) {
    Result result;
    StreamedFile file(path);
    if (!file.open().ok())
        qFatal("cannot open %s", qPrintable(path));
    {
        ParallelLines<Tally> lines(file, result.tally, format, workers);
        lines.setBatchLimits(batchTasks, batchUnits);
        for (const TextTask& task : tasks)
            if (!lines.add(task).ok())
                qFatal("add failed");
        if (!lines.finish().ok())
            qFatal("finish failed");
    }
    if (!file.commit().ok())
        qFatal("commit failed");
    QFile written(path);
    if (!written.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    result.file = written.readAll();
    result.tally.warnings.flushInto(result.warnings);
    return result;
}

}  // namespace

class TestParallelLines : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Workers write what one thread writes, byte for byte, and the warnings
    // come in the same order with the same "more like this" counts.
    void workersWriteWhatOneThreadWrites() {
        QList<TextTask> tasks;
        for (qint64 id = 1; id <= 1000; ++id)
            tasks << makeTask(id, 5 + id % 40);
        QTemporaryDir dir;
        const Result serial = run(dir.filePath(QStringLiteral("serial")), 0, 7, 1000, tasks);
        g_mostAtOnce = 0;
        const Result parallel = run(dir.filePath(QStringLiteral("parallel")), 4, 7, 1000, tasks);
        QCOMPARE(parallel.file, serial.file);
        QCOMPARE(parallel.warnings, serial.warnings);
        QCOMPARE(parallel.tally.order, serial.tally.order);
        QCOMPARE(serial.tally.order.size(), 1000);
        QCOMPARE(serial.tally.order.first(), 1);
        QCOMPARE(serial.tally.order.last(), 1000);
        QCOMPARE(serial.warnings.size(), 3 + 1 + 3 + 1);
        QCOMPARE(serial.warnings.at(0), QStringLiteral("task 3"));
        QCOMPARE(serial.warnings.at(3), QStringLiteral("330 more like this (thirds)"));
        QVERIFY(serial.file.startsWith("1 bbbbbb\n2 ccccccc\n"));
        // 1000 tasks in batches of 7: 143 batches, never more running at once
        // than there are workers.
        QCOMPARE(parallel.tally.batches, 143);
        QVERIFY2(g_mostAtOnce.load() <= 4, qPrintable(QString::number(g_mostAtOnce.load())));
        QVERIFY(g_mostAtOnce.load() >= 1);
    }

    // A batch closes at its task count or its size in text, whichever comes
    // first: a long text does not wait for more tasks behind it.
    void batchesCloseAtCountOrSize() {
        QList<TextTask> tasks{makeTask(1), makeTask(2, 500)};
        for (qint64 id = 3; id <= 9; ++id)
            tasks << makeTask(id);
        QTemporaryDir dir;
        const Result result = run(dir.filePath(QStringLiteral("out")), 2, 3, 100, tasks);
        // [1 2(long)] [3 4 5] [6 7 8] [9]; by count alone it would be three.
        QCOMPARE(result.tally.batches, 4);
        QCOMPARE(result.file.count('\n'), 9);
    }

    // Nothing queued: an empty file, no warnings.
    void nothingToWrite() {
        QTemporaryDir dir;
        const Result result = run(dir.filePath(QStringLiteral("empty")), 2, 3, 100, {});
        QVERIFY(result.file.isEmpty());
        QVERIFY(result.warnings.isEmpty());
        QCOMPARE(result.tally.batches, 0);
    }
};

QTEST_GUILESS_MAIN(TestParallelLines)
#include "tst_parallellines.moc"

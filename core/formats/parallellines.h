#pragma once

#include <QByteArray>
#include <QList>
#include <QThreadPool>
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <vector>

#include "formats/streamedfile.h"
#include "formats/textexport.h"
#include "store/status.h"

namespace postil::textexport {

// A task's size for ParallelLines' batches: its text, or its stored JSON.
inline qsizetype textUnits(const TextTask& task) {
    return task.text.size();
}
inline qsizetype textUnits(const RawTextTask& task) {
    return task.data.size();
}

// How many workers ParallelLines uses by default: one per core, none (the
// calling thread formats) on one core, at most eight (past that the thread
// reading the project is the limit).
int parallelLinesWorkers();

// The lines of a text export made and written on worker threads while the
// calling thread reads the next tasks from the project, written in the order
// the tasks came (each batch waits for its turn) and their tallies (warnings,
// counts) added in that order too: the file and the report are what one
// thread makes. Why: spaCy's tokens make its file
// four times the size of the stored rows, and tokenizing and writing them is
// most of the export's time (tests/bench/RESULTS.md, "NLP exports"); the
// reading cannot be split, the formatting can. Tasks go in batches (a few
// hundred, or about a megabyte of text) and at most one batch per worker is
// queued or running, so memory stays flat however big the project.
//
// Tally is what formatting gathers besides bytes: default-constructible, with
// append(const Tally& later) adding a later batch's tally to it.
template <typename Tally, typename Item = TextTask>
class ParallelLines {
public:
    // Appends a task's lines to 'out' and counts in 'tally'; runs on a worker
    // thread, so it may touch nothing but its arguments.
    using Format = std::function<void(const Item& task, QByteArray& out, Tally& tally)>;

    // 'workers' 0 formats on the calling thread.
    ParallelLines(StreamedFile& file, Tally& total, Format format,
                  int workers = parallelLinesWorkers())
        : m_file(file), m_total(total), m_format(std::move(format)), m_workers(workers) {
        if (m_workers > 0)
            m_pool.setMaxThreadCount(m_workers);
    }
    // Waits for the batches still running (an export that stopped early).
    ~ParallelLines() { m_pool.waitForDone(); }
    ParallelLines(const ParallelLines&) = delete;
    ParallelLines& operator=(const ParallelLines&) = delete;

    // Batch limits, settable so a test can make many batches of a few tasks.
    void setBatchLimits(qsizetype tasks, qsizetype textUnits) {
        m_batchTasks = std::max<qsizetype>(1, tasks);
        m_batchUnits = std::max<qsizetype>(1, textUnits);
    }

    // Queues a task (implicitly shared: its text is not copied); waits for
    // the oldest batch when every worker has one. Fails as the file does.
    Status add(const Item& task) {
        m_batch.append(task);
        m_batchTextUnits += textUnits(task);
        if (m_batch.size() < m_batchTasks && m_batchTextUnits < m_batchUnits)
            return Status::success();
        return submit();
    }

    // Formats and writes everything queued.
    Status finish() {
        if (Status s = submit(); !s.ok())
            return s;
        while (!m_running.empty())
            collectOldest();
        return failure();
    }

private:
    struct Done {
        QByteArray bytes;
        Tally tally;
        QList<Item> tasks;  // freed on the calling thread
    };

    Status submit() {
        if (m_batch.isEmpty())
            return Status::success();
        QList<Item> batch = std::exchange(m_batch, QList<Item>());
        m_batchTextUnits = 0;
        if (m_workers == 0) {
            Done done = formatBatch(m_format, std::move(batch), spareBuffer());
            writeInTurn(done);
            recycle(std::move(done));
            return failure();
        }
        while (m_running.size() >= size_t(m_workers))
            collectOldest();
        if (Status s = failure(); !s.ok())
            return s;
        auto promise = std::make_shared<std::promise<Done>>();
        m_running.push_back(promise->get_future());
        const qint64 turn = m_submitted++;
        m_pool.start([this, turn, promise, format = m_format, batch = std::move(batch),
                      bytes = spareBuffer()]() mutable {
            Done done = formatBatch(format, std::move(batch), std::move(bytes));
            // The workers write too, each batch in its turn: writing is a
            // third of a spaCy export's time (the kernel copying 270 MB into
            // the page cache), too much for the thread that reads the rows.
            {
                std::unique_lock<std::mutex> lock(m_turnMutex);
                m_turnChanged.wait(lock, [&] { return m_nextTurn == turn; });
                writeInTurn(done);
                ++m_nextTurn;
            }
            m_turnChanged.notify_all();
            promise->set_value(std::move(done));
        });
        // Take back what is written already, so its memory is reused.
        while (!m_running.empty() &&
               m_running.front().wait_for(std::chrono::seconds(0)) == std::future_status::ready)
            collectOldest();
        return Status::success();
    }

    static Done formatBatch(const Format& format, QList<Item> tasks, QByteArray bytes) {
        Done done;
        done.bytes = std::move(bytes);
        for (const Item& task : std::as_const(tasks))
            format(task, done.bytes, done.tally);
        // The tasks go back to be freed where they were made: freed on a
        // worker, each string would lock the reading thread's malloc arena
        // against it (thousands of futex waits at 100,000 documents).
        done.tasks = std::move(tasks);
        return done;
    }

    // Adds the batch's tally and writes its bytes, unless an earlier write
    // failed. On a worker, called under m_turnMutex in the batch's turn.
    void writeInTurn(const Done& done) {
        if (!m_failed.ok())
            return;
        m_total.append(done.tally);
        m_failed = m_file.write(done.bytes);
    }

    Status failure() {
        std::lock_guard<std::mutex> lock(m_turnMutex);
        return m_failed;
    }

    void collectOldest() {
        Done done = m_running.front().get();
        m_running.pop_front();
        recycle(std::move(done));
    }

    // Keeps a written batch's buffer (its room, not its bytes) for the next
    // batch; its tasks are freed here, on the calling thread.
    void recycle(Done done) {
        done.bytes.truncate(0);
        m_spare.push_back(std::move(done.bytes));
    }

    // A batch's output buffer, one a written batch left when there is one.
    // Why: a fresh megabyte per batch made the workers' malloc arenas grow
    // and shrink (mmap, page faults and TLB shoot-downs across the threads),
    // which took more CPU than the formatting (CoNLL, 100,000 documents).
    QByteArray spareBuffer() {
        if (m_spare.empty())
            return QByteArray();
        QByteArray bytes = std::move(m_spare.back());
        m_spare.pop_back();
        return bytes;
    }

    StreamedFile& m_file;
    Tally& m_total;
    Format m_format;
    int m_workers;
    qsizetype m_batchTasks = 256;
    qsizetype m_batchUnits = qsizetype(1) << 20;
    QList<Item> m_batch;
    qsizetype m_batchTextUnits = 0;
    std::deque<std::future<Done>> m_running;
    std::vector<QByteArray> m_spare;  // touched by the calling thread only
    qint64 m_submitted = 0;           // batches handed to the workers
    // The write turns: batch n writes when m_nextTurn is n. m_total, m_file
    // and m_failed are touched under m_turnMutex while workers run.
    std::mutex m_turnMutex;
    std::condition_variable m_turnChanged;
    qint64 m_nextTurn = 0;
    Status m_failed = Status::success();
    QThreadPool m_pool;  // last: destroyed (and waited for) first
};

}  // namespace postil::textexport

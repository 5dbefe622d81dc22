// The quality dashboard's data (core/quality/dashboarddata) for a large
// project: TASKS text tasks (default 50,000) answered by three annotators
// (three categorical questions, two or three spans, an active time each),
// read on a read-only connection as the studio's loader reads it. Against
// two baselines from the same run over the same rows: a plain SELECT count
// of the answer rows, and a SELECT that reads every answer's result bytes
// (what any reader of the answers pays at least); and against
// computeAgreement alone (the same pass without the dashboard's visitor), so
// the dashboard's own cost shows apart.
//
//   bench_dashboard [TASKS] [--project FILE] [--keep]

#include <QCoreApplication>
#include <QJsonArray>
#include <algorithm>

#include "benchsupport.h"
#include "quality/agreementreport.h"
#include "quality/dashboarddata.h"

using namespace postil;
using namespace postil::bench;

namespace {

constexpr qint64 kDefaultDashboardTasks = 50000;
const QStringList kAnnotators{QStringLiteral("alice"), QStringLiteral("bob"),
                              QStringLiteral("carol")};

Status makeDashboardProject(const QString& path, qint64 n) {
    Schema schema;
    Question sentiment;
    sentiment.name = QStringLiteral("sentiment");
    sentiment.options = {QStringLiteral("positive"), QStringLiteral("neutral"),
                         QStringLiteral("negative")};
    Question quality;
    quality.name = QStringLiteral("quality");
    quality.type = Question::Type::Rating;
    Question toxic;
    toxic.name = QStringLiteral("toxic");
    toxic.type = Question::Type::Flag;
    schema.questions << sentiment << quality << toxic;
    for (const char* name : {"PER", "ORG", "LOC"}) {
        Label label;
        label.name = QString::fromLatin1(name);
        label.color = QStringLiteral("#336699");
        label.kinds = {TaskKind::Text};
        schema.labels << label;
    }
    Project::CreateOptions options;
    options.kind = TaskKind::Text;
    options.schema = schema;
    const QStringList sentiments = sentiment.options;
    return fillProject(path, options, n, [&sentiments](Project& p, qint64 i) {
        if (Status added = addTextTask(p, i); !added.ok())
            return added;
        quint64 state = quint64(i) * 0x9E3779B97F4A7C15ULL + 7;
        auto next = [&state](int below) {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            return int((state * 0x2545F4914F6CDD1DULL >> 33) % quint64(below));
        };
        const int topic = next(3);
        for (int k = 0; k < kAnnotators.size(); ++k) {
            Annotation a;
            a.taskUid = taskUid(i);
            a.annotator = kAnnotators.at(k);
            a.status = AnnotationStatus::Submitted;
            QJsonArray spans{QJsonObject{{QStringLiteral("label"), QStringLiteral("PER")},
                                         {QStringLiteral("start"), 0},
                                         {QStringLiteral("end"), 4 + next(2)}},
                             QJsonObject{{QStringLiteral("label"), QStringLiteral("ORG")},
                                         {QStringLiteral("start"), 10},
                                         {QStringLiteral("end"), 18}}};
            if (next(2) == 0)
                spans.append(QJsonObject{{QStringLiteral("label"), QStringLiteral("LOC")},
                                         {QStringLiteral("start"), 30},
                                         {QStringLiteral("end"), 36}});
            a.result = QJsonObject{{QStringLiteral("answers"),
                                    QJsonObject{{QStringLiteral("sentiment"),
                                                 sentiments.at(next(4) == 0 ? next(3) : topic)},
                                                {QStringLiteral("quality"), 1 + next(5)},
                                                {QStringLiteral("toxic"), next(10) == 0}}},
                                   {QStringLiteral("spans"), spans},
                                   {QStringLiteral("active_ms"), 2000 + next(60000)}};
            if (Status s = p.saveAnnotation(a); !s.ok())
                return s;
        }
        return Status::success();
    });
}

// The median of three runs of `work`, in ms.
template <typename Work>
double medianMs(Work work) {
    std::vector<double> times;
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer timer;
        timer.start();
        if (!work())
            return -1;
        times.push_back(elapsedMs(timer));
    }
    std::sort(times.begin(), times.end());
    return times[1];
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    Args args;
    QTemporaryDir dir;
    if (const int code = startBench(app, args, dir))
        return code;
    if (args.tasks == kDefaultTasks)
        args.tasks = kDefaultDashboardTasks;
    QString path = args.project;
    if (path.isEmpty()) {
        path = dir.filePath(QStringLiteral("dashboard.postil"));
        note(QStringLiteral("bench_dashboard: making %1 tasks x 3 annotators").arg(args.tasks));
        if (Status made = makeDashboardProject(path, args.tasks); !made.ok()) {
            note(QStringLiteral("bench_dashboard: %1").arg(made.error()));
            return 1;
        }
    }
    auto project = Project::openForReading(path);
    if (!project.ok()) {
        note(QStringLiteral("bench_dashboard: %1").arg(project.error()));
        return 1;
    }
    Project& p = **project;
    const QString rows = QStringLiteral(
        "FROM tasks t JOIN annotations a ON a.task_uid = t.uid WHERE a.deleted = 0 AND "
        "a.status = 'submitted' AND substr(a.annotator, 1, 6) <> 'model:'");
    qint64 answers = 0;
    const double countMs = medianMs([&] {
        auto n = p.database().queryInt(QStringLiteral("SELECT count(*) ") + rows);
        answers = n.ok() ? *n : -1;
        return n.ok();
    });
    const double readMs = medianMs([&] {
        auto n = p.database().queryInt(QStringLiteral("SELECT sum(length(a.result)) ") + rows);
        return n.ok();
    });
    const double agreementMs =
        medianMs([&] { return quality::computeAgreement(p, quality::AgreementOptions()).ok(); });
    qint64 matrices = 0;
    const double dashboardMs = medianMs([&] {
        auto data = quality::buildDashboardData(p, quality::DashboardOptions());
        if (data.ok())
            matrices = data->matrices.size();
        return data.ok();
    });
    if (countMs < 0 || readMs < 0 || agreementMs < 0 || dashboardMs < 0) {
        note(QStringLiteral("bench_dashboard: a read failed"));
        return 1;
    }
    // The budget: the dashboard adds at most half of the agreement's own time.
    const double overAgreement = dashboardMs / agreementMs;
    JsonLine(QStringLiteral("dashboard"))
        .add(QStringLiteral("tasks"), args.tasks)
        .add(QStringLiteral("answers"), answers)
        .add(QStringLiteral("matrices"), matrices)
        .add(QStringLiteral("count_ms"), countMs, 1)
        .add(QStringLiteral("read_results_ms"), readMs, 1)
        .add(QStringLiteral("agreement_ms"), agreementMs, 1)
        .add(QStringLiteral("dashboard_ms"), dashboardMs, 1)
        .add(QStringLiteral("dashboard_per_answer_us"), dashboardMs * 1000.0 / double(answers), 2)
        .add(QStringLiteral("ratio_to_count"), dashboardMs / countMs, 1)
        .add(QStringLiteral("ratio_to_read_results"), dashboardMs / readMs, 1)
        .add(QStringLiteral("ratio_to_agreement"), overAgreement, 2)
        .add(QStringLiteral("within_budget"), overAgreement <= 1.5)
        .print();
    return 0;
}

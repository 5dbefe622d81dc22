// postil-cli agreement end to end: the real binary on a real project, the
// JSON in the shape the issue fixes (scripts and papers rely on it), the
// same figures as core/quality computes, the readable tables, and the exit
// status contract of docs/architecture.md §6.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "agreementfixture.h"
#include "clirun.h"
#include "quality/agreementreport.h"
#include "testsupport.h"

using namespace postil;

namespace {

QStringList sortedKeys(const QJsonObject& object) {
    QStringList keys = object.keys();
    keys.removeAll(QStringLiteral("undefined"));
    std::sort(keys.begin(), keys.end());
    return keys;
}

// Every key of `required` is in `object` (extra keys are allowed: the shape
// may grow, never shrink).
void requireKeys(const QJsonObject& object, const QStringList& required, const QString& where) {
    for (const QString& key : required)
        QVERIFY2(object.contains(key),
                 qPrintable(where + QStringLiteral(": no \"") + key + QStringLiteral("\"")));
}

}  // namespace

class TestAgreementCli : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_project;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        m_project = m_dir.filePath(QStringLiteral("three.postil"));
        auto project = makeProject(m_project, agreementtest::kSchema);
        agreementtest::Fixture(*project).build();
    }

    void jsonKeepsTheDocumentedShape() {
        const e2e::CliRun run = e2e::runCli(
            m_dir.path(), {QStringLiteral("agreement"), m_project, QStringLiteral("--json")});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QJsonParseError error;
        const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QVERIFY(!run.out.contains(QLatin1String("nan"), Qt::CaseInsensitive));
        requireKeys(report,
                    {QStringLiteral("questions"), QStringLiteral("boxes"), QStringLiteral("spans"),
                     QStringLiteral("segments"), QStringLiteral("comparisons")},
                    QStringLiteral("report"));

        const QJsonObject questions = report.value(QLatin1String("questions")).toObject();
        QVERIFY(questions.contains(QLatin1String("topic")));
        for (auto it = questions.begin(); it != questions.end(); ++it) {
            const QJsonObject q = it.value().toObject();
            requireKeys(q,
                        {QStringLiteral("items"), QStringLiteral("annotators"),
                         QStringLiteral("percent_agreement"), QStringLiteral("fleiss_kappa"),
                         QStringLiteral("krippendorff_alpha"), QStringLiteral("pairs")},
                        it.key());
            QVERIFY(q.value(QLatin1String("items")).isDouble());
            QCOMPARE(q.value(QLatin1String("annotators")).toArray().size(), 3);
            QCOMPARE(sortedKeys(q.value(QLatin1String("krippendorff_alpha")).toObject()),
                     (QStringList{QStringLiteral("interval"), QStringLiteral("nominal"),
                                  QStringLiteral("ordinal")}));
            for (const QJsonValue& pair : q.value(QLatin1String("pairs")).toArray())
                requireKeys(pair.toObject(),
                            {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("items"),
                             QStringLiteral("cohen_kappa"), QStringLiteral("cohen_kappa_linear"),
                             QStringLiteral("cohen_kappa_quadratic")},
                            it.key() + QStringLiteral(" pair"));
        }
        const QJsonObject boxes = report.value(QLatin1String("boxes")).toObject();
        QCOMPARE(boxes.value(QLatin1String("iou_threshold")).toDouble(), 0.5);
        QCOMPARE(boxes.value(QLatin1String("pairs")).toArray().size(), 3);
        for (const QJsonValue& pair : boxes.value(QLatin1String("pairs")).toArray())
            requireKeys(pair.toObject(),
                        {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("images"),
                         QStringLiteral("precision"), QStringLiteral("recall"),
                         QStringLiteral("f1"), QStringLiteral("mean_iou")},
                        QStringLiteral("boxes pair"));

        // The same figures as the library gives on the same file.
        auto project = Project::open(m_project);
        QVERIFY2(project.ok(), qPrintable(project.error()));
        auto direct = quality::computeAgreement(**project, quality::AgreementOptions());
        QVERIFY2(direct.ok(), qPrintable(direct.error()));
        QCOMPARE(report, *direct);
    }

    void optionsNarrowAndChange() {
        e2e::CliRun run = e2e::runCli(
            m_dir.path(),
            {QStringLiteral("agreement"), m_project, QStringLiteral("--json"),
             QStringLiteral("--question"), QStringLiteral("tags"), QStringLiteral("--iou"),
             QStringLiteral("0.9"), QStringLiteral("--tolerance"), QStringLiteral("50")});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(sortedKeys(report.value(QLatin1String("questions")).toObject()),
                 (QStringList{QStringLiteral("tags[a]"), QStringLiteral("tags[b]"),
                              QStringLiteral("tags[c]")}));
        QCOMPARE(report[QLatin1String("boxes")][QLatin1String("iou_threshold")].toDouble(), 0.9);
        QCOMPARE(report[QLatin1String("segments")][QLatin1String("tolerance_ms")].toInteger(), 50);

        run = e2e::runCli(m_dir.path(), {QStringLiteral("agreement"), m_project,
                                         QStringLiteral("--question"), QStringLiteral("nope")});
        QCOMPARE(run.code, 1);
        QVERIFY2(run.err.contains(QLatin1String("'nope'")) && run.err.contains(m_project),
                 qPrintable(run.err));
        run = e2e::runCli(m_dir.path(), {QStringLiteral("agreement"), m_project,
                                         QStringLiteral("--iou"), QStringLiteral("high")});
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains(QLatin1String("--iou")), qPrintable(run.err));
        run = e2e::runCli(m_dir.path(), {QStringLiteral("agreement"),
                                         m_dir.filePath(QStringLiteral("missing.postil"))});
        QCOMPARE(run.code, 1);
    }

    void tablesForPeople() {
        const e2e::CliRun run = e2e::runCli(m_dir.path(), {QStringLiteral("agreement"), m_project});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        for (const char* expected :
             {"question topic", "question quality", "question tags[a]", "Fleiss' kappa",
              "Krippendorff's alpha", "alice", "carol", "boxes  (IoU >= 0.5", "spans", "segments",
              "comparison verdict (7-point)", "Kendall tau", "gold  (",
              "n/a weighted kappa, ordinal and interval alpha: not an ordered scale"})
            QVERIFY2(
                run.out.contains(QLatin1String(expected)),
                qPrintable(
                    QStringLiteral("no \"%1\" in:\n%2").arg(QLatin1String(expected), run.out)));
        QVERIFY(!run.out.contains(QLatin1String("model:gpt")));
        QVERIFY(!run.out.contains(QLatin1String("nan")));
    }

    // One annotator only: every agreement figure is "not defined", said why.
    void oneAnnotatorIsNotAnError() {
        const QString path = m_dir.filePath(QStringLiteral("solo.postil"));
        {
            auto project = makeProject(path, agreementtest::kSchema);
            addTask(*project, QStringLiteral("t1"), TaskKind::Text,
                    {{QStringLiteral("text"), QStringLiteral("one")}});
            addAnnotation(*project, QStringLiteral("t1"), QStringLiteral("solo"),
                          AnnotationStatus::Submitted,
                          jsonObject(R"({"answers": {"topic": "cat", "quality": 3}})"));
        }
        e2e::CliRun run = e2e::runCli(
            m_dir.path(), {QStringLiteral("agreement"), path, QStringLiteral("--json")});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        const QJsonObject topic =
            QJsonDocument::fromJson(
                run.out.toUtf8())[QLatin1String("questions")][QLatin1String("topic")]
                .toObject();
        QVERIFY(topic.value(QLatin1String("fleiss_kappa")).isNull());
        QVERIFY(
            topic[QLatin1String("undefined")][QLatin1String("fleiss_kappa")].toString().contains(
                QLatin1String("fewer than two annotators")));
        QVERIFY(topic[QLatin1String("krippendorff_alpha")][QLatin1String("nominal")].isNull());
        QCOMPARE(topic.value(QLatin1String("pairs")).toArray().size(), 0);
        run = e2e::runCli(m_dir.path(), {QStringLiteral("agreement"), path});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QLatin1String("n/a fleiss_kappa: fewer than two annotators")),
                 qPrintable(run.out));
    }
};

QTEST_GUILESS_MAIN(TestAgreementCli)
#include "tst_agreementcli.moc"

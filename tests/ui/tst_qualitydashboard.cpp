// View ▸ Quality Dashboard, driven as a user drives it: a real project with
// three annotators' answers of every kind, the dashboard opened with its key
// from the studio's window, its matrices checked against core/quality's
// agreement for that project, a heat-map cell clicked and its tasks checked
// against the project file, one of them opened in the studio.

#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QLabel>
#include <QSet>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include "../quality/agreementfixture.h"
#include "dashboard/heatmapview.h"
#include "dashboard/qualitydashboard.h"
#include "document/taskdocument.h"
#include "model/project.h"
#include "quality/agreementreport.h"
#include "quality/dashboardcsv.h"
#include "shell/mainwindow.h"
#include "shell/projectpanel.h"
#include "shell/taskworkspace.h"
#include "testsupport.h"
#include "widgettestsupport.h"

using namespace postil;

namespace {

// The pair of `a` and `b` in a report's list of pairs.
QJsonObject pairOf(const QJsonArray& pairs, const QString& a, const QString& b) {
    for (const QJsonValue& p : pairs)
        if (p[QLatin1String("a")].toString() == a && p[QLatin1String("b")].toString() == b)
            return p.toObject();
    return {};
}

// The figure a matrix of `key` shows for the pair, as the report has it.
QJsonValue reportFigure(const QJsonObject& report, const QString& key, const QString& a,
                        const QString& b, qint64* items) {
    if (key.startsWith(QLatin1String("question:"))) {
        const QJsonObject pair = pairOf(
            report[QLatin1String("questions")][key.mid(9)][QLatin1String("pairs")].toArray(), a, b);
        *items = pair[QLatin1String("items")].toInteger();
        return pair[QLatin1String("cohen_kappa")];
    }
    const QJsonObject pair = pairOf(report[key][QLatin1String("pairs")].toArray(), a, b);
    if (key == QLatin1String("boxes")) {
        *items = pair[QLatin1String("images")].toInteger();
        return pair[QLatin1String("f1")];
    }
    if (key == QLatin1String("spans")) {
        *items = pair[QLatin1String("texts")].toInteger();
        return pair[QLatin1String("exact")][QLatin1String("f1")];
    }
    if (key == QLatin1String("segments")) {
        *items = pair[QLatin1String("audios")].toInteger();
        return pair[QLatin1String("boundaries")][QLatin1String("f1")];
    }
    *items = pair[QLatin1String("tasks")].toInteger();
    return pair[QLatin1String("agreement_with_ties")];
}

}  // namespace

class TestQualityDashboard : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        isolateSettings(m_settingsDir.path());
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("three.postil"));
        auto project = makeProject(m_path, agreementtest::kSchema);
        agreementtest::Fixture fixture(*project);
        fixture.build();
        QVERIFY(!QTest::currentTestFailed());
        auto report = quality::computeAgreement(*project, quality::AgreementOptions());
        QVERIFY2(report.ok(), qPrintable(report.error()));
        m_report = *report;
    }

    void theMatrixIsTheAgreementAndACellOpensItsTasks() {
        MainWindow window;
        QVERIFY(window.openProject(m_path));
        QVERIFY(showActive(&window, QSize(1366, 768)));
        QTest::keyClick(&window, Qt::Key_Q, Qt::ControlModifier | Qt::ShiftModifier);
        auto* dashboard = window.findChild<QualityDashboard*>();
        QVERIFY(dashboard);
        QTRY_VERIFY_WITH_TIMEOUT(dashboard->data(), 20000);
        QVERIFY(dashboard->isVisible());
        QVERIFY(!dashboard->isLoading());
        QVERIFY(dashboard->findChild<QLabel*>(QStringLiteral("dashboardSummary"))
                    ->text()
                    .contains(QLatin1String("alice, bob, carol")));

        // Every measure the CLI reports, each cell its figure and item count.
        auto* measure = dashboard->findChild<QComboBox*>(QStringLiteral("measure"));
        QCOMPARE(measure->count(), 10);
        HeatMapView* map = dashboard->heatMap();
        int cells = 0;
        for (int i = 0; i < measure->count(); ++i) {
            measure->setCurrentIndex(i);
            const quality::AgreementMatrix& m = map->matrix();
            QCOMPARE(m.key, measure->itemData(i).toString());
            QCOMPARE(m.annotators, agreementtest::kAnnotators);
            for (int r = 0; r < 3; ++r)
                for (int c = 0; c < 3; ++c) {
                    if (r == c)
                        continue;
                    qint64 items = 0;
                    const QJsonValue expected =
                        reportFigure(m_report, m.key, m.annotators.at(std::min(r, c)),
                                     m.annotators.at(std::max(r, c)), &items);
                    QVERIFY2(expected.isDouble(), qPrintable(m.key));
                    QVERIFY(m.cell(r, c).value.has_value());
                    QCOMPARE(*m.cell(r, c).value, expected.toDouble());
                    QCOMPARE(m.cell(r, c).items, items);
                    ++cells;
                }
        }
        QCOMPARE(cells, 60);

        // Click the topic cell of bob (row 1) and carol (column 2).
        QVERIFY(dashboard->showMeasure(QStringLiteral("question:topic")));
        QTest::mouseClick(map, Qt::LeftButton, {}, map->cellRect(1, 2).center());
        QCOMPARE(map->currentRow(), 1);
        QCOMPARE(map->currentColumn(), 2);
        // The tasks where both gave topic an answer, read from the file apart.
        QList<qint64> expected;
        {
            auto project = Project::open(m_path);
            QVERIFY(project.ok());
            Statement both = (*project)->database().statement(QStringLiteral(
                "SELECT t.id FROM tasks t WHERE (SELECT count(*) FROM annotations a WHERE "
                "a.task_uid = t.uid AND a.annotator IN ('bob', 'carol') AND a.deleted = 0 AND "
                "a.status = 'submitted' AND json_type(a.result, '$.answers.topic') = 'text' "
                "AND json_extract(a.result, '$.answers.topic') <> '') = 2 ORDER BY t.id"));
            while (both.next())
                expected << both.int64(0);
        }
        qint64 items = 0;
        reportFigure(m_report, QStringLiteral("question:topic"), QStringLiteral("bob"),
                     QStringLiteral("carol"), &items);
        QCOMPARE(qint64(expected.size()), items);
        QTableView* behind = dashboard->behindView();
        QCOMPARE(behind->model()->rowCount(), int(expected.size()));
        for (int row = 0; row < expected.size(); ++row)
            QCOMPARE(behind->model()->index(row, 0).data(Qt::UserRole).toLongLong(),
                     expected.at(row));
        QVERIFY(dashboard->behindTitle()->text().contains(QLatin1String("bob and carol")));
        QVERIFY(!behind->model()->index(0, 2).data().toString().isEmpty());  // the preview

        // The arrow keys and Enter reach the cell of alice and carol.
        map->setFocus();
        QTest::keyClick(map, Qt::Key_Up);
        QTest::keyClick(map, Qt::Key_Return);
        QCOMPARE(map->currentRow(), 0);
        QVERIFY(dashboard->behindTitle()->text().contains(QLatin1String("alice and carol")));

        // Opening the third task listed shows it in the studio and its list.
        QTest::mouseClick(map, Qt::LeftButton, {}, map->cellRect(1, 2).center());
        const qint64 third = expected.at(2);
        behind->setFocus();
        behind->setCurrentIndex(behind->model()->index(2, 0));
        QTest::keyClick(behind, Qt::Key_Return);
        QVERIFY(window.workspace()->document());
        QCOMPARE(window.workspace()->document()->task().id, third);
        QCOMPARE(window.projectPanel()->currentTaskId(), third);

        // A gold row lists that annotator's gold tasks.
        dashboard->tabs()->setCurrentIndex(3);
        QTableWidget* gold = dashboard->goldTable();
        QCOMPARE(gold->rowCount(), 3);
        QTest::mouseClick(gold->viewport(), Qt::LeftButton, {},
                          gold->visualItemRect(gold->item(2, 0)).center());
        QCOMPARE(gold->item(2, 0)->text(), QStringLiteral("carol"));
        const QJsonArray goldPeople =
            m_report[QLatin1String("gold")][QLatin1String("annotators")].toArray();
        QCOMPARE(qint64(behind->model()->rowCount()),
                 goldPeople[2][QLatin1String("tasks")].toInteger());
        QVERIFY(behind->model()->rowCount() > 0);

        // The dashboard goes with its project.
        QPointer<QualityDashboard> alive(dashboard);
        QVERIFY(window.openProject(m_path));
        QVERIFY(!alive);
    }

    // Export: the tables as CSV equal to what core writes, the charts as PNG
    // and SVG that decode, at the export's size, with something drawn.
    void exportsTablesAndCharts() {
        MainWindow window;
        QVERIFY(window.openProject(m_path));
        QVERIFY(showActive(&window, QSize(1366, 768)));
        QTest::keyClick(&window, Qt::Key_Q, Qt::ControlModifier | Qt::ShiftModifier);
        auto* dashboard = window.findChild<QualityDashboard*>();
        QVERIFY(dashboard);
        QTRY_VERIFY_WITH_TIMEOUT(dashboard->data(), 20000);
        QVERIFY(dashboard->showMeasure(QStringLiteral("boxes")));
        QTemporaryDir out;
        // POSTIL_DASHBOARD_KEEP=1 leaves the files for a person to look at.
        if (qEnvironmentVariableIsSet("POSTIL_DASHBOARD_KEEP")) {
            out.setAutoRemove(false);
            qInfo("exported into %s", qPrintable(out.path()));
        }
        QVERIFY(!dashboard->exportTo(out.filePath(QStringLiteral("missing"))).ok());
        const Status written = dashboard->exportTo(out.path());
        QVERIFY2(written.ok(), qPrintable(written.error()));
        QStringList files = QDir(out.path()).entryList(QDir::Files, QDir::Name);
        QStringList expected = QualityDashboard::exportFileNames();
        expected.sort();
        QCOMPARE(files, expected);

        const quality::DashboardData& d = *dashboard->data();
        const QByteArray agreement = readFile(out.filePath(QStringLiteral("agreement.csv")));
        QCOMPARE(agreement, quality::dashboardcsv::agreement(d.matrices));
        QCOMPARE(agreement.count("\r\n"), 1 + 10 * 3);
        // The boxes F1 of alice and bob, as the report has it, in its row.
        qint64 items = 0;
        const double f1 = reportFigure(m_report, QStringLiteral("boxes"), QStringLiteral("alice"),
                                       QStringLiteral("bob"), &items)
                              .toDouble();
        QVERIFY(agreement.contains("boxes,F1 (IoU ≥ 0.5),alice,bob," +
                                   QByteArray::number(f1, 'g', 17) + ',' +
                                   QByteArray::number(items) + ','));
        QVERIFY(readFile(out.filePath(QStringLiteral("gold.csv"))).startsWith("annotator,"));
        QCOMPARE(readFile(out.filePath(QStringLiteral("gold.csv"))).count("\r\n"), 1 + 3);
        QCOMPARE(readFile(out.filePath(QStringLiteral("labels.csv"))),
                 quality::dashboardcsv::labels(d.labels, d.annotators));
        QVERIFY(readFile(out.filePath(QStringLiteral("progress.csv"))).contains(",alice,") ||
                readFile(out.filePath(QStringLiteral("progress.csv"))).contains("\r\nalice,"));

        for (const char* name : {"heatmap", "progress", "labels"}) {
            const QString base = out.filePath(QString::fromLatin1(name));
            QImage png(base + QStringLiteral(".png"));
            QVERIFY2(!png.isNull(), name);
            QVERIFY(png.width() >= 640 && png.height() >= 420);
            // Drawn: more than the white background and a few greys.
            QSet<QRgb> colours;
            for (int y = 0; y < png.height(); y += 7)
                for (int x = 0; x < png.width(); x += 7)
                    colours.insert(png.pixel(x, y));
            QVERIFY2(colours.size() > 8, name);
            const QByteArray svg = readFile(base + QStringLiteral(".svg"));
            QXmlStreamReader xml(svg);
            while (!xml.atEnd())
                xml.readNext();
            QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
            QSvgRenderer renderer(svg);
            QVERIFY2(renderer.isValid(), name);
            QCOMPARE(renderer.viewBox().size(), png.size());
        }
        // The heat map's SVG carries the names and the figure as text.
        const QByteArray heatSvg = readFile(out.filePath(QStringLiteral("heatmap.svg")));
        QVERIFY(heatSvg.contains(">carol<") || heatSvg.contains("carol"));
        QVERIFY(heatSvg.contains(QByteArray::number(f1, 'f', 2)));
    }

    // The read happens on the loader's thread while the studio keeps writing.
    void loadsWhileTheStudioWrites() {
        MainWindow window;
        QVERIFY(window.openProject(m_path));
        QVERIFY(showActive(&window, QSize(1366, 768)));
        // The studio holds its write lock open while the dashboard reads.
        Transaction writing(window.project()->database());
        QVERIFY(writing.begin().ok());
        addAnnotation(*window.project(), QStringLiteral("text-1"), QStringLiteral("dave"),
                      AnnotationStatus::Submitted, {});
        QTest::keyClick(&window, Qt::Key_Q, Qt::ControlModifier | Qt::ShiftModifier);
        auto* dashboard = window.findChild<QualityDashboard*>();
        QVERIFY(dashboard);
        QSignalSpy failed(dashboard, &QualityDashboard::loadFailed);
        QTRY_VERIFY_WITH_TIMEOUT(dashboard->data(), 20000);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(dashboard->data()->annotators, agreementtest::kAnnotators);  // not dave yet
        writing.rollback();
    }

private:
    QTemporaryDir m_settingsDir;
    QTemporaryDir m_dir;
    QString m_path;
    QJsonObject m_report;
};

QTEST_MAIN(TestQualityDashboard)
#include "tst_qualitydashboard.moc"

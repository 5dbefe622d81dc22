#include "dashboard/dashboardcharts.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QValueAxis>

namespace postil::dashboardcharts {

namespace {

// Lines and bars of one annotator share a colour in both charts.
QColor annotatorColour(int index) {
    static const QColor colours[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e),
                                     QColor(0x2c, 0xa0, 0x2c), QColor(0xd6, 0x27, 0x28),
                                     QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                                     QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f)};
    return colours[index % std::size(colours)];
}

QChart* newChart(const QString& title) {
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(6, 6, 6, 6));
    return chart;
}

}  // namespace

QChart* progressChart(const quality::DashboardData& data) {
    const qint64 bucket = quality::progressBucketMs(data.answeredAt);
    QChart* chart = newChart(bucket < 86400000 ? QObject::tr("Answers submitted, by hour")
                                               : QObject::tr("Answers submitted, by day"));
    auto* time = new QDateTimeAxis;
    time->setFormat(bucket < 86400000 ? QStringLiteral("MMM d HH:mm")
                                      : QStringLiteral("yyyy-MM-dd"));
    time->setTitleText(QObject::tr("time (local)"));
    auto* count = new QValueAxis;
    count->setLabelFormat(QStringLiteral("%d"));
    count->setTitleText(QObject::tr("answers done"));
    chart->addAxis(time, Qt::AlignBottom);
    chart->addAxis(count, Qt::AlignLeft);
    qint64 first = std::numeric_limits<qint64>::max();
    qint64 last = std::numeric_limits<qint64>::min();
    qint64 most = 1;
    int index = 0;
    for (auto it = data.answeredAt.begin(); it != data.answeredAt.end(); ++it, ++index) {
        auto* series = new QLineSeries;
        series->setName(it.key());
        series->setColor(annotatorColour(index));
        series->setPointsVisible(true);
        for (const quality::ProgressPoint& p : quality::cumulativeProgress(it.value(), bucket)) {
            series->append(double(p.atMs), double(p.done));
            first = std::min(first, p.atMs);
            last = std::max(last, p.atMs);
            most = std::max(most, p.done);
        }
        chart->addSeries(series);
        series->attachAxis(time);
        series->attachAxis(count);
    }
    if (first <= last) {
        time->setRange(QDateTime::fromMSecsSinceEpoch(first), QDateTime::fromMSecsSinceEpoch(last));
        time->setTickCount(std::clamp(int((last - first) / bucket) + 1, 2, 7));
    }
    count->setRange(0, double(most));
    count->applyNiceNumbers();
    return chart;
}

QChart* labelChart(const quality::DashboardData& data, int group) {
    if (group < 0 || group >= data.labels.size())
        return newChart(QObject::tr("No labels or answers yet"));
    const quality::LabelDistribution& d = data.labels.at(group);
    QChart* chart = newChart(QObject::tr("%1: how often each annotator used each").arg(d.group));
    auto* series = new QBarSeries;
    qint64 most = 1;
    int index = 0;
    for (const QString& annotator : data.annotators) {
        auto* set = new QBarSet(annotator);
        set->setColor(annotatorColour(index++));
        const QList<qint64> counts = d.counts.value(annotator);
        for (qsizetype v = 0; v < d.values.size(); ++v) {
            set->append(double(counts.value(v)));
            most = std::max(most, counts.value(v));
        }
        series->append(set);
    }
    chart->addSeries(series);
    auto* values = new QBarCategoryAxis;
    values->append(d.values);
    auto* count = new QValueAxis;
    count->setLabelFormat(QStringLiteral("%d"));
    count->setRange(0, double(most));
    count->applyNiceNumbers();
    chart->addAxis(values, Qt::AlignBottom);
    chart->addAxis(count, Qt::AlignLeft);
    series->attachAxis(values);
    series->attachAxis(count);
    return chart;
}

}  // namespace postil::dashboardcharts

// The task list's cell cache (widgets/CachedCellDelegate): a cell is painted
// once and then copied while it looks the same; it looks like the plain
// delegate's cell; selecting a row, or changing a cell's text or colour,
// paints that cell afresh.
#include <QImage>
#include <QStandardItemModel>
#include <QTableView>
#include <QtTest>

#include "widgets/cachedcelldelegate.h"
#include "widgettestsupport.h"

using namespace postil;

class TestCachedCellDelegate : public QObject {
    Q_OBJECT

    static void fill(QStandardItemModel& model) {
        model.setColumnCount(2);
        for (int row = 0; row < 12; ++row) {
            auto* status =
                new QStandardItem(row % 3 ? QStringLiteral("New") : QStringLiteral("✦ Draft"));
            status->setData(QColor::fromHsv(row * 30, 200, 220), Qt::DecorationRole);
            auto* text = new QStandardItem(QStringLiteral("text · order %1 arrived broken 😡 👍🏽 "
                                                          "— كتاب 日本語 and more words "
                                                          "than the column can hold")
                                               .arg(row));
            model.appendRow({status, text});
        }
    }

    static void setUp(QTableView& view, QStandardItemModel& model) {
        view.setModel(&model);
        view.setAlternatingRowColors(true);
        view.setSelectionBehavior(QAbstractItemView::SelectRows);
        view.setTextElideMode(Qt::ElideRight);
        view.resize(360, 300);
    }

    // How many pixels differ by more than a rounding step in any channel.
    static int differing(const QImage& a, const QImage& b) {
        int count = 0;
        for (int y = 0; y < a.height(); ++y)
            for (int x = 0; x < a.width(); ++x) {
                const QRgb p = a.pixel(x, y);
                const QRgb q = b.pixel(x, y);
                if (std::abs(qRed(p) - qRed(q)) > 24 || std::abs(qGreen(p) - qGreen(q)) > 24 ||
                    std::abs(qBlue(p) - qBlue(q)) > 24)
                    ++count;
            }
        return count;
    }

private Q_SLOTS:
    void paintsLikeThePlainDelegateAndOnlyOnce() {
        QStandardItemModel model;
        fill(model);
        QTableView plain;
        setUp(plain, model);
        QTableView cached;
        setUp(cached, model);
        auto* delegate = new CachedCellDelegate(&cached);
        cached.setItemDelegate(delegate);
        QVERIFY(showActive(&plain, plain.size()));
        QVERIFY(showActive(&cached, cached.size()));

        const QImage expected = plain.viewport()->grab().toImage();
        const QImage first = cached.viewport()->grab().toImage();
        QCOMPARE(first.size(), expected.size());
        QVERIFY2(differing(first, expected) < first.width() * first.height() / 200,
                 qPrintable(QString::number(differing(first, expected))));
        const int cells = delegate->freshPaints();
        QVERIFY(cells >= 2 * 8);  // every visible cell once

        // The same picture again: copied, none painted afresh.
        const QImage again = cached.viewport()->grab().toImage();
        QCOMPARE(delegate->freshPaints(), cells);
        QCOMPARE(again, first);

        // A row selected: its two cells (and only they) change.
        cached.selectRow(1);
        cached.viewport()->grab();
        QCOMPARE(delegate->freshPaints(), cells + 2);
        plain.selectRow(1);
        QVERIFY(differing(cached.viewport()->grab().toImage(), plain.viewport()->grab().toImage()) <
                first.width() * first.height() / 200);

        // New text and a new colour in row 5 are painted, not the old copies.
        model.item(5, 1)->setText(QStringLiteral("changed"));
        model.item(5, 0)->setData(QColor(Qt::black), Qt::DecorationRole);
        const QImage changed = cached.viewport()->grab().toImage();
        QCOMPARE(delegate->freshPaints(), cells + 4);
        QVERIFY(differing(changed, plain.viewport()->grab().toImage()) <
                first.width() * first.height() / 200);
        QVERIFY(changed != again);
    }
};

QTEST_MAIN(TestCachedCellDelegate)
#include "tst_cachedcelldelegate.moc"

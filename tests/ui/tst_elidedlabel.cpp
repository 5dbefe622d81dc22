#include <QHBoxLayout>
#include <QtTest>

#include "widgets/elidedlabel.h"

using namespace postil;

namespace {

QImage pixels(QWidget* widget) {
    return widget->grab().toImage().convertToFormat(QImage::Format_RGB32);
}

}  // namespace

class TestElidedLabel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // A long note neither widens its strip nor loses its words: the label
    // keeps the whole text (and its tooltip) and paints it cut with "…".
    void longNoteKeepsTheStripWidth() {
        QWidget strip;
        auto* layout = new QHBoxLayout(&strip);
        auto* note = new ElidedLabel(&strip);
        layout->addWidget(note);
        strip.resize(200, 30);
        strip.show();
        QVERIFY(QTest::qWaitForWindowExposed(&strip));
        const QString text = QStringLiteral(
            "3 proposed spans from ner-model (Shift+A copies them all, E the one at the caret)");
        note->setNote(text);
        QCoreApplication::processEvents();
        QCOMPARE(strip.width(), 200);
        QCOMPARE(note->text(), text);
        QCOMPARE(note->toolTip(), text);
        QVERIFY(note->fontMetrics().horizontalAdvance(text) > note->width());
        QCOMPARE(note->minimumSizeHint().width(), 0);
        QVERIFY(strip.minimumSizeHint().width() < 100);
        // What it paints is the elided text, not the start of the whole one
        // clipped: the same pixels as a plain label given the elided string.
        const QString elided =
            note->fontMetrics().elidedText(text, Qt::ElideRight, note->contentsRect().width());
        QVERIFY(elided.endsWith(QChar(0x2026)));
        QLabel plain;
        plain.setTextFormat(Qt::PlainText);
        plain.setText(elided);
        plain.setFixedSize(note->size());
        QCOMPARE(pixels(note), pixels(&plain));
        // A short note is painted as it is.
        note->setNote(QStringLiteral("Saved"));
        plain.setText(QStringLiteral("Saved"));
        QCOMPARE(pixels(note), pixels(&plain));
    }
};

QTEST_MAIN(TestElidedLabel)
#include "tst_elidedlabel.moc"

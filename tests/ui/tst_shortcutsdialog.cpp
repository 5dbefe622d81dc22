#include <QDialogButtonBox>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTreeWidget>
#include <QtTest>

#include "keys/keymap.h"
#include "shell/helpsheet.h"
#include "shell/shortcutsdialog.h"
#include "widgettestsupport.h"

using namespace postil;

class TestShortcutsDialog : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_settingsDir;  // keys this run binds stay out of other tests' way

    static QPushButton* button(QDialog& dialog, QDialogButtonBox::StandardButton which) {
        return dialog.findChild<QDialogButtonBox*>()->button(which);
    }
    static QTreeWidgetItem* rowOf(QTreeWidget* tree, const QString& text) {
        for (int g = 0; g < tree->topLevelItemCount(); ++g)
            for (int i = 0; i < tree->topLevelItem(g)->childCount(); ++i)
                if (tree->topLevelItem(g)->child(i)->text(1) == text)
                    return tree->topLevelItem(g)->child(i);
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase() { isolateSettings(m_settingsDir.path()); }
    void cleanup() { Keymap::instance().resetToDefaults(); }

    void rebindingChangesTheKeymap() {
        ShortcutsDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* tree = dialog.findChild<QTreeWidget*>(QStringLiteral("bindings"));
        int rows = 0;
        for (int g = 0; g < tree->topLevelItemCount(); ++g)
            rows += tree->topLevelItem(g)->childCount();
        QCOMPARE(rows, int(Keymap::instance().bindings().size()));

        QVERIFY(dialog.selectBinding(QStringLiteral("task.skip")));
        QKeySequenceEdit* edit = dialog.keyEdit();
        edit->setFocus();
        QTest::keyClick(edit, Qt::Key_K, Qt::ControlModifier | Qt::ShiftModifier);
        // One chord is the whole shortcut: the edit does not wait for more.
        QCOMPARE(edit->keySequence(), QKeySequence(QStringLiteral("Ctrl+Shift+K")));
        QTest::mouseClick(button(dialog, QDialogButtonBox::Ok), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        QCOMPARE(Keymap::instance().key(QStringLiteral("task.skip")),
                 QKeySequence(QStringLiteral("Ctrl+Shift+K")));
        QSettings settings(QStringLiteral("Postil"), QStringLiteral("Postil"));
        QCOMPARE(settings.value(QStringLiteral("shortcuts/task.skip")).toString(),
                 QStringLiteral("Ctrl+Shift+K"));
    }

    void collisionsBlockApplyAndCancelRestores() {
        ShortcutsDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.collisions().isEmpty());
        QVERIFY(dialog.selectBinding(QStringLiteral("task.skip")));
        dialog.keyEdit()->setFocus();
        QTest::keyClick(dialog.keyEdit(), Qt::Key_Z, Qt::ControlModifier);  // Undo's key

        QCOMPARE(dialog.collisions(), Keymap::instance().collisions());
        QCOMPARE(dialog.collisions().size(), 1);
        QVERIFY(!button(dialog, QDialogButtonBox::Ok)->isEnabled());
        auto* label = dialog.findChild<QLabel*>(QStringLiteral("collisions"));
        QVERIFY(label->isVisible());
        QVERIFY2(label->text().contains(QStringLiteral("Undo")), qPrintable(label->text()));
        dialog.accept();  // refused
        QVERIFY(dialog.isVisible());

        // Fixing the clash makes OK available again.
        QVERIFY(dialog.selectBinding(QStringLiteral("edit.undo")));
        dialog.keyEdit()->setFocus();
        QTest::keyClick(dialog.keyEdit(), Qt::Key_U, Qt::ControlModifier | Qt::AltModifier);
        QVERIFY(dialog.collisions().isEmpty());
        QVERIFY(button(dialog, QDialogButtonBox::Ok)->isEnabled());
        QVERIFY(!label->isVisible());

        // Cancel puts every key back.
        QTest::mouseClick(button(dialog, QDialogButtonBox::Cancel), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QCOMPARE(Keymap::instance().key(QStringLiteral("task.skip")),
                 QKeySequence(QStringLiteral("Ctrl+Shift+Return")));
        QCOMPARE(Keymap::instance().key(QStringLiteral("edit.undo")),
                 QKeySequence(QStringLiteral("Ctrl+Z")));
    }

    void resetAndClear() {
        Keymap::instance().setKey(QStringLiteral("view.filter"),
                                  QKeySequence(QStringLiteral("Ctrl+Alt+F")));
        ShortcutsDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.selectBinding(QStringLiteral("task.next")));
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("clearKey")),
                          Qt::LeftButton);
        QVERIFY(Keymap::instance().key(QStringLiteral("task.next")).isEmpty());
        QTest::mouseClick(button(dialog, QDialogButtonBox::RestoreDefaults), Qt::LeftButton);
        QCOMPARE(Keymap::instance().key(QStringLiteral("task.next")),
                 QKeySequence(QStringLiteral("Alt+Right")));
        QCOMPARE(Keymap::instance().key(QStringLiteral("view.filter")),
                 QKeySequence(QStringLiteral("Ctrl+F")));
        QTest::mouseClick(button(dialog, QDialogButtonBox::Ok), Qt::LeftButton);
        QCOMPARE(Keymap::instance().key(QStringLiteral("view.filter")),
                 QKeySequence(QStringLiteral("Ctrl+F")));
    }

    void helpSheetShowsWhatIsActive() {
        HelpSheet sheet(QStringLiteral("compare"),
                        {{QStringLiteral("Ctrl+B"), QStringLiteral("Bold span")}});
        QTreeWidget* tree = sheet.tree();
        QVERIFY(tree->topLevelItemCount() >= 3);
        // The editor's own group comes first and holds its list.
        QCOMPARE(tree->topLevelItem(0)->text(0), keymapContextTitle(QStringLiteral("compare")));
        QTreeWidgetItem* bold = rowOf(tree, QStringLiteral("Bold span"));
        QVERIFY(bold);
        QCOMPARE(bold->text(0), QStringLiteral("Ctrl+B"));
        QCOMPARE(bold->parent(), tree->topLevelItem(0));
        // A label editor answers with Alt+digit; the bare digits are not listed.
        QStringList groups;
        for (int g = 0; g < tree->topLevelItemCount(); ++g)
            groups << tree->topLevelItem(g)->text(0);
        QVERIFY(groups.contains(keymapContextTitle(QStringLiteral("answers-alt"))));
        QVERIFY(!groups.contains(keymapContextTitle(QStringLiteral("answers"))));
        QVERIFY(rowOf(tree, Keymap::instance().binding(QStringLiteral("task.submit"))->text));
        QTreeWidgetItem* help =
            rowOf(tree, Keymap::instance().binding(QStringLiteral("help.sheet"))->text);
        QVERIFY(help);
        QCOMPARE(help->text(0), QStringLiteral("F1, ?"));

        // A rebound key shows as rebound.
        Keymap::instance().setKey(QStringLiteral("task.submit"),
                                  QKeySequence(QStringLiteral("Ctrl+J")));
        HelpSheet rebound(QString(), {});
        QCOMPARE(
            rowOf(rebound.tree(), Keymap::instance().binding(QStringLiteral("task.submit"))->text)
                ->text(0),
            QKeySequence(QStringLiteral("Ctrl+J")).toString(QKeySequence::NativeText));
        QStringList reboundGroups;
        for (int g = 0; g < rebound.tree()->topLevelItemCount(); ++g)
            reboundGroups << rebound.tree()->topLevelItem(g)->text(0);
        QVERIFY(reboundGroups.contains(keymapContextTitle(QStringLiteral("answers"))));
    }

    void helpSheetFilters() {
        HelpSheet sheet(QStringLiteral("image"), {});
        sheet.show();
        QVERIFY(QTest::qWaitForWindowExposed(&sheet));
        QTest::keyClicks(sheet.findChild<QLineEdit*>(QStringLiteral("filter")),
                         QStringLiteral("undo"));
        int shown = 0;
        for (int g = 0; g < sheet.tree()->topLevelItemCount(); ++g)
            for (int i = 0; i < sheet.tree()->topLevelItem(g)->childCount(); ++i)
                shown += sheet.tree()->topLevelItem(g)->child(i)->isHidden() ? 0 : 1;
        QCOMPARE(shown, 1);
    }

    void helpSheetClosesWithF1AndEscape() {
        for (Qt::Key key : {Qt::Key_F1, Qt::Key_Escape}) {
            HelpSheet sheet(QStringLiteral("image"), {});
            sheet.show();
            QVERIFY(QTest::qWaitForWindowExposed(&sheet));
            sheet.activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(&sheet));
            // The filter has the keyboard, so typing narrows the list at once.
            QCOMPARE(QApplication::focusWidget(),
                     sheet.findChild<QLineEdit*>(QStringLiteral("filter")));
            QTest::keyClick(QApplication::focusWidget(), key);
            QVERIFY2(!sheet.isVisible(), qPrintable(QKeySequence(key).toString()));
        }
    }
};

QTEST_MAIN(TestShortcutsDialog)
#include "tst_shortcutsdialog.moc"

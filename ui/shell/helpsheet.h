#pragma once

#include <QDialog>
#include <QList>
#include <QPair>
#include <QString>

class QLineEdit;
class QTreeWidget;

namespace postil {

// The name a keymap context has in the help sheet and the shortcuts dialog
// ("global" -> "General", "image" -> "Image editor").
QString keymapContextTitle(const QString& context);

// The shortcuts that work right now: the keymap's bindings for the contexts
// active beside the current editor (Keymap::activeContexts), grouped by
// context, plus the editor's own list. Escape or F1 closes it.
class HelpSheet : public QDialog {
    Q_OBJECT
public:
    // editorShortcuts: (key, what it does), from TaskEditor::shortcutHelp().
    HelpSheet(const QString& editorContext, const QList<QPair<QString, QString>>& editorShortcuts,
              QWidget* parent = nullptr);

    QTreeWidget* tree() const { return m_tree; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void addGroup(const QString& title, const QList<QPair<QString, QString>>& rows);
    void applyFilter(const QString& text);

    QLineEdit* m_filter = nullptr;
    QTreeWidget* m_tree = nullptr;
};

// Opens the sheet over 'parent' without blocking; it deletes itself on close.
void showHelpSheet(QWidget* parent, const QString& editorContext,
                   const QList<QPair<QString, QString>>& editorShortcuts);

}  // namespace postil

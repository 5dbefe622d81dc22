#pragma once

#include <QDialog>
#include <QHash>
#include <QKeySequence>

class QDialogButtonBox;
class QKeySequenceEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace postil {

// Rebinds the keymap. Every binding is listed by context with its key; the
// selected one is rebound in the key field below. Changes take effect at once
// (so Keymap::collisions() judges the real map) and are listed live when two
// bindings collide; OK stays disabled until none do, and Cancel puts every key
// back as it was.
class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(QWidget* parent = nullptr);

    // Selects the binding's row; false when there is no such binding.
    bool selectBinding(const QString& id);
    QString selectedBinding() const;
    QKeySequenceEdit* keyEdit() const { return m_keyEdit; }
    QStringList collisions() const { return m_collisions; }

public Q_SLOTS:
    void accept() override;
    void reject() override;

private:
    void populate();
    void refreshKeys();
    void showSelection();
    void rebindSelected(const QKeySequence& key);
    void applyFilter(const QString& text);

    QHash<QString, QKeySequence> m_original;
    QStringList m_collisions;
    bool m_showing = false;

    QLineEdit* m_filter = nullptr;
    QTreeWidget* m_tree = nullptr;
    QLabel* m_selectedTitle = nullptr;
    QKeySequenceEdit* m_keyEdit = nullptr;
    QPushButton* m_clearKey = nullptr;
    QPushButton* m_defaultKey = nullptr;
    QLabel* m_collisionLabel = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

}  // namespace postil

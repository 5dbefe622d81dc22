#include "shell/shortcutsdialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <functional>

#include "keys/keymap.h"
#include "shell/editorregistry.h"
#include "shell/helpsheet.h"

namespace postil {

namespace {

enum Column { ActionColumn, KeyColumn, DefaultColumn };
constexpr int kIdRole = Qt::UserRole;

// A shortcut is one key combination here: QKeySequenceEdit would wait a
// second for up to four chords, which reads as "nothing happened".
class SingleKeyEdit : public QKeySequenceEdit {
public:
    using QKeySequenceEdit::QKeySequenceEdit;
    std::function<void(const QKeySequence&)> chosen;

protected:
    void keyPressEvent(QKeyEvent* event) override {
        // Escape stays the dialog's: it cancels, it is not recorded.
        if (event->key() == Qt::Key_Escape && event->modifiers() == Qt::NoModifier) {
            event->ignore();
            return;
        }
        QKeySequenceEdit::keyPressEvent(event);
        if (keySequence().isEmpty())
            return;  // a modifier alone, still waiting for the key
        const QKeySequence first(keySequence()[0]);
        {
            const QSignalBlocker blocker(this);
            setKeySequence(QKeySequence());
            setKeySequence(first);  // ends the recording
        }
        if (chosen)
            chosen(first);
    }
};

// "Ctrl+Z: edit.undo / task.skip" -> {edit.undo, task.skip}
QStringList idsIn(const QString& collision) {
    return collision.section(QStringLiteral(": "), -1).split(QStringLiteral(" / "));
}

}  // namespace

ShortcutsDialog::ShortcutsDialog(QWidget* parent) : QDialog(parent) {
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard shortcuts"));
    EditorRegistry::instance();  // every editor's keys, before any editor is shown
    for (const Keymap::Binding& b : Keymap::instance().bindings())
        m_original.insert(b.id, Keymap::instance().key(b.id));

    auto* layout = new QVBoxLayout(this);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("filter"));
    m_filter->setPlaceholderText(tr("Filter by action or key"));
    m_filter->setClearButtonEnabled(true);
    layout->addWidget(m_filter);

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("bindings"));
    m_tree->setColumnCount(3);
    m_tree->setHeaderLabels({tr("Action"), tr("Shortcut"), tr("Default")});
    m_tree->setRootIsDecorated(false);
    m_tree->setIndentation(12);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setSectionResizeMode(ActionColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(KeyColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(DefaultColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    layout->addWidget(m_tree, 1);

    auto* editRow = new QHBoxLayout;
    m_selectedTitle = new QLabel(this);
    m_selectedTitle->setObjectName(QStringLiteral("selectedTitle"));
    auto* keyEdit = new SingleKeyEdit(this);
    keyEdit->chosen = [this](const QKeySequence& key) { rebindSelected(key); };
    m_keyEdit = keyEdit;
    m_keyEdit->setObjectName(QStringLiteral("keyEdit"));
    m_keyEdit->setMinimumWidth(160);
    m_clearKey = new QPushButton(tr("Clear"), this);
    m_clearKey->setObjectName(QStringLiteral("clearKey"));
    m_clearKey->setToolTip(tr("Leave this action without a key"));
    m_defaultKey = new QPushButton(tr("Default"), this);
    m_defaultKey->setObjectName(QStringLiteral("defaultKey"));
    editRow->addWidget(m_selectedTitle, 1);
    editRow->addWidget(m_keyEdit);
    editRow->addWidget(m_clearKey);
    editRow->addWidget(m_defaultKey);
    layout->addLayout(editRow);

    m_collisionLabel = new QLabel(this);
    m_collisionLabel->setObjectName(QStringLiteral("collisions"));
    m_collisionLabel->setWordWrap(true);
    m_collisionLabel->setTextFormat(Qt::PlainText);
    layout->addWidget(m_collisionLabel);

    m_buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    m_buttons->button(QDialogButtonBox::RestoreDefaults)->setText(tr("Reset to defaults"));
    m_buttons->button(QDialogButtonBox::Ok)->setAutoDefault(false);
    m_buttons->button(QDialogButtonBox::Ok)->setDefault(false);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &ShortcutsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ShortcutsDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            [] { Keymap::instance().resetToDefaults(); });
    connect(m_clearKey, &QPushButton::clicked, this, [this] { rebindSelected(QKeySequence()); });
    connect(m_defaultKey, &QPushButton::clicked, this, [this] {
        if (const Keymap::Binding* b = Keymap::instance().binding(selectedBinding()))
            rebindSelected(b->defaultKey);
    });
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &ShortcutsDialog::showSelection);
    connect(m_tree, &QTreeWidget::itemActivated, this, [this] { m_keyEdit->setFocus(); });
    connect(m_filter, &QLineEdit::textChanged, this, &ShortcutsDialog::applyFilter);
    connect(&Keymap::instance(), &Keymap::changed, this, [this] {
        refreshKeys();
        showSelection();
    });

    populate();
    refreshKeys();
    showSelection();
    resize(640, 640);
}

void ShortcutsDialog::populate() {
    QHash<QString, QTreeWidgetItem*> groups;
    QFont heading = m_tree->font();
    heading.setBold(true);
    for (const Keymap::Binding& b : Keymap::instance().bindings()) {
        QTreeWidgetItem*& group = groups[b.context];
        if (!group) {
            group = new QTreeWidgetItem(m_tree, {keymapContextTitle(b.context)});
            group->setFirstColumnSpanned(true);
            group->setFont(ActionColumn, heading);
            group->setFlags(Qt::ItemIsEnabled);
        }
        auto* item = new QTreeWidgetItem(group, {b.text});
        item->setData(ActionColumn, kIdRole, b.id);
        item->setToolTip(ActionColumn, b.id);
        item->setText(DefaultColumn, b.defaultKey.toString(QKeySequence::NativeText));
        item->setForeground(DefaultColumn, palette().brush(QPalette::PlaceholderText));
    }
    m_tree->expandAll();
}

void ShortcutsDialog::refreshKeys() {
    Keymap& keymap = Keymap::instance();
    m_collisions = keymap.collisions();
    QSet<QString> colliding;
    for (const QString& line : std::as_const(m_collisions))
        for (const QString& id : idsIn(line))
            colliding.insert(id);

    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = m_tree->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem* item = group->child(i);
            const QString id = item->data(ActionColumn, kIdRole).toString();
            const QKeySequence key = keymap.key(id);
            const Keymap::Binding* b = keymap.binding(id);
            item->setText(KeyColumn,
                          key.isEmpty() ? tr("none") : key.toString(QKeySequence::NativeText));
            QFont font = m_tree->font();
            font.setBold(b && key != b->defaultKey);  // changed by the user
            item->setFont(KeyColumn, font);
            item->setForeground(KeyColumn, palette().brush(key.isEmpty() ? QPalette::PlaceholderText
                                                                         : QPalette::Text));
            item->setIcon(KeyColumn, colliding.contains(id) ? warning : QIcon());
        }
    }

    QStringList readable;
    for (const QString& line : std::as_const(m_collisions)) {
        const QString key = line.section(QStringLiteral(": "), 0, -2);
        QStringList texts;
        for (const QString& id : idsIn(line)) {
            const Keymap::Binding* b = keymap.binding(id);
            texts << QStringLiteral("“%1” (%2)")
                         .arg(b ? b->text : id, keymapContextTitle(b ? b->context : QString()));
        }
        readable << tr("%1 is used by %2")
                        .arg(QKeySequence(key).toString(QKeySequence::NativeText),
                             texts.join(tr(" and ")));
    }
    m_collisionLabel->setVisible(!readable.isEmpty());
    m_collisionLabel->setText(tr("Two actions that work at the same time share a key. "
                                 "Change one of them:\n") +
                              readable.join(QLatin1Char('\n')));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_collisions.isEmpty());
}

bool ShortcutsDialog::selectBinding(const QString& id) {
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = m_tree->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem* item = group->child(i);
            if (item->data(ActionColumn, kIdRole).toString() == id) {
                item->setHidden(false);
                m_tree->setCurrentItem(item);
                m_tree->scrollToItem(item);
                return true;
            }
        }
    }
    return false;
}

QString ShortcutsDialog::selectedBinding() const {
    QTreeWidgetItem* item = m_tree->currentItem();
    return item ? item->data(ActionColumn, kIdRole).toString() : QString();
}

void ShortcutsDialog::showSelection() {
    const Keymap::Binding* b = Keymap::instance().binding(selectedBinding());
    m_showing = true;
    m_selectedTitle->setText(b ? tr("Shortcut for “%1”:").arg(b->text)
                               : tr("Select an action to change its key."));
    {
        const QSignalBlocker blocker(m_keyEdit);
        m_keyEdit->setKeySequence(b ? Keymap::instance().key(b->id) : QKeySequence());
    }
    m_keyEdit->setEnabled(b);
    m_clearKey->setEnabled(b);
    m_defaultKey->setEnabled(b && Keymap::instance().key(b->id) != b->defaultKey);
    m_showing = false;
}

void ShortcutsDialog::rebindSelected(const QKeySequence& key) {
    const QString id = selectedBinding();
    if (m_showing || id.isEmpty() || Keymap::instance().key(id) == key)
        return;
    Keymap::instance().setKey(id, key);  // emits changed -> refreshKeys()
}

void ShortcutsDialog::applyFilter(const QString& text) {
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = m_tree->topLevelItem(g);
        int shown = 0;
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem* item = group->child(i);
            const bool match = text.isEmpty() ||
                               item->text(ActionColumn).contains(text, Qt::CaseInsensitive) ||
                               item->text(KeyColumn).contains(text, Qt::CaseInsensitive) ||
                               item->data(ActionColumn, kIdRole).toString().contains(text);
            item->setHidden(!match);
            shown += match ? 1 : 0;
        }
        group->setHidden(shown == 0);
    }
}

void ShortcutsDialog::accept() {
    refreshKeys();
    if (!m_collisions.isEmpty())
        return;
    QDialog::accept();
}

void ShortcutsDialog::reject() {
    // Changes were live so that collisions() could judge them; put them back.
    Keymap& keymap = Keymap::instance();
    for (auto it = m_original.cbegin(); it != m_original.cend(); ++it)
        if (keymap.key(it.key()) != it.value())
            keymap.setKey(it.key(), it.value());
    QDialog::reject();
}

}  // namespace postil

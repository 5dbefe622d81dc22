#include "shell/helpsheet.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QShortcut>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "keys/keymap.h"
#include "shell/editorregistry.h"

namespace postil {

namespace {

using Rows = QList<QPair<QString, QString>>;

// The keymap's rows for one context. The ten answer keys read as one row,
// and bindings that do the same thing share a row ("F1, ?").
Rows keymapRows(const QString& context) {
    Keymap& keymap = Keymap::instance();
    Rows rows;
    QStringList answerKeys;
    bool answersAtDefault = true;
    for (const Keymap::Binding& b : keymap.bindings()) {
        if (b.context != context)
            continue;
        const QKeySequence key = keymap.key(b.id);
        if (b.id.startsWith(QLatin1String("answer."))) {
            if (!key.isEmpty())
                answerKeys << key.toString(QKeySequence::NativeText);
            answersAtDefault = answersAtDefault && key == b.defaultKey;
            continue;
        }
        if (key.isEmpty())
            continue;
        const QString keyText = key.toString(QKeySequence::NativeText);
        if (!rows.isEmpty() && rows.last().second == b.text)
            rows.last().first += QStringLiteral(", ") + keyText;
        else
            rows.append({keyText, b.text});
    }
    if (!answerKeys.isEmpty()) {
        const QString keys = answersAtDefault && answerKeys.size() > 2
                                 ? answerKeys.first() + QStringLiteral(" … ") + answerKeys.last()
                                 : answerKeys.join(QStringLiteral(", "));
        rows.append({keys, HelpSheet::tr("Answer the active question with option 1–10")});
    }
    return rows;
}

}  // namespace

QString keymapContextTitle(const QString& context) {
    if (context == QLatin1String("global"))
        return HelpSheet::tr("General");
    if (context == QLatin1String("task"))
        return HelpSheet::tr("Task and questions");
    if (context == QLatin1String("answers"))
        return HelpSheet::tr("Answers (editors without labels)");
    if (context == QLatin1String("answers-alt"))
        return HelpSheet::tr("Answers (editors with labels)");
    if (context == QLatin1String("image"))
        return HelpSheet::tr("Image editor");
    if (context == QLatin1String("text"))
        return HelpSheet::tr("Text editor");
    if (context == QLatin1String("audio"))
        return HelpSheet::tr("Audio editor");
    if (context == QLatin1String("compare"))
        return HelpSheet::tr("Comparison editor");
    if (context.isEmpty())
        return HelpSheet::tr("Editor");
    return context.left(1).toUpper() + context.mid(1);
}

HelpSheet::HelpSheet(const QString& editorContext, const Rows& editorShortcuts, QWidget* parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("helpSheet"));
    EditorRegistry::instance();  // every editor's keys, before any editor is shown
    setWindowTitle(tr("Keyboard shortcuts"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 10, 10, 10);
    layout->setSpacing(6);

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("filter"));
    m_filter->setPlaceholderText(tr("Filter shortcuts"));
    m_filter->setClearButtonEnabled(true);
    layout->addWidget(m_filter);

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("shortcuts"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setIndentation(0);
    m_tree->setSelectionMode(QAbstractItemView::NoSelection);
    // The filter keeps the keyboard (type to narrow the list); the list only
    // scrolls, through the keys the filter passes on.
    m_tree->setFocusPolicy(Qt::NoFocus);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(true);
    layout->addWidget(m_tree, 1);

    // The editor first: it is what the annotator is looking at.
    Rows editorRows = keymapRows(editorContext);
    editorRows.append(editorShortcuts);
    if (!editorRows.isEmpty())
        addGroup(keymapContextTitle(editorContext), editorRows);
    const QStringList contexts = Keymap::instance().activeContexts(editorContext);
    for (const QString& context : {QStringLiteral("answers"), QStringLiteral("answers-alt"),
                                   QStringLiteral("task"), QStringLiteral("global")}) {
        if (contexts.contains(context))
            addGroup(keymapContextTitle(context), keymapRows(context));
    }
    m_tree->expandAll();

    auto* hint = new QLabel(tr("Rebind keys under File → Keyboard shortcuts."), this);
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(hint, 1);
    bottom->addWidget(buttons);
    layout->addLayout(bottom);

    connect(m_filter, &QLineEdit::textChanged, this, &HelpSheet::applyFilter);
    // The keys that open the sheet close it again; Escape does through QDialog.
    for (const char* id : {"help.sheet", "help.sheet.alt"}) {
        const QKeySequence key = Keymap::instance().key(QString::fromLatin1(id));
        if (!key.isEmpty()) {
            auto* shortcut = new QShortcut(key, this);
            connect(shortcut, &QShortcut::activated, this, &QDialog::reject);
        }
    }
    m_filter->installEventFilter(this);
    m_filter->setFocus();
    resize(560, 620);
}

void HelpSheet::addGroup(const QString& title, const Rows& rows) {
    if (rows.isEmpty())
        return;
    auto* group = new QTreeWidgetItem(m_tree, {title});
    QFont heading = m_tree->font();
    heading.setBold(true);
    heading.setPointSizeF(heading.pointSizeF() * 1.05);
    group->setFont(0, heading);
    group->setForeground(0, palette().brush(QPalette::PlaceholderText));
    group->setFirstColumnSpanned(true);
    group->setFlags(Qt::ItemIsEnabled);
    QFont keyFont = m_tree->font();
    keyFont.setBold(true);
    for (const auto& [key, text] : rows) {
        auto* item = new QTreeWidgetItem(group, {key, text});
        item->setFlags(Qt::ItemIsEnabled);
        item->setFont(0, keyFont);
    }
}

bool HelpSheet::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Up || key == Qt::Key_Down || key == Qt::Key_PageUp ||
            key == Qt::Key_PageDown) {
            QCoreApplication::sendEvent(m_tree->verticalScrollBar(), event);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void HelpSheet::applyFilter(const QString& text) {
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = m_tree->topLevelItem(g);
        int shown = 0;
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem* item = group->child(i);
            const bool match = text.isEmpty() ||
                               item->text(0).contains(text, Qt::CaseInsensitive) ||
                               item->text(1).contains(text, Qt::CaseInsensitive);
            item->setHidden(!match);
            shown += match ? 1 : 0;
        }
        group->setHidden(shown == 0);
    }
}

void showHelpSheet(QWidget* parent, const QString& editorContext, const Rows& editorShortcuts) {
    auto* sheet = new HelpSheet(editorContext, editorShortcuts, parent);
    sheet->setAttribute(Qt::WA_DeleteOnClose);
    sheet->open();
}

}  // namespace postil

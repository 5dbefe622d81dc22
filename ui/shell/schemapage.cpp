#include "shell/schemapage.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QStyle>
#include <QToolButton>

namespace postil {

namespace {
const TaskKind kKinds[] = {TaskKind::Image, TaskKind::Text, TaskKind::Audio, TaskKind::Compare};
}  // namespace

KindChecks::KindChecks(const QString& boxPrefix, QWidget* parent) : QWidget(parent) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (TaskKind kind : kKinds) {
        auto* box = new QCheckBox(toString(kind), this);
        box->setObjectName(boxPrefix + toString(kind));
        layout->addWidget(box);
        m_boxes << box;
        connect(box, &QCheckBox::toggled, this, [this] {
            if (!m_setting)
                Q_EMIT kindsEdited(kinds());
        });
    }
    layout->addStretch(1);
}

void KindChecks::setKinds(const QList<TaskKind>& kinds) {
    m_setting = true;
    for (int i = 0; i < m_boxes.size(); ++i)
        m_boxes[i]->setChecked(kinds.contains(kKinds[i]));
    m_setting = false;
}

QList<TaskKind> KindChecks::kinds() const {
    QList<TaskKind> ticked;
    for (int i = 0; i < m_boxes.size(); ++i)
        if (m_boxes[i]->isChecked())
            ticked << kKinds[i];
    return ticked;
}

SchemaPage::ListButtons SchemaPage::addListButtons(QHBoxLayout* row, const QString& noun) {
    auto make = [this, row](const QString& name, const QString& text, const QString& tip,
                            QStyle::StandardPixmap icon, const QString& themeIcon) {
        auto* button = new QToolButton(this);
        button->setObjectName(name);
        button->setText(text);
        button->setToolTip(tip);
        button->setIcon(QIcon::fromTheme(themeIcon, style()->standardIcon(icon)));
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setAutoRaise(true);
        row->addWidget(button);
        return button;
    };
    ListButtons buttons;
    buttons.add = make(QStringLiteral("add"), tr("Add"), tr("Add a %1").arg(noun),
                       QStyle::SP_FileDialogNewFolder, QStringLiteral("list-add"));
    buttons.remove =
        make(QStringLiteral("remove"), tr("Remove"), tr("Remove the selected %1").arg(noun),
             QStyle::SP_TrashIcon, QStringLiteral("list-remove"));
    buttons.up = make(QStringLiteral("up"), tr("Up"), tr("Move the selected %1 up").arg(noun),
                      QStyle::SP_ArrowUp, QStringLiteral("go-up"));
    buttons.down =
        make(QStringLiteral("down"), tr("Down"), tr("Move the selected %1 down").arg(noun),
             QStyle::SP_ArrowDown, QStringLiteral("go-down"));
    row->addStretch(1);
    return buttons;
}

QString SchemaPage::freshName(const QString& stem, const QStringList& taken) {
    for (int n = taken.size() + 1;; ++n) {
        const QString name = stem + QString::number(n);
        if (!taken.contains(name))
            return name;
    }
}

}  // namespace postil

#include "shell/schemapage.h"

#include <QHBoxLayout>
#include <QStyle>
#include <QToolButton>

namespace postil {

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

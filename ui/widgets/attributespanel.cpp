#include "widgets/attributespanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace postil {

AttributesPanel::AttributesPanel(Item item, QWidget* parent) : QWidget(parent), m_item(item) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_note = new QLabel(this);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_note->setWordWrap(true);
    layout->addWidget(m_note);
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addLayout(m_form);
    showValues({}, 0);
}

void AttributesPanel::setAttributes(const QList<Attribute>& attributes) {
    auto same = [](const Attribute& a, const Attribute& b) {
        return a.name == b.name && a.type == b.type && a.options == b.options;
    };
    if (attributes.size() == m_attributes.size() &&
        std::equal(attributes.begin(), attributes.end(), m_attributes.begin(), same))
        return;
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_editors.clear();
    m_attributes = attributes;
    for (const Attribute& attribute : attributes) {
        const QString name = attribute.name;
        QWidget* editor = nullptr;
        if (attribute.type == QLatin1String("flag")) {
            auto* check = new QCheckBox(name, this);
            // clicked, not toggled: only the user's change is an edit.
            connect(check, &QCheckBox::clicked, this,
                    [this, name](bool on) { Q_EMIT attributeEdited(name, on); });
            m_form->addRow(check);
            editor = check;
        } else if (attribute.type == QLatin1String("single")) {
            auto* combo = new QComboBox(this);
            combo->addItem(tr("—"));
            combo->addItems(attribute.options);
            connect(combo, &QComboBox::activated, this, [this, name, combo](int index) {
                Q_EMIT attributeEdited(name, index <= 0 ? QJsonValue(QJsonValue::Undefined)
                                                        : QJsonValue(combo->itemText(index)));
            });
            m_form->addRow(name, combo);
            editor = combo;
        } else {
            auto* line = new QLineEdit(this);
            line->setClearButtonEnabled(true);
            connect(line, &QLineEdit::editingFinished, this, [this, name, line] {
                if (m_updating || !line->isEnabled())
                    return;
                const QString text = line->text().trimmed();
                if (text == m_shown.value(name).toString())
                    return;
                Q_EMIT attributeEdited(
                    name, text.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(text));
            });
            m_form->addRow(name, line);
            editor = line;
        }
        editor->setObjectName(QStringLiteral("attribute:") + name);
        m_editors.insert(name, editor);
    }
    setVisible(!attributes.isEmpty());
    showValues(m_shown, 0);
}

void AttributesPanel::showValues(const QJsonObject& attrs, int selected) {
    m_updating = true;
    m_shown = attrs;
    for (const Attribute& attribute : std::as_const(m_attributes)) {
        QWidget* editor = m_editors.value(attribute.name);
        if (!editor)
            continue;
        editor->setEnabled(selected > 0);
        const QJsonValue value = attrs.value(attribute.name);
        if (auto* check = qobject_cast<QCheckBox*>(editor)) {
            check->setChecked(selected > 0 && value.toBool());
        } else if (auto* combo = qobject_cast<QComboBox*>(editor)) {
            const int index = combo->findText(value.toString());
            combo->setCurrentIndex(selected > 0 && index > 0 ? index : 0);
        } else if (auto* line = qobject_cast<QLineEdit*>(editor)) {
            if (!line->hasFocus() || selected == 0)
                line->setText(selected > 0 ? value.toString() : QString());
        }
    }
    if (m_item == Item::Segment) {
        m_note->setText(selected == 0 ? tr("Select a segment to set its attributes.")
                                      : tr("Attributes of the selected segment"));
        m_updating = false;
        return;
    }
    const bool boxes = m_item == Item::Box;
    if (selected == 0)
        m_note->setText(boxes ? tr("Select a box to set its attributes.")
                              : tr("Select a span to set its attributes."));
    else if (selected == 1)
        m_note->setText(boxes ? tr("Attributes of the selected box")
                              : tr("Attributes of the selected span"));
    else
        m_note->setText(
            boxes ? tr("Attributes of %n selected boxes (shown: the first)", nullptr, selected)
                  : tr("Attributes of %n selected spans (shown: the first)", nullptr, selected));
    m_updating = false;
}

}  // namespace postil

#pragma once

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QWidget>

#include "model/schema.h"

class QFormLayout;
class QLabel;

namespace postil {

// The schema's per-box attributes for the selected boxes: a check box per
// flag, a combo box per single choice, a line per text. It shows the first
// selected box's values; an edit applies to every selected box.
class BoxAttributesPanel : public QWidget {
    Q_OBJECT
public:
    explicit BoxAttributesPanel(QWidget* parent = nullptr);

    void setAttributes(const QList<Attribute>& attributes);
    bool hasAttributes() const { return !m_attributes.isEmpty(); }
    // The values of the first selected box; 'selected' 0 disables the editors.
    void showValues(const QJsonObject& attrs, int selected);
    // The editor of one attribute (tests).
    QWidget* editor(const QString& name) const { return m_editors.value(name); }

Q_SIGNALS:
    // An undefined value removes the attribute from the boxes.
    void attributeEdited(const QString& name, const QJsonValue& value);

private:
    QList<Attribute> m_attributes;
    QHash<QString, QWidget*> m_editors;
    QFormLayout* m_form;
    QLabel* m_note;
    QJsonObject m_shown;
    bool m_updating = false;
};

}  // namespace postil

#pragma once

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QWidget>

#include "model/schema.h"

class QFormLayout;
class QLabel;

namespace postil {

// The schema's attributes for the selected items (boxes of the image editor,
// spans of the text editor, segments of the audio editor): a check box per flag, a combo box per
// single choice, a line per text. It shows the first selected item's values; an edit applies to
// every selected item.
class AttributesPanel : public QWidget {
    Q_OBJECT
public:
    // What the attributes belong to, for the panel's words.
    enum class Item { Box, Span, Segment };

    explicit AttributesPanel(Item item = Item::Box, QWidget* parent = nullptr);

    void setAttributes(const QList<Attribute>& attributes);
    bool hasAttributes() const { return !m_attributes.isEmpty(); }
    // The values of the first selected item; 'selected' 0 disables the editors.
    void showValues(const QJsonObject& attrs, int selected);
    // The editor of one attribute (tests).
    QWidget* editor(const QString& name) const { return m_editors.value(name); }

Q_SIGNALS:
    // An undefined value removes the attribute from the items.
    void attributeEdited(const QString& name, const QJsonValue& value);

private:
    Item m_item;
    QList<Attribute> m_attributes;
    QHash<QString, QWidget*> m_editors;
    QFormLayout* m_form;
    QLabel* m_note;
    QJsonObject m_shown;
    bool m_updating = false;
};

}  // namespace postil

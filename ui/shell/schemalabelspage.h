#pragma once

#include "shell/schemapage.h"

class QTableWidget;

namespace postil {

// The labels an editor places (boxes, spans, speakers, flags): name, colour
// (picked with QColorDialog) and hotkey, in the order the palette shows them.
class SchemaLabelsPage : public SchemaPage {
    Q_OBJECT
public:
    SchemaLabelsPage(Schema& schema, QWidget* parent = nullptr);

    void load() override;
    void select(int index) override;
    QTableWidget* table() const { return m_table; }

private:
    void addLabel();
    void removeLabel();
    void moveLabel(int delta);
    void pickColor(int row);
    void cellEdited(int row, int column);
    int currentRow() const;

    QTableWidget* m_table = nullptr;
};

}  // namespace postil

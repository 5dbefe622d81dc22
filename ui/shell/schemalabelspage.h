#pragma once

#include "shell/schemapage.h"

class QTableWidget;

namespace postil {

// The labels an editor places (boxes, spans, speakers, flags): name, colour
// (picked with QColorDialog), the kinds whose editor places it, and hotkey,
// in the order the palette shows them. Beside each hotkey stands why it is
// refused, when it is (Schema::hotkeyProblem and the duplicate rule).
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
    void hotkeyEdited(int row, const QString& text);
    void kindsEdited(int row, const QList<TaskKind>& kinds);
    // Shows each row's hotkey problems beside its field.
    void showHotkeyNotes();
    int currentRow() const;

    QTableWidget* m_table = nullptr;
};

}  // namespace postil

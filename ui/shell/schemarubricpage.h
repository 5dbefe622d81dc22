#pragma once

#include "shell/schemapage.h"

class QTableWidget;

namespace postil {

// The rubric dimensions a comparison rates each response on: name, the
// score range, and a description that tells the rater what the scale means.
class SchemaRubricPage : public SchemaPage {
    Q_OBJECT
public:
    SchemaRubricPage(Schema& schema, QWidget* parent = nullptr);

    void load() override;
    void select(int index) override;
    QTableWidget* table() const { return m_table; }

private:
    void cellEdited(int row, int column);
    void addDimension();
    void removeDimension();
    void moveDimension(int delta);

    QTableWidget* m_table = nullptr;
};

}  // namespace postil

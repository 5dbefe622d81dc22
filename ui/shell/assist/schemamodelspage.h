#pragma once

#include <QJsonArray>

#include "shell/schemapage.h"

class QTableWidget;

namespace postil {

// Project settings ▸ Assist: the models the project runs (the schema's
// "models" list, docs/assist.md): name, the task kinds it serves, the
// command line, batch mode and the timeout per task. The page edits the
// list's JSON in place and keeps an entry's keys it does not show; the
// dialog checks the list with assistmodels::read, problems named
// "models[N].field".
class SchemaModelsPage : public SchemaPage {
    Q_OBJECT
public:
    SchemaModelsPage(Schema& schema, QWidget* parent = nullptr);

    void load() override;
    void select(int index) override;
    QTableWidget* table() const { return m_table; }

private:
    void cellEdited(int row, int column);
    void addModel();
    void removeModel();
    void moveModel(int delta);
    QJsonArray entries() const;
    void write(const QJsonArray& entries);

    QTableWidget* m_table = nullptr;
};

}  // namespace postil

#pragma once

#include <QList>

#include "shell/schemapage.h"

class QCheckBox;
class QJsonArray;
class QComboBox;
class QFormLayout;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSpinBox;

namespace postil {

// The questions shown beside every editor: a list on the left, the selected
// question's fields on the right (name, type, options one per line, the
// rating range, required, description, and the task kinds it is asked for).
class SchemaQuestionsPage : public SchemaPage {
    Q_OBJECT
public:
    SchemaQuestionsPage(Schema& schema, QWidget* parent = nullptr);

    void load() override;
    void select(int index) override;

private:
    void showQuestion();
    void updateRows(Question::Type type);
    void updateListItem(int row);
    Question* current();
    void write(const std::function<void(Question&)>& change);
    void addQuestion();
    void removeQuestion();
    void moveQuestion(int delta);
    bool restructure(const std::function<void(QJsonArray&)>& change);

    QListWidget* m_list = nullptr;
    QWidget* m_editor = nullptr;
    QFormLayout* m_form = nullptr;
    QLineEdit* m_name = nullptr;
    QComboBox* m_type = nullptr;
    QPlainTextEdit* m_options = nullptr;
    QSpinBox* m_min = nullptr;
    QSpinBox* m_max = nullptr;
    QWidget* m_range = nullptr;
    QCheckBox* m_required = nullptr;
    QLineEdit* m_description = nullptr;
    QWidget* m_kindsRow = nullptr;
    QList<QCheckBox*> m_kinds;
};

}  // namespace postil

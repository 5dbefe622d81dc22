#pragma once

#include "shell/schemapage.h"

class QCheckBox;
class QComboBox;
class QJsonArray;
class QLabel;
class QFormLayout;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSpinBox;

namespace postil {

class KindChecks;

// The questions shown beside every editor: a list on the left, the selected
// question's fields on the right (name, type, options one per line, the
// rating range, required, description, the task kinds it is asked for, and
// whether the task's data must have or lack a key: `when_data`).
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
    void showCondition(const QStringList& whenData);
    void writeCondition();
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
    KindChecks* m_kinds = nullptr;
    QComboBox* m_whenData = nullptr;
    QLineEdit* m_whenKey = nullptr;
    QLabel* m_whenMore = nullptr;
};

}  // namespace postil

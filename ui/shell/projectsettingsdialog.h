#pragma once

#include <QDialog>
#include <QStringList>
#include <functional>

#include "model/schema.h"
#include "store/status.h"

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPlainTextEdit;
class QPushButton;
class QFormLayout;
class QSpinBox;
class QTabWidget;
class QTextBrowser;
class QTimer;

namespace postil {

class Project;
class SchemaPage;

// Edits the project's name and schema: labels, questions, rubric, guidelines,
// and the whole schema as JSON (keys this build does not know survive). Every
// tab edits one working copy; problems are listed under the tabs, each naming
// its place, and OK stays disabled until there are none. OK writes the schema
// and the name in one transaction; a failed write is shown and the dialog
// stays open.
class ProjectSettingsDialog : public QDialog {
    Q_OBJECT
public:
    enum Tab { GeneralTab, LabelsTab, QuestionsTab, RubricTab, AssistTab, GuidelinesTab, JsonTab };

    explicit ProjectSettingsDialog(Project& project, QWidget* parent = nullptr);
    ~ProjectSettingsDialog() override;

    // The schema as edited so far.
    const Schema& schema() const { return m_schema; }
    // What keeps OK disabled, each as "questions[2].options: ..." (the
    // readable form is what the list shows).
    QStringList problems() const { return m_problems; }
    QTabWidget* tabs() const { return m_tabs; }

public Q_SLOTS:
    void accept() override;

private:
    QWidget* createGeneralPage();
    QWidget* createGuidelinesPage();
    QWidget* createJsonPage();
    void pagesEdited();
    void jsonEdited();
    void showJson();
    void loadPages();
    void tabChanged(int index);
    void revalidate();
    void goToProblem(QListWidgetItem* item);
    void addComparisonSettings(QFormLayout* form, QWidget* page);
    QString readable(const QString& problem, int* tab, int* index) const;
    Status save();

    Project& m_project;
    Schema m_schema;
    QStringList m_problems;
    QStringList m_jsonProblems;  // the JSON text does not make a valid schema
    bool m_jsonStale = true;
    bool m_loading = false;

    QTabWidget* m_tabs = nullptr;
    QLineEdit* m_name = nullptr;
    QSpinBox* m_critiqueMin = nullptr;
    // Put the General page's schema controls back in step with m_schema
    // (after the JSON tab changed it).
    QList<std::function<void()>> m_generalLoaders;
    QList<SchemaPage*> m_pages;
    QPlainTextEdit* m_guidelines = nullptr;
    QTextBrowser* m_preview = nullptr;
    QTimer* m_previewTimer = nullptr;
    QPlainTextEdit* m_json = nullptr;
    QLabel* m_jsonStatus = nullptr;
    QPushButton* m_jsonRevert = nullptr;
    QListWidget* m_problemList = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

}  // namespace postil

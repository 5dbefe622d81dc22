#pragma once

#include <QPointer>

#include "editors/taskeditor.h"

class QFrame;
class QLabel;
class QTextBrowser;

namespace postil {

// Read-only view of a text task, shown until the span editor lands. A search
// relevance task (data.query) shows its query above the result, with the
// query's words marked in the result. Right-to-left paragraphs lay out right
// to left on their own: each paragraph takes its direction from its first
// strong character.
class TextPreview : public TaskEditor {
    Q_OBJECT
public:
    explicit TextPreview(QObject* parent = nullptr);
    ~TextPreview() override;

    TaskKind kind() const override { return TaskKind::Text; }
    QWidget* widget() override;
    void setDocument(TaskDocument* document) override;
    void focusEditor() override;

    // The parts, for tests.
    QTextBrowser* textView() const { return m_text; }
    QLabel* queryLabel() const { return m_query; }
    bool showsQuery() const;

private:
    void markQueryWords(const QString& query);

    QPointer<QWidget> m_widget;
    QFrame* m_queryPanel;
    QLabel* m_query;
    QLabel* m_resultHeading;
    QTextBrowser* m_text;
};

}  // namespace postil

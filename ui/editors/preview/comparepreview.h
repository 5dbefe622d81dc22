#pragma once

#include <QList>
#include <QPointer>

#include "editors/taskeditor.h"

class QJsonValue;
class QLabel;
class QScrollArea;
class QSplitter;
class QTextBrowser;
class QWidget;

namespace postil {

namespace preview {
class ReadingView;
}

// Read-only view of a comparison task, shown until the compare editor lands:
// the prompt on top (a string, or a conversation shown as role-labelled
// blocks), then every response side by side in equal columns headed
// "Response A", "Response B", ... in canonical order.
class ComparePreview : public TaskEditor {
    Q_OBJECT
public:
    explicit ComparePreview(QObject* parent = nullptr);
    ~ComparePreview() override;

    TaskKind kind() const override { return TaskKind::Compare; }
    QWidget* widget() override;
    void setDocument(TaskDocument* document) override;
    void focusEditor() override;

    // The parts, for tests.
    QTextBrowser* promptView() const;
    int responseCount() const { return int(m_responses.size()); }
    QTextBrowser* responseView(int index) const { return m_responses.value(index); }
    QString responseHeader(int index) const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void clearColumns();
    void addColumn(int index, const QJsonValue& content);
    void fitPromptHeight();

    QPointer<QWidget> m_widget;
    QSplitter* m_splitter;
    preview::ReadingView* m_prompt;
    QScrollArea* m_scroll;
    QWidget* m_columns;
    QList<QTextBrowser*> m_responses;
    QList<QLabel*> m_headers;
    bool m_userSizedPrompt = false;
};

}  // namespace postil

#pragma once

#include <QWidget>

class QLabel;
class QStackedLayout;
class QTextBrowser;

namespace postil {

// The project's guidelines (Markdown from the schema), read beside the task.
// Links open in the system browser; an empty text shows a hint instead of a
// blank pane.
class GuidelinesPanel : public QWidget {
    Q_OBJECT
public:
    explicit GuidelinesPanel(QWidget* parent = nullptr);

    void setMarkdown(const QString& markdown);
    QString markdown() const { return m_markdown; }
    // Relative image paths in the guidelines resolve against this folder
    // (the project's folder).
    void setBaseFolder(const QString& folder);
    QTextBrowser* browser() const { return m_browser; }

private:
    QString m_markdown;
    QStackedLayout* m_stack = nullptr;
    QTextBrowser* m_browser = nullptr;
    QLabel* m_placeholder = nullptr;
};

}  // namespace postil

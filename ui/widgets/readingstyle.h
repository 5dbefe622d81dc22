#pragma once

#include <QFont>
#include <QTextBrowser>
#include <QWidget>

class QLabel;

namespace postil::preview {

// The look the read-only viewers and the comparison editor share: the reading
// font and view, section and panel titles, the "cannot show this" panel.
// Colours come from the palette so they follow light and dark themes alike.

// Lines longer than this many average characters get hard to follow.
constexpr int kMaxColumnChars = 88;

// The body font for reading task text: the application font, a little larger.
QFont readingFont();
// A small, spaced, muted heading ("SEARCH QUERY", "PROMPT").
QLabel* makeSectionLabel(const QString& text, QWidget* parent);
// The bold title of a side panel ("Critique", "Flags").
QLabel* makePanelTitle(const QString& text, QWidget* parent);
// A read-only, selectable, word-wrapping text view for reading task text.
// On a wide screen the text keeps to a centred column of readable width
// instead of running across the whole view.
class ReadingView : public QTextBrowser {
    Q_OBJECT
public:
    explicit ReadingView(QWidget* parent = nullptr);
    // 0 lets lines run the whole width (for views that sit beside others).
    void setMaxColumnChars(int chars);
    // Call after replacing the content: re-applies the column margins.
    void updateColumn();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    int m_maxColumnChars = kMaxColumnChars;
};

// Gives every paragraph of the view's document comfortable line spacing.
void applyReadingLayout(QTextBrowser* view);

// Shown in place of a viewer's content when it cannot show the task: what
// went wrong in a sentence, then the details (file path, reason), selectable
// so the user can copy the path.
class MessagePanel : public QWidget {
    Q_OBJECT
public:
    explicit MessagePanel(QWidget* parent = nullptr);
    void setMessage(const QString& title, const QString& details);
    // Title and details, for tests and accessibility.
    QString text() const;

private:
    QLabel* m_icon;
    QLabel* m_title;
    QLabel* m_details;
};

}  // namespace postil::preview

#pragma once

#include <QColor>
#include <QJsonValue>
#include <QList>
#include <QPointer>
#include <QString>
#include <QWidget>
#include <optional>
#include <utility>

#include "editors/compare/markdowndocument.h"

class QAbstractScrollArea;
class QLabel;
class QScrollBar;
class QTextEdit;
class QTimer;

namespace postil {

// One response of a comparison: a title line ("Response A", and a word count)
// over a read-only, selectable view of its text, rendered as Markdown or
// shown raw. Ranges in and out are code points of
// comparison::contentText(content), so flags stored by the editor line up
// with what the formats export, in either mode.
class ResponseView : public QWidget {
    Q_OBJECT
public:
    explicit ResponseView(QWidget* parent = nullptr);
    ~ResponseView() override;

    void setTitle(const QString& title);
    QString title() const;
    void setContent(const QJsonValue& content);  // STR or MESSAGES
    QJsonValue content() const { return m_content; }
    QString text() const { return m_text; }  // contentText(content)
    // Markdown vs raw text; keeps the scroll position roughly.
    void setRendered(bool rendered);
    bool isRendered() const { return m_rendered; }

    struct Mark {
        int start = 0;  // code points of text()
        int end = 0;
        QColor color;
        QString tooltip;
    };
    // Highlighted flags (background colour), shown in both modes. An opaque
    // colour is drawn translucent so the text stays readable.
    void setMarks(const QList<Mark>& marks);
    QList<Mark> marks() const { return m_marks; }

    // Code points; nullopt when nothing (or only role headers) is selected.
    std::optional<std::pair<int, int>> selectedRange() const;
    void clearSelection();
    // Scrolls to the range and selects it.
    void revealRange(int start, int end);
    // For a message list: open each content at the last message of `role`
    // (its header at the top), and keep it there through resizes until the
    // reader scrolls. The prompt view asks for "user": what is asked is the
    // last user turn, however long the conversation before it.
    void setOpenAtLastMessageOf(const QString& role);

    QScrollBar* verticalScrollBar() const;
    QAbstractScrollArea* textArea() const;  // for tests and focus
    QTextEdit* textEdit() const;
    const SourceMap& sourceMap() const { return m_map; }
    // Document ranges a mark covers (for tests): [start, end) positions.
    QList<std::pair<int, int>> markDocumentRanges(int index) const;

Q_SIGNALS:
    void selectionChanged();
    void markClicked(int index);  // a click inside a mark

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void rebuild();
    void rebuildKeepingPlace();
    void resetCursor(int position);
    int topPosition() const;  // the first document position in sight
    void applyMarks();
    int markAtViewportPoint(const QPoint& point) const;
    void layOutAhead();
    void scrollToLastMessage();

    // Qt lays a long document out lazily in timer steps that double in size: a 20,000-word
    // response ends in steps of 20 ms and more, and a keystroke in the critique waits for them.
    // Instead this view lays its document out itself, kLayoutSliceNs per event-loop turn, with
    // Qt's layout timers held back until it is done (what is in sight is laid out on demand
    // by painting either way).
    static constexpr qint64 kLayoutSliceNs = 500000;  // 0.5 ms
    QTimer* m_layoutTimer = nullptr;
    QPointer<QObject> m_heldLayout;  // the document layout whose timers are held back
    int m_layoutBlock = 0;           // the next block to lay out

    QLabel* m_title;
    QLabel* m_detail;
    QTextEdit* m_view;
    QJsonValue m_content;
    QString m_text;
    bool m_rendered = true;
    SourceMap m_map;
    QString m_styleKey;  // the colours and fonts the document was built with
    QList<Mark> m_marks;
    QString m_openAtRole;       // setOpenAtLastMessageOf
    bool m_holdAtLast = false;  // the content opened there and the reader has not scrolled
    QPoint m_pressPos;
    bool m_pressed = false;
};

}  // namespace postil

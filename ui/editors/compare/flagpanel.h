#pragma once

#include <QColor>
#include <QList>
#include <QTreeWidget>

namespace postil {

// The flags placed in the responses, one row each: label (in its colour), the
// response's letter, the flagged text and an editable comment. Clicking a row
// (or Return) asks for the flag to be revealed in its response; Delete asks
// for it to be removed; double click or F2 edits the comment. The list only
// shows what it is given; edits go out as signals.
class FlagPanel : public QTreeWidget {
    Q_OBJECT
public:
    struct Entry {
        QString label;
        QColor color;
        QString response;  // letter as shown
        QString excerpt;
        QString comment;

        bool operator==(const Entry&) const = default;
    };
    enum Column { LabelColumn, ResponseColumn, TextColumn, CommentColumn };

    explicit FlagPanel(QWidget* parent = nullptr);

    // Entry i is flag i of the result.
    void setEntries(const QList<Entry>& entries);
    int entryCount() const { return int(m_entries.size()); }
    int currentEntry() const;
    void selectEntry(int index);
    // Opens the comment editor of flag `index` (after placing one by menu).
    void editComment(int index);

Q_SIGNALS:
    void entryActivated(int index);
    void removeRequested(int index);
    void commentEdited(int index, const QString& comment);

protected:
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    QList<Entry> m_entries;
    bool m_filling = false;
};

}  // namespace postil

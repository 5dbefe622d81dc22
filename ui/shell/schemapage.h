#pragma once

#include <QWidget>
#include <functional>

#include "model/schema.h"

class QCheckBox;
class QHBoxLayout;
class QToolButton;

namespace postil {

// One check box per task kind, for a label's or a question's `kinds` (none
// ticked: every kind). Each box is named boxPrefix + kind ("kind-image").
class KindChecks : public QWidget {
    Q_OBJECT
public:
    KindChecks(const QString& boxPrefix, QWidget* parent = nullptr);

    // Shows 'kinds' without emitting kindsEdited().
    void setKinds(const QList<TaskKind>& kinds);
    // The ticked kinds, always in the usual order whatever the clicks.
    QList<TaskKind> kinds() const;

Q_SIGNALS:
    void kindsEdited(const QList<TaskKind>& kinds);

private:
    QList<QCheckBox*> m_boxes;
    bool m_setting = false;
};

// One tab of the project settings that edits a part of the schema in place.
// The dialog owns the schema being edited; a page writes every change into it
// at once and says so with edited(), and load() shows the schema again after
// something else (the JSON tab) replaced it.
class SchemaPage : public QWidget {
    Q_OBJECT
public:
    SchemaPage(Schema& schema, QWidget* parent = nullptr) : QWidget(parent), m_schema(schema) {}

    virtual void load() = 0;
    // Shows the entry at 'index' (a problem named it).
    virtual void select(int index) = 0;

Q_SIGNALS:
    void edited();

protected:
    struct ListButtons {
        QToolButton* add = nullptr;
        QToolButton* remove = nullptr;
        QToolButton* up = nullptr;
        QToolButton* down = nullptr;
    };
    // Add / Remove / Move up / Move down, in a row ending in a stretch.
    ListButtons addListButtons(QHBoxLayout* row, const QString& noun);

    // Moves list[from] to 'to' when both are in range; true when it moved.
    template <class T>
    static bool moveEntry(QList<T>& list, int from, int to) {
        if (from < 0 || to < 0 || from >= list.size() || to >= list.size() || from == to)
            return false;
        list.move(from, to);
        return true;
    }
    // "label3", the first such name not yet in 'taken'.
    static QString freshName(const QString& stem, const QStringList& taken);

    Schema& m_schema;
    bool m_loading = false;
};

}  // namespace postil

#pragma once

#include <QFrame>
#include <functional>

#include "model/schema.h"

class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QStandardItem;
class QStandardItemModel;

namespace postil {

// Ctrl+K: a small popup to pick a label by typing part of its name, for
// schemas with more labels than there are number keys. Up and Down move in
// the list, Enter applies, Escape closes. A name no label has is offered as
// a last row, "Create label “name”", which asks for the label to be made.
class LabelPalette : public QFrame {
    Q_OBJECT
public:
    explicit LabelPalette(QWidget* parent = nullptr);

    void setLabels(const QList<Label>& labels,
                   const std::function<QColor(const QString&)>& colorFor);
    // Shows the palette below 'anchor' (or centred on it), with an empty
    // filter; 'prompt' replaces the filter's placeholder.
    void popup(QWidget* anchor, const QString& prompt = QString());

    QLineEdit* filterEdit() const { return m_filter; }
    QListView* listView() const { return m_list; }
    // The label Enter would apply now; empty when the filter matches none.
    QString currentLabel() const;

    // Whether the current row is the one that creates a label.
    bool currentCreates() const;

Q_SIGNALS:
    void labelChosen(const QString& name);
    // The user asked for a label the schema does not have.
    void labelCreated(const QString& name);
    // Closed (Escape, a click elsewhere) without a label.
    void dismissed();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void choose();
    void selectRow(int row);
    void updateCreateRow(const QString& name);

    QLineEdit* m_filter;
    QListView* m_list;
    QStandardItemModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QStandardItem* m_createItem = nullptr;  // the "Create label" row, when shown
    bool m_chosen = false;                  // hidden by a choice, not dismissed
};

}  // namespace postil

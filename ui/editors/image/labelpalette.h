#pragma once

#include <QFrame>
#include <functional>

#include "model/schema.h"

class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QStandardItemModel;

namespace postil {

// Ctrl+K: a small popup to pick a label by typing part of its name, for
// schemas with more labels than there are number keys. Up and Down move in
// the list, Enter applies, Escape closes.
class LabelPalette : public QFrame {
    Q_OBJECT
public:
    explicit LabelPalette(QWidget* parent = nullptr);

    void setLabels(const QList<Label>& labels,
                   const std::function<QColor(const QString&)>& colorFor);
    // Shows the palette below 'anchor' (or centred on it), with an empty filter.
    void popup(QWidget* anchor);

    QLineEdit* filterEdit() const { return m_filter; }
    QListView* listView() const { return m_list; }
    // The label Enter would apply now; empty when the filter matches none.
    QString currentLabel() const;

Q_SIGNALS:
    void labelChosen(const QString& name);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void choose();
    void selectRow(int row);

    QLineEdit* m_filter;
    QListView* m_list;
    QStandardItemModel* m_model;
    QSortFilterProxyModel* m_proxy;
};

}  // namespace postil

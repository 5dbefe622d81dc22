#pragma once

#include <QSet>
#include <QWidget>
#include <functional>

#include "editors/image/boxeditlogic.h"
#include "model/schema.h"

class QLabel;
class QListWidget;
class QListWidgetItem;
class QTreeView;

namespace postil {

class AttributesPanel;
class BoxListModel;
class ShownBoxesProxy;

// Beside the canvas: which labels are shown (a check per label, with how
// many boxes carry it), the list of boxes, and the attributes of the selected
// ones. Selecting in the list selects on the canvas and the other way round.
class BoxListPanel : public QWidget {
    Q_OBJECT
public:
    using ColorFor = std::function<QColor(const QString&)>;

    explicit BoxListPanel(QWidget* parent = nullptr);
    ~BoxListPanel() override;

    void setLabels(const QList<Label>& labels, ColorFor colorFor);
    void setBoxes(const QList<Box>& boxes);
    // Shows the canvas's selection (box indexes) without echoing it back.
    void showSelection(const QList<int>& boxes);
    QSet<QString> hiddenLabels() const { return m_hidden; }
    void setHiddenLabels(const QSet<QString>& labels);

    BoxListModel* model() const { return m_model; }
    QTreeView* view() const { return m_view; }
    QListWidget* labelFilter() const { return m_filter; }
    AttributesPanel* attributes() const { return m_attributes; }
    // The view row of a box, -1 when hidden (tests).
    int rowOfBox(int box) const;

Q_SIGNALS:
    // The user selected boxes in the list (box indexes).
    void selectionEdited(const QList<int>& boxes);
    // A double click or Enter on a box: show it on the canvas.
    void boxActivated(int box);
    void hiddenLabelsChanged(const QSet<QString>& labels);

private:
    void rebuildFilter();
    void updateCounts();
    void onViewSelectionChanged();

    ColorFor m_colorFor;
    QList<Label> m_labels;
    QStringList m_filterLabels;  // the filter's rows, in order
    QSet<QString> m_hidden;
    QListWidget* m_filter;
    QLabel* m_countLine;
    QTreeView* m_view;
    BoxListModel* m_model;
    ShownBoxesProxy* m_proxy;
    AttributesPanel* m_attributes;
    QWidget* m_attributesBox;  // the attributes with their heading
    bool m_syncing = false;
};

}  // namespace postil

#pragma once

#include <QLayout>
#include <QList>

namespace postil {

// Lays its items out left to right and wraps them onto new rows, so a
// question's option chips fit a narrow side panel without a scroll bar.
class ChipFlowLayout : public QLayout {
public:
    explicit ChipFlowLayout(QWidget* parent = nullptr, int spacing = 4);
    ~ChipFlowLayout() override;

    void addItem(QLayoutItem* item) override;
    int count() const override { return int(m_items.size()); }
    QLayoutItem* itemAt(int index) const override;
    QLayoutItem* takeAt(int index) override;
    Qt::Orientations expandingDirections() const override { return {}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSize() const override;
    void setGeometry(const QRect& rect) override;

private:
    int arrange(const QRect& rect, bool apply) const;

    QList<QLayoutItem*> m_items;
    int m_gap;
};

}  // namespace postil

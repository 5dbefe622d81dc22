#pragma once

#include <QAbstractButton>

namespace postil {

// One answer option of a question: a compact, checkable chip that shows the
// key that picks it ("1  billing"). Painted from the palette so it follows
// light and dark themes. It takes no focus: clicking it must not pull the
// keyboard away from the editor beside the form.
class OptionChip : public QAbstractButton {
    Q_OBJECT
public:
    enum class Style { Exclusive, Multi };

    OptionChip(const QString& text, Style style, QWidget* parent = nullptr);

    void setKeyHint(const QString& hint);
    QString keyHint() const { return m_keyHint; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    bool showsHint() const;
    int hintWidth() const;
    QFont hintFont() const;

    QString m_keyHint;
    Style m_style;
};

}  // namespace postil

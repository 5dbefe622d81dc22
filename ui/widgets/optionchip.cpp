#include "widgets/optionchip.h"

#include <QPainter>
#include <QPainterPath>

namespace postil {

namespace {
constexpr int kPadX = 7;
constexpr int kPadY = 3;
constexpr int kGap = 5;
constexpr int kBox = 9;  // the multi-choice tick box
constexpr qreal kRadius = 4.0;

QColor mix(const QColor& a, const QColor& b, qreal t) {
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}
}  // namespace

OptionChip::OptionChip(const QString& text, Style style, QWidget* parent)
    : QAbstractButton(parent), m_style(style) {
    setText(text);
    setToolTip(text);
    setCheckable(true);
    setFocusPolicy(Qt::NoFocus);
    setAttribute(Qt::WA_Hover);
    setCursor(Qt::PointingHandCursor);
    setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
}

void OptionChip::setKeyHint(const QString& hint) {
    if (hint == m_keyHint)
        return;
    m_keyHint = hint;
    updateGeometry();
    update();
}

QFont OptionChip::hintFont() const {
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.85);
    f.setBold(true);
    return f;
}

bool OptionChip::showsHint() const {
    // A rating's "3" is picked with the key 3: saying it twice is noise.
    return !m_keyHint.isEmpty() && m_keyHint != text();
}

int OptionChip::hintWidth() const {
    if (!showsHint())
        return 0;
    return QFontMetrics(hintFont()).horizontalAdvance(m_keyHint) + kGap;
}

QSize OptionChip::sizeHint() const {
    const QFontMetrics fm(font());
    // +2: elidedText() rounds differently from horizontalAdvance().
    int w = 2 * kPadX + hintWidth() + fm.horizontalAdvance(text()) + 2;
    if (m_style == Style::Multi)
        w += kBox + kGap;
    return {std::max(w, fm.height() + 2 * kPadY + 2), fm.height() + 2 * kPadY + 2};
}

QSize OptionChip::minimumSizeHint() const {
    const QFontMetrics fm(font());
    int w = 2 * kPadX + hintWidth() + fm.horizontalAdvance(QStringLiteral("Mm…"));
    if (m_style == Style::Multi)
        w += kBox + kGap;
    const QSize full = sizeHint();
    return {std::min(w, full.width()), full.height()};
}

void OptionChip::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette& pal = palette();
    const bool on = isChecked();
    const bool hover = underMouse() && isEnabled();

    QColor background = on ? pal.color(QPalette::Highlight) : pal.color(QPalette::Button);
    if (hover && !on)
        background = mix(background, pal.color(QPalette::Highlight), 0.18);
    if (isDown())
        background = mix(background, pal.color(QPalette::Highlight), 0.35);
    const QColor border =
        on ? pal.color(QPalette::Highlight).darker(115) : pal.color(QPalette::Mid);
    const QColor foreground =
        on ? pal.color(QPalette::HighlightedText)
           : pal.color(isEnabled() ? QPalette::Active : QPalette::Disabled, QPalette::ButtonText);

    const QRectF frame = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    p.setPen(border);
    p.setBrush(background);
    p.drawRoundedRect(frame, kRadius, kRadius);

    QRect content = rect().adjusted(kPadX, 0, -kPadX, 0);
    if (showsHint()) {
        QColor hintColor = foreground;
        hintColor.setAlphaF(0.6f);
        p.setPen(hintColor);
        p.setFont(hintFont());
        p.drawText(content, Qt::AlignVCenter | Qt::AlignLeft, m_keyHint);
        content.setLeft(content.left() + hintWidth());
    }
    if (m_style == Style::Multi) {
        const QRectF box(content.left() + 0.5, (height() - kBox) / 2.0 + 0.5, kBox - 1, kBox - 1);
        p.setPen(QPen(foreground, 1.2));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(box, 1.5, 1.5);
        if (on) {
            QPainterPath tick;
            tick.moveTo(box.left() + 1.8, box.center().y());
            tick.lineTo(box.left() + 3.6, box.bottom() - 1.8);
            tick.lineTo(box.right() - 1.5, box.top() + 1.8);
            p.drawPath(tick);
        }
        content.setLeft(content.left() + kBox + kGap);
    }
    p.setPen(foreground);
    p.setFont(font());
    p.drawText(content, Qt::AlignVCenter | Qt::AlignLeft,
               fontMetrics().elidedText(text(), Qt::ElideRight, content.width()));
}

}  // namespace postil

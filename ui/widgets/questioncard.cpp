#include "widgets/questioncard.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QVBoxLayout>

#include "widgets/chipflowlayout.h"
#include "widgets/optionchip.h"
#include "widgets/questionanswer.h"
#include "widgets/textdebouncer.h"

namespace postil {

namespace {
constexpr int kAccent = 3;  // width of the active question's bar
constexpr int kTextLines = 3;
}  // namespace

QuestionCard::QuestionCard(const Question& question, QWidget* parent)
    : QFrame(parent), m_question(question) {
    setObjectName(QStringLiteral("question-") + question.name);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(kAccent + 8, 6, 8, 7);
    layout->setSpacing(3);

    auto* header = new QHBoxLayout;
    header->setSpacing(6);
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::RichText);
    m_title->setWordWrap(true);
    m_hint = new QLabel(typeHint(), this);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_hint->setFont(small);
    header->addWidget(m_title, 1);
    header->addWidget(m_hint, 0, Qt::AlignTop | Qt::AlignRight);
    layout->addLayout(header);

    if (!question.description.isEmpty()) {
        auto* description = new QLabel(question.description, this);
        description->setObjectName(QStringLiteral("description"));
        description->setWordWrap(true);
        description->setTextFormat(Qt::PlainText);
        description->setForegroundRole(QPalette::PlaceholderText);
        description->setFont(small);
        layout->addWidget(description);
    }

    if (question.type == Question::Type::Text) {
        m_text = new QPlainTextEdit(this);
        m_text->setObjectName(QStringLiteral("text"));
        m_text->setTabChangesFocus(true);
        const QFontMetrics fm(m_text->font());
        const int margin = int(m_text->document()->documentMargin());
        m_text->setFixedHeight(fm.lineSpacing() * kTextLines + 2 * margin +
                               2 * m_text->frameWidth() + 2);
        m_text->installEventFilter(this);
        // Each write of the answer commits to the file and refreshes the
        // window (docs/architecture.md §5): once per pause, not per key. The
        // debouncer also turns the field's own undo off, so Ctrl+Z reaches
        // the document's undo stack, which holds the typing as one step.
        m_debouncer = new TextDebouncer(m_text, this);
        connect(m_debouncer, &TextDebouncer::commit, this, &QuestionCard::textEdited);
        connect(m_debouncer, &TextDebouncer::leaveRequested, this, &QuestionCard::leaveRequested);
        layout->addWidget(m_text);
    } else {
        auto* chipRow = new QWidget(this);
        auto* flow = new ChipFlowLayout(chipRow, 4);
        const QStringList choices = question.choices();
        const auto style = question.type == Question::Type::Multi ? OptionChip::Style::Multi
                                                                  : OptionChip::Style::Exclusive;
        for (int i = 0; i < choices.size(); ++i) {
            QString text = choices.at(i);
            if (question.type == Question::Type::Flag)
                text = i == 0 ? tr("Yes") : tr("No");
            auto* chip = new OptionChip(text, style, chipRow);
            chip->setObjectName(QStringLiteral("choice-%1").arg(i));
            // The document decides what is checked; the click only asks.
            connect(chip, &OptionChip::clicked, this, [this, i, chip] {
                chip->setChecked(answers::isPicked(m_question, m_answer, i));
                Q_EMIT picked(i);
            });
            flow->addWidget(chip);
            m_chips << chip;
        }
        layout->addWidget(chipRow);
    }
    updateHeader();
}

QString QuestionCard::typeHint() const {
    switch (m_question.type) {
        case Question::Type::Single:
            return tr("one");
        case Question::Type::Multi:
            return tr("any");
        case Question::Type::Rating:
            return QStringLiteral("%1–%2").arg(m_question.min).arg(m_question.max);
        case Question::Type::Flag:
            return tr("yes / no");
        case Question::Type::Text:
            return tr("text");
    }
    return {};
}

void QuestionCard::updateHeader() {
    QString html = QStringLiteral("<b>%1</b>").arg(m_question.name.toHtmlEscaped());
    if (m_question.required) {
        const QColor mark = answers::isAnswered(m_answer)
                                ? palette().color(QPalette::PlaceholderText)
                                : palette().color(QPalette::Highlight);
        html += QStringLiteral(" <span style=\"color:%1\" title=\"%2\">*</span>")
                    .arg(mark.name(), tr("required"));
    }
    m_title->setText(html);
    m_title->setToolTip(m_question.required ? tr("Required") : QString());
}

void QuestionCard::setAnswer(const QJsonValue& value) {
    const bool wasAnswered = answers::isAnswered(m_answer);
    m_answer = value;
    for (int i = 0; i < m_chips.size(); ++i)
        m_chips[i]->setChecked(answers::isPicked(m_question, value, i));
    // Undo and redo land here. Typing not sent yet is newer than what is
    // stored, so the field keeps it.
    if (m_debouncer)
        m_debouncer->showStored(value.toString());
    if (wasAnswered != answers::isAnswered(value))
        updateHeader();
}

void QuestionCard::flushTyping() {
    if (m_debouncer)
        m_debouncer->flush();
}

bool QuestionCard::isTypingPending() const {
    return m_debouncer && m_debouncer->isPending();
}

void QuestionCard::setActive(bool active) {
    if (active == m_active)
        return;
    m_active = active;
    setProperty("active", active);
    update();
}

void QuestionCard::setKeyHints(const QStringList& hints) {
    for (int i = 0; i < m_chips.size(); ++i)
        m_chips[i]->setKeyHint(hints.value(i));
}

void QuestionCard::paintEvent(QPaintEvent* event) {
    QFrame::paintEvent(event);
    QPainter p(this);
    const QColor highlight = palette().color(QPalette::Highlight);
    if (m_active) {
        QColor wash = highlight;
        wash.setAlphaF(0.13f);
        p.fillRect(rect(), wash);
        p.fillRect(QRect(0, 0, kAccent, height()), highlight);
    }
    QColor line = palette().color(QPalette::Mid);
    line.setAlphaF(0.35f);
    p.setPen(line);
    p.drawLine(0, height() - 1, width(), height() - 1);
}

void QuestionCard::mousePressEvent(QMouseEvent* event) {
    Q_EMIT activated();
    QFrame::mousePressEvent(event);
}

void QuestionCard::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange)
        updateHeader();
    QFrame::changeEvent(event);
}

bool QuestionCard::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_text && event->type() == QEvent::FocusIn)
        Q_EMIT activated();
    return QFrame::eventFilter(watched, event);
}

}  // namespace postil

#include "widgets/questionform.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>
#include <algorithm>
#include <functional>

#include "document/taskdocument.h"
#include "keys/keymap.h"
#include "widgets/questionanswer.h"
#include "widgets/questioncard.h"

namespace postil {

namespace {

constexpr int kAnswerKeys = 10;

QString keyText(const QString& id) {
    return Keymap::instance().key(id).toString(QKeySequence::NativeText);
}

// "Alt" when every hint reads "Alt+<key>": the chips then show the bare key
// and the line above the questions names the modifier once.
QString commonModifier(const QStringList& hints) {
    QString prefix;
    for (int i = 0; i < hints.size(); ++i) {
        const int plus = int(hints[i].lastIndexOf(QLatin1Char('+'), hints[i].size() - 2));
        if (plus <= 0)
            return {};
        const QString mine = hints[i].left(plus);
        if (i == 0)
            prefix = mine;
        else if (mine != prefix)
            return {};
    }
    return prefix;
}

}  // namespace

QuestionForm::QuestionForm(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("questionForm"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_keysLine = new QLabel(this);
    m_keysLine->setObjectName(QStringLiteral("keysLine"));
    m_keysLine->setWordWrap(true);
    m_keysLine->setForegroundRole(QPalette::PlaceholderText);
    m_keysLine->setContentsMargins(11, 4, 8, 4);  // lines up with the cards' text
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.88);
    m_keysLine->setFont(small);
    layout->addWidget(m_keysLine);

    m_scroll = new QScrollArea(this);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setFocusPolicy(Qt::NoFocus);
    m_content = new QWidget(m_scroll);
    m_content->setBackgroundRole(QPalette::Base);
    m_list = new QVBoxLayout(m_content);
    m_list->setContentsMargins(0, 0, 0, 0);
    m_list->setSpacing(0);
    m_empty = new QLabel(tr("No questions for this task."), m_content);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->setContentsMargins(8, 16, 8, 16);
    m_list->addWidget(m_empty);
    m_list->addStretch(1);
    m_scroll->setWidget(m_content);
    layout->addWidget(m_scroll, 1);

    createActions();
    connect(&Keymap::instance(), &Keymap::changed, this, &QuestionForm::updateKeyHints);
    // Remember where the keyboard was before a text field took it, so that
    // Escape can give it back.
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget* old, QWidget* now) {
        if (!now || old == now || isAncestorOf(old))
            return;
        for (QuestionCard* card : std::as_const(m_cards))
            if (card->textEdit() == now)
                m_returnFocus = old;
    });
    rebuild();
}

QuestionForm::~QuestionForm() = default;

TaskDocument* QuestionForm::document() const {
    return m_document;
}

QSize QuestionForm::sizeHint() const {
    return {300, 400};
}

void QuestionForm::createActions() {
    Keymap& keymap = Keymap::instance();
    for (int n = 1; n <= kAnswerKeys; ++n) {
        QAction* bare = keymap.createAction(QStringLiteral("answer.%1").arg(n), this);
        QAction* alt = keymap.createAction(QStringLiteral("answer.alt.%1").arg(n), this);
        for (QAction* action : {bare, alt}) {
            connect(action, &QAction::triggered, this, [this, n] { answerWithChoice(n - 1); });
            addAction(action);
        }
        m_digitActions << bare;
        m_altDigitActions << alt;
    }
    const std::pair<const char*, std::function<void()>> questionActions[] = {
        {"question.next", [this] { moveActive(1); }},
        {"question.previous", [this] { moveActive(-1); }},
        {"question.edit", [this] { editActive(); }},
        {"question.clear", [this] { clearActive(); }},
    };
    for (const auto& [id, slot] : questionActions) {
        QAction* action = keymap.createAction(QString::fromLatin1(id), this);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        m_questionActions << action;
    }
}

void QuestionForm::setDocument(TaskDocument* document) {
    // What was typed belongs to the task it was typed on.
    commitTyping();
    const bool same = document && document == m_document;
    disconnect(m_changedConnection);
    disconnect(m_destroyedConnection);
    m_document = document;
    if (document) {
        m_changedConnection =
            connect(document, &TaskDocument::changed, this, &QuestionForm::refresh);
        m_destroyedConnection =
            connect(document, &QObject::destroyed, this, [this] { setDocument(nullptr); });
    }
    const int keepActive = same ? m_active : -1;
    rebuild();
    if (keepActive >= 0 && keepActive < m_cards.size())
        setActiveQuestion(keepActive);
}

void QuestionForm::setLabelsTakeDigits(bool labelsTakeDigits) {
    if (labelsTakeDigits == m_labelsTakeDigits)
        return;
    m_labelsTakeDigits = labelsTakeDigits;
    updateActions();
    updateKeyHints();
}

QJsonValue QuestionForm::storedAnswer(const QString& name) const {
    if (!m_document)
        return {};
    return m_document->state().result.value(QStringLiteral("answers")).toObject().value(name);
}

void QuestionForm::rebuild() {
    for (QuestionCard* card : std::as_const(m_cards))
        delete card;
    m_cards.clear();
    m_questions.clear();
    m_active = -1;
    m_lastAllAnswered.reset();
    if (m_document)
        m_questions = m_document->project().schema().questionsFor(m_document->task());

    for (int i = 0; i < m_questions.size(); ++i) {
        auto* card = new QuestionCard(m_questions[i], m_content);
        m_list->insertWidget(i, card);
        connect(card, &QuestionCard::activated, this, [this, i] { setActiveQuestion(i); });
        connect(card, &QuestionCard::picked, this,
                [this, i](int choice) { pick(i, choice, false); });
        connect(card, &QuestionCard::textEdited, this,
                [this, i](const QString& text) { typeAnswer(i, text); });
        connect(card, &QuestionCard::leaveRequested, this, &QuestionForm::giveFocusBack);
        m_cards << card;
    }
    m_empty->setVisible(m_document && m_cards.isEmpty());
    m_keysLine->setVisible(!m_cards.isEmpty());
    refresh();
    // Resume where the work stopped: the first question without an answer.
    int first = m_cards.isEmpty() ? -1 : 0;
    for (int i = 0; i < m_cards.size(); ++i) {
        if (!answers::isAnswered(m_cards[i]->answer())) {
            first = i;
            break;
        }
    }
    setActiveQuestion(first);
    updateKeyHints();
    updateActions();
}

void QuestionForm::refresh() {
    if (!m_document)
        return;
    for (QuestionCard* card : std::as_const(m_cards))
        card->setAnswer(storedAnswer(card->question().name));
    const bool allAnswered = m_document->missingRequiredAnswers().isEmpty();
    if (m_lastAllAnswered != allAnswered) {
        m_lastAllAnswered = allAnswered;
        Q_EMIT allRequiredAnswered(allAnswered);
    }
}

void QuestionForm::commitTyping() {
    for (QuestionCard* card : std::as_const(m_cards))
        card->flushTyping();
}

void QuestionForm::setActiveQuestion(int index) {
    if (index < -1 || index >= m_cards.size())
        return;
    if (index == m_active)
        return;
    // The keyboard leaves a text field whose question is no longer active.
    if (m_active >= 0 && m_active < m_cards.size()) {
        QPlainTextEdit* text = m_cards[m_active]->textEdit();
        if (text && text->hasFocus())
            giveFocusBack();
    }
    m_active = index;
    for (int i = 0; i < m_cards.size(); ++i)
        m_cards[i]->setActive(i == index);
    if (index >= 0)
        m_scroll->ensureWidgetVisible(m_cards[index], 0, 0);
    updateActions();
    Q_EMIT activeQuestionChanged(index);
}

void QuestionForm::updateActions() {
    const bool hasDocument = m_document && !m_cards.isEmpty();
    int choices = 0;
    if (hasDocument && m_active >= 0)
        choices = int(m_questions[m_active].choices().size());
    // Only keys that pick something are live: a free key keeps working for
    // whatever else in the window wants it.
    for (int i = 0; i < kAnswerKeys; ++i) {
        m_digitActions[i]->setEnabled(!m_labelsTakeDigits && i < choices);
        m_altDigitActions[i]->setEnabled(m_labelsTakeDigits && i < choices);
    }
    for (QAction* action : std::as_const(m_questionActions))
        action->setEnabled(hasDocument);
}

void QuestionForm::updateKeyHints() {
    const QString idPattern =
        m_labelsTakeDigits ? QStringLiteral("answer.alt.%1") : QStringLiteral("answer.%1");
    QStringList hints;
    for (int n = 1; n <= kAnswerKeys; ++n)
        hints << keyText(idPattern.arg(n));
    const QString modifier = commonModifier(hints);
    if (!modifier.isEmpty())
        for (QString& hint : hints)
            hint = hint.mid(modifier.size() + 1);
    for (QuestionCard* card : std::as_const(m_cards))
        card->setKeyHints(hints);

    QStringList parts;
    if (!modifier.isEmpty())
        parts << tr("Hold %1 to answer").arg(modifier);
    parts << tr("%1 / %2 question")
                 .arg(keyText(QStringLiteral("question.next")),
                      keyText(QStringLiteral("question.previous")));
    parts << tr("%1 type").arg(keyText(QStringLiteral("question.edit")));
    parts << tr("%1 clear").arg(keyText(QStringLiteral("question.clear")));
    m_keysLine->setText(parts.join(QStringLiteral("  ·  ")));
}

void QuestionForm::answerWithChoice(int choice) {
    if (m_active < 0 || m_active >= m_cards.size())
        return;
    pick(m_active, choice, true);
}

void QuestionForm::pick(int index, int choice, bool fromKeyboard) {
    if (!m_document || index < 0 || index >= m_questions.size())
        return;
    const Question& question = m_questions[index];
    if (choice < 0 || choice >= question.choices().size())
        return;
    if (!fromKeyboard)
        setActiveQuestion(index);
    const QJsonValue before = storedAnswer(question.name);
    const QJsonValue after = answers::afterPick(question, before, choice);
    if (after == before)
        return;
    m_document->setAnswer(question.name, after);
    // A keyboard answer that settles the question moves on, so a form of
    // single choices is answered by typing one digit after another.
    if (fromKeyboard && answers::isExclusive(question) && answers::isAnswered(after) &&
        index + 1 < m_cards.size())
        setActiveQuestion(index + 1);
}

void QuestionForm::typeAnswer(int index, const QString& text) {
    if (!m_document || index < 0 || index >= m_questions.size())
        return;
    // An emptied field is no answer at all, not an empty string.
    m_document->setAnswer(m_questions[index].name,
                          text.isEmpty() ? QJsonValue() : QJsonValue(text));
}

void QuestionForm::moveActive(int delta) {
    if (m_cards.isEmpty())
        return;
    const int next = std::clamp(m_active + delta, 0, int(m_cards.size()) - 1);
    setActiveQuestion(next);
}

void QuestionForm::editActive() {
    if (m_active < 0 || m_active >= m_cards.size())
        return;
    QPlainTextEdit* text = m_cards[m_active]->textEdit();
    if (!text)
        return;
    m_scroll->ensureWidgetVisible(m_cards[m_active], 0, 0);
    text->setFocus(Qt::ShortcutFocusReason);
    text->moveCursor(QTextCursor::End);
}

void QuestionForm::clearActive() {
    if (!m_document || m_active < 0 || m_active >= m_questions.size())
        return;
    const QString name = m_questions[m_active].name;
    if (storedAnswer(name).isUndefined())
        return;
    m_document->setAnswer(name, QJsonValue());
}

void QuestionForm::giveFocusBack() {
    QWidget* focused = QApplication::focusWidget();
    if (m_returnFocus && m_returnFocus->isVisible() && m_returnFocus->isEnabled()) {
        m_returnFocus->setFocus(Qt::OtherFocusReason);
    } else if (focused && isAncestorOf(focused)) {
        focused->clearFocus();
        if (window())
            window()->setFocus(Qt::OtherFocusReason);
    }
    m_returnFocus.clear();
}

}  // namespace postil

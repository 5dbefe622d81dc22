#include "widgets/textdebouncer.h"

#include <QKeyEvent>
#include <QPlainTextEdit>
#include <QScrollBar>

#include "keys/keymap.h"

namespace postil {

TextDebouncer::TextDebouncer(QPlainTextEdit* edit, QObject* parent)
    : QObject(parent), m_edit(edit) {
    m_edit->setUndoRedoEnabled(false);
    m_quiet.setSingleShot(true);
    m_deadline.setSingleShot(true);
    // The deadline is what makes typing durable within a second: a precise
    // timer, and 100 ms of margin for the timer's lateness and the write.
    m_deadline.setTimerType(Qt::PreciseTimer);
    setDelays(300, 900);
    connect(&m_quiet, &QTimer::timeout, this, &TextDebouncer::flush);
    connect(&m_deadline, &QTimer::timeout, this, &TextDebouncer::flush);
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_showing)
            typed();
        Q_EMIT textChanged();
    });
    m_edit->installEventFilter(this);
}

void TextDebouncer::setDelays(int quietMs, int maxDelayMs) {
    m_quiet.setInterval(quietMs);
    m_deadline.setInterval(maxDelayMs);
}

void TextDebouncer::typed() {
    m_quiet.start();  // restarts: 300 ms after the last keystroke
    if (!m_pending) {
        m_pending = true;
        m_deadline.start();  // not restarted: 1 s after the first unsaved keystroke
    }
}

void TextDebouncer::showStored(const QString& text) {
    if (m_pending)
        return;
    const QString old = m_edit->toPlainText();
    if (old == text)
        return;
    // The caret goes where the change ends, as after an undo in any editor:
    // after text that came back, at the place text went away. The scroll
    // stays where it was, as far as the text allows.
    qsizetype prefix = 0;
    const qsizetype shorter = qMin(old.size(), text.size());
    while (prefix < shorter && old.at(prefix) == text.at(prefix))
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < shorter - prefix &&
           old.at(old.size() - 1 - suffix) == text.at(text.size() - 1 - suffix))
        ++suffix;
    const int scroll = m_edit->verticalScrollBar()->value();
    m_showing = true;
    m_edit->setPlainText(text);
    m_showing = false;
    QTextCursor cursor = m_edit->textCursor();
    cursor.setPosition(int(text.size() - suffix));
    m_edit->setTextCursor(cursor);
    m_edit->verticalScrollBar()->setValue(scroll);
}

void TextDebouncer::replaceText(const QString& text) {
    m_edit->setPlainText(text);  // counts as typed (not m_showing)
    flush();
}

void TextDebouncer::flush() {
    m_quiet.stop();
    m_deadline.stop();
    if (!m_pending)
        return;
    m_pending = false;
    Q_EMIT commit(m_edit->toPlainText());
}

void TextDebouncer::discard() {
    m_quiet.stop();
    m_deadline.stop();
    m_pending = false;
}

bool TextDebouncer::eventFilter(QObject* watched, QEvent* event) {
    if (watched != m_edit)
        return false;
    if (event->type() == QEvent::FocusOut) {
        flush();
    } else if (event->type() == QEvent::KeyPress &&
               static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
        // Escape leaves the field (for the responses, or the editor beside
        // the questions), with what was typed saved.
        flush();
        Q_EMIT leaveRequested();
        return true;
    } else if (event->type() == QEvent::ShortcutOverride) {
        auto* key = static_cast<QKeyEvent*>(event);
        const auto modifiers =
            key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier);
        if (modifiers != Qt::NoModifier)
            flush();
        // The document's undo, not the editor's: leave the key to the shell.
        const QKeySequence pressed(key->keyCombination());
        const Keymap& keys = Keymap::instance();
        if (pressed == keys.key(QStringLiteral("edit.undo")) ||
            pressed == keys.key(QStringLiteral("edit.redo"))) {
            event->ignore();
            return true;
        }
    }
    return false;
}

}  // namespace postil

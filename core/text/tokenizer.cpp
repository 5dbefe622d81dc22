#include "text/tokenizer.h"

#include <algorithm>

namespace postil {

namespace {

bool isLineBreak(QChar c) {
    return c == u'\n' || c == u'\r' || c == QChar(0x2028) || c == QChar(0x2029) ||
           c == QChar(0x0B) || c == QChar(0x0C) || c == QChar(0x85);
}

// Full stops that end a sentence only before whitespace (a "." inside "e.g"
// or "3.14" never reaches here alone, UAX #29 keeps those whole).
// Every stop is one UTF-16 unit: the length is checked first, as most
// tokens are words.
bool isStop(QStringView token) {
    if (token.size() != 1)
        return false;
    const char16_t c = token.front().unicode();
    return c == u'.' || c == u'!' || c == u'?' || c == u'\u2026';
}

// CJK full stops end a sentence even without a space after them.
bool isWideStop(QStringView token) {
    if (token.size() != 1)
        return false;
    const char16_t c = token.front().unicode();
    return c == u'\u3002' || c == u'\uFF01' || c == u'\uFF1F';
}

}  // namespace

Tokenizer::Tokenizer(const QString& text, QList<qsizetype> cuts,
                     const QList<std::pair<qsizetype, qsizetype>>& joins, Words words)
    : m_text(text), m_cuts(std::move(cuts)) {
    if (words == Words::Fastest && SimpleWordBoundaries::covers(text)) {
        m_simple.emplace(text);
    } else {
        m_finder.emplace(QTextBoundaryFinder::Word, text, m_buffer, sizeof(m_buffer));
        m_finder->toStart();
    }
    if (!std::is_sorted(m_cuts.cbegin(), m_cuts.cend()))
        std::sort(m_cuts.begin(), m_cuts.end());
    if (std::adjacent_find(m_cuts.cbegin(), m_cuts.cend()) != m_cuts.cend())
        m_cuts.erase(std::unique(m_cuts.begin(), m_cuts.end()), m_cuts.end());
    // Merged and sorted, so one binary search answers "inside a span?". A
    // sorted list (CoNLL's) is read as it is: no copy.
    QList<std::pair<qsizetype, qsizetype>> sorted;
    if (!std::is_sorted(joins.cbegin(), joins.cend())) {
        sorted = joins;
        std::sort(sorted.begin(), sorted.end());
    }
    m_joins.reserve(joins.size());
    for (const auto& range : sorted.isEmpty() ? joins : std::as_const(sorted)) {
        if (range.second <= range.first)
            continue;
        if (!m_joins.isEmpty() && range.first <= m_joins.last().second)
            m_joins.last().second = std::max(m_joins.last().second, range.second);
        else
            m_joins << range;
    }
}

bool Tokenizer::insideJoin(qsizetype position) const {
    // The last merged range starting before the position.
    auto it = std::lower_bound(
        m_joins.cbegin(), m_joins.cend(), position,
        [](const std::pair<qsizetype, qsizetype>& range, qsizetype p) { return range.first < p; });
    if (it == m_joins.cbegin())
        return false;
    --it;
    return position < it->second;
}

bool Tokenizer::nextSegment(qsizetype& start, qsizetype& end) {
    start = m_segmentEnd;
    if (start >= m_text.size())
        return false;
    end = m_simple ? m_simple->toNextBoundary() : m_finder->toNextBoundary();
    if (end < 0 || end <= start)
        end = m_text.size();  // the finder's end, or a text it cannot read
    return true;
}

bool Tokenizer::next(Token& token) {
    while (m_position >= m_segmentEnd) {
        qsizetype start = 0;
        qsizetype end = 0;
        if (!nextSegment(start, end))
            return false;
        m_segmentStart = start;
        m_segmentEnd = end;
        m_position = start;
        bool blank = true;
        bool lineBreak = false;
        for (qsizetype i = start; i < end; ++i) {
            const QChar c = m_text.at(i);
            if (!c.isSpace()) {
                blank = false;
                break;
            }
            lineBreak = lineBreak || isLineBreak(c);
        }
        if (!blank)
            break;
        if (lineBreak && m_sawToken && !insideJoin(start))
            m_sentenceBreak = true;
        m_position = end;  // whitespace is no token
    }
    while (m_nextCut < m_cuts.size() && m_cuts.at(m_nextCut) <= m_position)
        ++m_nextCut;
    qsizetype end = m_segmentEnd;
    if (m_nextCut < m_cuts.size() && m_cuts.at(m_nextCut) < end)
        end = m_cuts.at(m_nextCut);
    token.start = m_position;
    token.end = end;
    token.sentenceStart = m_sentenceBreak || !m_sawToken;
    token.whitespaceAfter = end < m_text.size() && m_text.at(end).isSpace();
    m_sawToken = true;
    m_sentenceBreak = false;
    m_position = end;

    const QStringView text = QStringView(m_text).mid(token.start, token.end - token.start);
    const bool endsHere =
        isWideStop(text) || (isStop(text) && (end == m_text.size() || m_text.at(end).isSpace()));
    if (endsHere && !insideJoin(end))
        m_sentenceBreak = true;
    return true;
}

}  // namespace postil

#include "text/worddiff.h"

#include <QHash>
#include <algorithm>
#include <vector>

namespace postil {

namespace {

// Work units (token comparisons and diagonal steps) one whole diff may spend.
// Myers is O((N+M)·D): on two long texts that share little, D approaches N+M
// and the quadratic cost runs into seconds. Past this budget, a stretch that
// is still unmatched is reported as replaced. A few tens of milliseconds.
constexpr qint64 kWorkBudget = 24'000'000;
// Below this many tokens on a side, Myers is cheap enough to run directly;
// above it, unique-token anchors cut the stretch first.
constexpr int kAnchorThreshold = 48;
// The largest edit distance Myers searches for in one stretch: its trace is
// kept for the backtrack and takes O(D²) memory.
constexpr int kMaxEditDistance = 2000;
// Every stretch may search at least this deep, whatever the text's length.
constexpr int kMinEditDistance = 64;

enum class TokenClass { Word, Space, Other };

TokenClass classify(char32_t c) {
    if (QChar::isSpace(c))
        return TokenClass::Space;
    // Scripts written without spaces would make a whole sentence one "word":
    // there every character stands alone.
    const QChar::Script script = QChar::script(c);
    if (script == QChar::Script_Han || script == QChar::Script_Hiragana ||
        script == QChar::Script_Katakana || script == QChar::Script_Thai)
        return TokenClass::Other;
    if (QChar::isLetterOrNumber(c) || QChar::isMark(c) || c == U'_')
        return TokenClass::Word;
    return TokenClass::Other;
}

struct Match {
    int a;
    int b;
};

class Differ {
public:
    Differ(const std::vector<int>& a, const std::vector<int>& b, int vocabulary)
        : m_a(a),
          m_b(b),
          m_stamp(vocabulary, -1),
          m_countA(vocabulary),
          m_countB(vocabulary),
          m_posA(vocabulary),
          m_posB(vocabulary),
          m_totalTokens(std::max<qint64>(1, qint64(a.size()) + qint64(b.size()))) {}

    std::vector<Match> run() {
        // Ranges are processed from a stack; matches come out of order and
        // are sorted at the end (they never cross, by construction).
        m_stack.push_back({0, int(m_a.size()), 0, int(m_b.size())});
        while (!m_stack.empty()) {
            const Range r = m_stack.back();
            m_stack.pop_back();
            diffRange(r);
        }
        std::sort(m_matches.begin(), m_matches.end(),
                  [](const Match& x, const Match& y) { return x.a < y.a; });
        return m_matches;
    }

private:
    struct Range {
        int a0, a1, b0, b1;
    };

    void diffRange(Range r) {
        // Common prefix and suffix cost nothing to match.
        while (r.a0 < r.a1 && r.b0 < r.b1 && m_a[r.a0] == m_b[r.b0]) {
            m_matches.push_back({r.a0++, r.b0++});
        }
        while (r.a0 < r.a1 && r.b0 < r.b1 && m_a[r.a1 - 1] == m_b[r.b1 - 1]) {
            m_matches.push_back({--r.a1, --r.b1});
        }
        const int n = r.a1 - r.a0;
        const int m = r.b1 - r.b0;
        m_work += n + m;
        if (n == 0 || m == 0)
            return;
        if ((n > kAnchorThreshold || m > kAnchorThreshold) && anchor(r))
            return;
        myers(r);
    }

    // Patience step: tokens occurring exactly once on each side, kept where
    // their order agrees (longest increasing subsequence), become matches, and
    // the gaps between them are diffed on their own. False when there is no
    // such token.
    bool anchor(const Range& r) {
        ++m_generation;
        for (int i = r.a0; i < r.a1; ++i)
            touch(m_a[i]), ++m_countA[m_a[i]], m_posA[m_a[i]] = i;
        for (int j = r.b0; j < r.b1; ++j)
            touch(m_b[j]), ++m_countB[m_b[j]], m_posB[m_b[j]] = j;
        std::vector<Match> unique;
        for (int i = r.a0; i < r.a1; ++i) {
            const int t = m_a[i];
            if (m_countA[t] == 1 && m_countB[t] == 1)
                unique.push_back({i, m_posB[t]});
        }
        if (unique.empty())
            return false;

        // Longest increasing subsequence of b positions, O(k log k).
        std::vector<int> tails;  // index into unique of the smallest tail per length
        std::vector<int> previous(unique.size(), -1);
        for (int k = 0; k < int(unique.size()); ++k) {
            auto it = std::lower_bound(tails.begin(), tails.end(), unique[k].b,
                                       [&](int index, int b) { return unique[index].b < b; });
            if (it != tails.begin())
                previous[k] = *(it - 1);
            if (it == tails.end())
                tails.push_back(k);
            else
                *it = k;
        }
        m_work += qint64(unique.size()) * 8;
        std::vector<Match> chain;
        for (int k = tails.back(); k >= 0; k = previous[k])
            chain.push_back(unique[k]);
        std::reverse(chain.begin(), chain.end());

        int a = r.a0;
        int b = r.b0;
        for (const Match& match : chain) {
            m_stack.push_back({a, match.a, b, match.b});
            m_matches.push_back(match);
            a = match.a + 1;
            b = match.b + 1;
        }
        m_stack.push_back({a, r.a1, b, r.b1});
        return true;
    }

    void touch(int token) {
        if (m_stamp[token] != m_generation) {
            m_stamp[token] = m_generation;
            m_countA[token] = 0;
            m_countB[token] = 0;
        }
    }

    // Myers' greedy O((N+M)·D) search with the trace kept for the backtrack.
    // Gives up (leaving the stretch unmatched, i.e. replaced) when the edit
    // distance would exceed what the remaining budget allows.
    void myers(const Range& r) {
        const int n = r.a1 - r.a0;
        const int m = r.b1 - r.b0;
        const qint64 remaining = kWorkBudget - m_work;
        if (remaining <= 0)
            return;
        // Each stretch may search as deep as its share of the budget allows,
        // so one hard stretch early on cannot starve the rest.
        const qint64 share = std::max<qint64>(kMinEditDistance, kWorkBudget / m_totalTokens);
        const int maxD = int(std::min<qint64>(
            {qint64(n) + m, kMaxEditDistance, share, std::max<qint64>(1, remaining / (n + m))}));
        const int offset = maxD + 1;
        std::vector<int> v(2 * maxD + 3, 0);
        // trace holds V_d for k in [-d, d] after step d, at traceStart[d].
        std::vector<int> trace;
        std::vector<int> traceStart;
        const int* a = m_a.data() + r.a0;
        const int* b = m_b.data() + r.b0;
        int found = -1;
        for (int d = 0; d <= maxD && found < 0; ++d) {
            for (int k = -d; k <= d; k += 2) {
                int x;
                if (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
                    x = v[offset + k + 1];
                else
                    x = v[offset + k - 1] + 1;
                int y = x - k;
                const int start = x;
                while (x < n && y < m && a[x] == b[y])
                    ++x, ++y;
                m_work += 1 + (x - start);
                v[offset + k] = x;
                if (x >= n && y >= m) {
                    found = d;
                    break;
                }
            }
            traceStart.push_back(int(trace.size()));
            trace.insert(trace.end(), v.begin() + offset - d, v.begin() + offset + d + 1);
        }
        if (found < 0)
            return;

        auto traced = [&](int d, int k) { return trace[traceStart[d] + k + d]; };
        int x = n;
        int y = m;
        for (int d = found; d > 0; --d) {
            const int k = x - y;
            const bool down = k == -d || (k != d && traced(d - 1, k - 1) < traced(d - 1, k + 1));
            const int prevK = down ? k + 1 : k - 1;
            const int prevX = traced(d - 1, prevK);
            const int midX = down ? prevX : prevX + 1;
            while (x > midX) {
                --x, --y;
                m_matches.push_back({r.a0 + x, r.b0 + y});
            }
            x = prevX;
            y = prevX - prevK;
        }
        while (x > 0 && y > 0) {
            --x, --y;
            m_matches.push_back({r.a0 + x, r.b0 + y});
        }
    }

    const std::vector<int>& m_a;
    const std::vector<int>& m_b;
    std::vector<int> m_stamp;
    std::vector<int> m_countA, m_countB, m_posA, m_posB;
    qint64 m_totalTokens;
    int m_generation = 0;
    qint64 m_work = 0;
    std::vector<Range> m_stack;
    std::vector<Match> m_matches;
};

bool isBlank(const QString& text) {
    for (QChar c : text)
        if (!c.isSpace())
            return false;
    return true;
}

void appendChunk(QList<DiffChunk>& chunks, DiffOp op, const QString& text) {
    if (text.isEmpty())
        return;
    if (!chunks.isEmpty() && chunks.last().op == op)
        chunks.last().text += text;
    else
        chunks.append({op, text});
}

// Turns the matched tokens into chunks, then tidies: a lone space left equal
// between two changes splits one replaced phrase into many little ones
// ("-a- +b+ -c- +d+"), so such an island joins the change around it, and each
// changed stretch becomes at most one deletion followed by one insertion.
QList<DiffChunk> toChunks(const QStringList& a, const QStringList& b,
                          const std::vector<Match>& matches) {
    struct Piece {
        DiffOp op;
        QString text;
    };
    std::vector<Piece> pieces;
    int i = 0;
    int j = 0;
    auto flush = [&](int toA, int toB) {
        for (; i < toA; ++i)
            pieces.push_back({DiffOp::Delete, a[i]});
        for (; j < toB; ++j)
            pieces.push_back({DiffOp::Insert, b[j]});
    };
    for (const Match& match : matches) {
        flush(match.a, match.b);
        pieces.push_back({DiffOp::Equal, a[i]});
        ++i, ++j;
    }
    flush(int(a.size()), int(b.size()));

    QList<DiffChunk> chunks;
    QString deleted;
    QString inserted;
    auto closeChange = [&] {
        appendChunk(chunks, DiffOp::Delete, deleted);
        appendChunk(chunks, DiffOp::Insert, inserted);
        deleted.clear();
        inserted.clear();
    };
    for (size_t p = 0; p < pieces.size(); ++p) {
        const Piece& piece = pieces[p];
        if (piece.op == DiffOp::Delete) {
            deleted += piece.text;
        } else if (piece.op == DiffOp::Insert) {
            inserted += piece.text;
        } else {
            const bool inChange = !deleted.isEmpty() || !inserted.isEmpty();
            const bool changeFollows = p + 1 < pieces.size() && pieces[p + 1].op != DiffOp::Equal;
            if (inChange && changeFollows && isBlank(piece.text)) {
                deleted += piece.text;
                inserted += piece.text;
                continue;
            }
            closeChange();
            appendChunk(chunks, DiffOp::Equal, piece.text);
        }
    }
    closeChange();
    return chunks;
}

}  // namespace

QStringList wordDiffTokens(const QString& text) {
    QStringList tokens;
    const int size = int(text.size());
    int start = 0;
    TokenClass current = TokenClass::Other;
    int i = 0;
    while (i < size) {
        char32_t c = text.at(i).unicode();
        int width = 1;
        if (text.at(i).isHighSurrogate() && i + 1 < size && text.at(i + 1).isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text.at(i), text.at(i + 1));
            width = 2;
        }
        const TokenClass cls = classify(c);
        // A combining mark stays with what it combines with, whatever that is.
        const bool continues =
            i > start && ((cls == current && cls != TokenClass::Other) || QChar::isMark(c));
        if (!continues && i > start) {
            tokens.append(text.mid(start, i - start));
            start = i;
        }
        if (!continues)
            current = cls;
        i += width;
    }
    if (size > start)
        tokens.append(text.mid(start, size - start));
    return tokens;
}

QList<DiffChunk> wordDiff(const QString& before, const QString& after) {
    const QStringList a = wordDiffTokens(before);
    const QStringList b = wordDiffTokens(after);
    QHash<QString, int> ids;
    ids.reserve(a.size() + b.size());
    auto encode = [&ids](const QStringList& tokens) {
        std::vector<int> out;
        out.reserve(tokens.size());
        for (const QString& token : tokens) {
            auto it = ids.constFind(token);
            if (it == ids.constEnd())
                it = ids.insert(token, int(ids.size()));
            out.push_back(it.value());
        }
        return out;
    };
    const std::vector<int> codedA = encode(a);
    const std::vector<int> codedB = encode(b);
    Differ differ(codedA, codedB, int(ids.size()));
    return toChunks(a, b, differ.run());
}

}  // namespace postil

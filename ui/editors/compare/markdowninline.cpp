#include <QHash>
#include <array>

#include "editors/compare/markdownparser.h"

// The inline half of the Markdown parser: code spans, emphasis, links,
// entities and line breaks inside one paragraph, heading or table cell.
namespace postil::markdown {

namespace {

constexpr int kMaxLinkDepth = 8;
// How far back a closing * or _ looks for its opener, and how far a [ looks
// for its ], so runs of unmatched markers cannot make parsing quadratic.
constexpr int kMaxDelimiterLookback = 128;
constexpr int kMaxLinkTextLength = 2000;

struct Node {
    enum class Kind { Text, Delimiter, Link };
    Kind kind = Kind::Text;
    Inline text;  // Text: the run; Delimiter: position and the marker chars
    // Delimiter
    QChar ch;
    int count = 0;
    int originalCount = 0;
    bool canOpen = false;
    bool canClose = false;
    bool active = true;
    // Link
    int link = -1;
    QList<Inline> children;
};

bool isPunctuation(QChar c) {
    return c.isPunct() || c.isSymbol();
}

bool isAsciiPunctuation(QChar c) {
    const char16_t u = c.unicode();
    return (u >= 33 && u <= 47) || (u >= 58 && u <= 64) || (u >= 91 && u <= 96) ||
           (u >= 123 && u <= 126);
}

QString decodeEntity(QStringView name) {
    static const QHash<QString, QString> named = {
        {QStringLiteral("amp"), QStringLiteral("&")},
        {QStringLiteral("lt"), QStringLiteral("<")},
        {QStringLiteral("gt"), QStringLiteral(">")},
        {QStringLiteral("quot"), QStringLiteral("\"")},
        {QStringLiteral("apos"), QStringLiteral("'")},
        {QStringLiteral("nbsp"), QString(QChar(0xa0))},
        {QStringLiteral("copy"), QString(QChar(0xa9))},
        {QStringLiteral("reg"), QString(QChar(0xae))},
        {QStringLiteral("trade"), QString(QChar(0x2122))},
        {QStringLiteral("hellip"), QString(QChar(0x2026))},
        {QStringLiteral("mdash"), QString(QChar(0x2014))},
        {QStringLiteral("ndash"), QString(QChar(0x2013))},
        {QStringLiteral("lsquo"), QString(QChar(0x2018))},
        {QStringLiteral("rsquo"), QString(QChar(0x2019))},
        {QStringLiteral("ldquo"), QString(QChar(0x201c))},
        {QStringLiteral("rdquo"), QString(QChar(0x201d))},
        {QStringLiteral("bull"), QString(QChar(0x2022))},
        {QStringLiteral("middot"), QString(QChar(0xb7))},
        {QStringLiteral("times"), QString(QChar(0xd7))},
        {QStringLiteral("divide"), QString(QChar(0xf7))},
        {QStringLiteral("deg"), QString(QChar(0xb0))},
        {QStringLiteral("plusmn"), QString(QChar(0xb1))},
        {QStringLiteral("euro"), QString(QChar(0x20ac))},
    };
    if (name.startsWith(u'#')) {
        bool ok = false;
        const bool hex = name.size() > 1 && (name.at(1) == u'x' || name.at(1) == u'X');
        const uint code = hex ? name.mid(2).toUInt(&ok, 16) : name.mid(1).toUInt(&ok, 10);
        if (!ok || code == 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
            return QString(QChar(QChar::ReplacementCharacter));
        const char32_t c = code;
        return QString::fromUcs4(&c, 1);
    }
    return named.value(name.toString());
}

class InlineParser {
public:
    InlineParser(QStringView s, QStringList* links, int depth)
        : m_s(s), m_links(links), m_depth(depth) {}

    QList<Inline> parse() {
        const int n = int(m_s.size());
        int textStart = 0;
        int i = 0;
        auto flush = [&](int upto) {
            if (upto > textStart)
                pushText(textStart, m_s.mid(textStart, upto - textStart).toString());
        };
        while (i < n) {
            const QChar c = m_s.at(i);
            if (c == u'\\' && i + 1 < n &&
                (isAsciiPunctuation(m_s.at(i + 1)) || m_s.at(i + 1) == u'\n')) {
                flush(i);
                if (m_s.at(i + 1) == u'\n')
                    pushBreak(i + 1);
                else
                    pushText(i + 1, QString(m_s.at(i + 1)));
                i += 2;
                textStart = i;
            } else if (c == u'`') {
                flush(i);
                textStart = i;
                const int end = codeSpan(i);
                if (end < 0) {
                    while (i < n && m_s.at(i) == u'`')
                        ++i;  // unmatched: the backticks are text
                    continue;
                }
                i = end;
                textStart = i;
            } else if (c == u'*' || c == u'_' || c == u'~') {
                int run = i;
                while (run < n && m_s.at(run) == c)
                    ++run;
                if (c == u'~' && run - i != 2) {
                    i = run;
                    continue;
                }
                flush(i);
                pushDelimiter(i, run - i);
                i = run;
                textStart = i;
            } else if (c == u'[' || (c == u'!' && i + 1 < n && m_s.at(i + 1) == u'[')) {
                const int end = link(i);
                if (end < 0) {
                    i += c == u'!' ? 2 : 1;
                    continue;
                }
                // link() pushed the node, so the text before it must go first:
                // it was parsed into m_pendingLink and is appended after flush.
                flush(i);
                m_nodes.append(m_pendingLink);
                i = end;
                textStart = i;
            } else if (c == u'<') {
                const int end = autolink(i);
                if (end < 0) {
                    ++i;
                    continue;
                }
                flush(i);
                m_nodes.append(m_pendingLink);
                i = end;
                textStart = i;
            } else if (c == u'&') {
                flush(i);
                textStart = i;
                const int end = entity(i);
                if (end < 0) {
                    ++i;
                    continue;
                }
                i = end;
                textStart = i;
            } else if (c == u'\n') {
                flush(i);
                // Every line end is a break, as in chat interfaces (GFM's
                // hard_breaks): responses are written to be read that way, and
                // a poem or an address joined into one line loses its form.
                pushBreak(i);
                ++i;
                textStart = i;
            } else {
                ++i;
            }
        }
        flush(n);
        processEmphasis();
        return flatten();
    }

private:
    void pushText(int pos, const QString& text, bool mapped = true, int flags = 0) {
        Node node;
        node.text.pos = pos;
        node.text.text = text;
        node.text.mapped = mapped;
        node.text.flags = flags;
        m_nodes.append(node);
    }

    void pushBreak(int pos) {
        Node node;
        node.text.pos = pos;
        node.text.text = QString(QChar(QChar::LineSeparator));
        node.text.lineBreak = true;
        m_nodes.append(node);
    }

    // A code span starting at a run of backticks: pushes it and returns the
    // index after it, or -1 when no run of the same length closes it.
    int codeSpan(int i) {
        const int n = int(m_s.size());
        int run = i;
        while (run < n && m_s.at(run) == u'`')
            ++run;
        const int length = run - i;
        // A search that failed from an earlier position fails from here too.
        if (m_noCloserFrom.value(length, n + 1) <= i)
            return -1;
        int j = run;
        while (j < n) {
            if (m_s.at(j) != u'`') {
                ++j;
                continue;
            }
            int close = j;
            while (close < n && m_s.at(close) == u'`')
                ++close;
            if (close - j == length) {
                int start = run;
                int end = j;
                // One space on each side is padding, unless it is all spaces.
                bool allSpace = true;
                for (int k = start; k < end && allSpace; ++k)
                    allSpace = m_s.at(k) == u' ' || m_s.at(k) == u'\n';
                if (!allSpace && end - start >= 2 &&
                    (m_s.at(start) == u' ' || m_s.at(start) == u'\n') &&
                    (m_s.at(end - 1) == u' ' || m_s.at(end - 1) == u'\n'))
                    ++start, --end;
                if (end > start) {
                    QString code = m_s.mid(start, end - start).toString();
                    code.replace(QLatin1Char('\n'), QLatin1Char(' '));
                    pushText(start, code, true, Code);
                }
                return close;
            }
            j = close;
        }
        m_noCloserFrom.insert(length, i);
        return -1;
    }

    void pushDelimiter(int i, int count) {
        const QChar ch = m_s.at(i);
        const QChar before = i > 0 ? m_s.at(i - 1) : QChar(u' ');
        const QChar after = i + count < m_s.size() ? m_s.at(i + count) : QChar(u' ');
        const bool leftFlanking = !after.isSpace() && (!isPunctuation(after) || before.isSpace() ||
                                                       isPunctuation(before));
        const bool rightFlanking = !before.isSpace() && (!isPunctuation(before) ||
                                                         after.isSpace() || isPunctuation(after));
        Node node;
        node.kind = Node::Kind::Delimiter;
        node.text.pos = i;
        node.ch = ch;
        node.count = node.originalCount = count;
        if (ch == u'_') {
            // Underscores inside words (snake_case) are not emphasis.
            node.canOpen = leftFlanking && (!rightFlanking || isPunctuation(before));
            node.canClose = rightFlanking && (!leftFlanking || isPunctuation(after));
        } else {
            node.canOpen = leftFlanking;
            node.canClose = rightFlanking;
        }
        m_nodes.append(node);
    }

    // [text](target) or ![alt](target): parses into m_pendingLink and returns
    // the index after it, or -1 when it is not a link.
    int link(int i) {
        if (m_depth >= kMaxLinkDepth)
            return -1;
        const int n = int(m_s.size());
        const int open = m_s.at(i) == u'!' ? i + 1 : i;
        int depth = 0;
        int close = -1;
        for (int j = open; j < n && j - open < kMaxLinkTextLength; ++j) {
            const QChar c = m_s.at(j);
            if (c == u'\\') {
                ++j;
            } else if (c == u'[') {
                ++depth;
            } else if (c == u']') {
                if (--depth == 0) {
                    close = j;
                    break;
                }
            } else if (c == u'`') {
                int run = j;
                while (run < n && m_s.at(run) == u'`')
                    ++run;
                const int end = m_s.mid(run).indexOf(m_s.mid(j, run - j));
                j = end >= 0 ? run + end + (run - j) - 1 : run - 1;
            }
        }
        if (close < 0 || close + 1 >= n || m_s.at(close + 1) != u'(')
            return -1;
        int parens = 0;
        int end = -1;
        for (int j = close + 1; j < n && j - close < kMaxLinkTextLength; ++j) {
            const QChar c = m_s.at(j);
            if (c == u'\\') {
                ++j;
            } else if (c == u'(') {
                ++parens;
            } else if (c == u')') {
                if (--parens == 0) {
                    end = j;
                    break;
                }
            }
        }
        if (end < 0)
            return -1;
        QString target = m_s.mid(close + 2, end - close - 2).toString().trimmed();
        if (target.startsWith(QLatin1Char('<'))) {
            const int angle = int(target.indexOf(QLatin1Char('>')));
            target = target.mid(1, angle > 0 ? angle - 1 : -1);
        } else {
            // A title ("target "title"") follows the first space.
            for (int k = 0; k < target.size(); ++k) {
                if (target.at(k).isSpace()) {
                    target.truncate(k);
                    break;
                }
            }
        }
        Node node;
        node.kind = Node::Kind::Link;
        node.link = int(m_links->size());
        m_links->append(target);
        InlineParser inner(m_s.mid(open + 1, close - open - 1), m_links, m_depth + 1);
        node.children = inner.parse();
        for (Inline& child : node.children) {
            child.pos += open + 1;
            if (m_s.at(i) == u'!')
                child.flags |= Emphasis;  // an image: its alt text stands in
        }
        m_pendingLink = node;
        return end + 1;
    }

    // <https://...> or <name@host>: the address shown as a link.
    int autolink(int i) {
        const int n = int(m_s.size());
        int j = i + 1;
        bool colon = false;
        bool at = false;
        while (j < n && j - i < kMaxLinkTextLength) {
            const QChar c = m_s.at(j);
            if (c == u'>')
                break;
            if (c.isSpace() || c == u'<')
                return -1;
            colon = colon || c == u':';
            at = at || c == u'@';
            ++j;
        }
        if (j >= n || m_s.at(j) != u'>' || j == i + 1 || (!colon && !at))
            return -1;
        if (colon && !m_s.at(i + 1).isLetter())
            return -1;
        Node node;
        node.kind = Node::Kind::Link;
        node.link = int(m_links->size());
        const QString address = m_s.mid(i + 1, j - i - 1).toString();
        m_links->append(colon ? address : QStringLiteral("mailto:") + address);
        Inline text;
        text.pos = i + 1;
        text.text = address;
        node.children = {text};
        m_pendingLink = node;
        return j + 1;
    }

    int entity(int i) {
        const int n = int(m_s.size());
        int j = i + 1;
        while (j < n && j - i <= 32 && (m_s.at(j).isLetterOrNumber() || m_s.at(j) == u'#'))
            ++j;
        if (j >= n || m_s.at(j) != u';' || j == i + 1)
            return -1;
        const QString decoded = decodeEntity(m_s.mid(i + 1, j - i - 1));
        if (decoded.isEmpty())
            return -1;
        pushText(i, decoded, false);
        return j + 1;
    }

    // CommonMark's delimiter matching, without the openers-bottom cache but
    // with a bounded look-back.
    void processEmphasis() {
        QList<int> delimiters;
        for (int k = 0; k < m_nodes.size(); ++k)
            if (m_nodes[k].kind == Node::Kind::Delimiter)
                delimiters.append(k);
        for (int d = 0; d < delimiters.size(); ++d) {
            Node& closer = m_nodes[delimiters[d]];
            while (closer.canClose && closer.active && closer.count > 0) {
                int found = -1;
                for (int o = d - 1; o >= 0 && d - o <= kMaxDelimiterLookback; --o) {
                    const Node& opener = m_nodes[delimiters[o]];
                    if (!opener.active || !opener.canOpen || opener.ch != closer.ch ||
                        opener.count == 0)
                        continue;
                    if (closer.ch == u'~' && opener.count != closer.count)
                        continue;
                    // The "rule of three" keeps "*a**b*" from pairing oddly.
                    if ((opener.canClose || closer.canOpen) &&
                        (opener.originalCount + closer.originalCount) % 3 == 0 &&
                        !(opener.originalCount % 3 == 0 && closer.originalCount % 3 == 0))
                        continue;
                    found = o;
                    break;
                }
                if (found < 0)
                    break;
                Node& opener = m_nodes[delimiters[found]];
                const int use = closer.ch == u'~'                          ? 2
                                : (opener.count >= 2 && closer.count >= 2) ? 2
                                                                           : 1;
                const int flag = closer.ch == u'~' ? Strike : use == 2 ? Strong : Emphasis;
                m_matches.append({delimiters[found], delimiters[d], flag});
                opener.count -= use;
                closer.count -= use;
                closer.text.pos += use;
                for (int between = found + 1; between < d; ++between)
                    m_nodes[delimiters[between]].active = false;
            }
        }
    }

    QList<Inline> flatten() {
        // Flags by node: each match covers the nodes strictly between its
        // delimiters; matches nest, so counting per flag is enough.
        const int count = int(m_nodes.size());
        QList<std::array<int, 3>> delta(count + 1, {0, 0, 0});
        auto slot = [](int flag) { return flag == Emphasis ? 0 : flag == Strong ? 1 : 2; };
        for (const Match& match : m_matches) {
            ++delta[match.opener + 1][slot(match.flag)];
            --delta[match.closer][slot(match.flag)];
        }
        QList<Inline> out;
        std::array<int, 3> depth{0, 0, 0};
        auto append = [&out](Inline piece) {
            if (!out.isEmpty()) {
                Inline& last = out.last();
                if (last.mapped && piece.mapped && !last.lineBreak && !piece.lineBreak &&
                    last.flags == piece.flags && last.link == piece.link &&
                    last.pos + last.text.size() == piece.pos) {
                    last.text += piece.text;
                    return;
                }
            }
            out.append(piece);
        };
        for (int k = 0; k < count; ++k) {
            for (int f = 0; f < 3; ++f)
                depth[f] += delta[k][f];
            const int flags = (depth[0] > 0 ? Emphasis : 0) | (depth[1] > 0 ? Strong : 0) |
                              (depth[2] > 0 ? Strike : 0);
            const Node& node = m_nodes[k];
            switch (node.kind) {
                case Node::Kind::Text: {
                    Inline piece = node.text;
                    piece.flags |= flags;
                    append(piece);
                    break;
                }
                case Node::Kind::Delimiter:
                    if (node.count > 0) {
                        Inline piece = node.text;
                        piece.text = QString(node.count, node.ch);
                        piece.flags = flags;
                        append(piece);
                    }
                    break;
                case Node::Kind::Link:
                    for (Inline piece : node.children) {
                        piece.flags |= flags | Link;
                        piece.link = node.link;
                        append(piece);
                    }
                    break;
            }
        }
        return out;
    }

    struct Match {
        int opener;
        int closer;
        int flag;
    };

    QStringView m_s;
    QStringList* m_links;
    int m_depth;
    QList<Node> m_nodes;
    QList<Match> m_matches;
    QHash<int, int> m_noCloserFrom;
    Node m_pendingLink;
};

}  // namespace

QList<Inline> parseInlines(QStringView text, QStringList* linkTargets) {
    QStringList scratch;
    return InlineParser(text, linkTargets ? linkTargets : &scratch, 0).parse();
}

}  // namespace postil::markdown

#include "formats/textgridreader.h"

#include "formats/speechsupport.h"

namespace postil {

namespace {

bool startsNumber(const QString& text, qsizetype i) {
    const qsizetype n = text.size();
    auto digit = [&](qsizetype k) { return k < n && text.at(k) >= u'0' && text.at(k) <= u'9'; };
    const QChar c = text.at(i);
    if (digit(i))
        return true;
    if (c == u'+' || c == u'-')
        return digit(i + 1) || (i + 1 < n && text.at(i + 1) == u'.' && digit(i + 2));
    return c == u'.' && digit(i + 1);
}

// Ends a word that is not data ("xmin", "=", "intervals:"): the next token
// may follow it without a space.
bool endsWord(QChar c) {
    return c.isSpace() || c == u'"' || c == u'!' || c == u'<' || c == u'[';
}

// A number of any sign ("-0.5", "2.5s"), as a grid's own xmin may be.
bool isNumber(const QString& text) {
    QStringView view(text);
    if (view.startsWith(u'-') || view.startsWith(u'+'))
        view = view.sliced(1);
    QStringView rest;
    if (!speech::parseSeconds(view, &rest))
        return false;
    for (QChar c : rest)
        if (!((c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')))
            return false;
    return true;
}

QString shown(const QString& token) {
    return token.size() > 40 ? token.left(40) + QStringLiteral("…") : token;
}

}  // namespace

TextGridReader::Token TextGridReader::next() {
    const qsizetype n = m_text.size();
    auto newline = [&](qsizetype i) {
        const QChar c = m_text.at(i);
        // "\r\n" counts once, at its '\n'.
        return c == u'\n' || (c == u'\r' && (i + 1 == n || m_text.at(i + 1) != u'\n'));
    };
    while (m_pos < n) {
        const QChar c = m_text.at(m_pos);
        if (newline(m_pos)) {
            ++m_line;
            ++m_pos;
            continue;
        }
        if (c.isSpace()) {
            ++m_pos;
            continue;
        }
        if (c == u'!') {  // a comment, to the end of the line
            while (m_pos < n && m_text.at(m_pos) != u'\n' && m_text.at(m_pos) != u'\r')
                ++m_pos;
            continue;
        }
        if (c == u'[') {  // an index, "item [3]:"
            while (m_pos < n && m_text.at(m_pos) != u']') {
                if (newline(m_pos))
                    ++m_line;
                ++m_pos;
            }
            if (m_pos < n)
                ++m_pos;
            continue;
        }
        Token token;
        token.line = m_line;
        if (c == u'"') {
            token.kind = Kind::String;
            qsizetype from = m_pos + 1;
            for (;;) {
                const qsizetype quote = m_text.indexOf(u'"', from);
                if (quote < 0) {  // unterminated: what it holds is no string
                    token.kind = Kind::End;
                    token.text = QStringLiteral("\"");
                    m_pos = n;
                    return token;
                }
                for (qsizetype k = from; k < quote; ++k)
                    if (newline(k))
                        ++m_line;
                token.text += QStringView(m_text).sliced(from, quote - from);
                if (quote + 1 < n && m_text.at(quote + 1) == u'"') {
                    token.text += u'"';
                    from = quote + 2;
                    continue;
                }
                m_pos = quote + 1;
                return token;
            }
        }
        if (c == u'<') {
            const qsizetype close = m_text.indexOf(u'>', m_pos);
            if (close < 0) {
                m_pos = n;
                token.text = QStringLiteral("<");
                return token;  // End: an unterminated flag
            }
            token.kind = Kind::Flag;
            token.text = m_text.mid(m_pos + 1, close - m_pos - 1);
            for (qsizetype k = m_pos; k < close; ++k)
                if (newline(k))
                    ++m_line;
            m_pos = close + 1;
            return token;
        }
        const qsizetype start = m_pos;
        const bool number = startsNumber(m_text, m_pos);
        while (m_pos < n && !(number ? m_text.at(m_pos).isSpace() : endsWord(m_text.at(m_pos))))
            ++m_pos;
        if (number) {
            token.kind = Kind::Number;
            token.text = m_text.mid(start, m_pos - start);
            return token;
        }
    }
    Token end;
    // The last line that has something, not the empty one after a final break.
    end.line = m_line;
    if (n > 0 && (m_text.at(n - 1) == u'\n' || m_text.at(n - 1) == u'\r'))
        end.line = std::max(1, m_line - 1);
    return end;
}

Status TextGridReader::fail(int line, const QString& why) {
    m_errorLine = line;
    return Status::failure(why);
}

Status TextGridReader::expect(Kind kind, Token& token, const QString& what) {
    token = next();
    if (token.kind == kind)
        return Status::success();
    if (token.kind == Kind::End)
        return fail(token.line, token.text.isEmpty()
                                    ? QStringLiteral("the file ends where %1 should be").arg(what)
                                    : QStringLiteral("a %1 is not closed, so the file ends "
                                                     "where %2 should be")
                                          .arg(token.text == u"<" ? QStringLiteral("<flag")
                                                                  : QStringLiteral("\"string"),
                                               what));
    const QString found = token.kind == Kind::Number ? QStringLiteral("the number ") + token.text
                          : token.kind == Kind::String
                              ? QStringLiteral("the string \"%1\"").arg(shown(token.text))
                              : QStringLiteral("<%1>").arg(token.text);
    return fail(token.line, QStringLiteral("expected %1, found %2").arg(what, found));
}

Status TextGridReader::time(const QString& what, qint64& ms, int& line) {
    Token token;
    if (Status s = expect(Kind::Number, token, what); !s.ok())
        return s;
    line = token.line;
    QStringView rest;
    const auto value = speech::parseSeconds(token.text, &rest);
    // A unit after the number ("0.5s") is passed over as Praat does; any
    // other rest ("1,5", "1.2.3") makes it no number.
    bool unit = true;
    for (QChar c : rest)
        unit = unit && ((c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z'));
    if (!value || !unit)
        return fail(token.line, QStringLiteral("%1 is %2, not a time in seconds from 0 to 31 years")
                                    .arg(what, shown(token.text)));
    ms = *value;
    return Status::success();
}

Status TextGridReader::count(const QString& what, qint64& value) {
    Token token;
    if (Status s = expect(Kind::Number, token, what); !s.ok())
        return s;
    bool ok = false;
    value = token.text.toLongLong(&ok);
    if (!ok || value < 0)
        return fail(token.line,
                    QStringLiteral("%1 is %2, not a count").arg(what, shown(token.text)));
    return Status::success();
}

Status TextGridReader::read(
    const std::function<bool(const Tier& tier)>& tierStart,
    const std::function<bool(const Tier& tier, const Interval& interval)>& interval) {
    Token token;
    if (Status s = expect(Kind::String, token, QStringLiteral("File type = \"ooTextFile\""));
        !s.ok())
        return s;
    if (token.text != QLatin1String("ooTextFile") &&
        token.text != QLatin1String("ooTextFile short"))
        return fail(token.line, QStringLiteral("the file type is \"%1\", not \"ooTextFile\" (a "
                                               "Praat text file)")
                                    .arg(shown(token.text)));
    if (Status s = expect(Kind::String, token, QStringLiteral("Object class = \"TextGrid\""));
        !s.ok())
        return s;
    if (token.text != QLatin1String("TextGrid"))
        return fail(
            token.line,
            QStringLiteral("the file holds a Praat \"%1\", not a TextGrid").arg(shown(token.text)));
    for (const char* bound : {"xmin", "xmax"}) {
        if (Status s = expect(Kind::Number, token, QLatin1String(bound)); !s.ok())
            return s;
        if (!isNumber(token.text))
            return fail(token.line, QStringLiteral("%1 is %2, not a number")
                                        .arg(QLatin1String(bound), shown(token.text)));
    }
    if (Status s = expect(Kind::Flag, token, QStringLiteral("tiers? <exists>")); !s.ok())
        return s;
    if (token.text == QLatin1String("absent"))
        return Status::success();
    if (token.text != QLatin1String("exists"))
        return fail(token.line,
                    QStringLiteral("expected <exists> or <absent>, found <%1>").arg(token.text));
    qint64 tiers = 0;
    if (Status s = count(QStringLiteral("the number of tiers"), tiers); !s.ok())
        return s;
    // The counts say how far to read, never how much to hold: a file that
    // claims a billion tiers ends long before, and says where.
    for (qint64 t = 1; t <= tiers; ++t) {
        const QString which = QStringLiteral("tier %1 of %2").arg(t).arg(tiers);
        Tier tier;
        if (Status s = expect(Kind::String, token,
                              QStringLiteral("the class of %1 (\"IntervalTier\")").arg(which));
            !s.ok())
            return s;
        tier.line = token.line;
        if (token.text == QLatin1String("TextTier"))
            tier.intervals = false;
        else if (token.text != QLatin1String("IntervalTier"))
            return fail(token.line, QStringLiteral("%1 is a \"%2\", not an \"IntervalTier\" or "
                                                   "\"TextTier\"")
                                        .arg(which, shown(token.text)));
        if (Status s = expect(Kind::String, token, QStringLiteral("the name of %1").arg(which));
            !s.ok())
            return s;
        tier.name = token.text;
        for (const char* bound : {"xmin", "xmax"}) {
            if (Status s = expect(Kind::Number, token,
                                  QStringLiteral("the %1 of %2").arg(QLatin1String(bound), which));
                !s.ok())
                return s;
            if (!isNumber(token.text))
                return fail(token.line, QStringLiteral("the %1 of %2 is %3, not a number")
                                            .arg(QLatin1String(bound), which, shown(token.text)));
        }
        if (Status s = count(QStringLiteral("the size of %1").arg(which), tier.items); !s.ok())
            return s;
        if (!tierStart(tier))
            return Status::success();
        for (qint64 k = 1; k <= tier.items; ++k) {
            const QString item =
                QStringLiteral("%1 %2 of %3 in %4")
                    .arg(tier.intervals ? QStringLiteral("interval") : QStringLiteral("point"))
                    .arg(k)
                    .arg(tier.items)
                    .arg(which);
            if (!tier.intervals) {
                if (Status s = expect(Kind::Number, token, QStringLiteral("the time of ") + item);
                    !s.ok())
                    return s;
                if (Status s = expect(Kind::String, token, QStringLiteral("the mark of ") + item);
                    !s.ok())
                    return s;
                continue;
            }
            Interval found;
            int endLine = 0;
            if (Status s = time(QStringLiteral("the xmin of ") + item, found.startMs, found.line);
                !s.ok())
                return s;
            if (Status s = time(QStringLiteral("the xmax of ") + item, found.endMs, endLine);
                !s.ok())
                return s;
            if (Status s = expect(Kind::String, token, QStringLiteral("the text of ") + item);
                !s.ok())
                return s;
            found.text = token.text;
            if (!interval(tier, found))
                return Status::success();
        }
    }
    return Status::success();
}

}  // namespace postil

#include "editors/text/textfind.h"

#include <QRegularExpression>

#include "text/textoffsets.h"

namespace postil {

FindResult findAll(const QString& text, const FindQuery& query, int limit) {
    FindResult result;
    if (query.pattern.isEmpty())
        return result;
    auto add = [&](qsizetype start, qsizetype end) {
        start = graphemes::boundaryAtOrBefore(text, start);
        end = graphemes::boundaryAtOrAfter(text, end);
        if (end <= start)
            return true;
        if (!result.matches.isEmpty() && start < result.matches.last().end)
            return true;  // widened into the one before
        if (result.matches.size() >= limit) {
            result.truncated = true;
            return false;
        }
        result.matches.append({start, end});
        return true;
    };
    if (!query.regex) {
        const Qt::CaseSensitivity cs =
            query.caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive;
        for (qsizetype at = text.indexOf(query.pattern, 0, cs); at >= 0;
             at = text.indexOf(query.pattern, at + query.pattern.size(), cs))
            if (!add(at, at + query.pattern.size()))
                break;
        return result;
    }
    QRegularExpression::PatternOptions options = QRegularExpression::UseUnicodePropertiesOption;
    if (!query.caseSensitive)
        options |= QRegularExpression::CaseInsensitiveOption;
    const QRegularExpression re(query.pattern, options);
    if (!re.isValid()) {
        result.error = QStringLiteral("%1 (at character %2)")
                           .arg(re.errorString())
                           .arg(re.patternErrorOffset() + 1);
        return result;
    }
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        if (match.capturedLength() == 0)
            continue;
        if (!add(match.capturedStart(), match.capturedEnd()))
            break;
    }
    return result;
}

}  // namespace postil

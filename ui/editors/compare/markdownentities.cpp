#include "editors/compare/markdownentities.h"

#include <QHash>

namespace postil::markdown {

QString decodeEntity(QStringView entity) {
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
        {QStringLiteral("laquo"), QString(QChar(0xab))},
        {QStringLiteral("raquo"), QString(QChar(0xbb))},
        {QStringLiteral("bull"), QString(QChar(0x2022))},
        {QStringLiteral("middot"), QString(QChar(0xb7))},
        {QStringLiteral("times"), QString(QChar(0xd7))},
        {QStringLiteral("divide"), QString(QChar(0xf7))},
        {QStringLiteral("deg"), QString(QChar(0xb0))},
        {QStringLiteral("plusmn"), QString(QChar(0xb1))},
        {QStringLiteral("minus"), QString(QChar(0x2212))},
        {QStringLiteral("le"), QString(QChar(0x2264))},
        {QStringLiteral("ge"), QString(QChar(0x2265))},
        {QStringLiteral("ne"), QString(QChar(0x2260))},
        {QStringLiteral("rarr"), QString(QChar(0x2192))},
        {QStringLiteral("larr"), QString(QChar(0x2190))},
        {QStringLiteral("euro"), QString(QChar(0x20ac))},
        {QStringLiteral("pound"), QString(QChar(0xa3))},
        {QStringLiteral("sect"), QString(QChar(0xa7))},
        {QStringLiteral("para"), QString(QChar(0xb6))},
    };
    if (entity.size() < 3 || entity.front() != u'&' || entity.back() != u';')
        return {};
    const QStringView name = entity.mid(1, entity.size() - 2);
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

}  // namespace postil::markdown

// libFuzzer harness for the text exports' own JSON string paths
// (formats/textexport): a task's stored data read for its text without the
// Qt parse when it is just {"text": …}, and appendJsonString, which writes
// every token's text. Beyond memory errors it checks that, on any input Qt
// reads as a JSON object, cook() gives the text Qt gives; and that the
// string written for that text reads back (through Qt) as the text, a lone
// surrogate as U+FFFD. A difference would export another text.
#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>
#include <cstdlib>

#include "formats/detectionsupport.h"
#include "formats/textexport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray json(reinterpret_cast<const char*>(data), qsizetype(size));
    postil::textexport::RawTextTask raw;
    raw.id = 1;
    raw.uid = QStringLiteral("t");
    raw.data = json;
    postil::detection::WarningTally warnings;
    const postil::textexport::TextTask task = postil::textexport::cook(std::move(raw), warnings);

    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error == QJsonParseError::NoError && document.isObject()) {
        const QString expected = document.object().value(QStringLiteral("text")).toString();
        if (task.text != expected) {
            std::fprintf(stderr, "cook() read %lld UTF-16 units, Qt %lld\n",
                         static_cast<long long>(task.text.size()),
                         static_cast<long long>(expected.size()));
            std::abort();
        }
    }

    QByteArray written = "[";
    postil::textexport::appendJsonString(written, task.text);
    written += ']';
    const QJsonDocument back = QJsonDocument::fromJson(written, &error);
    QString wanted = task.text;  // a lone surrogate written as U+FFFD
    for (qsizetype i = 0; i < wanted.size(); ++i) {
        if (wanted.at(i).isHighSurrogate() && i + 1 < wanted.size() &&
            wanted.at(i + 1).isLowSurrogate())
            ++i;
        else if (wanted.at(i).isSurrogate())
            wanted[i] = QChar::ReplacementCharacter;
    }
    if (error.error != QJsonParseError::NoError || !back.isArray() ||
        back.array().at(0).toString() != wanted) {
        std::fprintf(stderr, "appendJsonString wrote a string that does not read back (%s)\n",
                     qPrintable(error.errorString()));
        std::abort();
    }
    return 0;
}

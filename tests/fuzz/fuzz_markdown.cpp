// libFuzzer harness for the Markdown renderer of the comparison editor
// (editors/compare/markdowndocument and markdownrenderer over md4c): the
// source text of a response, rendered into a QTextDocument with its source
// map. Input starting with '[' that parses as JSON is a message list, as a
// response may be. Beyond memory errors it checks the source map's promise:
// runs in order, inside both texts, and each showing its source characters.
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPalette>
#include <QTextDocument>
#include <cstdio>
#include <cstdlib>

#include "editors/compare/markdowndocument.h"
#include "model/comparison.h"

namespace {

[[noreturn]] void broken(const char* what, const postil::SourceMap::Run& run) {
    std::fprintf(stderr, "source map: %s (run doc %d, src %d, length %d)\n", what, run.docPos,
                 run.srcPos, run.length);
    std::abort();
}

// Characters the renderer shows in place of the source one: a soft line break
// as a space, a line end as a block break, an entity ("&amp;") as the
// character it stands for, mapped to its '&'.
bool shows(QChar shown, QChar source) {
    if (shown == source || source == QLatin1Char('&'))
        return true;
    const bool lineEnd = source == QLatin1Char('\n') || source == QLatin1Char('\r');
    return lineEnd && (shown == QLatin1Char(' ') || shown == QChar::ParagraphSeparator ||
                       shown == QChar::LineSeparator);
}

void checkMap(const QTextDocument& document, const QString& source, const postil::SourceMap& map) {
    int lastDoc = 0;
    int lastSrc = 0;
    const int characters = document.characterCount();
    for (const postil::SourceMap::Run& run : map.runs()) {
        if (run.length <= 0)
            broken("an empty run", run);
        if (run.docPos < lastDoc || run.srcPos < lastSrc)
            broken("a run out of order", run);
        if (run.docPos + run.length > characters || run.srcPos + run.length > source.size())
            broken("a run beyond its text", run);
        for (int i = 0; i < run.length; ++i)
            if (!shows(document.characterAt(run.docPos + i), source.at(run.srcPos + i)))
                broken("a character that is not its source", run);
        lastDoc = run.docPos + run.length;
        lastSrc = run.srcPos + run.length;
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    // QTextDocument lays out text with fonts: that needs a QGuiApplication.
    // Never destroyed: at exit it would go after the fonts and palettes other
    // statics hold, and crash in Qt (found on the first run).
    static QGuiApplication* app = new QGuiApplication(*argc, *argv);
    (void)app;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const postil::MarkdownDocument::Style style =
        postil::MarkdownDocument::Style::fromPalette(QGuiApplication::palette(),
                                                     QGuiApplication::font());
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    QJsonValue content = QString::fromUtf8(bytes);
    if (bytes.startsWith('[')) {
        const QJsonDocument messages = QJsonDocument::fromJson(bytes);
        if (messages.isArray())
            content = messages.array();
    }
    QTextDocument document;
    const postil::SourceMap map = postil::MarkdownDocument::build(&document, content, true, style);
    checkMap(document, postil::comparison::contentText(content), map);
    // The other direction, as selections in the editor use it.
    const int characters = document.characterCount();
    (void)map.toSource(0, characters);
    (void)map.toDocument(0, int(postil::comparison::contentText(content).size()));
    (void)map.documentPositionAtOrAfter(characters / 2);
    return 0;
}

#include "formats/labelstudionames.h"

namespace postil::labelstudio {

namespace {
const QString kPostilDomain = QStringLiteral("@postil.invalid");
}  // namespace

int responseOfObject(const QString& name) {
    if (!name.startsWith(QLatin1String("answer")))
        return -1;
    bool ok = false;
    const int number = name.mid(6).toInt(&ok);
    // "answer01" is not answer1: only the names answerObject() gives.
    if (!ok || number < 1 || answerObject(number - 1) != name)
        return -1;
    return number - 1;
}

QString objectOf(TaskKind kind) {
    switch (kind) {
        case TaskKind::Image:
            return imageObject();
        case TaskKind::Text:
            return textObject();
        case TaskKind::Audio:
            return audioObject();
        case TaskKind::Compare:
            return promptObject();
    }
    return textObject();
}

QString preferenceWords(int preference) {
    switch (preference) {
        case -3:
            return QStringLiteral("answer1 is much better");
        case -2:
            return QStringLiteral("answer1 is better");
        case -1:
            return QStringLiteral("answer1 is slightly better");
        case 0:
            return QStringLiteral("tie");
        case 1:
            return QStringLiteral("answer2 is slightly better");
        case 2:
            return QStringLiteral("answer2 is better");
        case 3:
            return QStringLiteral("answer2 is much better");
    }
    return QString();
}

QString userOfAnnotator(const QString& annotator) {
    return annotator.contains(QLatin1Char('@')) ? annotator : annotator + kPostilDomain;
}

QString annotatorOfUser(const QString& user) {
    if (user.endsWith(kPostilDomain, Qt::CaseInsensitive) && user.size() > kPostilDomain.size())
        return user.chopped(kPostilDomain.size());
    return user;
}

}  // namespace postil::labelstudio

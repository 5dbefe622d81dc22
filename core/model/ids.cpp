#include "model/ids.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QUuid>

namespace postil {

QString newUuid() {
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString annotationUid(const QString& taskUid, const QString& annotator) {
    // A name-based (version 5) UUID in a namespace of Postil's own.
    static const QUuid kNamespace(QStringLiteral("6f1d2c4e-8a53-4b7e-9c1d-5e2f7a9b3c60"));
    return QUuid::createUuidV5(kNamespace, taskUid + QLatin1Char('\n') + annotator)
        .toString(QUuid::WithoutBraces);
}

QByteArray canonicalJson(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString derivedTaskUid(TaskKind kind, const QJsonObject& canonicalData) {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(toString(kind).toUtf8());
    hash.addData(QByteArrayView("\n"));
    hash.addData(canonicalJson(canonicalData));
    // 128 bits are plenty to keep tasks apart and keep exports readable.
    return QString::fromLatin1(hash.result().toHex().left(32));
}

QString sha256Hex(const QByteArray& bytes) {
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

Expected<QString> fileSha256(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Status::failure(QStringLiteral("%1: %2").arg(path, file.errorString()));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return Status::failure(QStringLiteral("%1: read failed: %2").arg(path, file.errorString()));
    return QString::fromLatin1(hash.result().toHex());
}

}  // namespace postil

#include "model/ids.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QUuid>

namespace postil {

QString newUuid() {
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
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

#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include "model/taskkind.h"
#include "store/status.h"

namespace postil {

QString newUuid();
// The uid of (task, annotator)'s row: the same on every device, so a review
// that points at it holds whichever device's version a merge keeps.
QString annotationUid(const QString& taskUid, const QString& annotator);
// Canonical JSON: compact, keys sorted (QJsonObject keeps them sorted).
QByteArray canonicalJson(const QJsonObject& object);
// A task's uid when the import gives none: the same kind and canonical data
// give the same uid on every laptop, so importing twice adds nothing.
QString derivedTaskUid(TaskKind kind, const QJsonObject& canonicalData);
// SHA-256 of a file's bytes, lowercase hex.
Expected<QString> fileSha256(const QString& path);
QString sha256Hex(const QByteArray& bytes);

}  // namespace postil

#include "model/resultjson.h"

#include <cmath>

namespace postil::resultjson {

namespace {

constexpr int kListedProblems = 10;

}  // namespace

bool readWholeNumber(const QJsonValue& value, qint64& out) {
    if (!value.isDouble())
        return false;
    const double number = value.toDouble();
    if (!std::isfinite(number) || number != std::floor(number) || std::fabs(number) > 9.0e15)
        return false;
    out = static_cast<qint64>(number);
    return true;
}

void putInteger(QJsonObject& object, const QString& key, qint64 value) {
    const QJsonValue old = object.value(key);
    if (old.isDouble() && old.toDouble() == static_cast<double>(value))
        return;
    object.insert(key, static_cast<double>(value));
}

ProblemList::~ProblemList() {
    if (m_out && m_unsaid > 0)
        *m_out << QStringLiteral("and %1 more problems").arg(m_unsaid);
}

void ProblemList::add(const QString& problem) {
    if (!m_out)
        return;
    if (m_out->size() < kListedProblems)
        *m_out << problem;
    else
        ++m_unsaid;
}

}  // namespace postil::resultjson

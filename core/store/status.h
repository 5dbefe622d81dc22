#pragma once

#include <QString>
#include <optional>
#include <utility>

namespace postil {

// The outcome of an operation that can fail. Core reports errors as values and
// never shows a dialog; the caller decides how to present the message.
class [[nodiscard]] Status {
public:
    static Status success() { return Status(); }
    static Status failure(QString message) { return Status(std::move(message)); }

    bool ok() const { return m_error.isEmpty(); }
    const QString& error() const { return m_error; }

private:
    Status() = default;
    explicit Status(QString message) : m_error(std::move(message)) {
        if (m_error.isEmpty())
            m_error = QStringLiteral("unknown error");
    }
    QString m_error;
};

// A value or the reason there is none.
template <class T>
class [[nodiscard]] Expected {
public:
    Expected(T value) : m_value(std::move(value)) {}
    Expected(Status failure) : m_error(failure.error()) {}

    bool ok() const { return m_value.has_value(); }
    const QString& error() const { return m_error; }
    T& value() { return *m_value; }
    const T& value() const { return *m_value; }
    T* operator->() { return &*m_value; }
    const T* operator->() const { return &*m_value; }
    T& operator*() { return *m_value; }

private:
    std::optional<T> m_value;
    QString m_error;
};

}  // namespace postil

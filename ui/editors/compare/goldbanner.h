#pragma once

#include <QJsonObject>
#include <QLabel>
#include <QList>

namespace postil {

class TaskDocument;

// After submitting a gold task (one whose data has "gold"), when the schema
// reveals gold: the expected verdict in the letters the annotator saw, and
// whether the annotator's verdict matched it. Hidden otherwise.
class GoldBanner : public QLabel {
    Q_OBJECT
public:
    explicit GoldBanner(QWidget* parent = nullptr);

    // order: canonical indexes in the order shown.
    void showFor(TaskDocument* document, const QList<int>& order);
    // The expected verdict as shown ("A is better", "B > A = C"), empty
    // without gold.
    static QString expectedText(const QJsonObject& taskData, const QList<int>& order);
};

}  // namespace postil

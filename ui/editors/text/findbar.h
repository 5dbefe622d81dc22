#pragma once

#include <QWidget>
#include <functional>

#include "editors/text/textfind.h"
#include "model/schema.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace postil {

// Ctrl+F inside the text editor: a bar above the text to find plain text or
// a regular expression (with a case option), step through the matches
// (Enter, Shift+Enter) and label all of them with one label in one step.
// Escape closes it. It only asks; the editor finds, marks and labels.
class FindBar : public QWidget {
    Q_OBJECT
public:
    using ColorFor = std::function<QColor(const QString&)>;

    explicit FindBar(QWidget* parent = nullptr);

    void setLabels(const QList<Label>& labels, const ColorFor& colorFor);
    FindQuery query() const;
    // The label "Label all" gives; empty when there is none.
    QString chosenLabel() const;
    // "3 of 12", "No matches", or the pattern's error.
    void showResult(int current, int count, const QString& error, bool truncated);
    // Shows the bar with 'seed' (when not empty) as the pattern, all selected.
    void activate(const QString& seed);

    QLineEdit* patternEdit() const { return m_pattern; }
    QCheckBox* regexBox() const { return m_regex; }
    QCheckBox* caseBox() const { return m_case; }
    QComboBox* labelBox() const { return m_label; }
    QPushButton* labelAllButton() const { return m_labelAll; }
    QLabel* countLabel() const { return m_count; }

Q_SIGNALS:
    void queryChanged();
    void nextRequested();
    void previousRequested();
    void labelAllRequested(const QString& label);
    void closed();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QLineEdit* m_pattern;
    QCheckBox* m_regex;
    QCheckBox* m_case;
    QLabel* m_count;
    QComboBox* m_label;
    QPushButton* m_labelAll;
};

}  // namespace postil

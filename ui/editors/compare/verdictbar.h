#pragma once

#include <QList>
#include <QStringList>
#include <QWidget>
#include <optional>

class QLabel;

namespace postil {

class OptionChip;

// The verdict on two responses as shown: a 7-point scale from "A much better"
// (-3) to "B much better" (+3), and "Both are bad" kept apart from it, so a
// tie between two poor answers is not the same as a tie between two good
// ones. The bar only shows what it is given; picks go out as signals and come
// back through setVerdict() once the document has stored them.
class VerdictBar : public QWidget {
    Q_OBJECT
public:
    explicit VerdictBar(QWidget* parent = nullptr);

    void setVerdict(std::optional<int> shownPreference, bool bothBad);
    std::optional<int> shownPreference() const { return m_preference; }
    bool bothBad() const { return m_bothBad; }
    // Keys of the seven choices, left to right, and of "Both are bad".
    void setKeyHints(const QStringList& choiceKeys, const QString& bothBadKey);

    // -3..3 -> "A much better" ... "B much better".
    static QString choiceText(int shownPreference);
    // What a chip shows: "A+++" … "=" … "B+++" (the full text is its tooltip and the
    // caption beside the scale), so the seven fit beside two narrow columns.
    static QString chipText(int shownPreference);
    QString caption() const;
    OptionChip* choice(int shownPreference) const { return m_choices.value(shownPreference + 3); }
    OptionChip* bothBadChip() const { return m_bothBadChip; }

Q_SIGNALS:
    void preferencePicked(int shownPreference);
    void bothBadToggled(bool bothBad);
    void clearRequested();

private:
    void showState();

    QList<OptionChip*> m_choices;
    OptionChip* m_bothBadChip;
    QWidget* m_clear;
    QLabel* m_caption;
    std::optional<int> m_preference;
    bool m_bothBad = false;
};

}  // namespace postil

#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QSlider;

namespace postil {

class ElidedLabel;

// The strip an editor shows above its proposals (docs/architecture.md §15):
// where they come from and how many are left, a score threshold that hides
// weak ones (0 shows all; proposals without a score always show), and
// Accept all. The editor owns the proposals; the bar only says and asks.
class ProposalBar : public QWidget {
    Q_OBJECT
public:
    explicit ProposalBar(QWidget* parent = nullptr);

    // "model:ocr: 12 proposed boxes left, 3 under the threshold"; the bar
    // hides itself when 'text' is empty.
    void setSummary(const QString& text);
    QString summary() const;
    // The threshold, 0..1.
    double threshold() const;
    void setThreshold(double threshold);
    QSlider* slider() const { return m_slider; }
    QPushButton* acceptAllButton() const { return m_acceptAll; }

Q_SIGNALS:
    void thresholdChanged(double threshold);
    void acceptAllRequested();

private:
    ElidedLabel* m_summary;
    QSlider* m_slider;
    QLabel* m_value;
    QPushButton* m_acceptAll;
};

}  // namespace postil

#pragma once

#include <QPointer>

#include "editors/taskeditor.h"
#include "media/audioprobe.h"

class QAudioOutput;
class QLabel;
class QMediaPlayer;
class QSlider;
class QStackedWidget;
class QToolButton;

namespace postil {

namespace preview {
class MessagePanel;
}

// Read-only view of an audio task, shown until the transcript editor lands:
// the file's name, duration, sample rate and channels, and a Play/Pause
// button. The player is made on the first Play, so merely looking at tasks
// never opens an audio device; when playback fails (no device, no codec) a
// message says so and the view stays usable.
class AudioPreview : public TaskEditor {
    Q_OBJECT
public:
    explicit AudioPreview(QObject* parent = nullptr);
    ~AudioPreview() override;

    TaskKind kind() const override { return TaskKind::Audio; }
    QWidget* widget() override;
    void setDocument(TaskDocument* document) override;
    QList<QPair<QString, QString>> shortcutHelp() const override;
    void focusEditor() override;
    QString mediaProblem() const override { return m_mediaProblem; }

    // What is shown, for tests.
    QString fileName() const;
    QString durationText() const;
    QString detailsText() const;  // sample rate and channels
    QString statusText() const;   // playback messages
    QString errorText() const;    // shown instead of the player
    QToolButton* playButton() const { return m_play; }

    void togglePlayback();

private:
    bool ensurePlayer();
    void stopPlayback();
    void updatePlayState();
    void updatePosition(qint64 ms);
    void showError(const QString& title, const QString& details);
    void setStatus(const QString& text);

    QPointer<QWidget> m_widget;
    QStackedWidget* m_stack;
    preview::MessagePanel* m_message;
    QLabel* m_name;
    QLabel* m_duration;
    QLabel* m_rate;
    QLabel* m_channels;
    QLabel* m_format;
    QToolButton* m_play;
    QSlider* m_seek;
    QLabel* m_position;
    QLabel* m_status;
    QMediaPlayer* m_player = nullptr;
    QAudioOutput* m_output = nullptr;
    QString m_path;
    QString m_mediaProblem;
    qint64 m_durationMs = 0;
};

}  // namespace postil

#include "editors/preview/audiopreview.h"

#include <QAudioDevice>
#include <QAudioOutput>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QMediaDevices>
#include <QMediaPlayer>
#include <QPainter>
#include <QSlider>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <limits>

#include "document/taskdocument.h"
#include "media/mediadecodecheck.h"
#include "widgets/readingstyle.h"

namespace postil {

namespace {

constexpr int kCardMaxWidth = 620;

QString rateText(int hz) {
    return AudioPreview::tr("%1 kHz").arg(QString::number(hz / 1000.0, 'g', 4));
}

QString channelsText(int channels) {
    if (channels == 1)
        return AudioPreview::tr("1 (mono)");
    if (channels == 2)
        return AudioPreview::tr("2 (stereo)");
    return QString::number(channels);
}

// Drawn rather than taken from the style: the style's media icons are dark
// glyphs that vanish on a dark theme's buttons.
QIcon transportIcon(bool pause, const QColor& color) {
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    if (pause) {
        painter.drawRoundedRect(QRectF(8, 6, 6, 20), 1.5, 1.5);
        painter.drawRoundedRect(QRectF(18, 6, 6, 20), 1.5, 1.5);
    } else {
        painter.drawPolygon(QPolygonF{QPointF(10, 5), QPointF(27, 16), QPointF(10, 27)});
    }
    return QIcon(pixmap);
}

// A round badge with sound bars, in the highlight colour, beside the file name.
QPixmap audioBadge(const QPalette& palette) {
    constexpr int kSize = 40;
    constexpr qreal kScale = 2;
    QPixmap pixmap(kSize * kScale, kSize * kScale);
    pixmap.setDevicePixelRatio(kScale);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(palette.color(QPalette::Highlight));
    painter.drawEllipse(QRectF(0, 0, kSize, kSize));
    painter.setBrush(palette.color(QPalette::HighlightedText));
    const qreal heights[] = {8, 16, 22, 12, 18, 8};
    const qreal barWidth = 3;
    const qreal gap = 2.2;
    qreal x = (kSize - (6 * barWidth + 5 * gap)) / 2;
    for (qreal h : heights) {
        painter.drawRoundedRect(QRectF(x, (kSize - h) / 2, barWidth, h), 1.5, 1.5);
        x += barWidth + gap;
    }
    return pixmap;
}

QLabel* valueLabel(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

}  // namespace

AudioPreview::AudioPreview(QObject* parent) : TaskEditor(parent) {
    m_widget = new QWidget;
    m_widget->setObjectName(QStringLiteral("audioPreview"));
    auto* outer = new QVBoxLayout(m_widget);
    outer->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(m_widget);
    outer->addWidget(m_stack);

    auto* page = new QWidget(m_stack);
    auto* pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(24, 24, 24, 24);
    auto* card = new QFrame(page);
    card->setObjectName(QStringLiteral("audioCard"));
    card->setMaximumWidth(kCardMaxWidth);
    card->setStyleSheet(
        QStringLiteral("QFrame#audioCard { background: palette(base); border: 1px "
                       "solid palette(mid); border-radius: 6px; }"));
    auto* cardLayout = new QVBoxLayout(card);
    cardLayout->setContentsMargins(22, 18, 22, 18);
    cardLayout->setSpacing(14);

    auto* header = new QHBoxLayout;
    header->setSpacing(12);
    auto* icon = new QLabel(card);
    icon->setPixmap(audioBadge(m_widget->palette()));
    header->addWidget(icon);
    m_name = valueLabel(card);
    m_name->setObjectName(QStringLiteral("audioName"));
    QFont nameFont = preview::readingFont();
    nameFont.setBold(true);
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.15);
    m_name->setFont(nameFont);
    m_name->setWordWrap(true);
    header->addWidget(m_name, 1);
    cardLayout->addLayout(header);

    auto* facts = new QGridLayout;
    facts->setHorizontalSpacing(18);
    facts->setVerticalSpacing(6);
    auto addFact = [&](const QString& name, QLabel*& value) {
        const int row = facts->rowCount();
        facts->addWidget(preview::makeSectionLabel(name, card), row, 0, Qt::AlignVCenter);
        value = valueLabel(card);
        facts->addWidget(value, row, 1);
    };
    addFact(tr("Duration"), m_duration);
    addFact(tr("Sample rate"), m_rate);
    addFact(tr("Channels"), m_channels);
    addFact(tr("Format"), m_format);
    m_format->setWordWrap(true);
    facts->setColumnStretch(1, 1);
    cardLayout->addLayout(facts);

    auto* transport = new QHBoxLayout;
    transport->setSpacing(10);
    m_play = new QToolButton(card);
    m_play->setObjectName(QStringLiteral("playButton"));
    m_play->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_play->setMinimumHeight(32);
    m_play->setIconSize(QSize(14, 14));
    m_play->setMinimumWidth(96);
    m_play->setFocusPolicy(Qt::StrongFocus);
    QObject::connect(m_play, &QToolButton::clicked, this, &AudioPreview::togglePlayback);
    transport->addWidget(m_play);
    m_seek = new QSlider(Qt::Horizontal, card);
    m_seek->setEnabled(false);
    QObject::connect(m_seek, &QSlider::sliderMoved, this, [this](int ms) {
        if (m_player)
            m_player->setPosition(ms);
    });
    transport->addWidget(m_seek, 1);
    m_position = new QLabel(card);
    m_position->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    transport->addWidget(m_position);
    cardLayout->addLayout(transport);

    m_status = valueLabel(card);
    m_status->setObjectName(QStringLiteral("audioStatus"));
    m_status->setWordWrap(true);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_status->hide();
    cardLayout->addWidget(m_status);

    auto* row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(card, 4);
    row->addStretch(1);
    pageLayout->addStretch(1);
    pageLayout->addLayout(row);
    pageLayout->addStretch(2);
    m_stack->addWidget(page);

    m_message = new preview::MessagePanel(m_stack);
    m_stack->addWidget(m_message);
    updatePlayState();
}

AudioPreview::~AudioPreview() {
    stopPlayback();
    delete m_widget;
}

QWidget* AudioPreview::widget() {
    return m_widget;
}

QList<QPair<QString, QString>> AudioPreview::shortcutHelp() const {
    return {{tr("Space"), tr("Play or pause (the Play button has the focus)")}};
}

void AudioPreview::focusEditor() {
    m_play->setFocus();
}

QString AudioPreview::fileName() const {
    return m_name->text();
}
QString AudioPreview::durationText() const {
    return m_duration->text();
}
QString AudioPreview::detailsText() const {
    return m_rate->text() + QStringLiteral(", ") + m_channels->text();
}
QString AudioPreview::statusText() const {
    return m_status->text();
}
QString AudioPreview::errorText() const {
    return m_stack->currentWidget() == m_message ? m_message->text() : QString();
}

void AudioPreview::setStatus(const QString& text) {
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

void AudioPreview::showError(const QString& title, const QString& details) {
    m_message->setMessage(title, details);
    m_stack->setCurrentWidget(m_message);
}

void AudioPreview::setDocument(TaskDocument* document) {
    stopPlayback();
    m_path.clear();
    m_mediaProblem.clear();
    m_durationMs = 0;
    for (QLabel* label : {m_name, m_duration, m_rate, m_channels, m_format})
        label->clear();
    setStatus(QString());
    m_stack->setCurrentIndex(0);
    updatePosition(0);
    if (!document) {
        updatePlayState();
        return;
    }
    const QString stored = document->task().mediaPath();
    const QString path = document->project().absoluteMediaPath(stored);
    m_name->setText(QFileInfo(path).fileName());
    m_name->setToolTip(path);
    auto probe = stored.isEmpty() ? Expected<AudioProbe>(Status::failure(tr("data.audio is empty")))
                                  : AudioProbe::probe(path);
    m_mediaProblem = stored.isEmpty() ? probe.error() : mediaDecodeProblem(path, TaskKind::Audio);
    if (!probe.ok()) {
        showError(QFileInfo::exists(path) ? tr("The audio file cannot be played.")
                                          : tr("The audio file is missing."),
                  probe.error());
        updatePlayState();
        return;
    }
    m_path = path;
    m_durationMs = probe->durationMs;
    m_duration->setText(formatDurationMs(probe->durationMs));
    m_rate->setText(rateText(probe->sampleRate));
    m_channels->setText(channelsText(probe->channels));
    m_format->setText(probe->encoding.isEmpty()
                          ? probe->format
                          : QStringLiteral("%1, %2").arg(probe->format, probe->encoding));
    if (probe->truncated)
        setStatus(
            tr("The file is shorter than its header says; it was probably cut off. "
               "The duration shown is what is really there."));
    m_seek->setRange(0, int(qMin<qint64>(m_durationMs, std::numeric_limits<int>::max())));
    updatePosition(0);
    updatePlayState();
}

bool AudioPreview::ensurePlayer() {
    if (m_player)
        return true;
    // Without an output device QMediaPlayer may wait for one forever; say so
    // instead of pretending to play.
    if (QMediaDevices::audioOutputs().isEmpty()) {
        setStatus(tr("No audio output device is available, so the clip cannot be played here."));
        return false;
    }
    m_output = new QAudioOutput(this);
    m_player = new QMediaPlayer(this);
    m_player->setAudioOutput(m_output);
    QObject::connect(
        m_player, &QMediaPlayer::errorOccurred, this,
        [this](QMediaPlayer::Error, const QString& message) {
            setStatus(
                tr("Playback failed: %1").arg(message.isEmpty() ? tr("unknown error") : message));
            updatePlayState();
        });
    QObject::connect(m_player, &QMediaPlayer::playbackStateChanged, this,
                     &AudioPreview::updatePlayState);
    QObject::connect(m_player, &QMediaPlayer::positionChanged, this, &AudioPreview::updatePosition);
    return true;
}

void AudioPreview::togglePlayback() {
    if (m_path.isEmpty())
        return;
    if (!ensurePlayer()) {
        updatePlayState();
        return;
    }
    if (m_player->playbackState() == QMediaPlayer::PlayingState) {
        m_player->pause();
        return;
    }
    const QUrl source = QUrl::fromLocalFile(m_path);
    if (m_player->source() != source)
        m_player->setSource(source);
    setStatus(QString());
    m_player->play();
    updatePlayState();
}

void AudioPreview::stopPlayback() {
    if (!m_player)
        return;
    m_player->stop();
    m_player->setSource(QUrl());
}

void AudioPreview::updatePlayState() {
    const bool playing = m_player && m_player->playbackState() == QMediaPlayer::PlayingState;
    m_play->setEnabled(!m_path.isEmpty());
    m_play->setText(playing ? tr("Pause") : tr("Play"));
    m_play->setIcon(transportIcon(playing, m_play->palette().color(QPalette::ButtonText)));
    m_seek->setEnabled(m_player && !m_path.isEmpty());
}

void AudioPreview::updatePosition(qint64 ms) {
    if (!m_seek->isSliderDown())
        m_seek->setValue(int(ms));
    m_position->setText(
        QStringLiteral("%1 / %2").arg(formatDurationMs(ms), formatDurationMs(m_durationMs)));
}

}  // namespace postil

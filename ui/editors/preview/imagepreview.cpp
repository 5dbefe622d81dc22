#include "editors/preview/imagepreview.h"

#include <QFileInfo>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "document/taskdocument.h"
#include "editors/preview/fittedimageview.h"
#include "editors/preview/previewstyle.h"
#include "media/imageprobe.h"

namespace postil {

ImagePreview::ImagePreview(QObject* parent) : TaskEditor(parent) {
    m_widget = new QWidget;
    m_widget->setObjectName(QStringLiteral("imagePreview"));
    auto* layout = new QVBoxLayout(m_widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_stack = new QStackedWidget(m_widget);
    m_view = new preview::FittedImageView(m_stack);
    m_message = new preview::MessagePanel(m_stack);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_message);
    layout->addWidget(m_stack, 1);

    m_caption = new QLabel(m_widget);
    m_caption->setObjectName(QStringLiteral("imageCaption"));
    m_caption->setTextFormat(Qt::PlainText);
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_caption->setContentsMargins(14, 7, 14, 8);
    m_caption->setAutoFillBackground(true);
    m_caption->setBackgroundRole(QPalette::Window);
    m_caption->setForegroundRole(QPalette::WindowText);
    layout->addWidget(m_caption);
}

ImagePreview::~ImagePreview() {
    delete m_widget;
}

QWidget* ImagePreview::widget() {
    return m_widget;
}

QSize ImagePreview::imageSize() const {
    return m_view->image().isNull() ? QSize() : m_view->image().size();
}

QString ImagePreview::caption() const {
    return m_caption->text();
}

QString ImagePreview::errorText() const {
    return m_stack->currentWidget() == m_message ? m_message->text() : QString();
}

void ImagePreview::showError(const QString& title, const QString& details) {
    m_view->setImage(QImage());
    m_message->setMessage(title, details);
    m_stack->setCurrentWidget(m_message);
}

void ImagePreview::setDocument(TaskDocument* document) {
    m_view->setImage(QImage());
    m_stack->setCurrentWidget(m_view);
    m_caption->clear();
    m_caption->setToolTip(QString());
    if (!document)
        return;
    const QString stored = document->task().mediaPath();
    const QString path = document->project().absoluteMediaPath(stored);
    const QString name = QFileInfo(path).fileName();
    m_caption->setToolTip(path);
    if (stored.isEmpty()) {
        m_caption->setText(tr("No image"));
        showError(tr("This task names no image file."), tr("data.image is empty"));
        return;
    }
    auto image = loadDisplayImage(path);
    if (!image.ok()) {
        m_caption->setText(tr("%1 — cannot be shown").arg(name));
        showError(QFileInfo::exists(path) ? tr("The image cannot be shown.")
                                          : tr("The image file is missing."),
                  image.error());
        return;
    }
    m_view->setImage(*image);
    m_caption->setText(tr("%1  ·  %2 × %3 px").arg(name).arg(image->width()).arg(image->height()));
}

}  // namespace postil

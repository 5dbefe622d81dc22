#pragma once

#include <QPointer>
#include <QSize>

#include "editors/taskeditor.h"

class QLabel;
class QStackedWidget;

namespace postil {

namespace preview {
class FittedImageView;
class MessagePanel;
}  // namespace preview

// Read-only view of an image task, shown until the box editor lands: the
// image fitted to the view (EXIF orientation applied) with its file name and
// pixel size below. A missing or undecodable file shows the path and the
// reason instead.
class ImagePreview : public TaskEditor {
    Q_OBJECT
public:
    explicit ImagePreview(QObject* parent = nullptr);
    ~ImagePreview() override;

    TaskKind kind() const override { return TaskKind::Image; }
    QWidget* widget() override;
    void setDocument(TaskDocument* document) override;

    // What is shown, for tests: the displayed image's size (invalid when
    // none), the caption, and the message shown instead of the image.
    QSize imageSize() const;
    QString caption() const;
    QString errorText() const;
    preview::FittedImageView* imageView() const { return m_view; }

private:
    void showError(const QString& title, const QString& details);

    QPointer<QWidget> m_widget;
    QStackedWidget* m_stack;
    preview::FittedImageView* m_view;
    preview::MessagePanel* m_message;
    QLabel* m_caption;
};

}  // namespace postil

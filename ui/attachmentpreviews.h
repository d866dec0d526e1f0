#pragma once

#include "api/attachment.h"

#include <QObject>

namespace bw {
class Application;
}

namespace bw::ui {

class AttachmentChip;

// Shows the conversation's files: thumbnails read off the GUI thread (by the application), and
// the stored copy opened in the system's viewer.
class AttachmentPreviews final : public QObject
{
    Q_OBJECT

public:
    explicit AttachmentPreviews(Application *app, QObject *parent = nullptr);

    // The chip's thumbnail, or its "missing" state, when the stored copy has been read.
    void fill(AttachmentChip *chip);
    // Opens the stored copy with the system's viewer (an image full size, a PDF).
    void open(const Attachment &attachment);

Q_SIGNALS:
    void opened(const QString &path);

private:
    Application *m_app;
};

} // namespace bw::ui

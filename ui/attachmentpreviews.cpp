#include "attachmentpreviews.h"

#include "app/application.h"
#include "app/attachmentlibrary.h"
#include "attachmentchip.h"

#include <QDesktopServices>
#include <QPointer>
#include <QUrl>

namespace bw::ui {

AttachmentPreviews::AttachmentPreviews(Application *app, QObject *parent)
    : QObject(parent)
    , m_app(app)
{}

void AttachmentPreviews::fill(AttachmentChip *chip)
{
    QPointer<AttachmentChip> guard(chip);
    m_app->attachments()->loadThumbnail(chip->attachment(), chip,
                                        [guard](const QImage &image, bool missing) {
                                            if (!guard)
                                                return;
                                            if (missing)
                                                guard->setMissing();
                                            else
                                                guard->setThumbnail(image);
                                        });
}

void AttachmentPreviews::open(const Attachment &attachment)
{
    const QString path = m_app->attachments()->pathFor(attachment);
    QDesktopServices::openUrl(QUrl::fromLocalFile(path));
    Q_EMIT opened(path);
}

} // namespace bw::ui

#include "attachmentlibrary.h"

#include "chat/attachmentstore.h"
#include "chat/chatsession.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>

namespace bw {

AttachmentLibrary::AttachmentLibrary(AttachmentStore *store, const ChatSession *session,
                                     QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_session(session)
{}

AttachmentPreparer::Options AttachmentLibrary::options(bool keepOriginal) const
{
    return AttachmentPreparer::optionsFor(m_session->modelInfo(), keepOriginal);
}

void AttachmentLibrary::run(std::function<AttachmentPreparer::Result()> make, QObject *context,
                            Ready done)
{
    AttachmentStore *store = m_store;
    QPointer<QObject> guard(context);
    QPointer<AttachmentLibrary> self(this);
    QThreadPool::globalInstance()->start([=] {
        // Into the store, held, its bytes let go: the store has them.
        AttachmentPreparer::Result r = make();
        if (r.ok) {
            QString error;
            // Stored and held in one step: a clean-up cannot take it in between.
            if (!store->store(r.attachment, &error, AttachmentStore::Hold::Yes)) {
                r.ok = false;
                r.error =
                    AttachmentStore::tr("“%1” could not be kept: %2").arg(r.attachment.name, error);
            }
            r.attachment.data.clear();
        }
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [=] {
                if (guard && self)
                    done(r);
                else if (self && r.ok)
                    self->release(r.attachment); // nobody holds it any more
            },
            Qt::QueuedConnection);
    });
}

void AttachmentLibrary::prepare(const QString &path, bool keepOriginal, QObject *context,
                                Ready done)
{
    const AttachmentPreparer::Options o = options(keepOriginal);
    run([path, o] { return AttachmentPreparer::fromFile(path, o); }, context, std::move(done));
}

void AttachmentLibrary::prepare(const QImage &image, const QString &name, QObject *context,
                                Ready done)
{
    const AttachmentPreparer::Options o = options();
    run([image, name, o] { return AttachmentPreparer::fromImage(image, name, o); }, context,
        std::move(done));
}

void AttachmentLibrary::release(const Attachment &attachment)
{
    m_store->unpin(attachment.sha256);
}

void AttachmentLibrary::loadThumbnail(const Attachment &attachment, QObject *context,
                                      std::function<void(const QImage &, bool)> done)
{
    if (const auto it = m_thumbnails.constFind(attachment.sha256); it != m_thumbnails.cend()) {
        done(*it, it->isNull() && attachment.isImage());
        return;
    }
    AttachmentStore *store = m_store;
    QPointer<QObject> guard(context);
    QPointer<AttachmentLibrary> self(this);
    QThreadPool::globalInstance()->start([=] {
        Attachment a = attachment;
        QString error;
        // A document has no picture: whether its copy is there is all a chip needs.
        const bool loaded = a.isImage() ? store->load(a, &error) : store->missing({a}).isEmpty();
        // Sharp on a screen of twice the pixels, too.
        const QImage thumbnail = loaded ? AttachmentPreparer::thumbnailOf(a, 192) : QImage();
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [=] {
                if (self && loaded)
                    self->m_thumbnails.insert(attachment.sha256, thumbnail);
                if (guard)
                    done(thumbnail, !loaded);
            },
            Qt::QueuedConnection);
    });
}

QString AttachmentLibrary::pathFor(const Attachment &attachment) const
{
    return m_store->pathFor(attachment);
}

} // namespace bw

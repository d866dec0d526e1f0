#pragma once

#include "chat/attachmentpreparer.h"

#include <QHash>
#include <QImage>
#include <QObject>

#include <functional>

namespace bw {

class AttachmentStore;
class ChatSession;

// The prompts' files for the window: each one read, checked, scaled and stored on a worker thread
// for what the session's model reads, held (pinned) while a prompt that is being written has it,
// its thumbnail read when a transcript shows it, and its stored copy's place for the system's
// viewer. Results come back on the application's thread, to a context object that may be gone.
class AttachmentLibrary final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttachmentLibrary)

public:
    AttachmentLibrary(AttachmentStore *store, const ChatSession *session,
                      QObject *parent = nullptr);

    AttachmentStore *store() const { return m_store; }
    // What the prompt's attachments may be for the session's model.
    AttachmentPreparer::Options options(bool keepOriginal = false) const;

    using Ready = std::function<void(const AttachmentPreparer::Result &)>;
    // `done` gets the attachment (its bytes in the store, not in `data`), held until release(),
    // or the reason it cannot be sent. A context gone by then: nothing is held.
    void prepare(const QString &path, bool keepOriginal, QObject *context, Ready done);
    // A pasted image (sent as PNG, scaled like a file).
    void prepare(const QImage &image, const QString &name, QObject *context, Ready done);
    void release(const Attachment &attachment);

    // A stored image's thumbnail (cached); null with `missing` when the stored copy is gone or
    // damaged, null for documents.
    void loadThumbnail(const Attachment &attachment, QObject *context,
                       std::function<void(const QImage &, bool missing)> done);
    // Read the thumbnails again from now on (a conversation was opened: a copy may have gone).
    void forgetThumbnails() { m_thumbnails.clear(); }
    // Where the stored copy is; no file is read.
    QString pathFor(const Attachment &attachment) const;

private:
    void run(std::function<AttachmentPreparer::Result()> make, QObject *context, Ready done);

    AttachmentStore *m_store;
    const ChatSession *m_session;
    QHash<QString, QImage> m_thumbnails; // by SHA-256
};

} // namespace bw

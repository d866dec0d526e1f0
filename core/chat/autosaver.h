#pragma once

#include "conversationinfo.h"
#include "conversationstore.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace bw {

class AttachmentStore;
class Clock;
class ClockTimer;
class Conversation;
class StorageQueue;

// Keeps a conversation on disk while it changes: streamed text about once a second and at the
// end, everything else soon, and — through saveNow() — the user's prompt before the request
// carrying it goes out. Every write runs on the StorageQueue's thread, in order, from snapshots;
// so streaming never waits for the disk, and a kill -9 at any moment leaves the last complete
// file. Each save reports what the conversation list needs to know (saved()), so the list never
// reads the file back.
class Autosaver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Autosaver)

public:
    static constexpr int kStreamingSaveMs = 1000;
    static constexpr int kSoonMs = 200;
    using Done = std::function<void(bool ok, const QString &error)>;

    Autosaver(ConversationStore *store, StorageQueue *queue, Clock *clock,
              QObject *parent = nullptr);
    ~Autosaver() override;

    // `path` empty: the store's file for the conversation's id. A pending save of the previous
    // conversation is queued first.
    void setConversation(Conversation *conversation, const QString &path = {});
    Conversation *conversation() const;
    QString path() const;

    // Queues a save of the conversation as it is now, ahead of any timer; `done` runs on this
    // autosaver's thread once it is on disk (or failed) — unless `context` (when given) or the
    // autosaver is gone by then. Replace: the file at the path is replaced, not merged with
    // (Save As over a file the user chose to replace).
    void saveNow(QObject *context = nullptr, Done done = {},
                 ConversationStore::SaveMode mode = ConversationStore::SaveMode::Merge);
    // Blocks until every queued save is written (quitting).
    void flush();
    // The attachments of a conversation saved outside the store's folder go on the store's
    // "kept" list (its clean-up reads only that folder). Null: none are recorded.
    void setAttachmentStore(AttachmentStore *attachments) { m_attachments = attachments; }

Q_SIGNALS:
    void saved(const bw::ConversationInfo &info);
    void saveFailed(const QString &message);

private:
    void saveSoon(ClockTimer *timer);

    ConversationStore *m_store;
    AttachmentStore *m_attachments = nullptr;
    StorageQueue *m_queue;
    Clock *m_clock;
    QPointer<Conversation> m_conversation;
    QString m_path;
    std::unique_ptr<ClockTimer> m_streamingTimer;
    std::unique_ptr<ClockTimer> m_soonTimer;
    quint64 m_sequence = 0;
};

} // namespace bw

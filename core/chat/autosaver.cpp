#include "autosaver.h"

#include "attachmentstore.h"
#include "base/clock.h"
#include "base/logging.h"
#include "conversation.h"
#include "conversationstore.h"
#include "storagequeue.h"

namespace bw {

namespace {
struct SaveResult
{
    bool ok = false;
    bool removed = false; // deleted meanwhile: nothing was written, nothing to list
    QString error;
    ConversationInfo info;
};
} // namespace

Autosaver::Autosaver(ConversationStore *store, StorageQueue *queue, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_queue(queue)
    , m_clock(clock)
    , m_streamingTimer(clock->createTimer())
    , m_soonTimer(clock->createTimer())
{
    m_streamingTimer->setCallback([this] { saveNow(); });
    m_soonTimer->setCallback([this] { saveNow(); });
}

Autosaver::~Autosaver()
{
    if (m_conversation && (m_streamingTimer->isActive() || m_soonTimer->isActive()))
        saveNow();
    flush();
}

Conversation *Autosaver::conversation() const
{
    return m_conversation;
}

QString Autosaver::path() const
{
    if (!m_path.isEmpty() || !m_conversation)
        return m_path;
    return m_store->pathFor(m_conversation->id());
}

void Autosaver::setConversation(Conversation *conversation, const QString &path)
{
    if (m_conversation) {
        if (m_streamingTimer->isActive() || m_soonTimer->isActive())
            saveNow();
        m_conversation->disconnect(this);
    }
    m_streamingTimer->stop();
    m_soonTimer->stop();
    m_conversation = conversation;
    m_path = path;
    if (!conversation)
        return;
    connect(conversation, &Conversation::textAppended, this,
            [this] { saveSoon(m_streamingTimer.get()); });
    for (auto signal : {&Conversation::messageAppended, &Conversation::messageChanged,
                        &Conversation::pathChanged}) {
        connect(conversation, signal, this, [this] { saveSoon(m_soonTimer.get()); });
    }
    connect(conversation, &Conversation::summaryChanged, this,
            [this] { saveSoon(m_soonTimer.get()); });
    connect(conversation, &Conversation::titleChanged, this, [this] {
        if (!m_conversation->isEmpty())
            saveSoon(m_soonTimer.get());
    });
}

void Autosaver::saveSoon(ClockTimer *timer)
{
    if (!timer->isActive())
        timer->start(timer == m_streamingTimer.get() ? kStreamingSaveMs : kSoonMs);
}

void Autosaver::saveNow(QObject *context, Done done, ConversationStore::SaveMode mode)
{
    if (!m_conversation) {
        if (done)
            QMetaObject::invokeMethod(
                context ? context : this, [done] { done(true, {}); }, Qt::QueuedConnection);
        return;
    }
    m_streamingTimer->stop();
    m_soonTimer->stop();
    // A snapshot: implicitly shared, so cheap here; serialised on the storage thread.
    const ConversationData snapshot = ConversationData::of(*m_conversation, m_clock->wallNow());
    const QString target = m_path;
    const quint64 sequence = ++m_sequence;
    ConversationStore *store = m_store;
    AttachmentStore *attachments = m_attachments;
    QPointer<QObject> caller(context);
    m_queue->run<SaveResult>(
        [store, attachments, snapshot, target, sequence, mode] {
            SaveResult r;
            const QString path = target.isEmpty() ? store->pathFor(snapshot.id) : target;
            // A clean-up reads the folder's *.json only. Recorded before the file names them.
            if (attachments &&
                !(store->isInFolder(path) && path.endsWith(QLatin1String(".json")))) {
                QString problem;
                if (!attachments->keepForGood(AttachmentStore::referencedBy(snapshot), &problem))
                    qCWarning(lcChat) << "attachments not recorded as kept:" << problem;
            }
            r.ok = store->save(snapshot, target, sequence, &r.error, &r.info, mode);
            r.removed = r.ok && store->isRemoved(path);
            return r;
        },
        this,
        [this, caller, hasCaller = context != nullptr, done](const SaveResult &r) {
            if (r.ok && !r.removed && !r.info.path.isEmpty()) { // empty: a newer save won
                Q_EMIT saved(r.info);
            } else if (!r.ok) {
                // Reported to the user through saveFailed (and the answer, for a prompt's save).
                qCInfo(lcChat) << "save failed:" << r.error;
                Q_EMIT saveFailed(r.error);
            }
            if (done && (!hasCaller || caller))
                done(r.ok, r.error);
        });
}

void Autosaver::flush()
{
    m_queue->waitForDone();
}

} // namespace bw

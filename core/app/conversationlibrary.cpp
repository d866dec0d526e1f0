#include "conversationlibrary.h"

#include "chat/conversationstore.h"
#include "chat/storagequeue.h"

namespace bw {

ConversationLibrary::ConversationLibrary(ConversationStore *store, StorageQueue *queue,
                                         QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_queue(queue)
    , m_searchSerial(std::make_shared<std::atomic<quint64>>(0))
{}

ConversationLibrary::~ConversationLibrary() = default;

void ConversationLibrary::refresh()
{
    ConversationStore *store = m_store;
    m_queue->run<QList<ConversationInfo>>([store] { return store->list(); }, this,
                                          [this](const QList<ConversationInfo> &list) {
                                              m_entries = list;
                                              Q_EMIT listChanged(true);
                                          },
                                          StorageQueue::Kind::Read);
}

void ConversationLibrary::search(const QString &text)
{
    const quint64 serial = ++*m_searchSerial;
    ConversationStore *store = m_store;
    auto newest = m_searchSerial;
    m_queue->run<QList<SearchHit>>(
        [store, text, serial, newest] {
            // A newer search makes this one pointless: stop scanning.
            return store->search(text, 200, [&] { return serial == newest->load(); });
        },
        this,
        [this, text, serial](const QList<SearchHit> &hits) {
            if (serial == m_searchSerial->load())
                Q_EMIT searched(text, hits);
        },
        StorageQueue::Kind::Read);
}

void ConversationLibrary::noteSaved(const ConversationInfo &info)
{
    if (!m_store->isInFolder(info.path))
        return; // saved elsewhere (Save As): not one of the store's
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i].path == info.path) {
            m_entries.removeAt(i);
            break;
        }
    }
    // Newest first: a save is the newest change.
    m_entries.prepend(info);
    Q_EMIT listChanged(false);
}

} // namespace bw

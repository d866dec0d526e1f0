#include "conversationlibrary.h"

#include "chat/conversationstore.h"
#include "chat/storagequeue.h"

#include <QFileInfo>

namespace bw {

ConversationLibrary::ConversationLibrary(ConversationStore *store, StorageQueue *queue,
                                         QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_queue(queue)
{}

ConversationLibrary::~ConversationLibrary() = default;

void ConversationLibrary::refresh()
{
    ConversationStore *store = m_store;
    m_queue->run<QList<ConversationInfo>>([store] { return store->list(); }, this,
                                          [this](const QList<ConversationInfo> &list) {
                                              m_entries = list;
                                              m_loaded = true;
                                              Q_EMIT listChanged(true);
                                          });
}

void ConversationLibrary::search(const QString &text)
{
    const quint64 serial = ++m_searchSerial;
    ConversationStore *store = m_store;
    m_queue->run<QList<SearchHit>>(
        [store, text, serial, this] {
            // A newer search makes this one pointless: skip the scan.
            return serial == m_searchSerial ? store->search(text) : QList<SearchHit>{};
        },
        this,
        [this, text, serial](const QList<SearchHit> &hits) {
            if (serial == m_searchSerial)
                Q_EMIT searched(text, hits);
        });
}

void ConversationLibrary::noteSaved(const ConversationInfo &info)
{
    if (QFileInfo(info.path).absolutePath() != QFileInfo(m_store->directory()).absoluteFilePath())
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

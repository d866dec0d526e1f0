#pragma once

#include "chat/conversationinfo.h"

#include <QObject>

#include <atomic>
#include <memory>

namespace bw {

class ConversationStore;
class StorageQueue;

// The saved conversations as the window lists them, kept current without reading files on the
// caller's thread: a full listing and every search run on the StorageQueue; a save reports its
// own entry (noteSaved), so the file just written is never read back.
class ConversationLibrary final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversationLibrary)

public:
    using SearchHit = ConversationSearchHit;

    ConversationLibrary(ConversationStore *store, StorageQueue *queue, QObject *parent = nullptr);
    ~ConversationLibrary() override;

    // Newest first.
    const QList<ConversationInfo> &entries() const { return m_entries; }

    // Lists the folder again in the background; listChanged(true) when done.
    void refresh();
    // Searches every conversation's text in the background; searched() with the hits, only for
    // the newest search asked for.
    void search(const QString &text);
    // A save wrote this entry (from the autosaver): listChanged(false).
    void noteSaved(const ConversationInfo &info);

Q_SIGNALS:
    // `reloaded`: the whole list was read again (files may have come or gone).
    void listChanged(bool reloaded);
    void searched(const QString &text, const QList<bw::ConversationSearchHit> &hits);

private:
    ConversationStore *m_store;
    StorageQueue *m_queue;
    QList<ConversationInfo> m_entries;
    // The newest search asked for; shared with the storage thread's scans, which outlive nothing.
    std::shared_ptr<std::atomic<quint64>> m_searchSerial;
};

} // namespace bw

#pragma once

#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>

#include <atomic>

namespace bw {

class Conversation;
class ConversationStore;

// Keeps a conversation on disk while it changes: the user's prompt synchronously, before the
// request goes out; streamed text about once a second and at the end; everything else soon.
// Writes run on one background thread, in order, from snapshots; so streaming never waits for
// the disk, and a kill -9 at any moment leaves the last complete file.
class Autosaver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Autosaver)

public:
    static constexpr int kStreamingSaveMs = 1000;
    static constexpr int kSoonMs = 200;

    explicit Autosaver(ConversationStore *store, QObject *parent = nullptr);
    ~Autosaver() override;

    // `path` empty: the store's file for the conversation's id.
    void setConversation(Conversation *conversation, const QString &path = {});
    Conversation *conversation() const;
    QString path() const;

    // Writes now, on this thread; false with `error` when it cannot.
    bool saveNow(QString *error = nullptr);
    // Waits for background writes to finish (before quitting).
    void flush();
    int savesWritten() const { return m_written; }

Q_SIGNALS:
    void saved(const QString &path);
    void saveFailed(const QString &message);

private:
    void saveLater();

    ConversationStore *m_store;
    QPointer<Conversation> m_conversation;
    QString m_path;
    QTimer m_streamingTimer;
    QTimer m_soonTimer;
    QThreadPool m_pool;
    quint64 m_sequence = 0;
    std::atomic_int m_written{0};
};

} // namespace bw

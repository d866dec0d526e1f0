#pragma once

#include "conversationfile.h"

#include <QCoreApplication>
#include <QHash>
#include <QMutex>

namespace bw {

struct ConversationInfo
{
    QString id;
    QString path;
    QString title;
    QDateTime created;
    QDateTime updated;
    int messages = 0;
    qint64 bytes = 0;
    bool readable = true;
    QString problem; // why it cannot be read, when it cannot
};

// One JSON file per conversation in a folder ($XDG_DATA_HOME/breakwater/conversations by
// default). Writes are atomic (QSaveFile) and owner-only; a file that cannot be read is listed
// with the reason and never overwritten or deleted by Breakwater. Listing uses a small index
// (index.json, rebuilt when missing) so only changed files are parsed again. Thread-safe.
class ConversationStore final
{
    Q_DECLARE_TR_FUNCTIONS(bw::ConversationStore)

public:
    explicit ConversationStore(QString directory = defaultDirectory());

    static QString defaultDirectory();
    const QString &directory() const { return m_directory; }
    QString pathFor(const QString &id) const;

    // Newest first.
    QList<ConversationInfo> list();
    bool load(const QString &path, ConversationData &data, QString *error) const;
    // Writes `data` to `path` (empty: the store's file for its id). `sequence` orders saves of
    // the same file: a save older than one already written is skipped, so a late background
    // save never replaces newer text.
    bool save(const ConversationData &data, const QString &path = {}, quint64 sequence = 0,
              QString *error = nullptr);
    bool remove(const QString &id, QString *error = nullptr);
    // Copies a conversation file into the store (under a new id if its id is taken).
    bool importFile(const QString &path, ConversationData *imported, QString *error);

    struct SearchHit
    {
        QString id;
        QString title;
        int message = -1;
        QString snippet;
    };
    // Case-insensitive text search over every readable conversation.
    QList<SearchHit> search(const QString &text, int limit = 200) const;

    static bool writeAtomically(const QString &path, const QByteArray &bytes, QString *error);

private:
    bool ensureDirectory(QString *error) const;
    ConversationInfo readInfo(const QString &path) const;

    QString m_directory;
    mutable QMutex m_mutex;
    QHash<QString, quint64> m_written; // path -> newest sequence written
};

} // namespace bw

#pragma once

#include "conversationfile.h"
#include "conversationinfo.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QSet>

#include <functional>

namespace bw {

// One JSON file per conversation in a folder ($XDG_DATA_HOME/breakwater/conversations by
// default). Writes are atomic (QSaveFile) and owner-only; a file that cannot be read is listed
// with the reason and never overwritten or deleted by Breakwater. Listing uses a small index
// (index.json, rebuilt when missing) so only changed files are parsed again; a save updates the
// index from what it wrote, so the file just written is never read back. Thread-safe.
//
// Every call reads or writes files, so none may run on a GUI application's main thread: the
// application layer queues them on its StorageQueue. Debug builds assert it; every build counts
// such calls (guiThreadUse) so tests and benchmarks can check it.
class ConversationStore final
{
    Q_DECLARE_TR_FUNCTIONS(bw::ConversationStore)

public:
    struct GuiThreadUse
    {
        int calls = 0;
        qint64 nanoseconds = 0;
    };
    static GuiThreadUse guiThreadUse();
    static void resetGuiThreadUse();

    explicit ConversationStore(QString directory = defaultDirectory());

    static QString defaultDirectory();
    const QString &directory() const { return m_directory; }
    QString pathFor(const QString &id) const;

    // Newest first.
    QList<ConversationInfo> list();
    bool load(const QString &path, ConversationData &data, QString *error) const;
    // A file read from an older format gets a copy of its original beside it (once) before it is
    // written in today's format: the path of the copy made now, else empty.
    QString backUpOlderFormat(const QString &path, const ConversationData &data) const;
    // Writes `data` to `path` (empty: the store's file for its id). `sequence` orders saves of
    // the same file: a save older than one already written is skipped, so a late background
    // save never replaces newer text. A file removed by remove() stays removed: later sequenced
    // (background) saves of it are dropped; an explicit save (sequence 0) brings it back.
    // `written` (optional) gets the list's entry for what was written, without reading it back.
    bool save(const ConversationData &data, const QString &path = {}, quint64 sequence = 0,
              QString *error = nullptr, ConversationInfo *written = nullptr);
    // Deletes the conversation file at `path` (the list knows paths: two files may share an id).
    bool remove(const QString &path, QString *error = nullptr);
    bool isRemoved(const QString &path) const;
    // Whether `path` names a file in the store's folder, and whether two paths name one file
    // (by their absolute names; neither reads the disk).
    bool isInFolder(const QString &path) const;
    static bool samePath(const QString &a, const QString &b);
    // The file at `path` is being worked on again (it was opened: restored from a backup, say):
    // its saves count again.
    void forgetRemoval(const QString &path);
    // Copies a conversation file into the store (under a new id if its id is taken).
    bool importFile(const QString &path, ConversationData *imported, QString *error);

    using SearchHit = ConversationSearchHit;
    // Case-insensitive text search over every readable conversation. `wanted`, when given, is
    // asked before each file: false stops the scan (a newer search replaced this one).
    QList<SearchHit> search(const QString &text, int limit = 200,
                            const std::function<bool()> &wanted = {}) const;

    static bool writeAtomically(const QString &path, const QByteArray &bytes, QString *error);

private:
    bool ensureDirectory(QString *error) const;
    ConversationInfo readInfo(const QString &path) const;
    void loadIndex();
    void writeIndex();

    QString m_directory;
    mutable QMutex m_mutex;
    QHash<QString, quint64> m_written; // path -> newest sequence written
    QSet<QString> m_removed;           // paths deleted through remove(): never written again
    QJsonObject m_index;               // file name -> info, mtime and size (index.json)
    bool m_indexLoaded = false;
    bool m_indexDirty = false;
};

} // namespace bw

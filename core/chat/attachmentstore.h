#pragma once

#include "api/attachment.h"

#include <QCoreApplication>
#include <QHash>
#include <QMutex>
#include <QSet>
#include <QStringList>

#include <optional>

namespace bw {

struct ConversationData;

// The files sent with prompts, kept with the conversations: one owner-only file per content in
// the store's folder (<conversations>/attachments), named by the SHA-256 of its bytes, so the
// same picture sent twice is kept once and a conversation stays whole when the original is moved
// or deleted. Every call reads or writes files: never on the GUI thread (FileThreadCheck counts
// it). Thread-safe.
class AttachmentStore final
{
    Q_DECLARE_TR_FUNCTIONS(bw::AttachmentStore)

public:
    explicit AttachmentStore(QString directory);

    // Where the store of a conversations folder keeps its attachments.
    static QString folderFor(const QString &conversationsFolder);
    const QString &directory() const { return m_directory; }
    // The stored copy of `attachment` (no file is read).
    QString pathFor(const Attachment &attachment) const;

    enum class Hold { No, Yes };
    // Keeps `attachment.data` (once per content: a whole copy already there stays, a damaged one
    // is replaced), and fills in its sha256 and bytes. Hold::Yes pins it in the same step, so a
    // clean-up running meanwhile cannot take it between the two. A copy already there is marked
    // as new (its modification time) for the clean-ups of other processes.
    bool store(Attachment &attachment, QString *error, Hold hold = Hold::No);
    // Reads the stored bytes into `attachment.data`, checked against its SHA-256 (once per version
    // of the file on disk): false with the reason in words when the copy is missing or damaged.
    bool load(Attachment &attachment, QString *error) const;
    // Checks the stored copy like load() without keeping its bytes (it is hashed a slice at a
    // time) and points `attachment.path` at it: a request then reads it while it is serialised.
    bool locate(Attachment &attachment, QString *error) const;
    // The attachments whose stored copy is missing (a quick look: sizes, not hashes).
    QList<Attachment> missing(const QList<Attachment> &attachments) const;

    // Attachments the program holds without a saved conversation naming them yet (a prompt being
    // written): never removed while pinned. Counted: pinned twice, unpinned twice.
    void pin(const QString &sha256);
    void unpin(const QString &sha256);

    // Records for good that a conversation file outside the conversations folder (which a
    // clean-up does not read) names these attachments: a line per SHA-256 in the folder's "kept"
    // list, appended, never removed.
    bool keepForGood(const QSet<QString> &shas, QString *error = nullptr);

    // Copies stored or re-stored this recently are left to a later clean-up: another process
    // (breakwater-cli, a second window) may be about to save a conversation that names them.
    static constexpr qint64 kRecentMs = 10 * 60 * 1000;
    // Removes the stored copies among `candidates` that no conversation file in
    // `conversationsFolder` mentions, that are not pinned, not in `keep` (what the open
    // conversation holds), not in the "kept" list and not stored within `recentMs`. A file that
    // cannot be read keeps them all: it may name any of them. Returns how many were removed.
    int removeUnreferenced(const QSet<QString> &candidates, const QString &conversationsFolder,
                           const QSet<QString> &keep = {}, qint64 recentMs = kRecentMs);

    // Copies the attachments of `data` into `folder` under their own names (made unique), for an
    // export: the path of each copy relative to `relativeTo`, by SHA-256. `problems` gets the
    // ones that could not be copied (missing, damaged, not writable).
    QHash<QString, QString> exportTo(const QList<Attachment> &attachments, const QString &folder,
                                     const QString &relativeTo, QStringList *problems) const;

    // The SHA-256 of every attachment of every version of every message.
    static QSet<QString> referencedBy(const ConversationData &data);
    static QList<Attachment> attachmentsOf(const ConversationData &data);

private:
    // Which version of a stored copy is on disk (device, inode, size, modification time).
    struct Stamp
    {
        quint64 device = 0;
        quint64 inode = 0;
        qint64 size = -1;
        qint64 mtimeNs = 0;
        static Stamp of(const QString &path);
        friend bool operator==(const Stamp &, const Stamp &) = default;
    };
    void noteVerified(const QString &path, const Stamp &stamp) const;
    bool isVerified(const QString &path) const;

    bool holdsCopy(const QString &path, const Attachment &attachment) const;
    QString keptListPath() const;
    // The SHA-256s of the "kept" list; nothing when it exists but cannot be read.
    std::optional<QSet<QString>> readKeptList(QByteArray *bytes = nullptr) const;

    QString m_directory;
    // Storing (and pinning) on one side, a clean-up's last check and removal on the other: one
    // at a time in this process (and, through a lock file, across processes).
    QMutex m_fileMutex;
    mutable QMutex m_mutex;
    QHash<QString, int> m_pins;
    QSet<QString> m_kept; // known to be in the "kept" list
    // Copies whose bytes were hashed (or written) by this store, as they were then: SHA-256 of a
    // 20 MB PDF takes most of a second, so an unchanged copy is not hashed again for each request.
    mutable QHash<QString, Stamp> m_verified;
};

} // namespace bw

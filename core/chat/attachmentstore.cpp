#include "attachmentstore.h"

#include "base/logging.h"
#include "conversationfile.h"
#include "conversationstore.h"
#include "filethreadcheck.h"
#include "regularfile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>

#include <algorithm>

#include <fcntl.h>
#include <sys/stat.h>

namespace bw {

namespace {

QString sha256Of(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// A file name that works on every file system and in a Markdown link: at most 255 bytes of UTF-8
// on most of them, less the room a number takes that makes it unique; a long name loses the end
// of its stem, never its extension (a viewer goes by it).
QString safeFileName(QString name, const QString &extension)
{
    constexpr qsizetype kMaxUtf8Bytes = 200;
    constexpr qsizetype kLongestOwnSuffix = 16; // longer: a dot in a name, not an extension
    static const QString bad = QStringLiteral("/\\\\:*?\"<>|()[]#%");
    for (QChar &c : name) {
        if (bad.contains(c) || c.unicode() < 0x20)
            c = QLatin1Char('_');
    }
    name = name.trimmed();
    while (name.startsWith(QLatin1Char('.')))
        name.remove(0, 1);
    const QString own = QFileInfo(name).suffix();
    QString stem = name;
    QString suffix = QLatin1Char('.') + extension;
    if (!own.isEmpty() && own.size() <= kLongestOwnSuffix && !own.contains(QLatin1Char(' '))) {
        stem.chop(own.size() + 1);
        suffix = QLatin1Char('.') + own;
    }
    const qsizetype room = kMaxUtf8Bytes - suffix.toUtf8().size();
    if (stem.toUtf8().size() > room) {
        qsizetype bytes = 0;
        qsizetype keep = 0;
        while (keep < stem.size()) {
            // A surrogate pair is one character: kept or cut whole.
            const qsizetype step =
                stem.at(keep).isHighSurrogate() && keep + 1 < stem.size() ? 2 : 1;
            const qsizetype size = QStringView(stem).mid(keep, step).toUtf8().size();
            if (bytes + size > room)
                break;
            bytes += size;
            keep += step;
        }
        stem.truncate(keep);
        stem = stem.trimmed();
    }
    if (stem.isEmpty())
        stem = QStringLiteral("attachment");
    return stem + suffix;
}

// Storing and cleaning up, one at a time across the processes that share the folder (the
// window, breakwater-cli): a clean-up's last look at a copy and its removal are one step.
class FolderLock
{
public:
    explicit FolderLock(const QString &folder)
        : m_path(folder + QStringLiteral("/.lock"))
        , m_lock(m_path)
    {
        m_locked = m_lock.tryLock(10'000);
    }
    bool isLocked() const { return m_locked; }
    // When it was taken, by the file system's clock (the one copies' modification times have).
    QDateTime takenAt() const { return QFileInfo(m_path).lastModified(); }

private:
    QString m_path;
    QLockFile m_lock;
    bool m_locked = false;
};

bool isSha256(QByteArrayView text)
{
    if (text.size() != 64)
        return false;
    for (const char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

} // namespace

AttachmentStore::Stamp AttachmentStore::Stamp::of(const QString &path)
{
    struct stat st = {};
    Stamp s;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return s;
    s.device = quint64(st.st_dev);
    s.inode = quint64(st.st_ino);
    s.size = qint64(st.st_size);
    s.mtimeNs = qint64(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    return s;
}

void AttachmentStore::noteVerified(const QString &path, const Stamp &stamp) const
{
    // Only if the file is still the one that was hashed.
    if (stamp.size < 0 || !(Stamp::of(path) == stamp))
        return;
    QMutexLocker lock(&m_mutex);
    m_verified.insert(path, stamp);
}

bool AttachmentStore::isVerified(const QString &path) const
{
    const Stamp stamp = Stamp::of(path);
    QMutexLocker lock(&m_mutex);
    const auto it = m_verified.constFind(path);
    return stamp.size >= 0 && it != m_verified.cend() && *it == stamp;
}

AttachmentStore::AttachmentStore(QString directory)
    : m_directory(std::move(directory))
{}

QString AttachmentStore::folderFor(const QString &conversationsFolder)
{
    return conversationsFolder + QStringLiteral("/attachments");
}

QString AttachmentStore::pathFor(const Attachment &a) const
{
    return m_directory + QLatin1Char('/') + a.sha256 + QLatin1Char('.') + a.extension();
}

bool AttachmentStore::holdsCopy(const QString &path, const Attachment &a) const
{
    const QFileInfo fi(path);
    if (!fi.isFile() || fi.isSymLink() || fi.size() != a.bytes)
        return false;
    if (isVerified(path))
        return true;
    // A copy of the same size may still be damaged (a disk error, an edit): its name is what its
    // bytes must hash to.
    const Stamp before = Stamp::of(path);
    QFile file(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file) ||
        QString::fromLatin1(hash.result().toHex()) != a.sha256)
        return false;
    noteVerified(path, before);
    return true;
}

bool AttachmentStore::store(Attachment &a, QString *error, Hold hold)
{
    const FileThreadCheck check("AttachmentStore::store");
    if (a.data.isEmpty()) {
        if (error)
            *error = tr("“%1” is empty").arg(a.name);
        return false;
    }
    a.sha256 = sha256Of(a.data);
    a.bytes = a.data.size();
    const QString path = pathFor(a);
    QDir dir(m_directory);
    if (!dir.exists() && !dir.mkpath(QStringLiteral("."))) {
        if (error)
            *error = tr("cannot create the folder %1").arg(m_directory);
        return false;
    }
    QFile::setPermissions(m_directory, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const QMutexLocker files(&m_fileMutex);
    const FolderLock lock(m_directory); // stored anyway when another process holds it too long
    if (holdsCopy(path, a)) {
        // New again for every clean-up, here and in other processes (see kRecentMs).
        ::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), nullptr, 0);
        noteVerified(path, Stamp::of(path)); // hashed just now, or known since
    } else {
        if (!ConversationStore::writeAtomically(path, a.data, error))
            return false;
        noteVerified(path, Stamp::of(path)); // these very bytes, hashed just now
    }
    if (hold == Hold::Yes)
        pin(a.sha256);
    return true;
}

bool AttachmentStore::load(Attachment &a, QString *error) const
{
    const FileThreadCheck check("AttachmentStore::load");
    const QString path = pathFor(a);
    const Stamp before = Stamp::of(path);
    QByteArray bytes;
    QString problem;
    if (!RegularFile::exists(path)) {
        if (error)
            *error = tr("the stored copy of “%1” is missing (%2)").arg(a.name, path);
        return false;
    }
    if (!RegularFile::read(path, &bytes, &problem)) {
        if (error)
            *error = tr("the stored copy of “%1” cannot be read: %2").arg(a.name, problem);
        return false;
    }
    if (!isVerified(path)) {
        if (sha256Of(bytes) != a.sha256) {
            if (error)
                *error = tr("the stored copy of “%1” is damaged: its contents changed (%2)")
                             .arg(a.name, path);
            return false;
        }
        noteVerified(path, before);
    }
    a.data = std::move(bytes);
    return true;
}

bool AttachmentStore::locate(Attachment &a, QString *error) const
{
    const FileThreadCheck check("AttachmentStore::locate");
    const QString path = pathFor(a);
    const Stamp before = Stamp::of(path);
    if (!RegularFile::exists(path) || !QFileInfo(path).isFile() || QFileInfo(path).isSymLink()) {
        if (error)
            *error = tr("the stored copy of “%1” is missing (%2)").arg(a.name, path);
        return false;
    }
    if (before.size != a.bytes) {
        if (error)
            *error = tr("the stored copy of “%1” is damaged: its contents changed (%2)")
                         .arg(a.name, path);
        return false;
    }
    if (!isVerified(path)) {
        QFile file(path);
        QCryptographicHash hash(QCryptographicHash::Sha256);
        if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file)) {
            if (error)
                *error = tr("the stored copy of “%1” cannot be read: %2")
                             .arg(a.name, file.errorString());
            return false;
        }
        if (QString::fromLatin1(hash.result().toHex()) != a.sha256) {
            if (error)
                *error = tr("the stored copy of “%1” is damaged: its contents changed (%2)")
                             .arg(a.name, path);
            return false;
        }
        noteVerified(path, before);
    }
    a.path = path;
    return true;
}

QList<Attachment> AttachmentStore::missing(const QList<Attachment> &attachments) const
{
    const FileThreadCheck check("AttachmentStore::missing");
    QList<Attachment> out;
    for (const Attachment &a : attachments) {
        const QFileInfo fi(pathFor(a));
        if (!fi.isFile() || fi.size() != a.bytes)
            out.append(a);
    }
    return out;
}

void AttachmentStore::pin(const QString &sha256)
{
    QMutexLocker lock(&m_mutex);
    ++m_pins[sha256];
}

void AttachmentStore::unpin(const QString &sha256)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_pins.find(sha256);
    if (it != m_pins.end() && --it.value() <= 0)
        m_pins.erase(it);
}

QString AttachmentStore::keptListPath() const
{
    return m_directory + QStringLiteral("/kept");
}

std::optional<QSet<QString>> AttachmentStore::readKeptList(QByteArray *bytes) const
{
    const QString path = keptListPath();
    QByteArray content;
    QString problem;
    if (QFileInfo::exists(path) && !RegularFile::read(path, &content, &problem)) {
        qCWarning(lcChat) << "cannot read" << path << problem;
        return std::nullopt;
    }
    QSet<QString> shas;
    int damaged = 0;
    for (const QByteArray &line : content.split('\n')) {
        const QByteArray sha = line.trimmed();
        if (isSha256(sha))
            shas.insert(QString::fromLatin1(sha));
        else if (!sha.isEmpty())
            ++damaged; // a line cut short by a crash: the next one is whole
    }
    if (damaged > 0)
        qCWarning(lcChat) << path << "has" << damaged << "damaged lines; they are skipped";
    if (bytes)
        *bytes = std::move(content);
    return shas;
}

bool AttachmentStore::keepForGood(const QSet<QString> &shas, QString *error)
{
    const FileThreadCheck check("AttachmentStore::keepForGood");
    QSet<QString> fresh;
    {
        QMutexLocker lock(&m_mutex);
        for (const QString &sha : shas) {
            if (!m_kept.contains(sha) && isSha256(sha.toLatin1()))
                fresh.insert(sha);
        }
    }
    if (fresh.isEmpty())
        return true;
    if (!QDir().mkpath(m_directory)) {
        if (error)
            *error = tr("cannot create the folder %1").arg(m_directory);
        return false;
    }
    const QMutexLocker files(&m_fileMutex);
    const FolderLock lock(m_directory);
    QByteArray before;
    if (const std::optional<QSet<QString>> listed = readKeptList(&before)) {
        fresh -= *listed;
        const QMutexLocker known(&m_mutex);
        m_kept += *listed;
    }
    if (fresh.isEmpty())
        return true;
    QList<QString> sorted(fresh.cbegin(), fresh.cend());
    std::sort(sorted.begin(), sorted.end());
    // After a line a crash cut short, a new line: the damage stays in that one.
    QByteArray lines = before.isEmpty() || before.endsWith('\n') ? QByteArray() : QByteArray("\n");
    for (const QString &sha : std::as_const(sorted))
        lines += sha.toLatin1() + '\n';
    QFile file(keptListPath());
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append) ||
        !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner) ||
        file.write(lines) != lines.size() || !file.flush()) {
        if (error)
            *error = tr("cannot write %1: %2").arg(keptListPath(), file.errorString());
        return false;
    }
    const QMutexLocker known(&m_mutex);
    m_kept += fresh;
    return true;
}

int AttachmentStore::removeUnreferenced(const QSet<QString> &candidates,
                                        const QString &conversationsFolder,
                                        const QSet<QString> &keep, qint64 recentMs)
{
    const FileThreadCheck check("AttachmentStore::removeUnreferenced");
    QSet<QString> unused;
    for (const QString &sha : candidates) {
        if (!keep.contains(sha) && isSha256(sha.toLatin1()))
            unused.insert(sha);
    }
    // A conversation names an attachment by its SHA-256: finding the 64 hex digits in the file's
    // bytes is enough (and keeps them for a file that cannot be parsed, too).
    QDirIterator it(conversationsFolder, {QStringLiteral("*.json")}, QDir::Files);
    while (it.hasNext() && !unused.isEmpty()) {
        const QString path = it.next();
        QByteArray bytes;
        QString problem;
        if (!RegularFile::read(path, &bytes, &problem))
            return 0;
        for (auto s = unused.begin(); s != unused.end();) {
            if (bytes.contains(s->toLatin1()))
                s = unused.erase(s);
            else
                ++s;
        }
    }
    if (unused.isEmpty())
        return 0;
    // The last look and the removal in one step: a store (and pin) of the same content waits.
    const QMutexLocker files(&m_fileMutex);
    const FolderLock lock(m_directory);
    if (!lock.isLocked())
        return 0; // another process is storing: a later clean-up
    // Compared with the copies' modification times: the file system's clock, not the program's.
    const QDateTime taken = lock.takenAt();
    if (!taken.isValid())
        return 0;
    const QDateTime storedBefore = taken.addMSecs(-recentMs);
    const std::optional<QSet<QString>> kept = readKeptList();
    if (!kept)
        return 0;
    int removed = 0;
    for (const QString &sha : std::as_const(unused)) {
        if (kept->contains(sha))
            continue;
        {
            const QMutexLocker pins(&m_mutex);
            if (m_pins.contains(sha))
                continue;
        }
        QDirIterator copies(m_directory, {sha + QStringLiteral(".*")}, QDir::Files | QDir::System);
        while (copies.hasNext()) {
            const QString path = copies.next();
            if (QFileInfo(path).lastModified() >= storedBefore)
                continue;
            if (QFile::remove(path))
                ++removed;
        }
    }
    return removed;
}

QHash<QString, QString> AttachmentStore::exportTo(const QList<Attachment> &attachments,
                                                  const QString &folder, const QString &relativeTo,
                                                  QStringList *problems) const
{
    const FileThreadCheck check("AttachmentStore::exportTo");
    QHash<QString, QString> links;
    QSet<QString> taken;
    const QDir base(relativeTo);
    for (Attachment a : attachments) {
        if (links.contains(a.sha256))
            continue;
        QString error;
        if (!load(a, &error)) {
            if (problems)
                problems->append(error);
            continue;
        }
        const QString wanted = safeFileName(a.name, a.extension());
        QString name = wanted;
        for (int n = 2; taken.contains(name.toLower()); ++n)
            name = QFileInfo(wanted).completeBaseName() + QStringLiteral(" %1.").arg(n) +
                   QFileInfo(wanted).suffix();
        taken.insert(name.toLower());
        const QString path = folder + QLatin1Char('/') + name;
        if (!QDir().mkpath(folder) || !ConversationStore::writeAtomically(path, a.data, &error)) {
            if (problems)
                problems->append(error.isEmpty() ? tr("cannot create the folder %1").arg(folder)
                                                 : error);
            continue;
        }
        links.insert(a.sha256, base.relativeFilePath(path));
    }
    return links;
}

QList<Attachment> AttachmentStore::attachmentsOf(const ConversationData &data)
{
    QList<Attachment> all;
    for (const ChatMessage &m : data.messages)
        all += m.attachments;
    return all;
}

QSet<QString> AttachmentStore::referencedBy(const ConversationData &data)
{
    QSet<QString> shas;
    for (const ChatMessage &m : data.messages) {
        for (const Attachment &a : m.attachments)
            shas.insert(a.sha256);
    }
    return shas;
}

} // namespace bw

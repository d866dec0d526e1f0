#include "conversationstore.h"

#include "base/guithread.h"
#include "base/logging.h"
#include "conversationmerge.h"
#include "filethreadcheck.h"
#include "regularfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>

#include <sys/stat.h>

namespace bw {

namespace {

constexpr auto kIndexName = "index.json";

using ThreadCheck = FileThreadCheck;

QJsonObject infoToJson(const ConversationInfo &i, qint64 mtime)
{
    return {{QStringLiteral("mtime"), mtime},
            {QStringLiteral("size"), i.bytes},
            {QStringLiteral("id"), i.id},
            {QStringLiteral("title"), i.title},
            {QStringLiteral("created"), i.created.toString(Qt::ISODateWithMs)},
            {QStringLiteral("updated"), i.updated.toString(Qt::ISODateWithMs)},
            {QStringLiteral("messages"), i.messages},
            {QStringLiteral("readable"), i.readable},
            {QStringLiteral("problem"), i.problem}};
}

ConversationInfo infoFromJson(const QJsonObject &o, const QString &path)
{
    ConversationInfo i;
    i.path = path;
    i.bytes = qint64(o.value(QLatin1String("size")).toDouble());
    i.id = o.value(QLatin1String("id")).toString();
    i.title = o.value(QLatin1String("title")).toString();
    i.created =
        QDateTime::fromString(o.value(QLatin1String("created")).toString(), Qt::ISODateWithMs);
    i.updated =
        QDateTime::fromString(o.value(QLatin1String("updated")).toString(), Qt::ISODateWithMs);
    i.messages = o.value(QLatin1String("messages")).toInt();
    i.readable = o.value(QLatin1String("readable")).toBool(true);
    i.problem = o.value(QLatin1String("problem")).toString();
    return i;
}

// How long a save waits for another program's save of the same file: one takes milliseconds.
constexpr int kLockWaitMs = 10'000;

} // namespace

// Which version of a file is on disk: every atomic save makes a new inode, so a save by any
// other program changes it.
ConversationStore::FileStamp ConversationStore::FileStamp::of(const QString &path)
{
    struct stat st = {};
    FileStamp s;
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return s;
    s.exists = true;
    s.device = quint64(st.st_dev);
    s.inode = quint64(st.st_ino);
    s.size = qint64(st.st_size);
    s.mtimeNs = qint64(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    return s;
}

// The lock that makes a read-merge-write of `path` one step across processes: a file next to it
// (QLockFile: a lock whose process died is taken over).
bool ConversationStore::lockFile(QLockFile &lock, const QString &path, QString *error)
{
    if (lock.tryLock(kLockWaitMs))
        return true;
    if (error) {
        qint64 pid = 0;
        QString host, app;
        if (lock.error() == QLockFile::LockFailedError && lock.getLockInfo(&pid, &host, &app))
            *error = tr("%1 is being saved by another program (%2, process %3); try again")
                         .arg(path, app)
                         .arg(pid);
        else
            *error =
                tr("cannot write %1: cannot create the lock file %2").arg(path, lock.fileName());
    }
    return false;
}

ConversationStore::ConversationStore(QString directory)
    : m_directory(std::move(directory))
{}

ConversationStore::GuiThreadUse ConversationStore::guiThreadUse()
{
    const FileThreadCheck::Use use = FileThreadCheck::guiThreadUse();
    return {use.calls, use.nanoseconds};
}

void ConversationStore::resetGuiThreadUse()
{
    FileThreadCheck::reset();
}

QString ConversationStore::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/breakwater/conversations");
}

QString ConversationStore::pathFor(const QString &id) const
{
    return m_directory + QLatin1Char('/') + id + QStringLiteral(".json");
}

bool ConversationStore::ensureDirectory(QString *error) const
{
    QDir dir(m_directory);
    if (!dir.exists() && !dir.mkpath(QStringLiteral("."))) {
        if (error)
            *error = tr("cannot create the folder %1").arg(m_directory);
        return false;
    }
    QFile::setPermissions(m_directory, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return true;
}

bool ConversationStore::writeAtomically(const QString &path, const QByteArray &bytes,
                                        QString *error)
{
    const ThreadCheck check("writeAtomically");
    // QSaveFile resolves a symbolic link and replaces its target: never by accident.
    if (const QString problem = RegularFile::writeProblem(path); !problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    QDir().mkpath(QFileInfo(path).path());
    QSaveFile file(path);
    // Unbuffered: every write reaches the file system before commit(). Buffered, the last bytes
    // are written inside commit(), whose Qt 6.4 code renames the temporary file over the
    // original even when that write failed (disk full) — a truncated file replacing a good one.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
        if (error)
            *error = tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    // A write the disk takes only part of returns the part, with no error ("Unknown error"): the
    // rest is written again, and that write says why ("No space left on device").
    qsizetype written = 0;
    while (written < bytes.size()) {
        const qint64 n = file.write(bytes.constData() + written, bytes.size() - written);
        if (n <= 0) {
            if (error)
                *error = tr("cannot write %1: %2")
                             .arg(path, file.error() == QFileDevice::NoError
                                            ? tr("the disk took no more")
                                            : file.errorString());
            file.cancelWriting();
            return false;
        }
        written += qsizetype(n);
    }
    if (!file.commit()) {
        if (error)
            *error = tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool ConversationStore::save(const ConversationData &data, const QString &requestedPath,
                             quint64 sequence, QString *error, ConversationInfo *written,
                             SaveMode mode)
{
    const ThreadCheck check("save");
    const QString path = requestedPath.isEmpty() ? pathFor(data.id) : requestedPath;
    QMutexLocker lock(&m_mutex);
    if (sequence && m_removed.contains(path))
        return true; // deleted meanwhile: a late background save must not bring it back
    if (sequence && m_written.value(path) >= sequence)
        return true; // something newer is already on disk
    if (requestedPath.isEmpty() && !ensureDirectory(error))
        return false;
    QDir().mkpath(QFileInfo(path).path());
    // Another program may save this file too (a second window, the CLI): what it wrote since
    // this one last wrote is read and kept, all under a lock that both take.
    QLockFile fileLock(path + QStringLiteral(".lock"));
    if (!lockFile(fileLock, path, error))
        return false;
    if (const QString problem = RegularFile::writeProblem(path); !problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    ConversationData toWrite = data;
    const FileStamp onDisk = FileStamp::of(path);
    if (mode == SaveMode::Merge && onDisk.exists) {
        ConversationData current;
        QString problem;
        if (m_lastWrite.path == path && m_lastWrite.stamp == onDisk) {
            current = m_lastWrite.data; // what this store wrote, unchanged since
        } else if (!load(path, current, &problem)) {
            // Never replaced: it may be someone's only copy of something.
            if (error)
                *error = tr("%1 was not saved over because the file there cannot be read (%2)")
                             .arg(path, problem);
            return false;
        } else if (current.fileVersion < ConversationFile::kVersion &&
                   !RegularFile::exists(ConversationFile::backupPathFor(path)) &&
                   backUpOlderFormat(path, current).isEmpty()) {
            // Whoever opened it made the copy already; this one is for a file that became an
            // older format's since (another program wrote it): never migrated without a copy.
            if (error)
                *error = tr("%1 was not saved over because a copy of its older format could not "
                            "be made at %2")
                             .arg(path, ConversationFile::backupPathFor(path));
            return false;
        }
        toWrite = mergeConversations(data, current);
    }
    const QByteArray bytes = ConversationFile::serialize(toWrite);
    if (!writeAtomically(path, bytes, error))
        return false;
    m_lastWrite = {path, FileStamp::of(path), toWrite};
    m_removed.remove(path);
    if (sequence)
        m_written[path] = sequence;
    // The entry comes from what was just written, never from reading the file back.
    const QFileInfo fi(path);
    ConversationInfo i;
    i.id = toWrite.id;
    i.path = path;
    i.title = toWrite.title;
    i.created = toWrite.created;
    i.updated = toWrite.updated.isValid() ? toWrite.updated : fi.lastModified().toUTC();
    i.messages = int(toWrite.messages.size());
    i.bytes = bytes.size();
    if (isInFolder(path)) {
        loadIndex();
        m_index.insert(fi.fileName(), infoToJson(i, fi.lastModified().toMSecsSinceEpoch()));
        m_indexDirty = true;
    }
    if (written)
        *written = i;
    return true;
}

bool ConversationStore::isRemoved(const QString &path) const
{
    QMutexLocker lock(&m_mutex);
    return m_removed.contains(path);
}

void ConversationStore::forgetRemoval(const QString &path)
{
    QMutexLocker lock(&m_mutex);
    m_removed.remove(path);
}

bool ConversationStore::isInFolder(const QString &path) const
{
    return QFileInfo(path).absolutePath() == QFileInfo(m_directory).absoluteFilePath();
}

bool ConversationStore::samePath(const QString &a, const QString &b)
{
    return QFileInfo(a).absoluteFilePath() == QFileInfo(b).absoluteFilePath();
}

bool ConversationStore::load(const QString &path, ConversationData &data, QString *error) const
{
    const ThreadCheck check("load");
    QByteArray bytes;
    if (!RegularFile::read(path, &bytes, error) || !ConversationFile::parse(bytes, data, error))
        return false;
    if (data.id.isEmpty()) {
        // No usable id in the file: the file's name, the same at every load (the next save
        // writes it), else a new one. Without one its spend would count for no conversation.
        const QString name = QFileInfo(path).completeBaseName();
        data.id = ConversationFile::isUsableId(name)
                      ? name
                      : QUuid::createUuid().toString(QUuid::WithoutBraces);
    }
    return true;
}

QString ConversationStore::backUpOlderFormat(const QString &path,
                                             const ConversationData &data) const
{
    const ThreadCheck check("backUpOlderFormat");
    if (data.fileVersion <= 0 || data.fileVersion >= ConversationFile::kVersion)
        return {};
    const QString backup = ConversationFile::backupPathFor(path);
    // Anything there, a link too, is left as it is: a copy is never written through a link.
    if (RegularFile::exists(backup) || !QFile::copy(path, backup))
        return {};
    QFile::setPermissions(backup, QFile::ReadOwner | QFile::WriteOwner);
    return backup;
}

ConversationInfo ConversationStore::readInfo(const QString &path) const
{
    ConversationInfo info;
    info.path = path;
    info.bytes = QFileInfo(path).size();
    ConversationData data;
    QString problem;
    if (!load(path, data, &problem)) {
        info.readable = false;
        info.problem = problem;
        info.id = QFileInfo(path).completeBaseName();
        info.title = QFileInfo(path).fileName();
        info.updated = QFileInfo(path).lastModified().toUTC();
        return info;
    }
    info.id = data.id.isEmpty() ? QFileInfo(path).completeBaseName() : data.id;
    info.title = data.title;
    info.created = data.created;
    info.updated = data.updated.isValid() ? data.updated : QFileInfo(path).lastModified().toUTC();
    info.messages = int(data.messages.size());
    return info;
}

void ConversationStore::loadIndex()
{
    if (m_indexLoaded)
        return;
    m_indexLoaded = true;
    QByteArray bytes;
    QString problem;
    if (RegularFile::read(m_directory + QLatin1Char('/') + QLatin1String(kIndexName), &bytes,
                          &problem))
        m_index = QJsonDocument::fromJson(bytes).object().value(QLatin1String("files")).toObject();
}

void ConversationStore::writeIndex()
{
    if (!m_indexDirty)
        return;
    QString error;
    if (ensureDirectory(&error) &&
        writeAtomically(m_directory + QLatin1Char('/') + QLatin1String(kIndexName),
                        QJsonDocument(QJsonObject{{QStringLiteral("version"), 1},
                                                  {QStringLiteral("files"), m_index}})
                            .toJson(QJsonDocument::Compact),
                        &error))
        m_indexDirty = false;
}

QList<ConversationInfo> ConversationStore::list()
{
    const ThreadCheck check("list");
    QMutexLocker lock(&m_mutex);
    loadIndex();
    QList<ConversationInfo> result;
    QJsonObject fresh;
    // System too: a FIFO, a device or a dangling link named *.json is listed with the reason it
    // cannot be read, like any other file Breakwater cannot read.
    QDirIterator it(m_directory, {QStringLiteral("*.json")}, QDir::Files | QDir::System);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo fi = it.fileInfo();
        if (fi.fileName() == QLatin1String(kIndexName))
            continue;
        const qint64 mtime = fi.lastModified().toMSecsSinceEpoch();
        const QJsonObject cached = m_index.value(fi.fileName()).toObject();
        ConversationInfo info;
        if (!cached.isEmpty() && qint64(cached.value(QLatin1String("mtime")).toDouble()) == mtime &&
            qint64(cached.value(QLatin1String("size")).toDouble()) == fi.size()) {
            info = infoFromJson(cached, path);
        } else {
            info = readInfo(path);
            m_indexDirty = true;
        }
        fresh.insert(fi.fileName(), infoToJson(info, mtime));
        result.append(info);
    }
    if (fresh.size() != m_index.size())
        m_indexDirty = true;
    m_index = fresh;
    writeIndex();
    std::sort(
        result.begin(), result.end(),
        [](const ConversationInfo &a, const ConversationInfo &b) { return a.updated > b.updated; });
    return result;
}

bool ConversationStore::remove(const QString &path, QString *error)
{
    const ThreadCheck check("remove");
    QMutexLocker lock(&m_mutex);
    QLockFile fileLock(path + QStringLiteral(".lock"));
    if (!lockFile(fileLock, path, error))
        return false;
    ConversationData data;
    QString problem;
    // Never delete a file Breakwater cannot read: it may be someone's only copy of something.
    if (!load(path, data, &problem)) {
        if (error)
            *error = tr("%1 was not deleted because it cannot be read (%2)").arg(path, problem);
        return false;
    }
    if (!QFile::remove(path)) {
        if (error)
            *error = tr("cannot delete %1").arg(path);
        return false;
    }
    m_written.remove(path);
    m_removed.insert(path); // a save that is already queued or running must not recreate it
    loadIndex();
    m_index.remove(QFileInfo(path).fileName());
    m_indexDirty = true;
    return true;
}

bool ConversationStore::importFile(const QString &path, ConversationData *imported, QString *error)
{
    const ThreadCheck check("importFile");
    ConversationData data;
    if (!load(path, data, error))
        return false;
    if (data.id.isEmpty() || RegularFile::exists(pathFor(data.id)))
        data.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!save(data, {}, 0, error))
        return false;
    if (imported)
        *imported = data;
    return true;
}

QList<ConversationStore::SearchHit>
ConversationStore::search(const QString &text, int limit, const std::function<bool()> &wanted) const
{
    const ThreadCheck check("search");
    QList<SearchHit> hits;
    const QString needle = text.trimmed();
    if (needle.isEmpty())
        return hits;
    QDirIterator it(m_directory, {QStringLiteral("*.json")}, QDir::Files);
    while (it.hasNext() && hits.size() < limit) {
        if (wanted && !wanted())
            return {};
        const QString path = it.next();
        if (it.fileInfo().fileName() == QLatin1String(kIndexName))
            continue;
        QByteArray bytes;
        QString problem;
        if (!RegularFile::read(path, &bytes, &problem))
            continue; // listed with the reason; nothing to search
        // Cheap test on the raw bytes first (ASCII case folding); parse only the candidates.
        if (!bytes.toLower().contains(needle.toLower().toUtf8()) &&
            needle.toUtf8() == needle.toLatin1())
            continue;
        ConversationData data;
        if (!ConversationFile::parse(bytes, data, &problem))
            continue;
        for (int i = 0; i < data.messages.size(); ++i) {
            const QString &t = data.messages[i].text;
            const qsizetype at = t.indexOf(needle, 0, Qt::CaseInsensitive);
            if (at < 0)
                continue;
            const qsizetype from = std::max<qsizetype>(0, at - 40);
            QString snippet = t.mid(from, needle.size() + 80).simplified();
            if (from > 0)
                snippet.prepend(QStringLiteral("…"));
            hits.append({data.id, data.title, data.messages[i].id, snippet});
            break; // one hit per conversation
        }
        if (hits.isEmpty() || hits.constLast().id != data.id) {
            if (data.title.contains(needle, Qt::CaseInsensitive))
                hits.append({data.id, data.title, QString(), data.title});
        }
    }
    return hits;
}

} // namespace bw

#include "conversationstore.h"

#include "base/logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>
#include <QThread>
#include <QUuid>

#include <atomic>

namespace bw {

namespace {

constexpr auto kIndexName = "index.json";

std::atomic_int g_guiThreadCalls{0};
std::atomic<qint64> g_guiThreadNs{0};

bool onGuiThread()
{
    const QCoreApplication *app = QCoreApplication::instance();
    return app && QThread::currentThread() == app->thread() && app->inherits("QGuiApplication");
}

thread_local int t_depth = 0;

// Counts (and in debug builds refuses) file work on a GUI application's main thread; nested
// calls (save -> writeAtomically) count once.
class ThreadCheck
{
    Q_DISABLE_COPY_MOVE(ThreadCheck)

public:
    explicit ThreadCheck(const char *what)
        : m_gui(t_depth++ == 0 && onGuiThread())
    {
        if (!m_gui)
            return;
        if (g_guiThreadCalls.fetch_add(1) == 0)
            qCWarning(lcChat) << "conversation files touched on the GUI thread:" << what;
        Q_ASSERT_X(false, what,
                   "ConversationStore used on the GUI thread; queue it on the StorageQueue");
        m_timer.start();
    }
    ~ThreadCheck()
    {
        --t_depth;
        if (m_gui)
            g_guiThreadNs.fetch_add(m_timer.nsecsElapsed());
    }

private:
    bool m_gui;
    QElapsedTimer m_timer;
};

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

} // namespace

ConversationStore::ConversationStore(QString directory)
    : m_directory(std::move(directory))
{}

ConversationStore::GuiThreadUse ConversationStore::guiThreadUse()
{
    return {g_guiThreadCalls.load(), g_guiThreadNs.load()};
}

void ConversationStore::resetGuiThreadUse()
{
    g_guiThreadCalls = 0;
    g_guiThreadNs = 0;
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
    if (file.write(bytes) != bytes.size()) {
        if (error)
            *error = tr("cannot write %1: %2").arg(path, file.errorString());
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        if (error)
            *error = tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool ConversationStore::save(const ConversationData &data, const QString &requestedPath,
                             quint64 sequence, QString *error, ConversationInfo *written)
{
    const ThreadCheck check("save");
    const QString path = requestedPath.isEmpty() ? pathFor(data.id) : requestedPath;
    const QByteArray bytes = ConversationFile::serialize(data); // outside the lock: the slow part
    QMutexLocker lock(&m_mutex);
    if (sequence && m_removed.contains(path))
        return true; // deleted meanwhile: a late background save must not bring it back
    if (sequence && m_written.value(path) >= sequence)
        return true; // something newer is already on disk
    if (requestedPath.isEmpty() && !ensureDirectory(error))
        return false;
    if (!writeAtomically(path, bytes, error))
        return false;
    m_removed.remove(path);
    if (sequence)
        m_written[path] = sequence;
    // The entry comes from what was just written, never from reading the file back.
    const QFileInfo fi(path);
    ConversationInfo i;
    i.id = data.id;
    i.path = path;
    i.title = data.title;
    i.created = data.created;
    i.updated = data.updated.isValid() ? data.updated : fi.lastModified().toUTC();
    i.messages = int(data.messages.size());
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
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("cannot open %1: %2").arg(path, file.errorString());
        return false;
    }
    return ConversationFile::parse(file.readAll(), data, error);
}

QString ConversationStore::backUpOlderFormat(const QString &path,
                                             const ConversationData &data) const
{
    const ThreadCheck check("backUpOlderFormat");
    if (data.fileVersion <= 0 || data.fileVersion >= ConversationFile::kVersion)
        return {};
    const QString backup = ConversationFile::backupPathFor(path);
    if (QFileInfo::exists(backup) || !QFile::copy(path, backup))
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
    QFile indexFile(m_directory + QLatin1Char('/') + QLatin1String(kIndexName));
    if (indexFile.open(QIODevice::ReadOnly))
        m_index = QJsonDocument::fromJson(indexFile.readAll())
                      .object()
                      .value(QLatin1String("files"))
                      .toObject();
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
    QDirIterator it(m_directory, {QStringLiteral("*.json")}, QDir::Files);
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
    if (data.id.isEmpty() || QFile::exists(pathFor(data.id)))
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
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        // Cheap test on the raw bytes first (ASCII case folding); parse only the candidates.
        if (!bytes.toLower().contains(needle.toLower().toUtf8()) &&
            needle.toUtf8() == needle.toLatin1())
            continue;
        ConversationData data;
        QString problem;
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

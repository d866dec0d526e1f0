#include "attachmentstore.h"

#include "conversationfile.h"
#include "conversationstore.h"
#include "filethreadcheck.h"
#include "regularfile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>

namespace bw {

namespace {

QString sha256Of(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// A file name that works on every file system and in a Markdown link.
QString safeFileName(QString name, const QString &extension)
{
    static const QString bad = QStringLiteral("/\\\\:*?\"<>|()[]#%");
    for (QChar &c : name) {
        if (bad.contains(c) || c.unicode() < 0x20)
            c = QLatin1Char('_');
    }
    name = name.trimmed();
    while (name.startsWith(QLatin1Char('.')))
        name.remove(0, 1);
    if (name.isEmpty())
        name = QStringLiteral("attachment");
    if (!name.endsWith(QLatin1Char('.') + extension, Qt::CaseInsensitive) &&
        QFileInfo(name).suffix().isEmpty())
        name += QLatin1Char('.') + extension;
    return name.left(120);
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

bool AttachmentStore::store(Attachment &a, QString *error)
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
    // Stored once per content: a whole copy there is this very content (its name is its hash).
    if (QFileInfo(path).isFile() && !QFileInfo(path).isSymLink() &&
        QFileInfo(path).size() == a.bytes)
        return true;
    if (!ConversationStore::writeAtomically(path, a.data, error))
        return false;
    noteVerified(path, Stamp::of(path)); // these very bytes, hashed just now
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

int AttachmentStore::removeUnreferenced(const QSet<QString> &candidates,
                                        const QString &conversationsFolder,
                                        const QSet<QString> &keep)
{
    const FileThreadCheck check("AttachmentStore::removeUnreferenced");
    QSet<QString> unused;
    {
        QMutexLocker lock(&m_mutex);
        for (const QString &sha : candidates) {
            if (!keep.contains(sha) && !m_pins.contains(sha) && sha.size() == 64)
                unused.insert(sha);
        }
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
    int removed = 0;
    for (const QString &sha : std::as_const(unused)) {
        QDirIterator files(m_directory, {sha + QStringLiteral(".*")}, QDir::Files | QDir::System);
        while (files.hasNext()) {
            if (QFile::remove(files.next()))
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

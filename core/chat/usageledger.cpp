#include "usageledger.h"

#include "base/guithread.h"
#include "base/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <atomic>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace bw {

namespace {

constexpr qint64 kChunkBytes = 1024 * 1024;

std::atomic_int g_guiThreadCalls{0};

void noteThread(const char *what)
{
    if (isGuiThread() && g_guiThreadCalls.fetch_add(1) == 0)
        qCWarning(lcChat) << "the usage ledger was touched on the GUI thread:" << what;
}

QString symbolicLink(const QString &path)
{
    return UsageLedger::tr("%1 is a symbolic link: Breakwater does not read or write through links")
        .arg(path);
}

#ifdef Q_OS_UNIX
QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

// Closes a descriptor when it goes out of scope.
struct Descriptor
{
    int fd = -1;
    ~Descriptor()
    {
        if (fd >= 0)
            ::close(fd);
    }
};
#endif

} // namespace

UsageLedger::UsageLedger(QString path)
    : m_path(std::move(path))
{}

int UsageLedger::guiThreadCalls()
{
    return g_guiThreadCalls.load();
}

void UsageLedger::resetGuiThreadCalls()
{
    g_guiThreadCalls = 0;
}

QString UsageLedger::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/breakwater/usage.jsonl");
}

QString UsageLedger::pathBeside(const QString &conversationsFolder)
{
    QDir dir(conversationsFolder);
    dir.cdUp();
    return dir.filePath(QStringLiteral("usage.jsonl"));
}

bool UsageLedger::append(const UsageRecord &record, QString *error) const
{
    noteThread("append");
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    const QFileInfo info(m_path);
    QDir dir = info.dir();
    if (!dir.exists()) {
        if (!dir.mkpath(QStringLiteral(".")))
            return fail(tr("cannot create the folder %1").arg(dir.path()));
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    QByteArray line = record.toJsonLine();
#ifdef Q_OS_UNIX
    // O_NOFOLLOW: a link is never written through; O_NONBLOCK: a FIFO there fails at once
    // instead of blocking until someone reads it. Read too: for the last byte (below).
    Descriptor file;
    do {
        file.fd = ::open(QFile::encodeName(m_path).constData(),
                         O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600);
    } while (file.fd < 0 && errno == EINTR);
    if (file.fd < 0) {
        if (errno == ELOOP)
            return fail(symbolicLink(m_path));
        return fail(tr("cannot write %1: %2").arg(m_path, systemError()));
    }
    struct stat st = {};
    if (::fstat(file.fd, &st) != 0 || !S_ISREG(st.st_mode))
        return fail(tr("%1 is not a regular file").arg(m_path));
    if (st.st_mode & (S_IRWXG | S_IRWXO))
        ::fchmod(file.fd, S_IRUSR | S_IWUSR); // owner-only, whoever made it
    // What a process that died mid-line left ends without a line end: start on a line of our
    // own, so only that remnant is lost. (Two appenders may both do this: an empty line, which
    // readers skip.)
    if (st.st_size > 0) {
        char last = '\n';
        if (::pread(file.fd, &last, 1, st.st_size - 1) == 1 && last != '\n')
            line.prepend('\n');
    }
    // One write() per line: with O_APPEND the kernel puts it at the end as a whole, so lines
    // from processes appending at once never interleave.
    ssize_t written = 0;
    do {
        written = ::write(file.fd, line.constData(), size_t(line.size()));
    } while (written < 0 && errno == EINTR);
    if (written != ssize_t(line.size()))
        return fail(tr("cannot write %1: %2")
                        .arg(m_path, written < 0 ? systemError() : tr("the disk is full")));
    return true;
#else
    QFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append))
        return fail(tr("cannot write %1: %2").arg(m_path, file.errorString()));
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    if (file.write(line) != line.size())
        return fail(tr("cannot write %1: %2").arg(m_path, file.errorString()));
    return true;
#endif
}

UsageLedger::Read UsageLedger::read(qint64 from,
                                    const std::function<void(const UsageRecord &)> &visit,
                                    LastLine last) const
{
    noteThread("read");
    Read r;
    r.end = from;
    QFile file(m_path);
#ifdef Q_OS_UNIX
    Descriptor fd;
    do {
        // O_NOFOLLOW as when appending: a link is an error for both, never followed.
        fd.fd = ::open(QFile::encodeName(m_path).constData(),
                       O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);
    } while (fd.fd < 0 && errno == EINTR);
    if (fd.fd < 0) {
        if (errno == ENOENT) {
            r.missing = true;
            r.end = 0;
        } else if (errno == ELOOP) {
            r.error = symbolicLink(m_path);
        } else {
            r.error = tr("cannot read %1: %2").arg(m_path, systemError());
        }
        return r;
    }
    struct stat st = {};
    if (::fstat(fd.fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        r.error = tr("%1 is not a regular file").arg(m_path);
        return r;
    }
    if (!file.open(fd.fd, QIODevice::ReadOnly, QFileDevice::DontCloseHandle)) {
#else
    if (!file.exists()) {
        r.missing = true;
        r.end = 0;
        return r;
    }
    if (!file.open(QIODevice::ReadOnly)) {
#endif
        r.error = tr("cannot read %1: %2").arg(m_path, file.errorString());
        return r;
    }
    if (from < 0 || from > file.size()) {
        from = 0; // the ledger was replaced by a shorter one: read the new one whole
        r.restarted = true;
    }
    r.end = from;
    if (!file.seek(from)) {
        r.error = tr("cannot read %1: %2").arg(m_path, file.errorString());
        return r;
    }
    QByteArray buffer;
    qint64 bufferStart = from; // the file offset of buffer[0]
    bool skipping = false;     // inside a line too long to be a record
    auto take = [&](QByteArrayView line) {
        line = line.trimmed();
        if (line.isEmpty())
            return;
        if (line.size() > kLongestLine) {
            ++r.damaged;
            return;
        }
        if (const std::optional<UsageRecord> record = UsageRecord::fromJsonLine(line)) {
            ++r.lines;
            if (visit)
                visit(*record);
        } else {
            ++r.damaged;
        }
    };
    for (;;) {
        const QByteArray chunk = file.read(kChunkBytes);
        if (chunk.isEmpty())
            break;
        buffer += chunk;
        qsizetype start = 0;
        for (;;) {
            const qsizetype newline = buffer.indexOf('\n', start);
            if (newline < 0)
                break;
            if (skipping) {
                skipping = false; // the rest of an overlong line: counted when it began
            } else {
                take(QByteArrayView(buffer).sliced(start, newline - start));
            }
            start = newline + 1;
        }
        buffer.remove(0, start);
        bufferStart += start;
        r.end = bufferStart;
        if (buffer.size() > kLongestLine) {
            if (!skipping)
                ++r.damaged;
            skipping = true;
            bufferStart += buffer.size();
            buffer.clear();
            r.end = bufferStart;
        }
    }
    if (file.error() != QFileDevice::NoError) {
        r.error = tr("cannot read %1: %2").arg(m_path, file.errorString());
        return r;
    }
    if (last == LastLine::Damaged) {
        if (!skipping && !buffer.trimmed().isEmpty())
            ++r.damaged;
        r.end = bufferStart + buffer.size();
    }
    return r;
}

} // namespace bw

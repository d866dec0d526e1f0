#include "regularfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bw::RegularFile {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("bw::RegularFile", text);
}

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

QString kindOf(mode_t mode)
{
    if (S_ISDIR(mode))
        return tr("a folder");
    if (S_ISFIFO(mode))
        return tr("a FIFO");
    if (S_ISCHR(mode))
        return tr("a character device");
    if (S_ISBLK(mode))
        return tr("a block device");
    if (S_ISSOCK(mode))
        return tr("a socket");
    return tr("something else");
}

QString notRegular(const QString &path, mode_t mode)
{
    return tr("%1 is %2, not a regular file: Breakwater reads and writes only regular files")
        .arg(path, kindOf(mode));
}

QString tooLarge(const QString &path, qint64 maxBytes)
{
    return tr("%1 is larger than %2 MiB, the most Breakwater reads of one file")
        .arg(path)
        .arg(maxBytes / (1024 * 1024));
}

} // namespace

bool read(const QString &path, QByteArray *bytes, QString *error, qint64 maxBytes)
{
    const QByteArray name = QFile::encodeName(path);
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever. The
    // type is checked on the open descriptor, so a file swapped in after a check cannot slip by.
    const int fd = ::open(name.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        *error = tr("cannot open %1: %2").arg(path, systemError(errno));
        return false;
    }
    struct stat st = {};
    if (::fstat(fd, &st) != 0) {
        *error = tr("cannot open %1: %2").arg(path, systemError(errno));
        ::close(fd);
        return false;
    }
    if (!S_ISREG(st.st_mode)) {
        *error = notRegular(path, st.st_mode);
        ::close(fd);
        return false;
    }
    if (st.st_size > maxBytes) {
        *error = tooLarge(path, maxBytes);
        ::close(fd);
        return false;
    }
    // The size is a hint (the file may grow while it is read): never more than maxBytes + 1.
    QByteArray data(qsizetype(st.st_size) + 1, Qt::Uninitialized);
    qsizetype got = 0;
    while (true) {
        if (got == data.size()) {
            if (got > maxBytes)
                break;
            data.resize(qsizetype(std::min<qint64>(maxBytes + 1, qint64(got) * 2 + 4096)));
        }
        const ssize_t n = ::read(fd, data.data() + got, size_t(data.size() - got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *error = tr("cannot read %1: %2").arg(path, systemError(errno));
            ::close(fd);
            return false;
        }
        if (n == 0)
            break;
        got += n;
    }
    ::close(fd);
    if (got > maxBytes) {
        *error = tooLarge(path, maxBytes);
        return false;
    }
    data.truncate(got);
    *bytes = std::move(data);
    return true;
}

QString writeProblem(const QString &path)
{
    const QByteArray name = QFile::encodeName(path);
    struct stat st = {};
    if (::lstat(name.constData(), &st) != 0)
        return {}; // nothing there yet (or nothing to say: the write reports its own failure)
    if (S_ISLNK(st.st_mode))
        return tr("%1 is a symbolic link (to %2): Breakwater does not write through links. "
                  "Choose a file that is not a link")
            .arg(path, QFileInfo(path).symLinkTarget());
    if (!S_ISREG(st.st_mode))
        return notRegular(path, st.st_mode);
    return {};
}

bool exists(const QString &path)
{
    struct stat st = {};
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0;
}

} // namespace bw::RegularFile

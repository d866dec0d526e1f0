#pragma once

#include <QByteArray>
#include <QString>

namespace bw {

// The only kind of file Breakwater reads or writes for a conversation: a regular one, of a
// bounded size. A FIFO would block a read forever, /dev/zero would fill the memory, and saving
// through a symbolic link would rewrite (or create) a file somewhere else.
namespace RegularFile {

// The most Breakwater reads of one file: a conversation of 2,000 messages is about 5 MB, and
// one answer is capped at 64 MiB of text.
constexpr qint64 kMaxBytes = 256 * 1024 * 1024;

// Reads the whole of `path`, following symbolic links to a regular file. False with `error` in
// words when it cannot be opened, is not a regular file, or is larger than `maxBytes`; never
// blocks on a FIFO and never reads past `maxBytes`.
bool read(const QString &path, QByteArray *bytes, QString *error, qint64 maxBytes = kMaxBytes);

// Why `path` must not be written, in words, or empty when it is a regular file or does not
// exist. A symbolic link is never written through: not when its target is a conversation
// elsewhere (it would be rewritten), nor when it dangles (its target would be created).
QString writeProblem(const QString &path);

// Whether something (a file, a link, anything) exists at `path`, without following a link.
bool exists(const QString &path);

} // namespace RegularFile
} // namespace bw

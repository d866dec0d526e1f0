#pragma once

#include <QByteArrayView>
#include <QSize>
#include <QString>

namespace bw {

// What a file is, read from its bytes rather than its name: the client sends the media type the
// bytes have, and the simulator checks a declared type against them, as the service does.
namespace MediaSniffer {

// "image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf" by their signatures;
// "text/plain" for valid UTF-8 without control characters (but tab, line ends, form feed and
// escape); empty for anything else.
QString mediaTypeOf(QByteArrayView bytes);

// An image's size from its header (PNG, JPEG, GIF, WebP); invalid when the header is not read.
QSize imageSize(QByteArrayView bytes);

// A PDF's pages, counted by their page objects (/Type /Page); 0 when none is found (the page
// tree is in a compressed object stream).
int pdfPageCount(QByteArrayView bytes);

// Whether `text` is standard base64 (RFC 4648, with padding), as the API requires of data.
bool isBase64(QByteArrayView text);
bool isBase64(QStringView text);

} // namespace MediaSniffer
} // namespace bw

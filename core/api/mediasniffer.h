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

// A PDF's pages: the larger of its page objects (/Type /Page) and the largest /Count of a page
// tree node (/Type /Pages, the root's is the document's); 0 when unknown (the page tree is in a
// compressed object stream).
int pdfPageCount(QByteArrayView bytes);

// Whether a PDF ends as one does: a "startxref" and a "%%EOF" near its end. A cut file or
// "%PDF-" before anything else does not.
bool pdfHasEnd(QByteArrayView bytes);

// Whether a PDF is encrypted: /Encrypt in its trailer dictionary (after "trailer", or in a
// cross-reference stream's dictionary), not anywhere in its text.
bool pdfIsEncrypted(QByteArrayView bytes);

// Whether a PNG's chunks run to its IEND, and a JPEG's markers past its image data to its end
// (EOI). A cut file is not complete; other types are taken as complete.
bool imageIsComplete(QByteArrayView bytes);

// Whether `text` is standard base64 (RFC 4648, with padding), as the API requires of data.
bool isBase64(QByteArrayView text);
bool isBase64(QStringView text);

} // namespace MediaSniffer
} // namespace bw

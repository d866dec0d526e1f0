#pragma once

#include "api/attachment.h"
#include "api/modelinfo.h"

#include <QCoreApplication>
#include <QImage>
#include <QImageReader>
#include <QSize>

namespace bw {

// Turns a file, or an image from the clipboard, into what a prompt sends: the media type its
// bytes have (never its name's), an image scaled down to the size the API recommends unless the
// original is kept, the API's limits checked (8,000 px, 5 MB of base64 per image, 100 pages,
// 32 MB per request), and a thumbnail. Decoding and scaling take tens of milliseconds to seconds:
// call it on a worker thread.
class AttachmentPreparer final
{
    Q_DECLARE_TR_FUNCTIONS(bw::AttachmentPreparer)

public:
    struct Options
    {
        bool keepOriginal = false; // send an image as it is, not scaled down
        // What the model reads (ModelInfo image_input / pdf_input); plain text always.
        bool imagesAllowed = true;
        bool pdfsAllowed = true;
        QString model; // named when a type is refused
        int thumbnailSize = 128;
    };
    struct Result
    {
        bool ok = false;
        QString error;         // why not, in words
        Attachment attachment; // with its bytes in data
        QImage thumbnail;      // images only
        QSize originalSize;    // an image's size before scaling
        bool scaled = false;
    };

    // What `model` reads, from its catalogue entry.
    static Options optionsFor(const ModelInfo &model, bool keepOriginal = false);

    static Result fromFile(const QString &path, const Options &options);
    // A pasted image, sent as PNG.
    static Result fromImage(const QImage &image, const QString &name, const Options &options);
    static Result fromBytes(QByteArray bytes, const QString &name, const Options &options);
    // A small picture of a stored image (its bytes in `attachment.data`); null for documents.
    static QImage thumbnailOf(const Attachment &attachment, int size = 128);

    // The largest file worth reading: an image may be scaled down, anything else is sent as it
    // is and must fit a request as base64.
    static constexpr qint64 kMaxImageFileBytes = 256 * 1024 * 1024;
    static constexpr qint64 kMaxDocumentBytes = Attachment::kMaxRequestBytes / 4 * 3;
    // What one image within the API's limits may take to decode: the largest (8000 × 8000 px)
    // at 16 bits a channel, RGBA.
    static constexpr int kDecodeLimitMegabytes =
        int(qint64(Attachment::kMaxImageEdge) * Attachment::kMaxImageEdge * 8 / (1024 * 1024)) + 1;

private:
    static QString tooLarge(const QString &name, qint64 bytes);
    static QString tooLargeToDecode(const QString &name, QSize size);
    static QString unreadable(const QString &name, QSize size, const QImageReader &reader);
    static Result image(QByteArray bytes, const QString &name, const QString &mediaType,
                        const Options &options);
};

} // namespace bw

#include "attachmentpreparer.h"

#include "api/mediasniffer.h"
#include "regularfile.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QImageWriter>
#include <QLocale>

#include <cmath>
#include <mutex>

namespace bw {

namespace {

QString megabytes(qint64 bytes)
{
    return QLocale().toString(double(bytes) / 1e6, 'f', 1);
}

// The size the API recommends for an image of `size`: the long edge at most 1,568 px and about
// 1.15 megapixels, the aspect ratio kept.
QSize recommendedSize(QSize size)
{
    const double w = size.width(), h = size.height();
    const double scale = std::min({1.0, double(Attachment::kRecommendedLongEdge) / std::max(w, h),
                                   std::sqrt(double(Attachment::kRecommendedPixels) / (w * h))});
    return QSize(std::max(1, int(std::floor(w * scale))), std::max(1, int(std::floor(h * scale))));
}

QByteArray encode(const QImage &image, const char *format, int quality = -1)
{
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    if (quality >= 0)
        writer.setQuality(quality);
    return writer.write(image) ? out : QByteArray();
}

} // namespace

QString AttachmentPreparer::tooLarge(const QString &name, qint64 bytes)
{
    return tr("“%1” is %2 MB; a request to the API holds at most %3 MB, and a file grows by a "
              "third on the way, so %4 MB is the most one file can be.")
        .arg(name, megabytes(bytes), megabytes(Attachment::kMaxRequestBytes),
             megabytes(kMaxDocumentBytes));
}

AttachmentPreparer::Result AttachmentPreparer::fromFile(const QString &path, const Options &options)
{
    Result r;
    QByteArray bytes;
    QString problem;
    const QString name = QFileInfo(path).fileName();
    // Only an image may be larger than a request takes (it is scaled down): anything else that
    // large is refused by its first bytes, not read whole first.
    if (const QFileInfo info(path); info.isFile() && info.size() > kMaxDocumentBytes) {
        QFile head(path);
        if (head.open(QIODevice::ReadOnly) &&
            !MediaSniffer::mediaTypeOf(head.read(64)).startsWith(u"image/")) {
            r.error = tooLarge(name, info.size());
            return r;
        }
    }
    if (!RegularFile::read(path, &bytes, &problem, kMaxImageFileBytes)) {
        r.error = tr("“%1” cannot be attached: %2").arg(name, problem);
        return r;
    }
    return fromBytes(std::move(bytes), name, options);
}

AttachmentPreparer::Result AttachmentPreparer::fromImage(const QImage &image, const QString &name,
                                                         const Options &options)
{
    if (image.isNull()) {
        Result r;
        r.error = tr("The clipboard holds no image that can be read.");
        return r;
    }
    return fromBytes(encode(image, "png"), name, options);
}

AttachmentPreparer::Result AttachmentPreparer::fromBytes(QByteArray bytes, const QString &name,
                                                         const Options &options)
{
    Result r;
    if (bytes.isEmpty()) {
        r.error = tr("“%1” is empty: there is nothing to attach.").arg(name);
        return r;
    }
    const QString type = MediaSniffer::mediaTypeOf(bytes);
    if (type.isEmpty()) {
        r.error = tr("“%1” is not a kind of file Claude reads here: PNG, JPEG, GIF, WebP, PDF or "
                     "plain text (UTF-8).")
                      .arg(name);
        return r;
    }
    if (type.startsWith(u"image/")) {
        if (!options.imagesAllowed) {
            r.error =
                tr("%1 does not read images: “%2” cannot be sent to it.").arg(options.model, name);
            return r;
        }
        return image(std::move(bytes), name, type, options);
    }
    if (bytes.size() > kMaxDocumentBytes) {
        r.error = tooLarge(name, bytes.size());
        return r;
    }
    Attachment &a = r.attachment;
    a.name = name;
    a.mediaType = type;
    if (type == u"application/pdf") {
        if (!options.pdfsAllowed) {
            r.error =
                tr("%1 does not read PDFs: “%2” cannot be sent to it.").arg(options.model, name);
            return r;
        }
        if (!MediaSniffer::pdfHasEnd(bytes)) {
            r.error = tr("“%1” is damaged or incomplete: it does not end as a PDF does (no "
                         "cross-reference and end-of-file marker at its end).")
                          .arg(name);
            return r;
        }
        if (MediaSniffer::pdfIsEncrypted(bytes)) {
            r.error = tr("“%1” is protected with a password or encrypted; the API reads only "
                         "standard PDFs.")
                          .arg(name);
            return r;
        }
        a.pages = MediaSniffer::pdfPageCount(bytes);
        if (a.pages > Attachment::kMaxPdfPages) {
            r.error = tr("“%1” has %2 pages; the API reads at most %3 pages in one request.")
                          .arg(name)
                          .arg(a.pages)
                          .arg(Attachment::kMaxPdfPages);
            return r;
        }
    }
    if (a.kind() == Attachment::Kind::Text) {
        // In the request as a JSON string: escapes make it larger, a control character 6 times.
        a.jsonBytes = Attachment::jsonStringSize(bytes);
        if (a.jsonBytes > Attachment::kMaxRequestBytes) {
            r.error = tr("“%1” is %2 MB of text that takes %3 MB in a request (its control "
                         "characters, quotes and backslashes are written as escapes); a request "
                         "to the API holds at most %4 MB.")
                          .arg(name, megabytes(bytes.size()), megabytes(a.jsonBytes),
                               megabytes(Attachment::kMaxRequestBytes));
            return r;
        }
    }
    a.bytes = bytes.size();
    a.data = std::move(bytes);
    r.ok = true;
    return r;
}

AttachmentPreparer::Options AttachmentPreparer::optionsFor(const ModelInfo &model,
                                                           bool keepOriginal)
{
    Options o;
    o.keepOriginal = keepOriginal;
    // A model the catalogue does not know (a gateway's alias) is not refused: the API decides.
    o.imagesAllowed = !model.limitsKnown || model.supports(u"image_input");
    o.pdfsAllowed = !model.limitsKnown || model.supports(u"pdf_input");
    o.model = model.label();
    return o;
}

QString AttachmentPreparer::tooLargeToDecode(const QString &name, QSize size)
{
    return tr("“%1” (%2 × %3 px) is too large to decode; the API takes at most %4 px on a side.")
        .arg(name)
        .arg(size.width())
        .arg(size.height())
        .arg(Attachment::kMaxImageEdge);
}

QString AttachmentPreparer::unreadable(const QString &name, QSize size, const QImageReader &reader)
{
    // A decode Qt refused for its size says only "Unable to read image data".
    const int bytesPerPixel =
        std::max(1, QImage::toPixelFormat(reader.imageFormat()).bitsPerPixel() / 8);
    const qint64 needed = qint64(size.width()) * size.height() * std::max(4, bytesPerPixel);
    if (needed > qint64(QImageReader::allocationLimit()) * 1024 * 1024)
        return tooLargeToDecode(name, size);
    return tr("“%1” cannot be read as an image (it may be damaged): %2")
        .arg(name, reader.errorString());
}

AttachmentPreparer::Result AttachmentPreparer::image(QByteArray bytes, const QString &name,
                                                     const QString &type, const Options &options)
{
    Result r;
    Attachment &a = r.attachment;
    a.name = name;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    // As stored, before any EXIF rotation; the header parser knows WebP without the plugin too.
    QSize size = reader.size();
    if (!size.isValid())
        size = MediaSniffer::imageSize(bytes);
    if (!size.isValid() || size.isEmpty()) {
        r.error = tr("“%1” looks like an image (%2) but cannot be read.").arg(name, type);
        return r;
    }
    if (!MediaSniffer::imageIsComplete(bytes)) {
        r.error =
            tr("“%1” is damaged or incomplete: the image ends before its data does.").arg(name);
        return r;
    }
    // Qt refuses to decode more than 128 MB by default, less than a 16-bit PNG within the API's
    // limits takes (7000 × 7000 px at 8 bytes a pixel): a decode may take what the largest
    // needs (the limit is Qt's, for every reader). An image past the API's edge that does not
    // decode straight to a smaller size (all but JPEG) is held to the old 128 MB: a
    // 30000 × 30000 PNG of a few kilobytes would take gigabytes.
    static std::once_flag limitSet;
    std::call_once(limitSet, [] { QImageReader::setAllocationLimit(kDecodeLimitMegabytes); });
    const bool pastEdge =
        size.width() > Attachment::kMaxImageEdge || size.height() > Attachment::kMaxImageEdge;
    if (pastEdge && type != u"image/jpeg" &&
        qint64(size.width()) * size.height() * 4 > qint64(128) * 1024 * 1024) {
        r.error = tooLargeToDecode(name, size);
        return r;
    }
    const QImageIOHandler::Transformations transformation = reader.transformation();
    const bool rotated = transformation & QImageIOHandler::TransformationRotate90;
    r.originalSize = rotated ? size.transposed() : size;
    const QSize target = recommendedSize(size);
    const bool beyondLimits =
        size.width() > Attachment::kMaxImageEdge || size.height() > Attachment::kMaxImageEdge ||
        Attachment::base64Size(bytes.size()) > Attachment::kMaxImageBase64Bytes;
    // Within the limits and the recommended size: sent as it is (else encoded again, even at
    // the same size, when its file is too large, or turned as its EXIF orientation says, so that
    // what is sent is what its thumbnail shows and the size it is said to have).
    if (options.keepOriginal || (target == size && !beyondLimits &&
                                 transformation == QImageIOHandler::TransformationNone)) {
        if (beyondLimits) {
            r.error = tr("“%1” (%2 × %3 px, %4 MB) is larger than the API takes (%5 px on a side, "
                         "%6 MB): send it scaled down.")
                          .arg(name)
                          .arg(size.width())
                          .arg(size.height())
                          .arg(megabytes(bytes.size()))
                          .arg(Attachment::kMaxImageEdge)
                          .arg(megabytes(Attachment::kMaxImageBase64Bytes / 4 * 3));
            return r;
        }
        // Sent as it is: the thumbnail is decoded small, straight from the file.
        reader.setScaledSize(
            size.scaled(options.thumbnailSize, options.thumbnailSize, Qt::KeepAspectRatio));
        r.thumbnail = reader.read();
        if (r.thumbnail.isNull()) {
            r.error = unreadable(name, size, reader);
            return r;
        }
        a.mediaType = type;
        a.width = size.width();
        a.height = size.height();
        a.bytes = bytes.size();
        a.data = std::move(bytes);
        r.ok = true;
        return r;
    }
    // Decoded straight at the smaller size (JPEG scales while it decodes: a 12-megapixel photo
    // never exists in full in memory).
    reader.setScaledSize(target);
    QImage scaled = reader.read();
    if (scaled.isNull()) {
        r.error = unreadable(name, size, reader);
        return r;
    }
    if (scaled.size() != target && scaled.size() != target.transposed())
        scaled = scaled.scaled(rotated ? target.transposed() : target, Qt::IgnoreAspectRatio,
                               Qt::SmoothTransformation);
    // A photo stays a JPEG; a screenshot (PNG) stays sharp as PNG; GIF and WebP become PNG when
    // they have transparency, else JPEG.
    const bool jpeg = type == u"image/jpeg" || (type != u"image/png" && !scaled.hasAlphaChannel());
    QByteArray encoded = jpeg ? encode(scaled.convertToFormat(QImage::Format_RGB32), "jpeg", 85)
                              : encode(scaled, "png");
    if (!jpeg && Attachment::base64Size(encoded.size()) > Attachment::kMaxImageBase64Bytes &&
        !scaled.hasAlphaChannel())
        encoded = encode(scaled.convertToFormat(QImage::Format_RGB32), "jpeg", 85);
    if (encoded.isEmpty() ||
        Attachment::base64Size(encoded.size()) > Attachment::kMaxImageBase64Bytes) {
        r.error = tr("“%1” could not be made small enough for the API.").arg(name);
        return r;
    }
    r.thumbnail = scaled.scaled(options.thumbnailSize, options.thumbnailSize, Qt::KeepAspectRatio,
                                Qt::SmoothTransformation);
    r.scaled = scaled.size() != r.originalSize && scaled.size() != r.originalSize.transposed();
    a.mediaType = MediaSniffer::mediaTypeOf(encoded);
    a.width = scaled.width();
    a.height = scaled.height();
    a.bytes = encoded.size();
    a.data = std::move(encoded);
    r.ok = true;
    return r;
}

QImage AttachmentPreparer::thumbnailOf(const Attachment &attachment, int size)
{
    if (!attachment.isImage() || attachment.data.isEmpty())
        return {};
    QByteArray bytes = attachment.data;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    const QSize full = reader.size();
    if (full.isValid())
        reader.setScaledSize(full.scaled(size, size, Qt::KeepAspectRatio));
    return reader.read();
}

} // namespace bw

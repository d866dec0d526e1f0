#include "attachment.h"

#include <algorithm>
#include <cmath>

namespace bw {

Attachment::Kind Attachment::kind() const
{
    if (mediaType.startsWith(u"image/"))
        return Kind::Image;
    if (mediaType == u"application/pdf")
        return Kind::Pdf;
    return Kind::Text;
}

QString Attachment::extension() const
{
    if (mediaType == u"image/png")
        return QStringLiteral("png");
    if (mediaType == u"image/jpeg")
        return QStringLiteral("jpg");
    if (mediaType == u"image/gif")
        return QStringLiteral("gif");
    if (mediaType == u"image/webp")
        return QStringLiteral("webp");
    if (mediaType == u"application/pdf")
        return QStringLiteral("pdf");
    return QStringLiteral("txt");
}

bool Attachment::isSupportedMediaType(QStringView mediaType)
{
    return mediaType == u"image/png" || mediaType == u"image/jpeg" || mediaType == u"image/gif" ||
           mediaType == u"image/webp" || mediaType == u"application/pdf" ||
           mediaType == u"text/plain";
}

Attachment::TokenRange Attachment::estimatedTokens() const
{
    switch (kind()) {
    case Kind::Image: {
        // The service scales a larger image down to the recommended size first.
        double w = std::max(1, width), h = std::max(1, height);
        const double scale = std::min({1.0, double(kRecommendedLongEdge) / std::max(w, h),
                                       std::sqrt(double(kRecommendedPixels) / (w * h))});
        const auto tokens = qint64(std::ceil(w * scale * h * scale / 750.0));
        return {tokens, tokens};
    }
    case Kind::Pdf: {
        // Pages not counted (a compressed page tree): about one page per 100 kB.
        const qint64 p = pages > 0 ? pages : std::max<qint64>(1, bytes / 100'000);
        return {p * 1'500, p * 3'000};
    }
    case Kind::Text:
        break;
    }
    const qint64 tokens = (bytes + 3) / 4;
    return {tokens, tokens};
}

qint64 Attachment::jsonStringSize(QByteArrayView utf8)
{
    qint64 size = 0;
    for (const char c : utf8) {
        switch (c) {
        case '"':
        case '\\':
        case '\b':
        case '\f':
        case '\n':
        case '\r':
        case '\t':
            size += 2;
            break;
        default:
            size += uchar(c) < 0x20 ? 6 : 1;
        }
    }
    return size;
}

qint64 Attachment::requestBytes() const
{
    if (kind() != Kind::Text)
        return base64Size(bytes);
    if (jsonBytes > 0)
        return jsonBytes;
    return data.isEmpty() ? bytes : jsonStringSize(data);
}

qint64 attachmentsRequestBytes(const QList<Attachment> &attachments)
{
    qint64 total = 0;
    for (const Attachment &a : attachments)
        total += a.requestBytes();
    return total;
}

} // namespace bw

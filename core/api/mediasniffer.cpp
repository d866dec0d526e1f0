#include "mediasniffer.h"

#include <QStringDecoder>

#include <algorithm>
#include <array>

namespace bw::MediaSniffer {

namespace {

quint32 be16(QByteArrayView b, qsizetype at)
{
    return (quint32(quint8(b[at])) << 8) | quint8(b[at + 1]);
}

quint32 be32(QByteArrayView b, qsizetype at)
{
    return (be16(b, at) << 16) | be16(b, at + 2);
}

quint32 le16(QByteArrayView b, qsizetype at)
{
    return quint8(b[at]) | (quint32(quint8(b[at + 1])) << 8);
}

quint32 le24(QByteArrayView b, qsizetype at)
{
    return le16(b, at) | (quint32(quint8(b[at + 2])) << 16);
}

QSize jpegSize(QByteArrayView b)
{
    // Markers follow one another from the SOI; a start-of-frame (SOF0..SOF15 but DHT C4, JPG C8
    // and DAC CC) carries the height and width.
    qsizetype at = 2;
    while (at + 9 < b.size()) {
        if (quint8(b[at]) != 0xFF)
            return {};
        const quint8 marker = quint8(b[at + 1]);
        if (marker == 0xFF) { // fill byte
            ++at;
            continue;
        }
        if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
            at += 2; // markers without a length
            continue;
        }
        const quint32 length = be16(b, at + 2);
        if (length < 2)
            return {};
        if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
            return QSize(int(be16(b, at + 7)), int(be16(b, at + 5)));
        if (marker == 0xDA || marker == 0xD9)
            return {}; // image data before any frame header
        at += 2 + length;
    }
    return {};
}

QSize webpSize(QByteArrayView b)
{
    if (b.size() < 30)
        return {};
    const QByteArrayView chunk = b.sliced(12, 4);
    if (chunk == "VP8X") // extended: 24-bit canvas size minus one
        return QSize(int(le24(b, 24) + 1), int(le24(b, 27) + 1));
    if (chunk == "VP8L") { // lossless: 14 bits each, minus one, after the 0x2f signature
        const quint32 bits = quint8(b[21]) | (quint32(quint8(b[22])) << 8) |
                             (quint32(quint8(b[23])) << 16) | (quint32(quint8(b[24])) << 24);
        return QSize(int((bits & 0x3FFF) + 1), int(((bits >> 14) & 0x3FFF) + 1));
    }
    if (chunk == "VP8 ") // lossy: after the frame tag and start code, 14 bits each
        return QSize(int(le16(b, 26) & 0x3FFF), int(le16(b, 28) & 0x3FFF));
    return {};
}

} // namespace

QString mediaTypeOf(QByteArrayView b)
{
    if (b.startsWith("\x89PNG\r\n\x1a\n"))
        return QStringLiteral("image/png");
    if (b.startsWith("\xFF\xD8\xFF"))
        return QStringLiteral("image/jpeg");
    if (b.startsWith("GIF87a") || b.startsWith("GIF89a"))
        return QStringLiteral("image/gif");
    if (b.size() >= 12 && b.startsWith("RIFF") && b.sliced(8, 4) == "WEBP")
        return QStringLiteral("image/webp");
    if (b.startsWith("%PDF-"))
        return QStringLiteral("application/pdf");
    // Text has no control characters but tab, line ends, form feed and escape (coloured logs).
    const bool binary = std::any_of(b.begin(), b.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\x1b';
    });
    if (b.isEmpty() || binary)
        return {};
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8(b);
    return utf8.hasError() ? QString() : QStringLiteral("text/plain");
}

QSize imageSize(QByteArrayView b)
{
    const QString type = mediaTypeOf(b.first(std::min<qsizetype>(b.size(), 16)));
    if (type == u"image/png" && b.size() >= 24 && b.sliced(12, 4) == "IHDR")
        return QSize(int(be32(b, 16)), int(be32(b, 20)));
    if (type == u"image/gif" && b.size() >= 10)
        return QSize(int(le16(b, 6)), int(le16(b, 8)));
    if (type == u"image/jpeg")
        return jpegSize(b);
    if (b.size() >= 12 && b.startsWith("RIFF") && b.sliced(8, 4) == "WEBP")
        return webpSize(b);
    return {};
}

int pdfPageCount(QByteArrayView b)
{
    // "/Type /Page" (any white space, none too) but not "/Type /Pages".
    int pages = 0;
    qsizetype at = 0;
    while ((at = b.indexOf("/Type", at)) >= 0) {
        at += 5;
        qsizetype p = at;
        while (p < b.size() && (b[p] == ' ' || b[p] == '\n' || b[p] == '\r' || b[p] == '\t'))
            ++p;
        if (b.sliced(p).startsWith("/Page")) {
            const qsizetype after = p + 5;
            const char next = after < b.size() ? b[after] : ' ';
            if (!std::isalnum(static_cast<unsigned char>(next)))
                ++pages;
        }
    }
    return pages;
}

namespace {

unsigned codeOf(char c)
{
    return static_cast<unsigned char>(c);
}

unsigned codeOf(QChar c)
{
    return c.unicode();
}

template<class Text>
bool base64(Text t)
{
    if (t.size() % 4 != 0)
        return false;
    static const auto alphabet = [] {
        std::array<bool, 128> ok{};
        for (char c = 'A'; c <= 'Z'; ++c)
            ok[size_t(c)] = ok[size_t(c - 'A' + 'a')] = true;
        for (char c = '0'; c <= '9'; ++c)
            ok[size_t(c)] = true;
        ok[size_t('+')] = ok[size_t('/')] = true;
        return ok;
    }();
    // Padding: at most two '=', only at the end.
    qsizetype end = t.size();
    for (int i = 0; i < 2 && end > 0 && codeOf(t[end - 1]) == '='; ++i)
        --end;
    for (qsizetype i = 0; i < end; ++i) {
        const unsigned c = codeOf(t[i]);
        if (c >= 128 || !alphabet[c])
            return false;
    }
    return true;
}

} // namespace

bool isBase64(QByteArrayView t)
{
    return base64(t);
}

bool isBase64(QStringView t)
{
    return base64(t);
}

} // namespace bw::MediaSniffer

#include "mediasniffer.h"

#include <QStringDecoder>

#include <algorithm>
#include <array>
#include <cctype>

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

namespace {

bool isPdfSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

// Each "/Type /<name>" (any white space, none too) not followed by more of a name: where it is.
template<class F>
void forEachType(QByteArrayView b, QByteArrayView name, F found)
{
    qsizetype at = 0;
    while ((at = b.indexOf("/Type", at)) >= 0) {
        at += 5;
        qsizetype p = at;
        while (p < b.size() && isPdfSpace(b[p]))
            ++p;
        if (p < b.size() && b[p] == '/' && b.sliced(p + 1).startsWith(name)) {
            const qsizetype after = p + 1 + name.size();
            const char next = after < b.size() ? b[after] : ' ';
            if (!std::isalnum(static_cast<unsigned char>(next)))
                found(p);
        }
    }
}

// The object around `at`: from its "obj" to its "endobj" (or `limit` bytes either side).
QByteArrayView objectAround(QByteArrayView b, qsizetype at, qsizetype limit = 65536)
{
    const qsizetype floor = std::max<qsizetype>(0, at - limit);
    qsizetype from = b.first(at).lastIndexOf("obj");
    from = from < floor ? floor : from;
    qsizetype to = b.indexOf("endobj", at);
    const qsizetype stream = b.indexOf("stream", at);
    if (stream >= 0 && (to < 0 || stream < to))
        to = stream; // a stream's dictionary ends where its data begins
    to = to < 0 || to > at + limit ? std::min(b.size(), at + limit) : to;
    return b.sliced(from, to - from);
}

} // namespace

int pdfPageCount(QByteArrayView b)
{
    int pages = 0;
    forEachType(b, "Page", [&pages](qsizetype) { ++pages; });
    // A page tree node's /Count: its pages; the root's is the largest.
    qint64 counted = 0;
    forEachType(b, "Pages", [&](qsizetype at) {
        const QByteArrayView dict = objectAround(b, at);
        qsizetype c = 0;
        while ((c = dict.indexOf("/Count", c)) >= 0) {
            c += 6;
            qsizetype p = c;
            while (p < dict.size() && isPdfSpace(dict[p]))
                ++p;
            qint64 n = 0;
            qsizetype digits = 0;
            while (p < dict.size() && std::isdigit(static_cast<unsigned char>(dict[p])) &&
                   digits < 10) {
                n = n * 10 + (dict[p] - '0');
                ++p;
                ++digits;
            }
            if (digits > 0)
                counted = std::max(counted, n);
        }
    });
    return int(std::min<qint64>(std::max<qint64>(pages, counted), 1'000'000'000));
}

bool pdfHasEnd(QByteArrayView b)
{
    // Readers look for the end-of-file marker in the last kilobyte; some writers add a little
    // after it.
    const QByteArrayView tail = b.last(std::min<qsizetype>(b.size(), 2048));
    const qsizetype eof = tail.lastIndexOf("%%EOF");
    return eof >= 0 && tail.first(eof).lastIndexOf("startxref") >= 0;
}

bool pdfIsEncrypted(QByteArrayView b)
{
    qsizetype at = 0;
    while ((at = b.indexOf("trailer", at)) >= 0) {
        at += 7;
        qsizetype end = b.indexOf("startxref", at);
        end = end < 0 ? std::min(b.size(), at + 65536) : end;
        if (b.sliced(at, end - at).contains("/Encrypt"))
            return true;
    }
    bool encrypted = false;
    forEachType(b, "XRef", [&](qsizetype where) {
        if (objectAround(b, where).contains("/Encrypt"))
            encrypted = true;
    });
    return encrypted;
}

bool imageIsComplete(QByteArrayView b)
{
    const QString type = mediaTypeOf(b.first(std::min<qsizetype>(b.size(), 16)));
    if (type == u"image/png") {
        // Chunks: length, type, data, CRC; the last is IEND.
        qsizetype at = 8;
        while (at + 12 <= b.size()) {
            const qint64 length = be32(b, at);
            if (b.sliced(at + 4, 4) == "IEND")
                return true;
            at += 12 + length;
        }
        return false;
    }
    if (type == u"image/jpeg") {
        // Markers from the SOI; after a start of scan, its entropy-coded data runs to the next
        // marker (0xFF followed by neither 0x00, a restart marker nor a fill byte); the image
        // ends with EOI.
        qsizetype at = 2;
        while (at + 1 < b.size()) {
            if (quint8(b[at]) != 0xFF)
                return false;
            const quint8 marker = quint8(b[at + 1]);
            if (marker == 0xD9)
                return true;
            if (marker == 0xFF) {
                ++at;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                at += 2;
                continue;
            }
            if (at + 3 >= b.size())
                return false;
            at += 2 + be16(b, at + 2);
            if (marker != 0xDA)
                continue;
            for (;; ++at) {
                at = b.indexOf('\xFF', at);
                if (at < 0 || at + 1 >= b.size())
                    return false;
                const quint8 next = quint8(b[at + 1]);
                if (next != 0x00 && next != 0xFF && !(next >= 0xD0 && next <= 0xD7))
                    break;
            }
        }
        return false;
    }
    return true;
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

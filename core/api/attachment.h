#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace bw {

// A file sent with a user's turn, as the API takes it (API.md "Images and PDFs"): an image, a
// PDF, or a plain-text document. A conversation keeps what describes it; the bytes live in the
// attachment store, in a file named by their SHA-256, and are in `data` only while a request is
// built. The bytes are those sent (a downscaled image, not the original), so a conversation
// reopened later sends the very same bytes and the prompt cache still hits.
struct Attachment
{
    enum class Kind { Image, Pdf, Text };

    QString mediaType; // image/png, image/jpeg, image/gif, image/webp, application/pdf, text/plain
    QString name;      // the file's name as the user had it; a document's title
    QString sha256;    // lower-case hex of the bytes sent: the stored copy's name
    qint64 bytes = 0;  // how many bytes are sent (before base64)
    int width = 0;     // an image's size as sent
    int height = 0;
    int pages = 0;   // a PDF's pages, when they could be counted (0: unknown)
    QByteArray data; // the bytes, while a request is built; never written to a conversation
    // Or where to read them while the request is serialised (the stored copy, checked): a file of
    // tens of megabytes is then encoded straight from the disk into the body, a slice at a time,
    // and never held whole besides the body.
    QString path;
    QJsonObject extra; // fields a newer Breakwater wrote in the file's entry: kept on re-save

    Kind kind() const;
    bool isImage() const { return kind() == Kind::Image; }
    bool isDocument() const { return !isImage(); }
    // "png", "jpg", "gif", "webp", "pdf", "txt": the stored copy's extension, so a system viewer
    // knows it.
    QString extension() const;
    // A text document's size as a JSON string (escapes counted), measured while its bytes were
    // at hand; 0: not measured (a file of an older Breakwater).
    qint64 jsonBytes = 0;
    // What it adds to a request's body: an image or a PDF as base64, a text document as a JSON
    // string (its bytes when that was not measured).
    qint64 requestBytes() const;
    // What base64 makes of `bytes` bytes.
    static constexpr qint64 base64Size(qint64 bytes) { return (bytes + 2) / 3 * 4; }
    // What JSON makes of UTF-8 text as a string's contents (as QJsonDocument writes it): a
    // control character takes 6 bytes (\u001b), a quote, a backslash and \b \f \n \r \t 2.
    static qint64 jsonStringSize(QByteArrayView utf8);

    struct TokenRange
    {
        qint64 low = 0;
        qint64 high = 0;
    };
    // The input tokens it costs, before the service counts them: an image about
    // width × height / 750 (after the service's own downscaling), a PDF 1,500–3,000 per page, a
    // text about 4 characters a token.
    TokenRange estimatedTokens() const;

    static bool isSupportedMediaType(QStringView mediaType);
    // The API's recommendation for images (vision guide): a long edge of at most 1,568 px and
    // about 1.15 megapixels; larger ones are scaled down by the service anyway, costing time.
    static constexpr int kRecommendedLongEdge = 1568;
    static constexpr qint64 kRecommendedPixels = 1'150'000;
    // The API refuses an image above 8,000 px on a side, or above 5 MB of base64.
    static constexpr int kMaxImageEdge = 8000;
    static constexpr qint64 kMaxImageBase64Bytes = 5 * 1024 * 1024;
    // The whole request (Cloudflare's limit in front of the API: 413 request_too_large), and the
    // pages of all PDFs in one request.
    static constexpr qint64 kMaxRequestBytes = 32'000'000;
    static constexpr int kMaxPdfPages = 100;
    static constexpr int kMaxImages = 100; // images in one request

    friend bool operator==(const Attachment &, const Attachment &) = default;
};

// Bytes one request's attachments add to its body, before it is built: for the checks made
// before anything is sent.
qint64 attachmentsRequestBytes(const QList<Attachment> &attachments);

} // namespace bw

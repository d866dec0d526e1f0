#include "simattachments.h"

#include "api/attachment.h"
#include "api/mediasniffer.h"

#include <cmath>

namespace bw::sim::SimAttachments {

namespace {

QLatin1String key(const char *k)
{
    return QLatin1String(k);
}

QString where(qsizetype message, qsizetype block)
{
    return QStringLiteral("messages.%1.content.%2").arg(message).arg(block);
}

QByteArray decoded(const QJsonObject &source)
{
    // The same request is read three times (checked, counted, cited), and a PDF's data is tens
    // of megabytes: the last request's files are decoded once (known by size and hash).
    static std::pair<qsizetype, size_t> lastKey;
    static QByteArray lastBytes;
    const QString data = source.value(key("data")).toString();
    const std::pair<qsizetype, size_t> key{data.size(), qHash(data)};
    if (data.size() < 4096 || key != lastKey) {
        QByteArray bytes = QByteArray::fromBase64(data.toLatin1());
        if (data.size() < 4096)
            return bytes;
        lastKey = key;
        lastBytes = std::move(bytes);
    }
    return lastBytes;
}

QString checkBase64(const QJsonObject &source, const QString &at)
{
    const QJsonValue value = source.value(key("data"));
    const QString data = value.toString();
    if (!value.isString() || data.isEmpty())
        return at + QStringLiteral(".source.data: Field required");
    if (!MediaSniffer::isBase64(data))
        return at + QStringLiteral(".source.data: Invalid base64 data");
    return {};
}

QString checkImage(const QJsonObject &block, const QString &at)
{
    const QJsonObject source = block.value(key("source")).toObject();
    if (source.value(key("type")).toString() != u"base64")
        return at + QStringLiteral(".source.type: the simulator takes base64 images only");
    const QString declared = source.value(key("media_type")).toString();
    if (declared != u"image/jpeg" && declared != u"image/png" && declared != u"image/gif" &&
        declared != u"image/webp")
        return at + QStringLiteral(".source.media_type: Input should be 'image/jpeg', "
                                   "'image/png', 'image/gif' or 'image/webp'");
    if (const QString problem = checkBase64(source, at); !problem.isEmpty())
        return problem;
    if (source.value(key("data")).toString().size() > Attachment::kMaxImageBase64Bytes)
        return at + QStringLiteral(".source.base64: image exceeds 5 MB maximum");
    const QByteArray bytes = decoded(source);
    const QString actual =
        MediaSniffer::mediaTypeOf(bytes.first(std::min<qsizetype>(bytes.size(), 16)));
    if (actual != declared)
        return at + QStringLiteral(".source.base64.data: The image was specified using the %1 "
                                   "media type, but the image appears to be a %2 image")
                        .arg(declared, actual.isEmpty() ? QStringLiteral("unknown") : actual);
    const QSize size = MediaSniffer::imageSize(bytes);
    if (!size.isValid() || size.isEmpty())
        return at + QStringLiteral(".source.base64.data: Could not process image");
    if (size.width() > Attachment::kMaxImageEdge || size.height() > Attachment::kMaxImageEdge)
        return at + QStringLiteral(".source.base64: image dimensions exceed max allowed size: "
                                   "8000 pixels");
    return {};
}

QString checkDocument(const QJsonObject &block, const QString &at)
{
    const QJsonObject source = block.value(key("source")).toObject();
    const QString type = source.value(key("type")).toString();
    const QString media = source.value(key("media_type")).toString();
    if (type == u"text") {
        if (media != u"text/plain")
            return at + QStringLiteral(".source.media_type: Input should be 'text/plain'");
        if (!source.value(key("data")).isString())
            return at + QStringLiteral(".source.data: Field required");
    } else if (type == u"base64") {
        if (media != u"application/pdf")
            return at + QStringLiteral(".source.media_type: Input should be 'application/pdf'");
        if (const QString problem = checkBase64(source, at); !problem.isEmpty())
            return problem;
        if (!decoded(source).startsWith("%PDF-"))
            return at + QStringLiteral(".source.base64.data: The PDF specified was not valid.");
    } else {
        return at + QStringLiteral(".source.type: the simulator takes base64 and text documents");
    }
    const QJsonValue citations = block.value(key("citations"));
    if (!citations.isUndefined() && !citations.toObject().value(key("enabled")).isBool())
        return at + QStringLiteral(".citations.enabled: Input should be a valid boolean");
    return {};
}

// Calls `visit(messageIndex, blockIndex, block)` for each image and document block.
template<class Visit>
void forEachFile(const QJsonObject &request, Visit visit)
{
    const QJsonArray messages = request.value(key("messages")).toArray();
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QJsonArray content = messages.at(i).toObject().value(key("content")).toArray();
        for (qsizetype j = 0; j < content.size(); ++j) {
            const QJsonObject b = content.at(j).toObject();
            const QString type = b.value(key("type")).toString();
            if (type == u"image" || type == u"document")
                visit(i, j, b);
        }
    }
}

// The texts of a PDF as a simple writer puts them, "(text) Tj", in the order of the file (for
// such a writer, the order of the pages); the first two.
QStringList pdfTexts(const QByteArray &pdf)
{
    QStringList texts;
    for (qsizetype at = pdf.indexOf(") Tj"); at > 0 && texts.size() < 2;
         at = pdf.indexOf(") Tj", at + 1)) {
        const qsizetype open = pdf.lastIndexOf('(', at);
        if (open < 0 || at - open > 200)
            continue;
        const QByteArray text = pdf.mid(open + 1, at - open - 1);
        if (text.size() >= 3 && !text.contains('\\') && !text.contains(')'))
            texts.append(QString::fromLatin1(text));
    }
    return texts;
}

} // namespace

QString check(const QJsonObject &request)
{
    QString problem;
    int pages = 0;
    forEachFile(request, [&](qsizetype i, qsizetype j, const QJsonObject &b) {
        if (!problem.isEmpty())
            return;
        const QJsonObject messageRole = request.value(key("messages")).toArray().at(i).toObject();
        if (messageRole.value(key("role")).toString() != u"user") {
            problem = where(i, j) + QStringLiteral(": images and documents are only allowed in "
                                                   "user messages");
            return;
        }
        problem = b.value(key("type")).toString() == u"image" ? checkImage(b, where(i, j))
                                                              : checkDocument(b, where(i, j));
        const QJsonObject source = b.value(key("source")).toObject();
        if (problem.isEmpty() && source.value(key("media_type")).toString() == u"application/pdf")
            pages += std::max(1, MediaSniffer::pdfPageCount(decoded(source)));
    });
    if (problem.isEmpty() && pages > Attachment::kMaxPdfPages)
        problem = QStringLiteral("A maximum of 100 PDF pages may be provided.");
    return problem;
}

qint64 blockTokens(const QJsonObject &block)
{
    const QJsonObject source = block.value(key("source")).toObject();
    const QString type = block.value(key("type")).toString();
    if (type == u"image") {
        const QSize size = MediaSniffer::imageSize(decoded(source));
        Attachment a;
        a.mediaType = source.value(key("media_type")).toString();
        a.width = size.width();
        a.height = size.height();
        return a.estimatedTokens().low;
    }
    if (type != u"document")
        return 0;
    if (source.value(key("type")).toString() == u"text")
        return (source.value(key("data")).toString().size() + 3) / 4;
    return 1'800 * std::max(1, MediaSniffer::pdfPageCount(decoded(source)));
}

qint64 tokens(const QJsonObject &request)
{
    qint64 total = 0;
    forEachFile(request,
                [&](qsizetype, qsizetype, const QJsonObject &b) { total += blockTokens(b); });
    return total;
}

QJsonArray citations(const QJsonObject &request)
{
    const QJsonArray messages = request.value(key("messages")).toArray();
    qsizetype lastUser = -1;
    for (qsizetype i = 0; i < messages.size(); ++i) {
        if (messages.at(i).toObject().value(key("role")).toString() == u"user")
            lastUser = i;
    }
    QJsonArray out;
    int documentIndex = 0;
    forEachFile(request, [&](qsizetype i, qsizetype, const QJsonObject &b) {
        if (b.value(key("type")).toString() != u"document")
            return;
        const int index = documentIndex++;
        if (i != lastUser || !b.value(key("citations")).toObject().value(key("enabled")).toBool())
            return;
        const QJsonObject source = b.value(key("source")).toObject();
        const QString title = b.value(key("title")).toString();
        if (source.value(key("type")).toString() == u"text") {
            const QString text = source.value(key("data")).toString();
            const QString cited = text.left(80);
            out.append(QJsonObject{{key("type"), key("char_location")},
                                   {key("cited_text"), cited},
                                   {key("document_index"), index},
                                   {key("document_title"), title},
                                   {key("start_char_index"), 0},
                                   {key("end_char_index"), cited.size()}});
            return;
        }
        const QByteArray pdf = decoded(source);
        const QStringList texts = pdfTexts(pdf);
        // The second page when there is one (a citation past the first page shows its number).
        const int page = int(std::clamp<qsizetype>(
            std::min<qsizetype>(MediaSniffer::pdfPageCount(pdf), texts.size()), 1, 2));
        out.append(QJsonObject{
            {key("type"), key("page_location")},
            {key("cited_text"), texts.value(page - 1, QStringLiteral("the text of page 1"))},
            {key("document_index"), index},
            {key("document_title"), title},
            {key("start_page_number"), page},
            {key("end_page_number"), page + 1}});
    });
    return out;
}

} // namespace bw::sim::SimAttachments

// Attachments without the network: what a file is, how it is prepared (scaled, checked), how it is
// kept (once per content, owner-only, checked when read, cleaned up), how it is written into the
// request and the conversation file, and how citations of it read.
#include "api/mediasniffer.h"
#include "api/messagerequest.h"
#include "attachmenttesting.h"
#include "chat/attachmentpreparer.h"
#include "chat/attachmentstore.h"
#include "chat/citationmarkers.h"
#include "chat/conversationfile.h"
#include "chat/conversationstore.h"
#include "chat/markdownexport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <atomic>
#include <thread>

using namespace bw;
using namespace bw::test;

namespace {

Attachment imageAttachment(const QByteArray &bytes, const QString &name = QStringLiteral("a.png"))
{
    Attachment a;
    a.name = name;
    a.mediaType = MediaSniffer::mediaTypeOf(bytes);
    a.data = bytes;
    a.bytes = bytes.size();
    const QSize size = MediaSniffer::imageSize(bytes);
    a.width = size.width();
    a.height = size.height();
    return a;
}

QJsonObject bodyOf(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

} // namespace

class TestAttachments : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // --- What a file is
    void mediaTypeIsReadFromTheBytes_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("type");
        QTest::newRow("png") << makePng(4, 3) << "image/png";
        QTest::newRow("jpeg") << makeJpeg(4, 3) << "image/jpeg";
        QTest::newRow("gif") << makeGif(4, 3) << "image/gif";
        QTest::newRow("webp") << encodeImage(makeImage(4, 3), "webp") << "image/webp";
        QTest::newRow("pdf") << makePdf(1) << "application/pdf";
        QTest::newRow("text") << QByteArray("Tide: 3.2 m\nWind: 12 kn ⚓\n") << "text/plain";
        QTest::newRow("zip") << QByteArray("PK\x03\x04\x14\0\0\0", 8) << QString();
        QTest::newRow("latin1") << QByteArray("caf\xE9 au lait") << QString();
    }
    void mediaTypeIsReadFromTheBytes()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, type);
        QCOMPARE(MediaSniffer::mediaTypeOf(bytes), type);
    }

    void imageSizeIsReadFromTheHeader_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("png") << makePng(321, 123);
        QTest::newRow("jpeg") << makeJpeg(321, 123);
        QTest::newRow("gif") << makeGif(321, 123);
        QTest::newRow("webp lossy") << encodeImage(makeImage(321, 123), "webp", 80);
        QTest::newRow("webp lossless") << encodeImage(makeImage(321, 123), "webp", 100);
    }
    void imageSizeIsReadFromTheHeader()
    {
        QFETCH(QByteArray, bytes);
        QCOMPARE(MediaSniffer::imageSize(bytes), QSize(321, 123));
    }

    void pdfPagesAreCounted()
    {
        QCOMPARE(MediaSniffer::pdfPageCount(makePdf(1)), 1);
        QCOMPARE(MediaSniffer::pdfPageCount(makePdf(7)), 7);
        QCOMPARE(MediaSniffer::pdfPageCount("%PDF-1.7 /Type/Page /Type/Pages /Type /Page>>"), 2);
    }

    void base64IsCheckedStrictly()
    {
        QVERIFY(MediaSniffer::isBase64(QByteArray("hello!").toBase64()));
        QVERIFY(MediaSniffer::isBase64(QByteArray("hell").toBase64()));
        QVERIFY(!MediaSniffer::isBase64("aGVsbG8"));      // length
        QVERIFY(!MediaSniffer::isBase64("aGV sbG8h"));    // a space
        QVERIFY(!MediaSniffer::isBase64("aG=sbG8h"));     // padding inside
        QVERIFY(!MediaSniffer::isBase64("aGVsbG8h-_ab")); // the URL alphabet
    }

    // --- Preparing a file
    void largePhotoIsScaledToTheRecommendedSize()
    {
        AttachmentPreparer::Result r =
            AttachmentPreparer::fromBytes(makeJpeg(4000, 3000), QStringLiteral("photo.jpg"), {});
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(r.scaled);
        QCOMPARE(r.originalSize, QSize(4000, 3000));
        const Attachment &a = r.attachment;
        QCOMPARE(a.mediaType, QStringLiteral("image/jpeg"));
        QVERIFY(std::max(a.width, a.height) <= Attachment::kRecommendedLongEdge);
        QVERIFY(qint64(a.width) * a.height <= Attachment::kRecommendedPixels);
        QVERIFY(a.width > 1100); // not smaller than needed
        QCOMPARE(MediaSniffer::imageSize(a.data), QSize(a.width, a.height));
        QCOMPARE(a.bytes, a.data.size());
        QVERIFY(!r.thumbnail.isNull());
        QVERIFY(std::max(r.thumbnail.width(), r.thumbnail.height()) <= 128);
        // About 1,500 tokens, as the API's own formula gives for what is sent.
        QVERIFY(a.estimatedTokens().low >= 1400 && a.estimatedTokens().low <= 1600);
    }

    void screenshotStaysPngWhenScaled()
    {
        AttachmentPreparer::Result r =
            AttachmentPreparer::fromBytes(makePng(3000, 2000), QStringLiteral("shot.png"), {});
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(r.scaled);
        QCOMPARE(r.attachment.mediaType, QStringLiteral("image/png"));
    }

    void smallImageIsSentAsItIs()
    {
        const QByteArray png = makePng(800, 600);
        AttachmentPreparer::Result r =
            AttachmentPreparer::fromBytes(png, QStringLiteral("small.png"), {});
        QVERIFY(r.ok);
        QVERIFY(!r.scaled);
        QCOMPARE(r.attachment.data, png); // the very bytes
        QCOMPARE(QSize(r.attachment.width, r.attachment.height), QSize(800, 600));
    }

    void smallImageTooHeavyForTheApiIsEncodedAgain()
    {
        // 1,000 × 1,000 of 16-bit noise: within the recommended size, but over 5 MB as base64.
        QImage noise(1000, 1000, QImage::Format_RGBX64);
        QRandomGenerator rng(3);
        for (int y = 0; y < noise.height(); ++y)
            rng.fillRange(reinterpret_cast<quint32 *>(noise.scanLine(y)), noise.bytesPerLine() / 4);
        const QByteArray heavy = encodeImage(noise, "png");
        QVERIFY((heavy.size() + 2) / 3 * 4 > Attachment::kMaxImageBase64Bytes);
        AttachmentPreparer::Result r =
            AttachmentPreparer::fromBytes(heavy, QStringLiteral("noise.png"), {});
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(!r.scaled);
        QCOMPARE(QSize(r.attachment.width, r.attachment.height), QSize(1000, 1000));
        QCOMPARE(r.attachment.mediaType, QStringLiteral("image/jpeg"));
        QVERIFY(Attachment::base64Size(r.attachment.bytes) <= Attachment::kMaxImageBase64Bytes);
    }

    void originalIsKeptWhenAsked()
    {
        const QByteArray jpeg = makeJpeg(2400, 1800, 70);
        AttachmentPreparer::Options keep;
        keep.keepOriginal = true;
        AttachmentPreparer::Result r =
            AttachmentPreparer::fromBytes(jpeg, QStringLiteral("big.jpg"), keep);
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(!r.scaled);
        QCOMPARE(r.attachment.data, jpeg);
    }

    void originalLargerThanTheApiTakesIsRefused()
    {
        AttachmentPreparer::Options keep;
        keep.keepOriginal = true;
        AttachmentPreparer::Result r = AttachmentPreparer::fromBytes(
            makeJpeg(8100, 600, 50), QStringLiteral("wide.jpg"), keep);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("8100")) &&
                     r.error.contains(QStringLiteral("scaled down")),
                 qPrintable(r.error));
        // Scaled, it goes.
        QVERIFY(
            AttachmentPreparer::fromBytes(makeJpeg(8100, 600, 50), QStringLiteral("wide.jpg"), {})
                .ok);
    }

    void unsupportedTypeIsRefusedInWords()
    {
        AttachmentPreparer::Result r = AttachmentPreparer::fromBytes(
            QByteArray("PK\x03\x04 a zip", 10), QStringLiteral("notes.docx"), {});
        QVERIFY(!r.ok);
        QVERIFY(r.error.contains(QStringLiteral("notes.docx")));
        QVERIFY(r.error.contains(QStringLiteral("PNG, JPEG, GIF, WebP, PDF or plain text")));
        QVERIFY(!AttachmentPreparer::fromBytes({}, QStringLiteral("empty.txt"), {}).ok);
    }

    void typeTheModelDoesNotReadIsRefused()
    {
        AttachmentPreparer::Options o;
        o.imagesAllowed = false;
        o.pdfsAllowed = false;
        o.model = QStringLiteral("claude-text-only");
        AttachmentPreparer::Result image =
            AttachmentPreparer::fromBytes(makePng(10, 10), QStringLiteral("a.png"), o);
        QVERIFY(!image.ok);
        QVERIFY(image.error.contains(QStringLiteral("claude-text-only does not read images")));
        QVERIFY(!AttachmentPreparer::fromBytes(makePdf(1), QStringLiteral("a.pdf"), o).ok);
        QVERIFY(AttachmentPreparer::fromBytes("plain words", QStringLiteral("a.txt"), o).ok);
    }

    void gifIsSentAsItIs()
    {
        const QByteArray gif = makeGif(40, 30);
        AttachmentPreparer::Result r =
            AttachmentPreparer::fromBytes(gif, QStringLiteral("a.gif"), {});
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.attachment.mediaType, QStringLiteral("image/gif"));
        QCOMPARE(r.attachment.data, gif);
        QCOMPARE(QSize(r.attachment.width, r.attachment.height), QSize(40, 30));
    }

    void pdfIsCheckedAndCounted()
    {
        AttachmentPreparer::Result r =
            AttachmentPreparer::fromBytes(makePdf(3), QStringLiteral("report.pdf"), {});
        QVERIFY(r.ok);
        QCOMPARE(r.attachment.pages, 3);
        QCOMPARE(r.attachment.estimatedTokens().low, 4500);
        QCOMPARE(r.attachment.estimatedTokens().high, 9000);
        AttachmentPreparer::Result many =
            AttachmentPreparer::fromBytes(makePdf(101), QStringLiteral("book.pdf"), {});
        QVERIFY(!many.ok);
        QVERIFY(many.error.contains(QStringLiteral("101 pages")));
        QByteArray locked = makePdf(1);
        locked.replace("/Root 1 0 R", "/Root 1 0 R /Encrypt 9 0 R");
        QVERIFY(!AttachmentPreparer::fromBytes(locked, QStringLiteral("locked.pdf"), {}).ok);
    }

    // Issue 16: a PDF is read by its page tree's /Count too (its pages may hide in a compressed
    // object stream), must end as a PDF does, and is encrypted only when its trailer says so.
    void pdfPageTreeEndAndEncryptionAreRead()
    {
        // 150 pages whose page objects are compressed: the root's /Count still tells.
        QByteArray hidden = makePdf(150);
        hidden.replace("/Type /Page /Parent", "/Parent");
        QCOMPARE(MediaSniffer::pdfPageCount(hidden), 150);
        AttachmentPreparer::Result many =
            AttachmentPreparer::fromBytes(hidden, QStringLiteral("book.pdf"), {});
        QVERIFY(!many.ok);
        QVERIFY2(many.error.contains(QStringLiteral("150 pages")), qPrintable(many.error));
        // An outline's /Count is not pages.
        QByteArray outlined = makePdf(2);
        outlined.replace("/Type /Catalog",
                         "/Type /Catalog /Outlines << /Type /Outlines /Count 400 >>");
        QCOMPARE(MediaSniffer::pdfPageCount(outlined), 2);

        // Cut short, or "%PDF-" and noise: refused, said plainly.
        const QByteArray whole = makePdf(3);
        for (const QByteArray &broken :
             {whole.first(whole.size() / 2), QByteArray("%PDF-1.7\n") + QByteArray(5000, '\x9c')}) {
            const AttachmentPreparer::Result r =
                AttachmentPreparer::fromBytes(broken, QStringLiteral("cut.pdf"), {});
            QVERIFY(!r.ok);
            QVERIFY2(r.error.contains(QStringLiteral("damaged or incomplete")),
                     qPrintable(r.error));
        }

        // A PDF that mentions /Encrypt in its text is not encrypted; one whose trailer (or cross-
        // reference stream) names it is.
        QByteArray mentions = makePdf(1);
        mentions.replace("(Page 1: ", "(Page 1: /Encrypt ");
        QVERIFY(!MediaSniffer::pdfIsEncrypted(mentions));
        QVERIFY(AttachmentPreparer::fromBytes(mentions, QStringLiteral("m.pdf"), {}).ok);
        QByteArray xrefStream = makePdf(1);
        xrefStream.replace("/Type /Font",
                           "/Type /XRef /Encrypt 9 0 R /Size 3 >>\nstream\nx\nendstream\nendobj\n9 "
                           "0 obj\n<< /Type /Font");
        QVERIFY(MediaSniffer::pdfIsEncrypted(xrefStream));
    }

    // A cut or header-only image was sent as it was, a cut JPEG re-encoded with a grey part.
    void damagedImagesAreRefused()
    {
        const QByteArray png = makePng(800, 600);
        const QByteArray jpeg = makeJpeg(3000, 2000);
        const QByteArray smallJpeg = makeJpeg(300, 200);
        QVERIFY(MediaSniffer::imageIsComplete(png));
        QVERIFY(MediaSniffer::imageIsComplete(jpeg));
        QVERIFY(MediaSniffer::imageIsComplete(jpeg + QByteArray(100, 'x'))); // data after its end
        for (const QByteArray &broken :
             {png.first(png.size() / 2), png.first(33), jpeg.first(jpeg.size() / 3),
              smallJpeg.first(smallJpeg.size() - 2)}) {
            QVERIFY(!MediaSniffer::imageIsComplete(broken));
            const AttachmentPreparer::Result r =
                AttachmentPreparer::fromBytes(broken, QStringLiteral("cut"), {});
            QVERIFY(!r.ok);
            QVERIFY2(r.error.contains(QStringLiteral("damaged or incomplete")),
                     qPrintable(r.error));
        }
        // Whole but its data damaged: the decode fails, and it is refused.
        QByteArray garbled = png;
        const qsizetype idat = garbled.indexOf("IDAT");
        for (qsizetype i = idat + 8; i < idat + 400 && i < garbled.size() - 20; ++i)
            garbled[i] = char(0x5A);
        const AttachmentPreparer::Result r =
            AttachmentPreparer::fromBytes(garbled, QStringLiteral("garbled.png"), {});
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("cannot be read as an image")),
                 qPrintable(r.error));
    }

    // A 16-bit PNG within the API's limits takes more than Qt decodes by default (128 MB): it is
    // read; one far beyond them (a bomb of a few kilobytes) is refused as too large to decode.
    void largeDeepImagesDecodeAndBombsAreRefused()
    {
        QImage deep(5000, 4000, QImage::Format_RGBA64);
        deep.fill(QColor(10, 200, 30));
        const QByteArray deepPng = encodeImage(deep, "png");
        AttachmentPreparer::Result r =
            AttachmentPreparer::fromBytes(deepPng, QStringLiteral("deep.png"), {});
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(r.scaled);
        QVERIFY(r.attachment.width <= Attachment::kRecommendedLongEdge);

        // 30000 × 30000 grey pixels, all 0: compressed to tens of kilobytes.
        QByteArray bomb = "\x89PNG\r\n\x1a\n";
        auto chunk = [&bomb](const QByteArray &type, const QByteArray &data) {
            QByteArray length(4, '\0');
            qToBigEndian(quint32(data.size()), length.data());
            QByteArray crc(4, '\0');
            quint32 c = 0xFFFFFFFF; // CRC-32 of the type and data, as PNG has it
            for (const char byte : type + data) {
                c ^= quint8(byte);
                for (int k = 0; k < 8; ++k)
                    c = (c >> 1) ^ (0xEDB88320 & (0 - (c & 1)));
            }
            qToBigEndian(quint32(~c), crc.data());
            bomb += length + type + data + crc;
        };
        QByteArray ihdr(13, '\0');
        qToBigEndian(quint32(30000), ihdr.data());
        qToBigEndian(quint32(30000), ihdr.data() + 4);
        ihdr[8] = 8; // 8 bits, greyscale
        chunk("IHDR", ihdr);
        QByteArray rows = qCompress(QByteArray(30001, '\0').repeated(30000 / 100), 9).mid(4);
        chunk("IDAT", rows);
        chunk("IEND", {});
        r = AttachmentPreparer::fromBytes(bomb, QStringLiteral("bomb.png"), {});
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("too large to decode")), qPrintable(r.error));
    }

    void documentTooLargeForARequestIsRefused()
    {
        AttachmentPreparer::Result r =
            AttachmentPreparer::fromBytes(makePdf(2, AttachmentPreparer::kMaxDocumentBytes + 1000),
                                          QStringLiteral("huge.pdf"), {});
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("32.0 MB")), qPrintable(r.error));
    }

    // --- The request
    void plainTurnsStayStrings()
    {
        MessageRequest r;
        r.setModel(QStringLiteral("m")).addMessage(QStringLiteral("user"), QStringLiteral("hi"));
        QCOMPARE(
            r.toJson(true),
            QByteArray("{\"max_tokens\":1024,\"messages\":[{\"content\":\"hi\",\"role\":\"user\"}],"
                       "\"model\":\"m\",\"stream\":true}"));
    }

    void attachmentsGoBeforeTheTextWithTheirBytesInBase64()
    {
        const QByteArray png = makePng(20, 10);
        const QByteArray pdf = makePdf(2);
        Attachment doc;
        doc.name = QStringLiteral("report.pdf");
        doc.mediaType = QStringLiteral("application/pdf");
        doc.data = pdf;
        Attachment text;
        text.name = QStringLiteral("notes.txt");
        text.mediaType = QStringLiteral("text/plain");
        text.data = "tide \"high\"\nat 6";
        MessageRequest r;
        r.setModel(QStringLiteral("m"));
        r.setMessages({{QStringLiteral("user"),
                        QStringLiteral("What do these say?"),
                        {},
                        {imageAttachment(png), doc, text}}});
        QVERIFY(r.validate().isEmpty());
        const QByteArray json = r.toJson(true);
        const QJsonArray content =
            bodyOf(json).value("messages").toArray().at(0).toObject().value("content").toArray();
        QCOMPARE(content.size(), 4);
        const QJsonObject image = content.at(0).toObject();
        QCOMPARE(image.value("type").toString(), QStringLiteral("image"));
        QCOMPARE(image.value("source").toObject().value("media_type").toString(),
                 QStringLiteral("image/png"));
        QCOMPARE(image.value("source").toObject().value("data").toString().toLatin1(),
                 png.toBase64());
        const QJsonObject document = content.at(1).toObject();
        QCOMPARE(document.value("type").toString(), QStringLiteral("document"));
        QCOMPARE(document.value("title").toString(), QStringLiteral("report.pdf"));
        QCOMPARE(document.value("citations").toObject().value("enabled").toBool(), true);
        QCOMPARE(QByteArray::fromBase64(
                     document.value("source").toObject().value("data").toString().toLatin1()),
                 pdf);
        const QJsonObject plain = content.at(2).toObject();
        QCOMPARE(plain.value("source").toObject().value("type").toString(), QStringLiteral("text"));
        QCOMPARE(plain.value("source").toObject().value("data").toString(),
                 QStringLiteral("tide \"high\"\nat 6"));
        QCOMPARE(content.at(3).toObject().value("text").toString(),
                 QStringLiteral("What do these say?"));
        // The same bytes every time: the prompt cache needs them.
        QCOMPARE(r.toJson(true), json);
        // The base64 is written in place, not through a JSON string.
        QVERIFY(json.contains("\"data\":\"" + png.toBase64() + "\""));
    }

    void textDocumentIsCountedAtItsSizeAsJson()
    {
        const QByteArray text = QByteArray("plain \"quoted\" back\\slash\ttab\nline\x1b[0m\f") +
                                QString(QChar(0x00e9)).toUtf8();
        const QByteArray json = QJsonDocument(QJsonArray{QString::fromUtf8(text)})
                                    .toJson(QJsonDocument::Compact); // ["…"]
        QCOMPARE(Attachment::jsonStringSize(text), json.size() - 4);
        AttachmentPreparer::Result r =
            AttachmentPreparer::fromBytes(text, QStringLiteral("log.txt"), {});
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.attachment.jsonBytes, json.size() - 4);
        r.attachment.data.clear(); // as the window holds it: the count stays
        QCOMPARE(r.attachment.requestBytes(), json.size() - 4);
        QCOMPARE(attachmentsRequestBytes({r.attachment}), json.size() - 4);
    }

    void attachmentOnlyTurnHasNoTextBlock()
    {
        MessageRequest r;
        r.setModel(QStringLiteral("m"));
        r.setMessages({{QStringLiteral("user"), QString(), {}, {imageAttachment(makePng(4, 4))}}});
        QVERIFY(r.validate().isEmpty());
        const QJsonArray content = bodyOf(r.toJson(true))
                                       .value("messages")
                                       .toArray()
                                       .at(0)
                                       .toObject()
                                       .value("content")
                                       .toArray();
        QCOMPARE(content.size(), 1);
        QCOMPARE(content.at(0).toObject().value("type").toString(), QStringLiteral("image"));
    }

    void textThatLooksLikeAPlaceholderIsLeftAlone()
    {
        // The placeholder is a control character and a random nonce; a text that holds one
        // exactly (the nonce known here, as if guessed) stays text, and the image its data.
        const QByteArray png = makePng(4, 4);
        const QString sneaky = QString(QChar(1)) + QStringLiteral("known0") + QChar(1);
        MessageRequest r;
        r.setModel(QStringLiteral("m"));
        r.setPlaceholderNonce("known");
        r.setMessages({{QStringLiteral("user"), sneaky, {}, {imageAttachment(png)}}});
        for (const QByteArray &json : {r.toJson(true), r.toCountTokensJson()}) {
            const QJsonArray content = bodyOf(json)
                                           .value("messages")
                                           .toArray()
                                           .at(0)
                                           .toObject()
                                           .value("content")
                                           .toArray();
            QCOMPARE(content.at(1).toObject().value("text").toString(), sneaky);
            QCOMPARE(content.at(0).toObject().value("source").toObject().value("data").toString(),
                     QString::fromLatin1(png.toBase64()));
        }
    }

    void preparedBodyIsTheSameBytesWithoutTheAttachments()
    {
        MessageRequest r;
        r.setModel(QStringLiteral("m"));
        r.setMessages({{QStringLiteral("user"),
                        QStringLiteral("look"),
                        {},
                        {imageAttachment(makePng(64, 64))}}});
        const QByteArray before = r.toJson(true);
        r.prepare(MessageRequest::Body::Stream);
        QVERIFY(r.isPrepared());
        QVERIFY(r.messages().first().attachments.first().data.isEmpty()); // one copy, not two
        QCOMPARE(r.toJson(true), before);
        r.setMaxTokens(5); // a change: the prepared body no longer holds
        QVERIFY(!r.isPrepared());
    }

    void preparedBodyIsDroppedWhenThePromptCacheChanges()
    {
        MessageRequest r;
        r.setModel(QStringLiteral("m"));
        r.setMessages({{QStringLiteral("user"),
                        QStringLiteral("look"),
                        {},
                        {imageAttachment(makePng(8, 8))}}});
        r.prepare(MessageRequest::Body::Stream);
        QVERIFY(r.isPrepared());
        r.setPromptCache(PromptCache{PromptCache::Ttl::OneHour});
        QVERIFY(!r.isPrepared()); // else the body would go out without its cache_control
        r.prepare(MessageRequest::Body::Stream);
        QVERIFY(r.toJson(true).contains("\"1h\""));
    }

    void bytesAreReadFromTheStoredCopyWhileSerialising()
    {
        QTemporaryDir dir;
        AttachmentStore store(dir.path());
        Attachment pdf;
        pdf.name = QStringLiteral("big.pdf");
        pdf.mediaType = QStringLiteral("application/pdf");
        pdf.data = makePdf(3, 1'000'000); // more than one slice of the encoder
        QString error;
        QVERIFY(store.store(pdf, &error));
        MessageRequest inMemory;
        inMemory.setModel(QStringLiteral("m"));
        inMemory.setMessages({{QStringLiteral("user"), QStringLiteral("read"), {}, {pdf}}});
        Attachment located = pdf;
        located.data.clear();
        QVERIFY(store.locate(located, &error));
        QCOMPARE(located.path, store.pathFor(pdf));
        QVERIFY(located.data.isEmpty()); // checked, not kept
        MessageRequest fromDisk = inMemory;
        fromDisk.setMessages({{QStringLiteral("user"), QStringLiteral("read"), {}, {located}}});
        QVERIFY(fromDisk.validate().isEmpty());
        fromDisk.prepare(MessageRequest::Body::Stream);
        QVERIFY(fromDisk.isPrepared());
        QCOMPARE(fromDisk.toJson(true), inMemory.toJson(true));
        // Gone between the check and the request: nothing is made of it.
        MessageRequest gone;
        gone.setModel(QStringLiteral("m"));
        gone.setMessages({{QStringLiteral("user"), QStringLiteral("read"), {}, {located}}});
        QVERIFY(QFile::remove(located.path));
        gone.prepare(MessageRequest::Body::Stream);
        QVERIFY(!gone.isPrepared());
        QVERIFY(!store.locate(located, &error));
        QVERIFY(error.contains(QStringLiteral("missing")));
    }

    void attachmentWithoutBytesIsInvalid()
    {
        Attachment a = imageAttachment(makePng(4, 4));
        a.data.clear();
        MessageRequest r;
        r.setModel(QStringLiteral("m"));
        r.setMessages({{QStringLiteral("user"), QStringLiteral("x"), {}, {a}}});
        QVERIFY(r.validate().contains(QStringLiteral("a.png")));
    }

    // --- The store
    void sameContentIsStoredOnceOwnerOnly()
    {
        QTemporaryDir dir;
        AttachmentStore store(dir.filePath(QStringLiteral("attachments")));
        Attachment a = imageAttachment(makePng(30, 30), QStringLiteral("first.png"));
        Attachment b = imageAttachment(makePng(30, 30), QStringLiteral("second name.png"));
        QString error;
        QVERIFY(store.store(a, &error));
        QVERIFY(store.store(b, &error));
        QCOMPARE(a.sha256, b.sha256);
        QCOMPARE(a.sha256.size(), 64);
        const QStringList files = QDir(store.directory()).entryList(QDir::Files);
        QCOMPARE(files, QStringList{a.sha256 + QStringLiteral(".png")});
        QCOMPARE(QFileInfo(store.pathFor(a)).permissions() & 0x0077, QFileDevice::Permissions());
        QCOMPARE(QFileInfo(store.directory()).permissions() & 0x0077, QFileDevice::Permissions());
        Attachment loaded = a;
        loaded.data.clear();
        QVERIFY(store.load(loaded, &error));
        QCOMPARE(loaded.data, a.data);
    }

    void damagedOrMissingCopyIsReportedInWords()
    {
        QTemporaryDir dir;
        AttachmentStore store(dir.path());
        Attachment a = imageAttachment(makePng(30, 30), QStringLiteral("chart.png"));
        QString error;
        QVERIFY(store.store(a, &error));
        QByteArray bytes = readAll(store.pathFor(a));
        bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x5a);
        writeAll(store.pathFor(a), bytes);
        Attachment damaged = a;
        damaged.data.clear();
        // Read as the next run reads it (this store knows the copy it wrote, by its file stamp;
        // a change within the same millisecond and size would pass it by).
        const AttachmentStore later(store.directory());
        QVERIFY(!later.load(damaged, &error));
        QVERIFY(error.contains(QStringLiteral("chart.png")) &&
                error.contains(QStringLiteral("damaged")));
        QVERIFY(damaged.data.isEmpty());
        QFile::remove(store.pathFor(a));
        QVERIFY(!later.load(damaged, &error));
        QVERIFY(error.contains(QStringLiteral("missing")));
        QCOMPARE(store.missing({a}).size(), 1);
    }

    void onlyUnreferencedAttachmentsAreRemoved()
    {
        QTemporaryDir dir;
        const QString conversations = dir.path();
        AttachmentStore store(AttachmentStore::folderFor(conversations));
        QList<Attachment> files;
        for (int i = 0; i < 5; ++i) {
            Attachment a = imageAttachment(makePng(10 + i, 10));
            QString error;
            QVERIFY(store.store(a, &error));
            files.append(a);
        }
        // Another conversation still sends files[0].
        ConversationData other;
        other.id = QStringLiteral("other");
        ChatMessage m =
            ChatMessage::user(QStringLiteral("see"), QDateTime::currentDateTimeUtc(), {files[0]});
        other.messages.append(m);
        ConversationStore conversationStore(conversations);
        QVERIFY(conversationStore.save(other));
        store.pin(files[1].sha256);                // a prompt being written holds it
        const QSet<QString> keep{files[2].sha256}; // the open conversation holds it
        QSet<QString> candidates;
        for (const Attachment &a : files)
            candidates.insert(a.sha256);
        QCOMPARE(store.removeUnreferenced(candidates, conversations, keep), 0); // all stored lately
        ageStoredCopies(store.directory());
        QCOMPARE(store.removeUnreferenced(candidates, conversations, keep), 2);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(QFile::exists(store.pathFor(files[i])), i < 3);
        store.unpin(files[1].sha256);
        QCOMPARE(store.removeUnreferenced(candidates, conversations), 2); // files[1], files[2]
        QVERIFY(QFile::exists(store.pathFor(files[0])));
    }

    void copyStoredAgainDuringACleanUpStays()
    {
        // Another process (or this one) stores the same content while a clean-up runs: the copy
        // is new again, and the clean-up leaves it.
        QTemporaryDir dir;
        AttachmentStore store(AttachmentStore::folderFor(dir.path()));
        Attachment a = imageAttachment(makePng(14, 14));
        QString error;
        QVERIFY(store.store(a, &error));
        ageStoredCopies(store.directory());
        Attachment again = imageAttachment(makePng(14, 14));
        QVERIFY(store.store(again, &error)); // a duplicate: the copy there stays, marked new
        QCOMPARE(store.removeUnreferenced({a.sha256}, dir.path()), 0);
        QVERIFY(QFile::exists(store.pathFor(a)));
    }

    void storedAndHeldInOneStepAgainstACleanUp()
    {
        // The window stores and pins a file on one thread while a clean-up removes on another:
        // a file held after both is always there. (The recent-copy guard is off: pins alone.)
        QTemporaryDir dir;
        AttachmentStore store(AttachmentStore::folderFor(dir.path()));
        const QByteArray png = makePng(16, 16);
        for (int round = 0; round < 200; ++round) {
            Attachment a = imageAttachment(png);
            QString error;
            QVERIFY(store.store(a, &error));
            const QString path = store.pathFor(a);
            std::atomic<bool> go = false;
            std::thread cleanUp([&] {
                while (!go) {
                }
                store.removeUnreferenced({a.sha256}, dir.path(), {}, -3'600'000);
            });
            Attachment held = imageAttachment(png);
            go = true;
            QVERIFY(store.store(held, &error, AttachmentStore::Hold::Yes));
            cleanUp.join();
            QVERIFY2(QFile::exists(path), qPrintable(QStringLiteral("round %1").arg(round)));
            store.unpin(held.sha256);
        }
    }

    void keptListKeepsFilesOfConversationsElsewhere()
    {
        QTemporaryDir dir;
        AttachmentStore store(AttachmentStore::folderFor(dir.path()));
        Attachment a = imageAttachment(makePng(17, 17));
        Attachment b = imageAttachment(makePng(18, 17));
        QString error;
        QVERIFY(store.store(a, &error) && store.store(b, &error));
        // A line cut short by a crash before: skipped, and the next one is whole.
        writeAll(store.directory() + QStringLiteral("/kept"), "0123abc");
        QVERIFY2(store.keepForGood({a.sha256}, &error), qPrintable(error));
        QVERIFY(store.keepForGood({a.sha256})); // once
        const QByteArray list = readAll(store.directory() + QStringLiteral("/kept"));
        QCOMPARE(list, QByteArray("0123abc\n") + a.sha256.toLatin1() + '\n');
        QCOMPARE(QFileInfo(store.directory() + QStringLiteral("/kept")).permissions() & 0x0077,
                 QFileDevice::Permissions());
        ageStoredCopies(store.directory());
        // Read by another process's store, too.
        AttachmentStore other(store.directory());
        QCOMPARE(other.removeUnreferenced({a.sha256, b.sha256}, dir.path()), 1);
        QVERIFY(QFile::exists(store.pathFor(a)));
        QVERIFY(!QFile::exists(store.pathFor(b)));
    }

    void damagedCopyOfTheSameSizeIsReplacedWhenStored()
    {
        QTemporaryDir dir;
        AttachmentStore store(dir.path());
        Attachment a = imageAttachment(makePng(30, 30), QStringLiteral("chart.png"));
        QString error;
        QVERIFY(store.store(a, &error));
        QByteArray bytes = readAll(store.pathFor(a));
        bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x5a);
        writeAll(store.pathFor(a), bytes);        // same size, other bytes
        AttachmentStore later(store.directory()); // the next run: it knows nothing of the copy
        Attachment again = imageAttachment(makePng(30, 30), QStringLiteral("chart.png"));
        QVERIFY(later.store(again, &error));
        QCOMPARE(readAll(store.pathFor(a)), again.data);
        again.data.clear();
        QVERIFY2(AttachmentStore(store.directory()).locate(again, &error), qPrintable(error));
    }

    void unreadableConversationKeepsEveryAttachment()
    {
        QTemporaryDir dir;
        AttachmentStore store(AttachmentStore::folderFor(dir.path()));
        Attachment a = imageAttachment(makePng(12, 12));
        QString error;
        QVERIFY(store.store(a, &error));
        writeAll(dir.filePath(QStringLiteral("broken.json")), "{}");
        QVERIFY(QFile::setPermissions(dir.filePath(QStringLiteral("broken.json")), {}));
        if (QFile(dir.filePath(QStringLiteral("broken.json"))).open(QIODevice::ReadOnly))
            QSKIP("running as root: permissions do not stop a read");
        QCOMPARE(store.removeUnreferenced({a.sha256}, dir.path()), 0);
        QVERIFY(QFile::exists(store.pathFor(a)));
    }

    // --- The conversation file
    void attachmentsAndCitationsRoundTripThroughTheFile()
    {
        ConversationData d;
        d.tree = true;
        d.id = QStringLiteral("c1");
        Attachment pdf;
        pdf.name = QStringLiteral("report.pdf");
        pdf.mediaType = QStringLiteral("application/pdf");
        pdf.sha256 = QString(64, QLatin1Char('a'));
        pdf.bytes = 123456;
        pdf.pages = 12;
        Attachment png = pdf;
        png.name = QStringLiteral("chart.png");
        png.mediaType = QStringLiteral("image/png");
        png.sha256 = QString(64, QLatin1Char('b'));
        png.width = 1200;
        png.height = 800;
        png.pages = 0;
        ChatMessage u = ChatMessage::user(QStringLiteral("Summarise"),
                                          QDateTime::currentDateTimeUtc(), {pdf, png});
        u.id = QStringLiteral("u1");
        ChatMessage a =
            ChatMessage::assistant(QStringLiteral("m"), QDateTime::currentDateTimeUtc());
        a.id = QStringLiteral("a1");
        a.parentId = u.id;
        a.status = MessageStatus::Complete;
        a.text = QStringLiteral("The tide is high. It rises at six.");
        Citation c;
        c.start = 0;
        c.end = 18;
        c.documentSha = pdf.sha256;
        c.source = QJsonObject{{"type", "page_location"}, {"cited_text", "High tide"},
                               {"document_index", 0},     {"document_title", "report.pdf"},
                               {"start_page_number", 3},  {"end_page_number", 4}};
        a.citations = {c};
        d.messages = {u, a};
        const QByteArray bytes = ConversationFile::serialize(d);
        ConversationData back;
        QString error;
        QVERIFY2(ConversationFile::parse(bytes, back, &error), qPrintable(error));
        QCOMPARE(back.messages.at(0).attachments, u.attachments);
        QCOMPARE(back.messages.at(1).citations, a.citations);
        QVERIFY(!bytes.contains("\"data\"")); // the bytes stay in the store

        // A citation without its end (a hand-edited file; found by fuzz_conversationfile) reads
        // as an empty span, the same as it is written back: a second read changes nothing.
        QByteArray noEnd = bytes;
        QVERIFY(noEnd.contains("\"end\": 18"));
        noEnd.replace("\"end\": 18", "\"enf\": 18");
        QVERIFY(noEnd.contains("\"start\": 0"));
        noEnd.replace("\"start\": 0", "\"start\": 4");
        ConversationData once, twice;
        QVERIFY2(ConversationFile::parse(noEnd, once, &error), qPrintable(error));
        QCOMPARE(once.messages.at(1).citations.at(0).end,
                 once.messages.at(1).citations.at(0).start);
        QVERIFY2(ConversationFile::parse(ConversationFile::serialize(once), twice, &error),
                 qPrintable(error));
        QVERIFY(once == twice);
    }

    void olderFilesWithoutAttachmentsStillRead()
    {
        QFile f(QStringLiteral(BW_SOURCE_DIR "/tests/data/v1/complete.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        ConversationData d;
        QString error;
        QVERIFY2(ConversationFile::parse(f.readAll(), d, &error), qPrintable(error));
        for (const ChatMessage &m : d.messages) {
            QVERIFY(m.attachments.isEmpty());
            QVERIFY(m.citations.isEmpty());
        }
    }

    void badAttachmentEntriesAreRefusedByName_data()
    {
        QTest::addColumn<QByteArray>("entry");
        QTest::addColumn<QString>("named");
        const QByteArray sha(64, 'c');
        QTest::newRow("not a list") << QByteArray("\"x\"") << "messages[0].attachments";
        QTest::newRow("sha")
            << QByteArray(
                   "[{\"name\":\"a\",\"media_type\":\"image/png\",\"sha256\":\"../../etc\"}]")
            << "messages[0].attachments[0].sha256";
        QTest::newRow("type")
            << QByteArray("[{\"name\":\"a\",\"media_type\":\"application/zip\",\"sha256\":\"" +
                          sha + "\"}]")
            << "messages[0].attachments[0].media_type";
        QTest::newRow("width")
            << QByteArray("[{\"name\":\"a\",\"media_type\":\"image/png\",\"sha256\":\"" + sha +
                          "\",\"width\":90000}]")
            << "messages[0].attachments[0].width";
    }
    void badAttachmentEntriesAreRefusedByName()
    {
        QFETCH(QByteArray, entry);
        QFETCH(QString, named);
        const QByteArray file =
            "{\"format\":\"breakwater-conversation\",\"version\":2,\"messages\":["
            "{\"id\":\"u\",\"role\":\"user\",\"text\":\"hi\",\"parent\":null,\"attachments\":" +
            entry + "}]}";
        ConversationData d;
        QString error;
        QVERIFY(!ConversationFile::parse(file, d, &error));
        QVERIFY2(error.contains(named), qPrintable(error));
    }

    void citationOutsideTheTextIsRefused()
    {
        const QByteArray file =
            "{\"format\":\"breakwater-conversation\",\"version\":2,\"messages\":["
            "{\"id\":\"u\",\"role\":\"user\",\"text\":\"hi\",\"parent\":null},"
            "{\"id\":\"a\",\"role\":\"assistant\",\"text\":\"short\",\"parent\":\"u\","
            "\"citations\":["
            "{\"start\":0,\"end\":99,\"citation\":{\"type\":\"page_location\"}}]}]}";
        ConversationData d;
        QString error;
        QVERIFY(!ConversationFile::parse(file, d, &error));
        QVERIFY2(error.contains(QStringLiteral("messages[1].citations[0].end")), qPrintable(error));
    }

    void unknownFieldsOfAnAttachmentAreKept()
    {
        const QByteArray sha(64, 'd');
        const QByteArray file =
            "{\"format\":\"breakwater-conversation\",\"version\":2,\"messages\":["
            "{\"id\":\"u\",\"role\":\"user\",\"text\":\"hi\",\"parent\":null,\"attachments\":["
            "{\"name\":\"a.png\",\"media_type\":\"image/png\",\"sha256\":\"" +
            sha + "\",\"bytes\":5,\"future\":{\"x\":1}}]}]}";
        ConversationData d;
        QString error;
        QVERIFY2(ConversationFile::parse(file, d, &error), qPrintable(error));
        QVERIFY(ConversationFile::serialize(d).contains("\"future\""));
    }

    // --- Citations
    void citationsArePlacedOnTheTextTheyBack()
    {
        AssistantMessage m;
        ContentBlock plain;
        plain.type = QStringLiteral("text");
        plain.text = "Über den Hafen: ";
        ContentBlock cited;
        cited.type = QStringLiteral("text");
        cited.text = "the wall is 3 m high";
        cited.citations = QJsonArray{QJsonObject{{"type", "page_location"},
                                                 {"document_index", 1},
                                                 {"start_page_number", 2},
                                                 {"end_page_number", 4}}};
        m.blocks = {plain, cited};
        const QList<Citation> list =
            citationsOf(m, 10, {QStringLiteral("sha-a"), QStringLiteral("sha-b")});
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0).start, 10 + QStringLiteral("Über den Hafen: ").size());
        QCOMPARE(list.at(0).end, list.at(0).start + 20);
        QCOMPARE(list.at(0).documentSha, QStringLiteral("sha-b"));
        QCOMPARE(list.at(0).firstPage(), 2);
        QCOMPARE(list.at(0).lastPage(), 3); // the API's end page is exclusive
    }

    void markersAndFootnotes()
    {
        const QString text = QStringLiteral("Walls stop waves. They are tall.\n\nThat is all.");
        Citation first;
        first.start = 0;
        first.end = 17;
        first.source = QJsonObject{{"type", "page_location"},
                                   {"document_title", "report.pdf"},
                                   {"cited_text", "Walls\nstop waves"},
                                   {"start_page_number", 3},
                                   {"end_page_number", 4}};
        Citation second = first;
        second.start = 18;
        second.end = 34; // "They are tall.\n\n": the marker goes before the line ends
        second.source.insert("start_page_number", 5);
        second.source.insert("end_page_number", 7);
        Citation again = first; // the same source again: the same number
        again.start = 18;
        again.end = 34;
        const CitationMarkers markers({first, second, again});
        QCOMPARE(markers.sources().size(), 2);
        QCOMPARE(markers.apply(text, CitationMarkers::Style::Link),
                 QStringLiteral("Walls stop waves.[\\[1\\]](cite:1) They are tall.[\\[2\\]](cite:2)"
                                "[\\[1\\]](cite:1)\n\nThat is all."));
        QCOMPARE(markers.apply(text, CitationMarkers::Style::Footnote),
                 QStringLiteral("Walls stop waves.[^1] They are tall.[^2][^1]\n\nThat is all.\n\n"
                                "[^1]: report.pdf, p. 3: “Walls stop waves”\n"
                                "[^2]: report.pdf, pp. 5–6: “Walls stop waves”"));
    }

    // 20,000 citations at one place froze the window for minutes (issue 16): a few markers stand
    // there, then a count; at most kMaxSources sources are numbered; the notes say how many more.
    void thousandsOfCitationsAtOnePlaceShowAFewMarkers()
    {
        const QString text = QStringLiteral("Cited sentence here. More text.");
        QList<Citation> list;
        for (int i = 0; i < 20'000; ++i) {
            Citation c;
            c.start = 0;
            c.end = 21;
            c.source = QJsonObject{{"type", "page_location"},
                                   {"cited_text", QStringLiteral("text %1").arg(i)},
                                   {"document_title", "doc"},
                                   {"start_page_number", i % 50 + 1},
                                   {"end_page_number", i % 50 + 2}};
            list.append(c);
        }
        const CitationMarkers markers(list);
        QCOMPARE(markers.sources().size(), CitationMarkers::kMaxSources);
        QCOMPARE(markers.unlistedSources(), 20'000 - CitationMarkers::kMaxSources);
        QCOMPARE(markers.apply(text, CitationMarkers::Style::Link),
                 QStringLiteral("Cited sentence here.[\\[1\\]](cite:1)[\\[2\\]](cite:2)"
                                "[\\[3\\]](cite:3)\\[+19997\\] More text."));
        const QString copy = markers.apply(text, CitationMarkers::Style::Footnote);
        QVERIFY2(copy.startsWith(QStringLiteral("Cited sentence here.[^1][^2][^3][+19997] More")),
                 qPrintable(copy.left(200)));
        const QStringList notes = markers.footnotes().split(QLatin1Char('\n'));
        QCOMPARE(notes.size(), CitationMarkers::kMaxSources + 1);
        QVERIFY2(notes.last().startsWith(QStringLiteral("(19900 more source")),
                 qPrintable(notes.last()));
    }

    // The same citations each on a span of their own: no more than kMaxMarkers in the answer.
    void thousandsOfCitedSpansGetAtMostSomeHundredMarkers()
    {
        QString text;
        QList<Citation> list;
        for (int i = 0; i < 20'000; ++i) {
            Citation c;
            c.start = text.size();
            text += QStringLiteral("w%1 ").arg(i);
            c.end = text.size();
            c.source = QJsonObject{{"type", "char_location"}, {"start_char_index", i % 7}};
            list.append(c);
        }
        const CitationMarkers markers(list);
        QCOMPARE(markers.sources().size(), 7);
        const QString shown = markers.apply(text, CitationMarkers::Style::Link);
        QCOMPARE(shown.count(QStringLiteral("](cite:")), CitationMarkers::kMaxMarkers);
        QVERIFY(shown.startsWith(QStringLiteral("w0[\\[1\\]](cite:1) w1[\\[2\\]](cite:2) ")));
        QVERIFY(shown.endsWith(QStringLiteral(" w19999 "))); // the text is all there
    }

    // Cited text and titles come from the server: in a Markdown footnote they show as written,
    // never as HTML or links, and a long cited text is shortened.
    void footnotesEscapeAndShortenWhatTheServerSent()
    {
        Citation c;
        c.start = 0;
        c.end = 4;
        c.source =
            QJsonObject{{"type", "char_location"},
                        {"document_title", "<i>evil</i> [x](http://evil)"},
                        {"cited_text", QStringLiteral("<img src='file:///etc/passwd'> *b* ") +
                                           QString(2'000'000, 'X')}};
        const CitationMarkers markers({c});
        const QString notes = markers.footnotes();
        QVERIFY2(notes.size() < 500, qPrintable(QString::number(notes.size())));
        QVERIFY2(notes.startsWith(QStringLiteral("[^1]: \\<i\\>evil\\</i\\> \\[x\\](http://evil): "
                                                 "“\\<img src='file:///etc/passwd'\\> "
                                                 "\\*b\\* XXX")),
                 qPrintable(notes));
        QVERIFY(notes.endsWith(QStringLiteral("X…”")));
        // In a terminal, unescaped (but still short).
        const QString plain = markers.footnotes(CitationMarkers::Format::PlainText);
        QVERIFY(plain.startsWith(QStringLiteral("[^1]: <i>evil</i> [x](http://evil): “<img")));
        QVERIFY(plain.size() < 500);
    }

    // --- Export
    void markdownExportWritesTheFilesBesideItAndLinksThem()
    {
        QTemporaryDir dir;
        AttachmentStore store(dir.filePath(QStringLiteral("store")));
        Attachment image = imageAttachment(makePng(40, 20), QStringLiteral("my chart.png"));
        Attachment doc;
        doc.name = QStringLiteral("report.pdf");
        doc.mediaType = QStringLiteral("application/pdf");
        doc.data = makePdf(1);
        QString error;
        QVERIFY(store.store(image, &error));
        QVERIFY(store.store(doc, &error));
        Attachment gone = imageAttachment(makePng(41, 20), QStringLiteral("gone.png"));
        gone.sha256 = QString(64, QLatin1Char('e'));
        ConversationData d;
        d.tree = true;
        d.title = QStringLiteral("Harbour");
        ChatMessage u = ChatMessage::user(QStringLiteral("Look"), QDateTime::currentDateTimeUtc(),
                                          {image, doc, gone});
        u.id = QStringLiteral("u");
        ChatMessage a =
            ChatMessage::assistant(QStringLiteral("m"), QDateTime::currentDateTimeUtc());
        a.id = QStringLiteral("a");
        a.parentId = u.id;
        a.status = MessageStatus::Complete;
        a.text = QStringLiteral("It is tall.");
        Citation c;
        c.end = a.text.size();
        c.source = QJsonObject{{"type", "page_location"},
                               {"document_title", "report.pdf"},
                               {"cited_text", "tall"},
                               {"start_page_number", 1},
                               {"end_page_number", 2}};
        a.citations = {c};
        d.messages = {u, a};
        const QString target = dir.filePath(QStringLiteral("out/chat.md"));
        QDir().mkpath(dir.filePath(QStringLiteral("out")));
        QStringList problems;
        QVERIFY2(MarkdownExport::write(d, target, &store, false, &error, &problems),
                 qPrintable(error));
        QCOMPARE(problems.size(), 1); // gone.png: not in the store
        QVERIFY(problems.first().contains(QStringLiteral("gone.png")));
        const QString md = QString::fromUtf8(readAll(target));
        QVERIFY2(md.contains(QStringLiteral("![my chart.png](chat_files/my%20chart.png)")),
                 qPrintable(md));
        QVERIFY(md.contains(QStringLiteral("[report.pdf](chat_files/report.pdf)")));
        QVERIFY(md.contains(QStringLiteral("gone.png (not exported)")));
        QVERIFY(md.contains(QStringLiteral("It is tall.[^1]")));
        QVERIFY(md.contains(QStringLiteral("[^1]: report.pdf, p. 1: “tall”")));
        QCOMPARE(readAll(dir.filePath(QStringLiteral("out/chat_files/my chart.png"))), image.data);
        QCOMPARE(readAll(dir.filePath(QStringLiteral("out/chat_files/report.pdf"))), doc.data);
    }

    void exportedLongNameKeepsItsExtensionWithinTheFileSystemsLimit()
    {
        QTemporaryDir dir;
        AttachmentStore store(dir.filePath(QStringLiteral("store")));
        Attachment doc;
        doc.name = QString(300, QChar(0x00e9)) + QStringLiteral(".pdf"); // 2 bytes each in UTF-8
        doc.mediaType = QStringLiteral("application/pdf");
        doc.data = makePdf(1);
        Attachment image =
            imageAttachment(makePng(9, 9), QString(200, QChar(0x6c34))); // 水, 3 bytes
        QString error;
        QVERIFY(store.store(doc, &error));
        QVERIFY(store.store(image, &error));
        QStringList problems;
        const QHash<QString, QString> links = store.exportTo(
            {doc, image}, dir.filePath(QStringLiteral("out")), dir.path(), &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        const QString pdfName = QFileInfo(links.value(doc.sha256)).fileName();
        const QString pngName = QFileInfo(links.value(image.sha256)).fileName();
        QVERIFY2(pdfName.endsWith(QStringLiteral(".pdf")), qPrintable(pdfName));
        QVERIFY2(pngName.endsWith(QStringLiteral(".png")), qPrintable(pngName));
        QVERIFY(pdfName.startsWith(QString(50, QChar(0x00e9))));
        QVERIFY(pdfName.toUtf8().size() < 255 && pngName.toUtf8().size() < 255);
        QCOMPARE(readAll(dir.filePath(QStringLiteral("out/") + pdfName)), doc.data);
        QCOMPARE(readAll(dir.filePath(QStringLiteral("out/") + pngName)), image.data);
    }

    // An export named "notes #1?: v2.md" linked "notes #1?: v2_files/…" read as a URL: a
    // fragment after "#" (issue 16). Each part of the path is percent-encoded; a folder that
    // cannot be made is said once, not once a file.
    void exportLinksSurviveOddOutputNames()
    {
        QTemporaryDir dir;
        AttachmentStore store(dir.filePath(QStringLiteral("store")));
        Attachment image = imageAttachment(makePng(40, 20), QStringLiteral("chart.png"));
        Attachment other = imageAttachment(makePng(41, 20), QStringLiteral("other.png"));
        QString error;
        QVERIFY(store.store(image, &error));
        QVERIFY(store.store(other, &error));
        ConversationData d;
        d.tree = true;
        ChatMessage u = ChatMessage::user(QStringLiteral("Look"), QDateTime::currentDateTimeUtc(),
                                          {image, other});
        u.id = QStringLiteral("u");
        d.messages = {u};
        const QString target = dir.filePath(QStringLiteral("notes #1?: v2.md"));
        QStringList problems;
        QVERIFY2(MarkdownExport::write(d, target, &store, false, &error, &problems),
                 qPrintable(error));
        QVERIFY(problems.isEmpty());
        const QString md = QString::fromUtf8(readAll(target));
        QVERIFY2(
            md.contains(QStringLiteral("![chart.png](notes%20%231%3F%3A%20v2_files/chart.png)")),
            qPrintable(md));
        QCOMPARE(readAll(dir.filePath(QStringLiteral("notes #1?: v2_files/chart.png"))),
                 image.data);

        // The folder's name is taken by a file: both attachments fail, for one reason, said once.
        const QString blocked = dir.filePath(QStringLiteral("blocked.md"));
        QFile taken(MarkdownExport::filesFolderFor(blocked));
        QVERIFY(taken.open(QIODevice::WriteOnly));
        taken.close();
        problems.clear();
        QVERIFY2(MarkdownExport::write(d, blocked, &store, false, &error, &problems),
                 qPrintable(error));
        QCOMPARE(problems.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestAttachments)
#include "tst_attachments.moc"

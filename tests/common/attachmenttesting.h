#pragma once

// Files to attach, made in the test: images of any size and format, and PDFs of any number of
// pages and size (no binaries in the repository).

#include <QBuffer>
#include <QByteArray>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QRandomGenerator>
#include <QString>

namespace bw::test {

// A picture with something in it (a gradient and a few shapes), so encoders work as on photos.
inline QImage makeImage(int width, int height, bool alpha = false)
{
    QImage image(width, height, alpha ? QImage::Format_ARGB32 : QImage::Format_RGB32);
    QPainter p(&image);
    QLinearGradient g(0, 0, width, height);
    g.setColorAt(0, QColor(0x2b, 0x6c, 0xb0));
    g.setColorAt(1, QColor(0xf0, 0xc0, 0x40));
    p.fillRect(image.rect(), g);
    p.setPen(QPen(Qt::white, std::max(1, width / 200)));
    for (int i = 0; i < 12; ++i)
        p.drawEllipse(QPoint(width * i / 12, height / 2), width / 10, height / 6);
    p.end();
    return image;
}

inline QByteArray encodeImage(const QImage &image, const char *format, int quality = 90)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    writer.setQuality(quality);
    writer.write(image);
    return bytes;
}

inline QByteArray makeJpeg(int width, int height, int quality = 90)
{
    return encodeImage(makeImage(width, height), "jpeg", quality);
}

// Qt writes no GIF: a 1×1 picture on a logical screen of width × height, byte by byte.
inline QByteArray makeGif(int width, int height)
{
    QByteArray gif("GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00"
                   "\x21\xf9\x04\x01\x00\x00\x00\x00\x2c\x00\x00\x00\x00\x01\x00\x01\x00"
                   "\x00\x02\x02\x44\x01\x00\x3b",
                   43);
    gif[6] = char(width & 0xff);
    gif[7] = char(width >> 8);
    gif[8] = char(height & 0xff);
    gif[9] = char(height >> 8);
    return gif;
}

inline QByteArray makePng(int width, int height)
{
    return encodeImage(makeImage(width, height), "png");
}

// A valid PDF of `pages` pages, each saying "Page N: <text>", padded with an unreferenced stream
// of random bytes to about `totalBytes` (as the images of a scanned document would).
inline QByteArray makePdf(int pages, qint64 totalBytes = 0,
                          const QString &text = QStringLiteral("the tide tables"))
{
    QByteArray out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    QList<qsizetype> offsets;
    auto object = [&](const QByteArray &body) {
        offsets.append(out.size());
        out += QByteArray::number(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
    };
    const int fontObject = 3 + 2 * pages;
    object("<< /Type /Catalog /Pages 2 0 R >>");
    QByteArray kids;
    for (int i = 0; i < pages; ++i)
        kids += QByteArray::number(3 + 2 * i) + " 0 R ";
    object("<< /Type /Pages /Kids [" + kids + "] /Count " + QByteArray::number(pages) + " >>");
    for (int i = 0; i < pages; ++i) {
        object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents " +
               QByteArray::number(4 + 2 * i) + " 0 R /Resources << /Font << /F1 " +
               QByteArray::number(fontObject) + " 0 R >> >> >>");
        const QByteArray content = "BT /F1 24 Tf 72 700 Td (Page " + QByteArray::number(i + 1) +
                                   ": " + text.toLatin1() + ") Tj ET";
        object("<< /Length " + QByteArray::number(content.size()) + " >>\nstream\n" + content +
               "\nendstream");
    }
    object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    const qint64 padding = totalBytes - out.size() - 200 - 20 * (offsets.size() + 2);
    if (padding > 0) {
        QByteArray noise(padding, Qt::Uninitialized);
        QRandomGenerator rng(7);
        rng.fillRange(reinterpret_cast<quint32 *>(noise.data()), noise.size() / 4);
        object("<< /Length " + QByteArray::number(noise.size()) + " >>\nstream\n" + noise +
               "\nendstream");
    }
    const qsizetype xref = out.size();
    out += "xref\n0 " + QByteArray::number(offsets.size() + 1) + "\n0000000000 65535 f \n";
    for (qsizetype o : offsets)
        out += QByteArray::number(o).rightJustified(10, '0') + " 00000 n \n";
    out += "trailer\n<< /Size " + QByteArray::number(offsets.size() + 1) +
           " /Root 1 0 R >>\nstartxref\n" + QByteArray::number(xref) + "\n%%EOF\n";
    return out;
}

// Makes the stored copies in `folder` look stored an hour ago: a clean-up leaves copies stored
// lately to a later one (AttachmentStore::kRecentMs).
inline void ageStoredCopies(const QString &folder, int seconds = 3600)
{
    const QDateTime then = QDateTime::currentDateTimeUtc().addSecs(-seconds);
    for (const QString &name : QDir(folder).entryList(QDir::Files)) {
        QFile f(folder + QLatin1Char('/') + name);
        if (f.open(QIODevice::ReadWrite))
            f.setFileTime(then, QFileDevice::FileModificationTime);
    }
}

} // namespace bw::test

#include "citation.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace bw {

namespace {

// A page number from the server: checked before it is shown or counted.
int pageNumber(const QJsonValue &v)
{
    const double n = v.toDouble(0);
    return n >= 1 && n <= 1'000'000 ? int(n) : 0;
}

QString oneLine(QString text)
{
    return text.replace(QLatin1Char('\n'), QLatin1Char(' '))
        .replace(QLatin1Char('\r'), QLatin1Char(' '))
        .trimmed();
}

} // namespace

QString Citation::documentTitle() const
{
    const QString title = source.value(QLatin1String("document_title")).toString();
    if (!title.isEmpty())
        return oneLine(title);
    const double index = source.value(QLatin1String("document_index")).toDouble(-1);
    return QCoreApplication::translate("bw::Citation", "document %1")
        .arg(index >= 0 && index < 1e6 ? int(index) + 1 : 1);
}

QString Citation::citedText() const
{
    return source.value(QLatin1String("cited_text")).toString();
}

QString Citation::citedLine() const
{
    return oneLine(citedText());
}

int Citation::firstPage() const
{
    return pageNumber(source.value(QLatin1String("start_page_number")));
}

int Citation::lastPage() const
{
    // The API's end page is exclusive: [start, end).
    const int first = firstPage();
    const int after = pageNumber(source.value(QLatin1String("end_page_number")));
    return first == 0 ? 0 : std::max(first, after - 1);
}

QString Citation::label() const
{
    const int first = firstPage();
    if (first == 0)
        return documentTitle();
    const int last = lastPage();
    const QString pages =
        last > first ? QCoreApplication::translate("bw::Citation", "pp. %1–%2").arg(first).arg(last)
                     : QCoreApplication::translate("bw::Citation", "p. %1").arg(first);
    return documentTitle() + QStringLiteral(", ") + pages;
}

QList<Citation> citationsOf(const AssistantMessage &message, qsizetype base,
                            const QStringList &documentShas)
{
    QList<Citation> out;
    qsizetype at = base;
    for (const ContentBlock &b : message.blocks) {
        if (b.type != u"text")
            continue;
        const qsizetype length = QString::fromUtf8(b.text).size();
        for (const QJsonValue &v : b.citations) {
            Citation c;
            c.start = at;
            c.end = at + length;
            c.source = v.toObject();
            const double index = c.source.value(QLatin1String("document_index")).toDouble(-1);
            if (index >= 0 && index < double(documentShas.size()))
                c.documentSha = documentShas.at(qsizetype(index));
            out.append(c);
        }
        at += length;
    }
    return out;
}

} // namespace bw

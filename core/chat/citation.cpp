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

CitationMarkers::CitationMarkers(const QList<Citation> &citations)
    : m_citations(citations)
{
    QList<QByteArray> keys;
    for (const Citation &c : citations) {
        const QByteArray key = c.documentSha.toLatin1() + '\n' +
                               QJsonDocument(c.source).toJson(QJsonDocument::Compact);
        qsizetype n = keys.indexOf(key);
        if (n < 0) {
            keys.append(key);
            m_sources.append(c);
            n = keys.size() - 1;
        }
        m_numbers.append(int(n) + 1);
    }
}

int CitationMarkers::numberOf(const Citation &citation) const
{
    const qsizetype i = m_citations.indexOf(citation);
    return i >= 0 ? m_numbers.at(i) : 0;
}

QString CitationMarkers::apply(const QString &text, Style style) const
{
    if (m_citations.isEmpty())
        return text;
    // Where each marker goes: after the cited span, before the white space that ends it.
    QList<std::pair<qsizetype, int>> marks;
    for (qsizetype i = 0; i < m_citations.size(); ++i) {
        const Citation &c = m_citations.at(i);
        const qsizetype start = std::clamp<qsizetype>(c.start, 0, text.size());
        qsizetype end = std::clamp<qsizetype>(c.end, start, text.size());
        while (end > start && text.at(end - 1).isSpace())
            --end;
        marks.append({end, m_numbers.at(i)});
    }
    std::stable_sort(marks.begin(), marks.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    QString out;
    out.reserve(text.size() + marks.size() * 16);
    qsizetype from = 0;
    QList<int> placed; // at one position, each number once
    for (qsizetype i = 0; i < marks.size(); ++i) {
        const auto [at, number] = marks.at(i);
        if (at != from || i == 0)
            placed.clear();
        out += QStringView(text).mid(from, at - from);
        from = at;
        if (placed.contains(number))
            continue;
        placed.append(number);
        out += style == Style::Link ? QStringLiteral("[\\[%1\\]](cite:%1)").arg(number)
                                    : QStringLiteral("[^%1]").arg(number);
    }
    out += QStringView(text).mid(from);
    if (style == Style::Footnote)
        out += QStringLiteral("\n\n") + footnotes();
    return out;
}

QString CitationMarkers::footnotes() const
{
    QStringList notes;
    for (qsizetype i = 0; i < m_sources.size(); ++i) {
        const Citation &c = m_sources.at(i);
        QString note = QStringLiteral("[^%1]: ").arg(i + 1) + c.label();
        if (const QString cited = oneLine(c.citedText()); !cited.isEmpty())
            note += QStringLiteral(": “") + cited + QStringLiteral("”");
        notes.append(note);
    }
    return notes.join(QLatin1Char('\n'));
}

} // namespace bw

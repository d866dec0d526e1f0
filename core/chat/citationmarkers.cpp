#include "citationmarkers.h"

#include <QHash>
#include <QJsonDocument>
#include <QStringList>

#include <algorithm>

namespace bw {

CitationMarkers::CitationMarkers(const QList<Citation> &citations)
    : m_citations(citations)
{
    QHash<QByteArray, int> numbers; // an answer may cite thousands of times
    for (const Citation &c : citations) {
        const QByteArray key = c.documentSha.toLatin1() + '\n' +
                               QJsonDocument(c.source).toJson(QJsonDocument::Compact);
        auto it = numbers.constFind(key);
        if (it == numbers.cend()) {
            m_sources.append(c);
            it = numbers.insert(key, int(m_sources.size()));
        }
        m_numbers.append(*it);
    }
}

int CitationMarkers::numberOf(const Citation &citation) const
{
    const qsizetype i = m_citations.indexOf(citation);
    return i >= 0 ? m_numbers.at(i) : 0;
}

QString CitationMarkers::apply(const QString &text, Style style, int firstFootnote) const
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
                                    : QStringLiteral("[^%1]").arg(number - 1 + firstFootnote);
    }
    out += QStringView(text).mid(from);
    if (style == Style::Footnote)
        out += QStringLiteral("\n\n") + footnotes(firstFootnote);
    return out;
}

QString CitationMarkers::footnotes(int firstFootnote) const
{
    QStringList notes;
    for (qsizetype i = 0; i < m_sources.size(); ++i) {
        const Citation &c = m_sources.at(i);
        QString note = QStringLiteral("[^%1]: ").arg(i + firstFootnote) + c.label();
        if (const QString cited = c.citedLine(); !cited.isEmpty())
            note += QStringLiteral(": “") + cited + QStringLiteral("”");
        notes.append(note);
    }
    return notes.join(QLatin1Char('\n'));
}

} // namespace bw

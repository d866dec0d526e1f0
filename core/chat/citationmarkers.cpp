#include "citationmarkers.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QSet>
#include <QStringList>

#include <algorithm>

namespace bw {

CitationMarkers::CitationMarkers(const QList<Citation> &citations)
    : m_citations(citations)
{
    QHash<QByteArray, int> keys; // an answer may cite thousands of times
    for (const Citation &c : citations) {
        const QByteArray key = c.documentSha.toLatin1() + '\n' +
                               QJsonDocument(c.source).toJson(QJsonDocument::Compact);
        auto it = keys.constFind(key);
        if (it == keys.cend()) {
            if (m_sources.size() < kMaxSources)
                m_sources.append(c);
            else
                ++m_unlisted;
            it = keys.insert(key, int(keys.size()));
        }
        m_keys.append(*it);
        m_numbers.append(*it < kMaxSources ? *it + 1 : 0);
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
    struct Mark
    {
        qsizetype at;
        int number; // 0: not numbered
        int key;
    };
    QList<Mark> marks;
    marks.reserve(m_citations.size());
    for (qsizetype i = 0; i < m_citations.size(); ++i) {
        const Citation &c = m_citations.at(i);
        const qsizetype start = std::clamp<qsizetype>(c.start, 0, text.size());
        qsizetype end = std::clamp<qsizetype>(c.end, start, text.size());
        while (end > start && text.at(end - 1).isSpace())
            --end;
        marks.append({end, m_numbers.at(i), m_keys.at(i)});
    }
    std::stable_sort(marks.begin(), marks.end(),
                     [](const Mark &a, const Mark &b) { return a.at < b.at; });
    QString out;
    out.reserve(text.size() + std::min<qsizetype>(marks.size(), kMaxMarkers) * 16);
    qsizetype from = 0;
    int markers = 0; // in the whole answer
    for (qsizetype i = 0; i < marks.size();) {
        const qsizetype at = marks.at(i).at;
        out += QStringView(text).mid(from, at - from);
        from = at;
        // The distinct sources cited at this place: the first few numbered ones as markers, the
        // rest as one count.
        QList<int> shown;
        QSet<int> others;
        for (; i < marks.size() && marks.at(i).at == at; ++i) {
            const Mark &m = marks.at(i);
            if (shown.contains(m.number) || others.contains(m.key))
                continue;
            if (m.number > 0 && shown.size() < kMarkersPerPlace)
                shown.append(m.number);
            else
                others.insert(m.key);
        }
        for (const int number : std::as_const(shown)) {
            if (markers >= kMaxMarkers)
                break;
            ++markers;
            out += style == Style::Link ? QStringLiteral("[\\[%1\\]](cite:%1)").arg(number)
                                        : QStringLiteral("[^%1]").arg(number - 1 + firstFootnote);
        }
        if (!others.isEmpty() && markers < kMaxMarkers) {
            ++markers;
            out += style == Style::Link ? QStringLiteral("\\[+%1\\]").arg(others.size())
                                        : QStringLiteral("[+%1]").arg(others.size());
        }
    }
    out += QStringView(text).mid(from);
    if (style == Style::Footnote)
        out += QStringLiteral("\n\n") + footnotes(Format::Markdown, firstFootnote);
    return out;
}

QString CitationMarkers::escapeMarkdown(const QString &text)
{
    static const QString specials = QStringLiteral("\\`*_[]<>&|~");
    QString out;
    out.reserve(text.size() + text.size() / 8);
    for (const QChar ch : text) {
        if (specials.contains(ch))
            out += QLatin1Char('\\');
        out += ch;
    }
    return out;
}

QString CitationMarkers::shortened(const QString &text)
{
    if (text.size() <= kMaxCitedChars)
        return text;
    qsizetype cut = kMaxCitedChars;
    if (text.at(cut - 1).isHighSurrogate())
        --cut; // not half a character
    return text.left(cut) + QStringLiteral("…");
}

QString CitationMarkers::footnotes(Format format, int firstFootnote) const
{
    const bool markdown = format == Format::Markdown;
    QStringList notes;
    for (qsizetype i = 0; i < m_sources.size(); ++i) {
        const Citation &c = m_sources.at(i);
        const QString label = markdown ? escapeMarkdown(c.label()) : c.label();
        QString note = QStringLiteral("[^%1]: ").arg(i + firstFootnote) + label;
        if (const QString cited = shortened(c.citedLine()); !cited.isEmpty())
            note += QStringLiteral(": “") + (markdown ? escapeMarkdown(cited) : cited) +
                    QStringLiteral("”");
        notes.append(note);
    }
    if (m_unlisted > 0) {
        const int unlisted = int(std::min(m_unlisted, qsizetype(1'000'000)));
        notes.append(QCoreApplication::translate(
            "bw::CitationMarkers", "(%n more source(s) cited, not listed)", nullptr, unlisted));
    }
    return notes.join(QLatin1Char('\n'));
}

} // namespace bw

#pragma once

#include "citation.h"

#include <QList>
#include <QString>

namespace bw {

// Markers in an answer's text: each distinct source gets a number, in the order first cited.
class CitationMarkers final
{
public:
    explicit CitationMarkers(const QList<Citation> &citations);

    // The distinct sources, numbered from 1 (number n is sources()[n - 1]).
    const QList<Citation> &sources() const { return m_sources; }
    // The number of the source `citation` cites.
    int numberOf(const Citation &citation) const;

    enum class Style {
        Link,     // [\[1\]](cite:1): a link the transcript shows and hovers
        Footnote, // [^1], with the notes after the text: copy and export
    };
    // `text` with a marker after each cited span (before its trailing white space), and for
    // Footnote the notes at the end ("[^1]: report.pdf, p. 3: “cited text”"). Footnotes are
    // labelled from `firstFootnote` on: a document of several answers needs each label once.
    QString apply(const QString &text, Style style, int firstFootnote = 1) const;
    QString footnotes(int firstFootnote = 1) const;

private:
    QList<Citation> m_citations;
    QList<Citation> m_sources;
    QList<int> m_numbers; // per citation
};

} // namespace bw

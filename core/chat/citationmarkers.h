#pragma once

#include "citation.h"

#include <QList>
#include <QString>

namespace bw {

// Markers in an answer's text: each distinct source gets a number, in the order first cited.
// An answer citing thousands of times (a hostile or broken server) stays readable and fast to
// show: at most kMaxSources sources are numbered and listed, at most kMarkersPerPlace markers
// stand at one place (then "[+N]"), and at most kMaxMarkers markers stand in the whole answer.
class CitationMarkers final
{
public:
    static constexpr int kMaxSources = 100;
    static constexpr int kMarkersPerPlace = 3;
    static constexpr int kMaxMarkers = 300;
    // Cited text longer than this is shortened (with "…") in footnotes.
    static constexpr int kMaxCitedChars = 300;

    explicit CitationMarkers(const QList<Citation> &citations);

    // The numbered sources, from 1 (number n is sources()[n - 1]); at most kMaxSources.
    const QList<Citation> &sources() const { return m_sources; }
    // Distinct sources past kMaxSources: cited, but neither numbered nor listed.
    qsizetype unlistedSources() const { return m_unlisted; }
    // The number of the source `citation` cites; 0 when it is not numbered.
    int numberOf(const Citation &citation) const;

    enum class Style {
        Link,     // [\[1\]](cite:1): a link the transcript shows and hovers
        Footnote, // [^1], with the notes after the text: copy and export
    };
    // `text` with a marker after each cited span (before its trailing white space), and for
    // Footnote the notes at the end ("[^1]: report.pdf, p. 3: “cited text”"). Footnotes are
    // labelled from `firstFootnote` on: a document of several answers needs each label once.
    QString apply(const QString &text, Style style, int firstFootnote = 1) const;
    // The notes, one a line. As Markdown (the footnotes of apply()), the labels and cited text
    // are escaped so that they show as written; as plain text (a terminal), they are not.
    enum class Format { Markdown, PlainText };
    QString footnotes(Format format = Format::Markdown, int firstFootnote = 1) const;
    // `text` with Markdown's and HTML's special characters escaped.
    static QString escapeMarkdown(const QString &text);
    // `text` cut to kMaxCitedChars characters, with "…" when cut.
    static QString shortened(const QString &text);

private:
    QList<Citation> m_citations;
    QList<Citation> m_sources;
    QList<int> m_numbers; // per citation: 1.., or 0 for a source past kMaxSources
    QList<int> m_keys;    // per citation: its distinct source (0..), numbered or not
    qsizetype m_unlisted = 0;
};

} // namespace bw

#pragma once

#include "api/assistantmessage.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace bw {

// Where an answer cites a document: the span of the answer's text the citation backs, and the
// API's citation object as received ({type: page_location | char_location | ..., cited_text,
// document_index, document_title, start_page_number, end_page_number, ...}).
struct Citation
{
    qsizetype start = 0; // [start, end) in the answer's text, in UTF-16 code units
    qsizetype end = 0;
    QJsonObject source;
    QString documentSha; // the cited attachment's SHA-256, when it is known

    QString documentTitle() const;
    QString citedText() const;
    // 1-based pages, the last one included; 0 when the citation is not by page.
    int firstPage() const;
    int lastPage() const;
    // "report.pdf, p. 3", "report.pdf, pp. 3–4", "notes.txt": what a footnote names.
    QString label() const;

    friend bool operator==(const Citation &, const Citation &) = default;
};

// The citations of `message`'s text blocks, placed in an answer whose text before this message
// is `base` code units long. `documentShas` are the request's documents in the order sent (the
// citations' document_index counts them).
QList<Citation> citationsOf(const AssistantMessage &message, qsizetype base,
                            const QStringList &documentShas);

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
    // Footnote the notes at the end ("[^1]: report.pdf, p. 3: “cited text”").
    QString apply(const QString &text, Style style) const;
    QString footnotes() const;

private:
    QList<Citation> m_citations;
    QList<Citation> m_sources;
    QList<int> m_numbers; // per citation
};

} // namespace bw

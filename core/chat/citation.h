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
    QString citedLine() const; // the cited text on one line (for a footnote)
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

} // namespace bw

#pragma once

#include "usage.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace bw {

// One content block of an answer. Text and thinking accumulate in `text` (UTF-8); tool_use
// input accumulates in `partialJson`. Other block types are kept as received in `start`.
struct ContentBlock
{
    QString type;      // "text", "thinking", "tool_use", ...
    QJsonObject start; // the content_block object from content_block_start
    QByteArray text;   // UTF-8
    QByteArray partialJson;
    QByteArray signature; // a thinking block's, from its signature_delta
    // A text block's citations, as received (each a citations_delta's `citation`, or the block's
    // own `citations` list): {type: page_location | char_location | ..., cited_text,
    // document_index, document_title, start_page_number, end_page_number, ...}.
    QJsonArray citations;
    bool closed = false;
};

struct AssistantMessage
{
    QString id;
    QString model;
    QString stopReason;
    QString stopSequence;
    QJsonObject stopDetails; // e.g. a refusal's {type, category, explanation}, when given
    QList<ContentBlock> blocks;
    Usage usage;
    // An answer keeps at most kMaxCitations citations (real answers cite tens of times; a server
    // sending 20,000 froze the window); the ones past it are only counted here.
    static constexpr qsizetype kMaxCitations = 1000;
    qsizetype citationsKept = 0;
    qsizetype citationsDropped = 0;
    // Appends `citation` to `block` while the answer holds fewer than kMaxCitations; else counts
    // it.
    void addCitation(ContentBlock &block, const QJsonValue &citation);

    // The concatenated text of the text blocks.
    QString text() const;
    // The thinking as a person reads it: the thinking blocks' text, one after the other.
    QString thinkingText() const;
    // The thinking blocks to send back with this answer in later turns, exactly as they came:
    // {type: thinking, thinking, signature} (complete blocks only: one without its signature
    // cannot be sent back) and {type: redacted_thinking, data}.
    QJsonArray thinkingBlocks() const;
    bool hasRedactedThinking() const;
    // The text of thinking blocks that never got their signature (the answer was cut).
    QString unsignedThinking() const;

    // Builds a message from a non-streaming /v1/messages answer.
    static AssistantMessage fromJson(const QJsonObject &message);
};

} // namespace bw

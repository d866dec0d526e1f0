#pragma once

#include "usage.h"

#include <QByteArray>
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
    bool closed = false;
};

struct AssistantMessage
{
    QString id;
    QString model;
    QString stopReason;
    QString stopSequence;
    QList<ContentBlock> blocks;
    Usage usage;

    // The concatenated text of the text blocks.
    QString text() const;

    // Builds a message from a non-streaming /v1/messages answer.
    static AssistantMessage fromJson(const QJsonObject &message);
};

} // namespace bw

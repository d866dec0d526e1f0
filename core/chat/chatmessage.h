#pragma once

#include "api/apierror.h"
#include "api/messagerequest.h"
#include "api/usage.h"
#include "citation.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace bw {

enum class MessageStatus { Complete, Streaming, Interrupted, Failed };
QString messageStatusName(MessageStatus status); // "complete", "streaming", "interrupted", "failed"
MessageStatus messageStatusFromName(QStringView name);

// One turn of a conversation, with what the user sees in its footer.
struct ChatMessage
{
    QString id;
    QString parentId;     // the message this one follows ("" for a first message)
    QString shownChildId; // at a fork: the version shown below this message ("": the newest)
    QString role;         // "user" or "assistant"
    QString text;
    // A prompt's files (sent before its text), an answer's citations of them.
    QList<Attachment> attachments;
    QList<Citation> citations;
    QDateTime created;
    QDateTime finished;
    QString model;
    Usage usage;
    MessageStatus status = MessageStatus::Complete;
    int attempts = 0;
    ErrorKind errorKind = ErrorKind::None;
    QString errorText; // what happened, and what to do, for interrupted and failed answers
    QString stopReason;
    QJsonObject stopDetails; // a refusal's category and explanation, when the API gives them
    // The thinking before the answer: as shown (live while it streams), and the blocks sent
    // back with this answer in later turns, byte for byte as received (never edited).
    QString thinking;
    QJsonArray thinkingBlocks;
    qint64 thinkingMs = -1;            // "thought for": first thinking token to first answer token
    qint64 timeToFirstThinkingMs = -1; // from the request to the first thinking token
    qint64 timeToFirstTokenMs = -1;    // to the first token of the answer's text
    double outputTokensPerSecond = 0;
    double costUsd = 0;
    // What prompt caching saved on this answer against the same requests without it (negative
    // when the cache was written and not read back).
    double cacheSavingsUsd = 0;
    // When another model answered than the one asked, because that one was overloaded before
    // the answer began: the models passed over, in order, and why the first was ("overloaded",
    // "circuit_open"). `model` is the one that answered.
    QStringList fallbackFrom;
    QString fallbackReason;
    QJsonObject unknownFields;         // fields a newer Breakwater wrote: kept on re-save
    QJsonObject unknownUsageFields;    // ... inside "usage"
    QJsonObject unknownErrorFields;    // ... inside "error"
    QJsonObject unknownFallbackFields; // ... inside "fallback"

    bool isUser() const { return role == u"user"; }
    bool isAssistant() const { return role == u"assistant"; }
    bool hasThinking() const { return !thinking.isEmpty() || !thinkingBlocks.isEmpty(); }
    bool hasRedactedThinking() const;
    bool isFallback() const { return !fallbackFrom.isEmpty(); }
    // Why the answer stopped, when it is not a plain end: "cut off at N tokens", the model
    // declining, a full context, or an unknown reason by name. Empty for end_turn and the like.
    QString stopNotice() const;

    static ChatMessage user(QString text, const QDateTime &created,
                            QList<Attachment> attachments = {});
    // An answer about to stream.
    static ChatMessage assistant(QString model, const QDateTime &created);

    friend bool operator==(const ChatMessage &, const ChatMessage &) = default;
};

// The thinking as a person reads it: the thinking blocks' text, each block apart.
QString thinkingTextOf(const QJsonArray &blocks);

// The API's turns for messages [begin, end): empty answers skipped, consecutive same-role turns
// joined (the API would merge them anyway), so roles alternate and the first is the user's.
// Answers carry their thinking blocks, prompts their attachments (without their bytes).
QList<ChatTurn> apiTurns(const QList<ChatMessage> &messages, int begin, int end);

} // namespace bw

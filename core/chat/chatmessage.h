#pragma once

#include "api/apierror.h"
#include "api/messagerequest.h"
#include "api/usage.h"

#include <QDateTime>
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
    QDateTime created;
    QDateTime finished;
    QString model;
    Usage usage;
    MessageStatus status = MessageStatus::Complete;
    int attempts = 0;
    ErrorKind errorKind = ErrorKind::None;
    QString errorText; // what happened, and what to do, for interrupted and failed answers
    QString stopReason;
    qint64 timeToFirstTokenMs = -1;
    double outputTokensPerSecond = 0;
    double costUsd = 0;
    QJsonObject unknownFields; // fields a newer Breakwater wrote: kept on re-save

    bool isUser() const { return role == u"user"; }
    bool isAssistant() const { return role == u"assistant"; }

    static ChatMessage user(QString text, const QDateTime &created);
    // An answer about to stream.
    static ChatMessage assistant(QString model, const QDateTime &created);
};

// The API's turns for messages [begin, end): empty answers skipped, consecutive same-role turns
// joined (the API would merge them anyway), so roles alternate and the first is the user's.
QList<ChatTurn> apiTurns(const QList<ChatMessage> &messages, int begin, int end);

} // namespace bw

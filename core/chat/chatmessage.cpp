#include "chatmessage.h"

#include <QUuid>

namespace bw {

QString messageStatusName(MessageStatus status)
{
    switch (status) {
    case MessageStatus::Complete:
        return QStringLiteral("complete");
    case MessageStatus::Streaming:
        return QStringLiteral("streaming");
    case MessageStatus::Interrupted:
        return QStringLiteral("interrupted");
    case MessageStatus::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

MessageStatus messageStatusFromName(QStringView name)
{
    if (name == u"streaming")
        return MessageStatus::Streaming;
    if (name == u"interrupted")
        return MessageStatus::Interrupted;
    if (name == u"failed")
        return MessageStatus::Failed;
    return MessageStatus::Complete;
}

static QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

ChatMessage ChatMessage::user(QString text, const QDateTime &created)
{
    ChatMessage m;
    m.id = newId();
    m.role = QStringLiteral("user");
    m.text = std::move(text);
    m.created = m.finished = created;
    return m;
}

ChatMessage ChatMessage::assistant(QString model, const QDateTime &created)
{
    ChatMessage m;
    m.id = newId();
    m.role = QStringLiteral("assistant");
    m.model = std::move(model);
    m.status = MessageStatus::Streaming;
    m.created = created;
    return m;
}

QList<ChatTurn> apiTurns(const QList<ChatMessage> &messages, int begin, int end)
{
    QList<ChatTurn> turns;
    for (int i = std::max(0, begin); i < end && i < messages.size(); ++i) {
        const ChatMessage &m = messages[i];
        if (m.text.trimmed().isEmpty())
            continue;
        if (turns.isEmpty() && !m.isUser())
            continue; // the API's first turn is the user's
        if (!turns.isEmpty() && turns.last().role == m.role)
            turns.last().text += QStringLiteral("\n\n") + m.text;
        else
            turns.append({m.role, m.text});
    }
    return turns;
}

} // namespace bw

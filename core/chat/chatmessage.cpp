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

ChatMessage ChatMessage::user(QString text)
{
    ChatMessage m;
    m.id = newId();
    m.role = QStringLiteral("user");
    m.text = std::move(text);
    m.created = m.finished = QDateTime::currentDateTimeUtc();
    return m;
}

ChatMessage ChatMessage::assistant(QString model)
{
    ChatMessage m;
    m.id = newId();
    m.role = QStringLiteral("assistant");
    m.model = std::move(model);
    m.status = MessageStatus::Streaming;
    m.created = QDateTime::currentDateTimeUtc();
    return m;
}

} // namespace bw

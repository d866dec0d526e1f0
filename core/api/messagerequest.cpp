#include "messagerequest.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace bw {

MessageRequest &MessageRequest::setModel(QString model)
{
    m_model = std::move(model);
    return *this;
}

MessageRequest &MessageRequest::setMaxTokens(int maxTokens)
{
    m_maxTokens = maxTokens;
    return *this;
}

MessageRequest &MessageRequest::setSystem(QString system)
{
    m_system = std::move(system);
    return *this;
}

MessageRequest &MessageRequest::setMessages(QList<ChatTurn> messages)
{
    m_messages = std::move(messages);
    return *this;
}

MessageRequest &MessageRequest::addMessage(QString role, QString text)
{
    m_messages.append({std::move(role), std::move(text)});
    return *this;
}

MessageRequest &MessageRequest::setStopSequences(QStringList sequences)
{
    m_stopSequences = std::move(sequences);
    return *this;
}

MessageRequest &MessageRequest::setMetadataUserId(QString userId)
{
    m_userId = std::move(userId);
    return *this;
}

QString MessageRequest::validate() const
{
    if (m_model.trimmed().isEmpty())
        return tr("no model is set");
    if (m_maxTokens < 1)
        return tr("max tokens must be at least 1");
    if (m_messages.isEmpty())
        return tr("there is no message to send");
    if (m_messages.first().role != u"user")
        return tr("the conversation must start with a user message");
    for (const ChatTurn &t : m_messages) {
        if (t.role != u"user" && t.role != u"assistant")
            return tr("unknown role '%1'").arg(t.role);
        if (t.text.trimmed().isEmpty())
            return tr("a %1 message is empty").arg(t.role);
    }
    return {};
}

static QJsonObject baseBody(const MessageRequest &r)
{
    QJsonArray messages;
    for (const ChatTurn &t : r.messages())
        messages.append(
            QJsonObject{{QLatin1String("role"), t.role}, {QLatin1String("content"), t.text}});
    QJsonObject body{{QLatin1String("model"), r.model()}, {QLatin1String("messages"), messages}};
    if (!r.system().isEmpty())
        body.insert(QLatin1String("system"), r.system());
    return body;
}

QByteArray MessageRequest::toJson(bool stream) const
{
    QJsonObject body = baseBody(*this);
    body.insert(QLatin1String("max_tokens"), m_maxTokens);
    if (stream)
        body.insert(QLatin1String("stream"), true);
    if (!m_stopSequences.isEmpty())
        body.insert(QLatin1String("stop_sequences"), QJsonArray::fromStringList(m_stopSequences));
    if (!m_userId.isEmpty())
        body.insert(QLatin1String("metadata"), QJsonObject{{QLatin1String("user_id"), m_userId}});
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QByteArray MessageRequest::toCountTokensJson() const
{
    return QJsonDocument(baseBody(*this)).toJson(QJsonDocument::Compact);
}

} // namespace bw

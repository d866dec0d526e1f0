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
    m_messages.append({std::move(role), std::move(text), {}});
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

MessageRequest &MessageRequest::setThinking(ThinkingConfig thinking)
{
    m_thinking = std::move(thinking);
    return *this;
}

MessageRequest &MessageRequest::setPromptCache(PromptCache cache)
{
    m_cache = cache;
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
        if (t.text.trimmed().isEmpty() && t.thinking.isEmpty()) // thinking alone: a paused turn
            return tr("a %1 message is empty").arg(t.role);
    }
    if (m_thinking.mode == ThinkingConfig::Mode::Budget &&
        (m_thinking.budgetTokens < ThinkingConfig::kMinBudget ||
         m_thinking.budgetTokens >= m_maxTokens))
        return tr("the thinking budget (%1 tokens) must be at least %2 and below max tokens (%3)")
            .arg(m_thinking.budgetTokens)
            .arg(ThinkingConfig::kMinBudget)
            .arg(m_maxTokens);
    return {};
}

static QJsonObject baseBody(const MessageRequest &r)
{
    QJsonArray messages;
    for (const ChatTurn &t : r.messages()) {
        if (t.thinking.isEmpty()) {
            messages.append(
                QJsonObject{{QLatin1String("role"), t.role}, {QLatin1String("content"), t.text}});
            continue;
        }
        QJsonArray content = t.thinking; // first, as received
        if (!t.text.trimmed().isEmpty()) // the service refuses an empty text block
            content.append(QJsonObject{{QLatin1String("type"), QLatin1String("text")},
                                       {QLatin1String("text"), t.text}});
        messages.append(
            QJsonObject{{QLatin1String("role"), t.role}, {QLatin1String("content"), content}});
    }
    QJsonObject body{{QLatin1String("model"), r.model()}, {QLatin1String("messages"), messages}};
    if (!r.system().isEmpty())
        body.insert(QLatin1String("system"), r.system());
    r.thinking().writeTo(body); // count_tokens counts with the same thinking
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
    m_cache.writeTo(body); // not in count_tokens: nothing is cached by counting
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QByteArray MessageRequest::toCountTokensJson() const
{
    QJsonObject body = baseBody(*this);
    body.remove(QLatin1String("output_config")); // an answer's setting: nothing to count
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

} // namespace bw

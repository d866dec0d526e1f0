#include "chatmessage.h"

#include <QCoreApplication>
#include <QLocale>
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

ChatMessage ChatMessage::user(QString text, const QDateTime &created, QList<Attachment> attachments)
{
    ChatMessage m;
    m.id = newId();
    m.role = QStringLiteral("user");
    m.text = std::move(text);
    m.attachments = std::move(attachments);
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

bool ChatMessage::hasRedactedThinking() const
{
    for (const QJsonValue &b : thinkingBlocks) {
        if (b.toObject().value(QLatin1String("type")).toString() == u"redacted_thinking")
            return true;
    }
    return false;
}

QString ChatMessage::stopNotice() const
{
    if (stopReason.isEmpty() || stopReason == u"end_turn" || stopReason == u"stop_sequence" ||
        stopReason == u"tool_use")
        return {};
    if (stopReason == u"max_tokens") {
        const int tokens = int(std::min(usage.outputTokens, qint64(INT_MAX)));
        return QCoreApplication::translate(
            "bw::ChatMessage", "Cut off at %n tokens: the answer reached its max tokens limit.",
            nullptr, tokens);
    }
    if (stopReason == u"refusal") {
        QString said =
            QCoreApplication::translate("bw::ChatMessage", "Claude declined to answer this.");
        const QString category = stopDetails.value(QLatin1String("category")).toString();
        const QString explanation = stopDetails.value(QLatin1String("explanation")).toString();
        if (!category.isEmpty())
            said += QLatin1Char(' ') +
                    QCoreApplication::translate("bw::ChatMessage", "Category: %1.").arg(category);
        if (!explanation.isEmpty())
            said += QLatin1Char(' ') + explanation;
        return said;
    }
    if (stopReason == u"model_context_window_exceeded")
        return QCoreApplication::translate(
            "bw::ChatMessage",
            "The conversation filled the model's context window and the answer stopped "
            "there. Compress the older turns (Compress now in the Summary panel, or turn "
            "compression on in the settings) and regenerate, or start a new conversation.");
    if (stopReason == u"pause_turn")
        return QCoreApplication::translate(
            "bw::ChatMessage",
            "The model paused its turn and did not go on after being asked again three times. "
            "Regenerate to ask again.");
    return QCoreApplication::translate(
               "bw::ChatMessage", "The answer stopped for a reason Breakwater does not know: '%1'.")
        .arg(stopReason);
}

QString thinkingTextOf(const QJsonArray &blocks)
{
    QString text;
    for (const QJsonValue &v : blocks) {
        const QJsonObject b = v.toObject();
        if (b.value(QLatin1String("type")).toString() != u"thinking")
            continue;
        if (!text.isEmpty())
            text += QStringLiteral("\n\n");
        text += b.value(QLatin1String("thinking")).toString();
    }
    return text;
}

QList<ChatTurn> apiTurns(const QList<ChatMessage> &messages, int begin, int end)
{
    QList<ChatTurn> turns;
    for (int i = std::max(0, begin); i < end && i < messages.size(); ++i) {
        const ChatMessage &m = messages[i];
        if (m.text.trimmed().isEmpty() && (m.isAssistant() || m.attachments.isEmpty()))
            continue;
        if (turns.isEmpty() && !m.isUser())
            continue; // the API's first turn is the user's
        if (!turns.isEmpty() && turns.last().role == m.role) {
            ChatTurn &last = turns.last();
            if (!m.text.trimmed().isEmpty())
                last.text += (last.text.isEmpty() ? QString() : QStringLiteral("\n\n")) + m.text;
            for (const QJsonValue &b : m.thinkingBlocks)
                last.thinking.append(b);
            last.attachments += m.attachments;
        } else {
            turns.append({m.role, m.text, m.isAssistant() ? m.thinkingBlocks : QJsonArray(),
                          m.isUser() ? m.attachments : QList<Attachment>()});
        }
    }
    return turns;
}

} // namespace bw

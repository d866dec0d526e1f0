#include "assistantmessage.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace bw {

QString AssistantMessage::text() const
{
    QByteArray utf8;
    for (const ContentBlock &b : blocks) {
        if (b.type == u"text")
            utf8 += b.text;
    }
    return QString::fromUtf8(utf8);
}

QString AssistantMessage::thinkingText() const
{
    QByteArray utf8;
    for (const ContentBlock &b : blocks) {
        if (b.type == u"thinking") {
            if (!utf8.isEmpty())
                utf8 += "\n\n";
            utf8 += b.text;
        }
    }
    return QString::fromUtf8(utf8);
}

QJsonArray AssistantMessage::thinkingBlocks() const
{
    QJsonArray out;
    for (const ContentBlock &b : blocks) {
        if (b.type == u"thinking" && b.closed && !b.signature.isEmpty()) {
            out.append(QJsonObject{{QLatin1String("type"), QLatin1String("thinking")},
                                   {QLatin1String("thinking"), QString::fromUtf8(b.text)},
                                   {QLatin1String("signature"), QString::fromUtf8(b.signature)}});
        } else if (b.type == u"redacted_thinking" &&
                   !b.start.value(QLatin1String("data")).toString().isEmpty()) {
            // Only with its data: a block without it would make the service refuse every later
            // turn.
            out.append(QJsonObject{{QLatin1String("type"), QLatin1String("redacted_thinking")},
                                   {QLatin1String("data"), b.start.value(QLatin1String("data"))}});
        }
    }
    return out;
}

QString AssistantMessage::unsignedThinking() const
{
    QByteArray utf8;
    for (const ContentBlock &b : blocks) {
        if (b.type == u"thinking" && (!b.closed || b.signature.isEmpty())) {
            if (!utf8.isEmpty())
                utf8 += "\n\n";
            utf8 += b.text;
        }
    }
    return QString::fromUtf8(utf8);
}

bool AssistantMessage::hasRedactedThinking() const
{
    for (const ContentBlock &b : blocks) {
        if (b.type == u"redacted_thinking")
            return true;
    }
    return false;
}

AssistantMessage AssistantMessage::fromJson(const QJsonObject &message)
{
    AssistantMessage m;
    m.id = message.value(QLatin1String("id")).toString();
    m.model = message.value(QLatin1String("model")).toString();
    m.stopReason = message.value(QLatin1String("stop_reason")).toString();
    m.stopSequence = message.value(QLatin1String("stop_sequence")).toString();
    m.stopDetails = message.value(QLatin1String("stop_details")).toObject();
    m.usage = Usage::fromJson(message.value(QLatin1String("usage")).toObject());
    const QJsonArray content = message.value(QLatin1String("content")).toArray();
    for (const QJsonValue &v : content) {
        const QJsonObject o = v.toObject();
        ContentBlock b;
        b.type = o.value(QLatin1String("type")).toString();
        b.start = o;
        b.closed = true;
        if (b.type == u"text") {
            b.text = o.value(QLatin1String("text")).toString().toUtf8();
            for (const QJsonValue &c : o.value(QLatin1String("citations")).toArray())
                m.addCitation(b, c);
        } else if (b.type == u"thinking") {
            b.text = o.value(QLatin1String("thinking")).toString().toUtf8();
            b.signature = o.value(QLatin1String("signature")).toString().toUtf8();
        } else if (b.type == u"tool_use")
            b.partialJson = QJsonDocument(o.value(QLatin1String("input")).toObject())
                                .toJson(QJsonDocument::Compact);
        m.blocks.append(std::move(b));
    }
    return m;
}

void AssistantMessage::addCitation(ContentBlock &block, const QJsonValue &citation)
{
    if (citationsKept < kMaxCitations) {
        block.citations.append(citation);
        ++citationsKept;
    } else {
        ++citationsDropped;
    }
}

} // namespace bw

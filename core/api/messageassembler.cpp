#include "messageassembler.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace bw {

// "message" is the SSE default name: a stream without `event:` lines is read by its JSON type.
static bool isKnownEvent(QByteArrayView name)
{
    return name == "content_block_delta" || name == "message_start" ||
           name == "content_block_start" || name == "content_block_stop" ||
           name == "message_delta" || name == "message_stop" || name == "error" ||
           name == "message";
}

// Each known delta belongs to one kind of block. Thinking appended to a text block would put
// into the answer what was never streamed as the answer (found by fuzz_stream); tool input goes
// to any tool-like block (tool_use, server_tool_use, and kinds to come).
static bool deltaFitsBlock(QStringView deltaType, QStringView blockType)
{
    if (deltaType == u"text_delta")
        return blockType == u"text";
    if (deltaType == u"thinking_delta")
        return blockType == u"thinking";
    if (deltaType == u"input_json_delta")
        return blockType != u"text" && blockType != u"thinking";
    return true; // signatures, citations (kept for text blocks) and unknown deltas
}

MessageAssembler::MessageAssembler(qsizetype maxAnswerBytes, qsizetype maxBlocks)
    : m_maxAnswerBytes(maxAnswerBytes)
    , m_maxBlocks(maxBlocks)
{}

MessageAssembler::Step MessageAssembler::fail(ErrorKind kind, QString message)
{
    m_state = State::Failed;
    m_error = ApiError::make(kind, std::move(message));
    return Step::Failed;
}

bool MessageAssembler::spend(qsizetype bytes)
{
    m_answerBytes += bytes;
    if (m_answerBytes <= m_maxAnswerBytes)
        return true;
    fail(ErrorKind::Protocol,
         tr("the answer grew past %1 MiB; stopped reading it").arg(m_maxAnswerBytes >> 20));
    return false;
}

ContentBlock *MessageAssembler::openBlock(int index)
{
    if (index < 0 || index >= m_message.blocks.size())
        return nullptr;
    ContentBlock *b = &m_message.blocks[index];
    return b->closed ? nullptr : b;
}

MessageAssembler::Step MessageAssembler::appendText(ContentBlock &block, QByteArrayView utf8,
                                                    bool thinking)
{
    if (!spend(utf8.size())) // one limit for the whole answer, thinking included
        return Step::Failed;
    block.text.append(utf8);
    m_lastText = utf8;
    if (thinking) {
        ++m_thinkingDeltas;
        return Step::Thinking;
    }
    ++m_textDeltas;
    return Step::Text;
}

MessageAssembler::Step MessageAssembler::handle(QByteArrayView eventType, QByteArrayView data)
{
    if (m_state == State::Failed)
        return Step::Failed;
    if (!isKnownEvent(eventType))
        return Step::Ignored; // the API's rule: pings and unknown events are ignored, unparsed

    // The fast path takes a text delta for an open block and nothing else: every other shape,
    // and every error, is the full parser's, so both ways give the same answer and messages.
    if (m_fastPath && eventType == "content_block_delta" && m_state == State::Streaming &&
        m_textDelta.parse(data)) {
        ContentBlock *b = openBlock(m_textDelta.index());
        if (b && b->type == u"text")
            return appendText(*b, m_textDelta.text());
    }
    return handleJson(eventType, data);
}

MessageAssembler::Step MessageAssembler::handleJson(QByteArrayView eventType, QByteArrayView data)
{
    ++m_fullParses;
    QJsonParseError parseError;
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray::fromRawData(data.data(), data.size()), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        return fail(ErrorKind::Protocol,
                    tr("the stream carried invalid JSON in a '%1' event (%2)")
                        .arg(QString::fromUtf8(eventType), parseError.errorString()));
    }
    const QJsonObject o = doc.object();
    // The event name decides; a stream without `event:` lines is read by the JSON type.
    QString type = QString::fromUtf8(eventType);
    if (type == u"message")
        type = o.value(QLatin1String("type")).toString();

    if (type == u"error") {
        // An error event has the shape of an HTTP error body; after HTTP 200 it has no status.
        m_state = State::Failed;
        m_error = classifyHttpError(0, data, {}, {}); // no headers: no retry date to resolve
        if (m_error.kind == ErrorKind::Protocol)
            m_error.kind = ErrorKind::Server; // an error type we do not know: still the server's
        return Step::Failed;
    }
    if (type == u"message_start") {
        if (m_state != State::Idle)
            return fail(ErrorKind::Protocol, tr("a second message_start arrived"));
        const QJsonObject msg = o.value(QLatin1String("message")).toObject();
        m_message.id = msg.value(QLatin1String("id")).toString();
        m_message.model = msg.value(QLatin1String("model")).toString();
        m_message.usage.merge(msg.value(QLatin1String("usage")).toObject());
        m_state = State::Streaming;
        return Step::Started;
    }
    if (type == u"ping")
        return Step::Ignored;
    const bool known = type == u"content_block_start" || type == u"content_block_delta" ||
                       type == u"content_block_stop" || type == u"message_delta" ||
                       type == u"message_stop";
    if (!known)
        return Step::Ignored; // the API's rule: unknown events are ignored
    if (m_state != State::Streaming)
        return fail(ErrorKind::Protocol, m_state == State::Idle
                                             ? tr("'%1' arrived before message_start").arg(type)
                                             : tr("'%1' arrived after message_stop").arg(type));

    // toInt() gives the default for anything not exactly an int (1e300, 2^32, 0.5): never wraps.
    const int index = o.value(QLatin1String("index")).toInt(-1);
    if (type == u"content_block_start") {
        if (index != m_message.blocks.size())
            return fail(ErrorKind::Protocol,
                        tr("content block %1 started out of order").arg(index));
        if (m_message.blocks.size() >= m_maxBlocks)
            return fail(ErrorKind::Protocol,
                        tr("the answer has more than %1 content blocks; stopped reading it")
                            .arg(m_maxBlocks));
        if (!spend(data.size())) // the block as it starts is kept whole
            return Step::Failed;
        ContentBlock b;
        b.start = o.value(QLatin1String("content_block")).toObject();
        b.type = b.start.value(QLatin1String("type")).toString();
        b.text =
            b.start.value(b.type == u"thinking" ? QLatin1String("thinking") : QLatin1String("text"))
                .toString()
                .toUtf8();
        if (b.type == u"thinking")
            b.signature = b.start.value(QLatin1String("signature")).toString().toUtf8();
        if (b.type == u"text")
            for (const QJsonValue &c : b.start.value(QLatin1String("citations")).toArray())
                m_message.addCitation(b, c);
        m_message.blocks.append(std::move(b));
        return Step::Updated;
    }
    if (type == u"content_block_delta") {
        ContentBlock *b = openBlock(index);
        if (!b)
            return fail(ErrorKind::Protocol,
                        tr("a delta arrived for content block %1, which is not open").arg(index));
        const QJsonObject delta = o.value(QLatin1String("delta")).toObject();
        const QString deltaType = delta.value(QLatin1String("type")).toString();
        if (!deltaFitsBlock(deltaType, b->type))
            return fail(ErrorKind::Protocol,
                        tr("a %1 arrived for content block %2, which is a %3 block")
                            .arg(deltaType, QString::number(index), b->type));
        if (deltaType == u"text_delta") {
            m_scratch = delta.value(QLatin1String("text")).toString().toUtf8();
            return appendText(*b, m_scratch);
        }
        if (deltaType == u"thinking_delta") {
            m_scratch = delta.value(QLatin1String("thinking")).toString().toUtf8();
            return appendText(*b, m_scratch, true);
        }
        if (deltaType == u"signature_delta") {
            const QByteArray signature =
                delta.value(QLatin1String("signature")).toString().toUtf8();
            if (!spend(signature.size()))
                return Step::Failed;
            b->signature.append(signature);
            return Step::Updated;
        }
        if (deltaType == u"input_json_delta") {
            const QByteArray json = delta.value(QLatin1String("partial_json")).toString().toUtf8();
            if (!spend(json.size()))
                return Step::Failed;
            b->partialJson.append(json);
            return Step::Updated;
        }
        // Citations and future deltas are part of the answer too: an endless run of them ends at
        // the same limit.
        if (!spend(data.size()))
            return Step::Failed;
        // A text block's citation (on another block it would cite nothing shown).
        if (deltaType == u"citations_delta" && b->type == u"text" &&
            delta.value(QLatin1String("citation")).isObject()) {
            m_message.addCitation(*b, delta.value(QLatin1String("citation")));
            return Step::Updated;
        }
        return Step::Ignored;
    }
    if (type == u"content_block_stop") {
        ContentBlock *b = openBlock(index);
        if (!b)
            return fail(ErrorKind::Protocol,
                        tr("content block %1 stopped but was not open").arg(index));
        b->closed = true;
        return Step::Updated;
    }
    if (type == u"message_delta") {
        const QJsonObject delta = o.value(QLatin1String("delta")).toObject();
        if (delta.contains(QLatin1String("stop_reason")))
            m_message.stopReason = delta.value(QLatin1String("stop_reason")).toString();
        if (delta.contains(QLatin1String("stop_sequence")))
            m_message.stopSequence = delta.value(QLatin1String("stop_sequence")).toString();
        if (delta.value(QLatin1String("stop_details")).isObject())
            m_message.stopDetails = delta.value(QLatin1String("stop_details")).toObject();
        m_message.usage.merge(o.value(QLatin1String("usage")).toObject());
        return Step::Updated;
    }
    // message_stop
    m_state = State::Stopped;
    return Step::Stopped;
}

MessageAssembler::Step MessageAssembler::finish()
{
    switch (m_state) {
    case State::Stopped:
        return Step::Stopped;
    case State::Failed:
        return Step::Failed;
    case State::Idle:
        return fail(ErrorKind::Incomplete, tr("the stream ended before the message began"));
    case State::Streaming:
        break;
    }
    return fail(ErrorKind::Incomplete, tr("the stream ended before message_stop"));
}

} // namespace bw

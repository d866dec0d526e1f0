#include "messageassembler.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUtf8StringView>

#include <cstring>

namespace bw {

namespace {

void appendUtf8(QByteArray &out, uint cp)
{
    if (cp < 0x80) {
        out.append(char(cp));
    } else if (cp < 0x800) {
        out.append(char(0xC0 | (cp >> 6)));
        out.append(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.append(char(0xE0 | (cp >> 12)));
        out.append(char(0x80 | ((cp >> 6) & 0x3F)));
        out.append(char(0x80 | (cp & 0x3F)));
    } else {
        out.append(char(0xF0 | (cp >> 18)));
        out.append(char(0x80 | ((cp >> 12) & 0x3F)));
        out.append(char(0x80 | ((cp >> 6) & 0x3F)));
        out.append(char(0x80 | (cp & 0x3F)));
    }
}

bool readHex4(const char *p, const char *end, uint &value)
{
    if (end - p < 4)
        return false;
    value = 0;
    for (int i = 0; i < 4; ++i) {
        const char c = p[i];
        value <<= 4;
        if (c >= '0' && c <= '9')
            value |= uint(c - '0');
        else if (c >= 'a' && c <= 'f')
            value |= uint(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            value |= uint(c - 'A' + 10);
        else
            return false;
    }
    return true;
}

// Decodes the JSON string starting after its opening quote into UTF-8; leaves p after the
// closing quote. Returns false on anything unusual so the caller can use the full parser.
bool decodeJsonString(const char *&p, const char *end, QByteArray &out)
{
    out.clear();
    const char *run = p;
    bool nonAscii = false;
    while (p < end) {
        const auto c = static_cast<unsigned char>(*p);
        if (c == '"') {
            out.append(run, p - run);
            ++p;
            return !nonAscii || QUtf8StringView(out).isValidUtf8();
        }
        if (c < 0x20)
            return false; // JSON forbids raw control characters
        nonAscii |= c >= 0x80;
        if (c != '\\') {
            ++p;
            continue;
        }
        out.append(run, p - run);
        if (end - p < 2)
            return false;
        const char esc = p[1];
        p += 2;
        switch (esc) {
        case '"':
            out.append('"');
            break;
        case '\\':
            out.append('\\');
            break;
        case '/':
            out.append('/');
            break;
        case 'b':
            out.append('\b');
            break;
        case 'f':
            out.append('\f');
            break;
        case 'n':
            out.append('\n');
            break;
        case 'r':
            out.append('\r');
            break;
        case 't':
            out.append('\t');
            break;
        case 'u': {
            uint cp = 0;
            if (!readHex4(p, end, cp))
                return false;
            p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                uint low = 0;
                if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || !readHex4(p + 2, end, low) ||
                    low < 0xDC00 || low > 0xDFFF)
                    return false;
                p += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return false;
            }
            appendUtf8(out, cp);
            break;
        }
        default:
            return false;
        }
        run = p;
    }
    return false;
}

bool consume(const char *&p, const char *end, QByteArrayView literal)
{
    if (end - p < literal.size() || std::memcmp(p, literal.data(), size_t(literal.size())) != 0)
        return false;
    p += literal.size();
    return true;
}

} // namespace

// "message" is the SSE default name: a stream without `event:` lines is read by its JSON type.
static bool isKnownEvent(QByteArrayView name)
{
    return name == "content_block_delta" || name == "message_start" ||
           name == "content_block_start" || name == "content_block_stop" ||
           name == "message_delta" || name == "message_stop" || name == "error" ||
           name == "message";
}

MessageAssembler::MessageAssembler(qsizetype maxTextBytes)
    : m_maxTextBytes(maxTextBytes)
{}

MessageAssembler::Step MessageAssembler::fail(ErrorKind kind, QString message)
{
    m_state = State::Failed;
    m_error = ApiError::make(kind, std::move(message));
    return Step::Failed;
}

ContentBlock *MessageAssembler::openBlock(int index)
{
    if (index < 0 || index >= m_message.blocks.size())
        return nullptr;
    ContentBlock *b = &m_message.blocks[index];
    return b->closed ? nullptr : b;
}

MessageAssembler::Step MessageAssembler::appendText(int index, QByteArrayView utf8, bool thinking)
{
    ContentBlock *b = openBlock(index);
    if (m_state != State::Streaming || !b)
        return fail(ErrorKind::Protocol,
                    tr("a text delta arrived for content block %1, which is not open").arg(index));
    // One limit for the whole answer, thinking included.
    m_textBytes += utf8.size();
    if (m_textBytes > m_maxTextBytes)
        return fail(
            ErrorKind::Protocol,
            tr("the answer grew past %1 MiB; stopped reading it").arg(m_maxTextBytes >> 20));
    b->text.append(utf8);
    m_lastText = utf8;
    if (thinking) {
        ++m_thinkingDeltas;
        return b->type == u"thinking" ? Step::Thinking : Step::Updated;
    }
    ++m_textDeltas;
    return b->type == u"text" ? Step::Text : Step::Updated;
}

MessageAssembler::Step MessageAssembler::handle(QByteArrayView eventType, QByteArrayView data)
{
    if (m_state == State::Failed)
        return Step::Failed;
    if (!isKnownEvent(eventType))
        return Step::Ignored; // the API's rule: pings and unknown events are ignored, unparsed

    // Fast path for the event that makes up nearly all of a stream. Anything that does not match
    // the exact shape the API sends falls through to the full JSON parser.
    if (eventType == "content_block_delta") {
        const char *p = data.data();
        const char *const end = p + data.size();
        if (consume(p, end, R"({"type":"content_block_delta","index":)")) {
            int index = 0;
            const char *digits = p;
            while (p < end && *p >= '0' && *p <= '9' && p - digits < 6)
                index = index * 10 + (*p++ - '0');
            bool thinking = false;
            if (p > digits &&
                (consume(p, end, R"(,"delta":{"type":"text_delta","text":")") ||
                 (thinking =
                      consume(p, end, R"(,"delta":{"type":"thinking_delta","thinking":")"))) &&
                decodeJsonString(p, end, m_scratch) && consume(p, end, "}}")) {
                while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
                    ++p;
                if (p == end)
                    return appendText(index, m_scratch, thinking);
            }
        }
    }
    return handleJson(eventType, data);
}

MessageAssembler::Step MessageAssembler::handleJson(QByteArrayView eventType, QByteArrayView data)
{
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

    const int index = o.value(QLatin1String("index")).toInt(-1);
    if (type == u"content_block_start") {
        if (index != m_message.blocks.size())
            return fail(ErrorKind::Protocol,
                        tr("content block %1 started out of order").arg(index));
        ContentBlock b;
        b.start = o.value(QLatin1String("content_block")).toObject();
        b.type = b.start.value(QLatin1String("type")).toString();
        b.text =
            b.start.value(b.type == u"thinking" ? QLatin1String("thinking") : QLatin1String("text"))
                .toString()
                .toUtf8();
        if (b.type == u"thinking")
            b.signature = b.start.value(QLatin1String("signature")).toString().toUtf8();
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
        if (deltaType == u"text_delta") {
            m_scratch = delta.value(QLatin1String("text")).toString().toUtf8();
            return appendText(index, m_scratch);
        }
        if (deltaType == u"thinking_delta") {
            m_scratch = delta.value(QLatin1String("thinking")).toString().toUtf8();
            return appendText(index, m_scratch, true);
        }
        if (deltaType == u"signature_delta") {
            const QByteArray signature =
                delta.value(QLatin1String("signature")).toString().toUtf8();
            m_textBytes += signature.size();
            if (m_textBytes > m_maxTextBytes)
                return fail(ErrorKind::Protocol,
                            tr("the answer grew past %1 MiB; stopped reading it")
                                .arg(m_maxTextBytes >> 20));
            b->signature.append(signature);
            return Step::Updated;
        }
        if (deltaType == u"input_json_delta") {
            b->partialJson.append(delta.value(QLatin1String("partial_json")).toString().toUtf8());
            return Step::Updated;
        }
        return Step::Ignored; // citations_delta and future ones
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

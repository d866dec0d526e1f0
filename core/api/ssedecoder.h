#pragma once

#include <QByteArray>
#include <QList>

#include <optional>

namespace bw {

struct SseEvent
{
    QByteArray type; // "message" when the stream gave none
    QByteArray data; // data lines joined by \n
};

// Incremental text/event-stream decoder following the WHATWG HTML "server-sent events"
// parsing rules. Works on bytes: every delimiter is ASCII, so a multi-byte UTF-8 character split
// across chunks is simply reassembled in the buffer and never inspected.
class SseDecoder final
{
public:
    static constexpr qsizetype kDefaultMaxEventBytes = 16 * 1024 * 1024;

    explicit SseDecoder(qsizetype maxEventBytes = kDefaultMaxEventBytes);

    // Decodes one chunk; appends each completed event to `out`. Returns false once an event's
    // data and the line being read grow past the size limit together, however the stream was
    // cut into chunks; the decoder then ignores further input.
    bool feed(QByteArrayView chunk, QList<SseEvent> &out);

    bool hasFailed() const { return m_failed; }
    // Bytes of a line or event not yet completed (an event cut off by the end of the stream is
    // not dispatched: WHATWG discards it).
    qsizetype pendingBytes() const { return m_line.size() + m_data.size(); }
    const QByteArray &lastEventId() const { return m_lastEventId; }
    std::optional<int> retryMs() const { return m_retryMs; }

private:
    bool feedBytes(QByteArrayView bytes, QList<SseEvent> &out);
    void processLine(QByteArrayView line, QList<SseEvent> &out);
    void dispatch(QList<SseEvent> &out);
    bool failOversized();

    qsizetype m_maxEventBytes;
    QByteArray m_head; // first bytes of the stream while deciding whether they are a BOM
    bool m_bomHandled = false;
    bool m_skipLf = false; // the previous chunk ended in CR: a leading LF belongs to it
    bool m_failed = false;
    QByteArray m_line;
    QByteArray m_type;
    QByteArray m_data;
    bool m_hasData = false;
    QByteArray m_lastEventId;
    std::optional<int> m_retryMs;
};

} // namespace bw

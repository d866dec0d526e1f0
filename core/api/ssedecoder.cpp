#include "ssedecoder.h"

#include <cstring>

namespace bw {

SseDecoder::SseDecoder(qsizetype maxEventBytes)
    : m_maxEventBytes(maxEventBytes)
{}

bool SseDecoder::feed(QByteArrayView chunk, QList<SseEvent> &out)
{
    if (m_failed)
        return false;
    if (m_bomHandled)
        return feedBytes(chunk, out);

    // WHATWG SSE: one leading U+FEFF is dropped. Its three bytes may arrive in separate chunks.
    static constexpr char bom[] = "\xEF\xBB\xBF";
    m_head.append(chunk);
    const qsizetype n = std::min<qsizetype>(m_head.size(), 3);
    if (std::memcmp(m_head.constData(), bom, size_t(n)) == 0 && m_head.size() < 3)
        return true; // undecided yet
    m_bomHandled = true;
    const QByteArray head = std::exchange(m_head, {});
    const bool isBom = n == 3 && std::memcmp(head.constData(), bom, 3) == 0;
    return feedBytes(QByteArrayView(head).sliced(isBom ? 3 : 0), out);
}

bool SseDecoder::feedBytes(QByteArrayView bytes, QList<SseEvent> &out)
{
    const char *p = bytes.data();
    const char *const end = p + bytes.size();
    while (p < end) {
        if (m_skipLf) {
            m_skipLf = false;
            if (*p == '\n') {
                ++p;
                continue;
            }
        }
        // WHATWG SSE: a line ends at CRLF, LF or a lone CR.
        const auto *lf = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        const char *limit = lf ? lf : end;
        const auto *cr = static_cast<const char *>(std::memchr(p, '\r', size_t(limit - p)));
        const char *eol = cr ? cr : lf;
        if (!eol) {
            m_line.append(p, end - p);
            if (pendingBytes() > m_maxEventBytes)
                return failOversized();
            break;
        }
        // The same limit on a line that ends in this read, so that where the reads were cut
        // never decides whether a stream fails.
        if (pendingBytes() + (eol - p) > m_maxEventBytes)
            return failOversized();
        if (m_line.isEmpty()) {
            processLine(QByteArrayView(p, eol - p), out);
        } else {
            m_line.append(p, eol - p);
            processLine(m_line, out);
            m_line.clear();
        }
        if (*eol == '\r')
            m_skipLf = true;
        p = eol + 1;
        if (m_data.size() > m_maxEventBytes)
            return failOversized();
    }
    return true;
}

bool SseDecoder::failOversized()
{
    m_failed = true;
    m_line.clear();
    m_data.clear();
    return false;
}

void SseDecoder::processLine(QByteArrayView line, QList<SseEvent> &out)
{
    if (line.isEmpty()) {
        dispatch(out);
        return;
    }
    if (line.front() == ':')
        return; // comment
    const auto *colon =
        static_cast<const char *>(std::memchr(line.data(), ':', size_t(line.size())));
    QByteArrayView field = line;
    QByteArrayView value;
    if (colon) {
        field = line.first(colon - line.data());
        value = line.sliced(colon - line.data() + 1);
        if (!value.isEmpty() && value.front() == ' ')
            value = value.sliced(1);
    }
    if (field == "data") {
        if (m_hasData)
            m_data.append('\n');
        m_data.append(value);
        m_hasData = true;
    } else if (field == "event") {
        m_type = value.toByteArray();
    } else if (field == "id") {
        if (!value.contains('\0'))
            m_lastEventId = value.toByteArray();
    } else if (field == "retry") {
        bool digits = !value.isEmpty();
        for (char c : value)
            digits = digits && c >= '0' && c <= '9';
        bool fits = false; // digits beyond an int are no reconnection time, not 0
        const int ms = digits ? value.toByteArray().toInt(&fits) : 0;
        if (fits)
            m_retryMs = ms;
    }
    // any other field is ignored
}

void SseDecoder::dispatch(QList<SseEvent> &out)
{
    // WHATWG SSE: an event with an empty data buffer is not dispatched.
    if (!m_hasData) {
        m_type.clear();
        return;
    }
    SseEvent ev;
    ev.type = m_type.isEmpty() ? QByteArrayLiteral("message") : std::exchange(m_type, {});
    ev.data = std::exchange(m_data, {});
    m_hasData = false;
    out.append(std::move(ev));
}

} // namespace bw

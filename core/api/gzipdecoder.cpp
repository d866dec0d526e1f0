#include "gzipdecoder.h"

#include <QByteArray>

#include <zlib.h>

namespace bw {

struct GzipDecoder::State
{
    z_stream z{};
    bool ready = false;
};

GzipDecoder::GzipDecoder()
    : m_state(std::make_unique<State>())
{
    // 15 window bits + 32: zlib detects a gzip or a zlib header by itself (zlib.h).
    m_state->ready = inflateInit2(&m_state->z, 15 + 32) == Z_OK;
}

GzipDecoder::~GzipDecoder()
{
    if (m_state->ready)
        inflateEnd(&m_state->z);
}

bool GzipDecoder::decode(QByteArrayView input, const std::function<bool(QByteArrayView)> &sink)
{
    if (!m_error.isEmpty())
        return false;
    if (!m_state->ready) {
        m_error = QStringLiteral("the decoder could not start");
        return false;
    }
    z_stream &z = m_state->z;
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(input.data()));
    z.avail_in = uInt(input.size());
    QByteArray piece(kPieceBytes, Qt::Uninitialized);
    while (!m_complete && (z.avail_in > 0 || z.avail_out == 0)) {
        z.next_out = reinterpret_cast<Bytef *>(piece.data());
        z.avail_out = uInt(piece.size());
        const int result = inflate(&z, Z_NO_FLUSH);
        if (result != Z_OK && result != Z_STREAM_END && result != Z_BUF_ERROR) {
            m_error = QString::fromLatin1(z.msg ? z.msg : "damaged data");
            return false;
        }
        const qsizetype produced = piece.size() - qsizetype(z.avail_out);
        m_complete = result == Z_STREAM_END;
        if (produced > 0 && !sink(QByteArrayView(piece.constData(), produced)))
            return true;
        if (result == Z_BUF_ERROR || (produced == 0 && !m_complete && z.avail_in == 0))
            break; // needs more input
    }
    return true;
}

} // namespace bw

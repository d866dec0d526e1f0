#pragma once

#include <QByteArrayView>
#include <QString>

#include <functional>
#include <memory>

namespace bw {

// Decodes a gzip (or zlib) body as it arrives, in bounded pieces. Breakwater asks for an
// uncompressed event stream, but some proxies compress it anyway (content-encoding: gzip), and Qt
// decodes only when it chose the encoding itself.
class GzipDecoder final
{
public:
    GzipDecoder();
    ~GzipDecoder();
    GzipDecoder(const GzipDecoder &) = delete;
    GzipDecoder &operator=(const GzipDecoder &) = delete;

    // Decodes `input`, handing the output to `sink` in pieces of at most kPieceBytes (a small
    // input may decode to a lot: it is never all held at once). Stops when `sink` returns false.
    // False when the data is not gzip or is damaged; error() says how.
    bool decode(QByteArrayView input, const std::function<bool(QByteArrayView)> &sink);
    // The compressed stream ended properly (its trailer arrived).
    bool isComplete() const { return m_complete; }
    const QString &error() const { return m_error; }

    static constexpr qsizetype kPieceBytes = 64 * 1024;

private:
    struct State;
    std::unique_ptr<State> m_state;
    bool m_complete = false;
    QString m_error;
};

} // namespace bw
